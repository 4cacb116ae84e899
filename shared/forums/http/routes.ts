import * as z from 'zod/mini';
import { Currency, Id, IsoDateTime } from '../../kernel/index.js';
import { defineRoutes, textResponse } from '../../runtime/http/routes.js';
import { cursorParam, limitParam, pageOf, pageQuery } from '../../runtime/http/schemas.js';
import { ForumInput, HeldInput, RateInput, RescheduleInput, RsvpInput, SessionInput } from '../domain/commands.js';
import { RsvpResponse, Session, Warning } from '../domain/forums.js';
import { HourlyRate } from '../domain/rates.js';
import { ForumView, MySessionItem, SessionView } from '../domain/views.js';

const ById = z.object({ id: Id });
const ForumCreated = z.object({ forumId: Id });
const RateAdded = z.object({
  forumId: Id,
  rate: z.extend(HourlyRate, { currency: Currency }),
  /** The whole history, newest first. */
  rates: z.array(HourlyRate),
});
const SessionScheduled = z.object({ sessionId: Id, warnings: z.array(Warning) });
const RsvpRecorded = z.object({ sessionId: Id, participantId: Id, response: RsvpResponse });
const SessionMoved = z.object({
  sessionId: Id,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  warnings: z.array(Warning),
});
const SessionCancelled = z.object({ sessionId: Id, status: z.literal('cancelled') });
const HeldAccepted = z.object({ sessionId: Id });

const idempotencyReuse = 'The Idempotency-Key was already used with a different request.';

export const forumRoutes = defineRoutes('forums-api', {
  createForum: {
    method: 'POST',
    path: '/api/forums',
    roles: ['coordinator'],
    summary: 'Create a forum: where it meets (and so its currency and time zone), its rate and its quorum rule.',
    body: ForumInput,
    idempotent: true,
    conflict: idempotencyReuse,
    responses: { 201: ForumCreated },
  },
  listForums: {
    method: 'GET',
    path: '/api/forums',
    roles: ['coordinator'],
    summary: 'Forums, newest first, each with the rate in force today.',
    query: z.object(pageQuery()),
    responses: { 200: pageOf(ForumView) },
  },
  getForum: {
    method: 'GET',
    path: '/api/forums/{id}',
    roles: ['coordinator'],
    summary: 'One forum: the rate in force today in `remuneration`, and every rate, newest first.',
    params: ById,
    responses: { 200: ForumView },
  },
  addForumRate: {
    method: 'POST',
    path: '/api/forums/{id}/rates',
    roles: ['coordinator'],
    summary: 'Add an hourly rate from a date (never twice for one date, never on or before a held session).',
    params: ById,
    body: RateInput,
    idempotent: true,
    conflict: `The date already has a rate, a session on or after it was recorded as held, or the forum changed while saving. ${idempotencyReuse}`,
    responses: { 201: RateAdded },
  },
  scheduleSession: {
    method: 'POST',
    path: '/api/forums/{id}/sessions',
    roles: ['coordinator'],
    summary: 'Schedule a session and invite people to it; the answer carries the scheduling warnings.',
    params: ById,
    body: SessionInput,
    idempotent: true,
    conflict: `The forum's currency and jurisdiction disagree. ${idempotencyReuse}`,
    responses: { 201: SessionScheduled },
  },
  listForumSessions: {
    method: 'GET',
    path: '/api/forums/{id}/sessions',
    roles: ['coordinator'],
    summary: "A forum's sessions in start order.",
    params: ById,
    query: z.object(pageQuery()),
    responses: { 200: pageOf(Session) },
  },
  getSession: {
    method: 'GET',
    path: '/api/sessions/{id}',
    roles: ['coordinator', 'member'],
    summary: 'A session with its invitees, answers, quorum and warnings (a member sees only their own invitation).',
    params: ById,
    responses: { 200: SessionView },
  },
  recordRsvp: {
    method: 'POST',
    path: '/api/sessions/{id}/rsvp',
    roles: ['coordinator', 'member'],
    summary: 'Answer an invitation: yes, no or maybe (a member for themself).',
    params: ById,
    body: RsvpInput,
    conflict: 'The session was cancelled or held, the person is no longer invited, or the answer changed while saving.',
    responses: { 200: RsvpRecorded },
  },
  rescheduleSession: {
    method: 'POST',
    path: '/api/sessions/{id}/reschedule',
    roles: ['coordinator'],
    summary: 'Move a scheduled session; its invitations, reminders and calendar invite move with it.',
    params: ById,
    body: RescheduleInput,
    conflict: 'The session was cancelled or held, or changed while saving.',
    responses: { 200: SessionMoved },
  },
  cancelSession: {
    method: 'POST',
    path: '/api/sessions/{id}/cancel',
    roles: ['coordinator'],
    summary: 'Cancel a session (again: no change); its invitees are told and its reminders removed.',
    params: ById,
    conflict: 'The session was held, or changed while saving.',
    responses: { 200: SessionCancelled },
  },
  getSessionCalendar: {
    method: 'GET',
    path: '/api/sessions/{id}/calendar.ics',
    roles: ['coordinator', 'member'],
    summary:
      'The session as an iCalendar invite in the forum’s time zone (a member for a session they are invited to).',
    params: ById,
    responses: {
      200: textResponse('text/calendar; charset=utf-8', 'An iCalendar (RFC 5545) file with the session as one event.'),
    },
  },
  recordSessionHeld: {
    method: 'POST',
    path: '/api/sessions/{id}/held',
    roles: ['coordinator'],
    summary: 'Record who attended, their hours and expenses; payment follows from SessionHeld.',
    params: ById,
    body: HeldInput,
    conflict:
      'The session was cancelled, has not started, was already recorded with different attendance, has no rate in force on its date, or the forum changed while saving.',
    responses: { 202: HeldAccepted },
  },
  listMySessions: {
    method: 'GET',
    path: '/api/my/sessions',
    roles: ['member'],
    summary: 'The caller’s own sessions: upcoming soonest first, or past latest first.',
    query: z.object({
      when: z._default(z.enum(['upcoming', 'past'], 'Choose upcoming or past.'), 'upcoming'),
      // At most 50: the page's sessions and forums are read in one BatchGet of up to 100 keys.
      limit: limitParam(50, 20),
      cursor: cursorParam,
    }),
    responses: { 200: pageOf(MySessionItem) },
  },
});

import * as z from 'zod';
import { Constituency, Currency, Id, IsoDateTime, MinorUnits, StakeholderGroup, TimeZone } from '../../kernel/index.js';
import {
  AttendanceEntry,
  Forum,
  InvitationStatus,
  QuorumRule,
  RsvpResponse,
  Session,
  SessionStatus,
  Venue,
  Warning,
} from './forums.js';
import { HourlyRate } from './rates.js';

/** How the API shows forums and sessions: the read models the use cases build and the routes answer. */

/** A forum on a given day: the rate in force that day in `remuneration`, and every rate, newest first. */
export const ForumView = Forum.omit({ rates: true, lastHeldOn: true, remuneration: true }).extend({
  /** The contract's shape: the rate in force today (or, before the first rate starts, that one). */
  remuneration: z.object({ hourlyRateMinor: MinorUnits.optional(), currency: Currency }),
  rates: z.array(HourlyRate),
});
export type ForumView = z.infer<typeof ForumView>;

export const QuorumStatus = z.enum(['met', 'at-risk', 'not-met']);
export const QuorumView = z.object({
  status: QuorumStatus,
  /** Before the session: from the answers (RSVPs). Once held: from who actually attended. */
  basis: z.literal('attendance').optional(),
  rule: QuorumRule,
  /** Yes answers from people with lived experience, and from everyone (once held: who attended). */
  livedExperienceYes: z.number().int().nonnegative(),
  totalYes: z.number().int().nonnegative(),
  /** Lived-experience invitees who said maybe or have not answered yet: who could still make it. */
  livedExperienceUndecided: z.number().int().nonnegative(),
  explanation: z.string(),
});
export type QuorumView = z.infer<typeof QuorumView>;

export const InviteeView = z.object({
  participantId: Id,
  displayName: z.string(),
  stakeholderGroup: StakeholderGroup.nullable(),
  constituency: Constituency.nullable(),
  /** `dropped`: withdrew consent, no longer counted or reminded. */
  status: InvitationStatus,
  rsvp: RsvpResponse.nullable(),
  rsvpAt: IsoDateTime.nullable(),
});
export type InviteeView = z.infer<typeof InviteeView>;

/** A session with its forum, invitees, answers, quorum and (while still to come) warnings. */
/**
 * One item of "You said, we did" on the forum's next scheduled session: what was said, what became
 * of it and the closing note — never who said it (the feedback context fills it in).
 */
export const YouSaidWeDidEntry = z.object({
  feedbackId: Id,
  text: z.string().min(1).max(4000),
  status: z.enum(['done', 'not-possible']),
  note: z.string().max(4000),
});
export type YouSaidWeDidEntry = z.infer<typeof YouSaidWeDidEntry>;

export const SessionView = Session.omit({ attendance: true, attendanceHash: true }).extend({
  attendance: z.array(AttendanceEntry.extend({ displayName: z.string() })).optional(),
  forum: ForumView.pick({
    forumId: true,
    name: true,
    level: true,
    areaId: true,
    timeZone: true,
    remuneration: true,
    quorum: true,
  }),
  timeZone: TimeZone,
  invitees: z.array(InviteeView),
  quorum: QuorumView,
  warnings: z.array(Warning),
  calendarUrl: z.string(),
  /** On the forum's next scheduled session: the closed feedback items it is to hear about. */
  youSaidWeDid: z.array(YouSaidWeDidEntry).max(500).optional(),
});
export type SessionView = z.infer<typeof SessionView>;

/** One of a member's own sessions (`GET /api/my/sessions`). */
export const MySessionItem = z.object({
  sessionId: Id,
  forumId: Id,
  forumName: z.string(),
  title: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  timeZone: TimeZone,
  venue: Venue,
  status: SessionStatus,
  rsvp: RsvpResponse.nullable(),
});
export type MySessionItem = z.infer<typeof MySessionItem>;

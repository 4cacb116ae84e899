import {
  ForumSessionScheduled,
  ParticipantConsentWithdrawn,
  SessionCancelled,
  SessionReminderDue,
  SessionRescheduled,
} from '../../events/index.js';
import type { LegacyRouteSpec as RouteSpec } from '../../shared/runtime/http/routes.js';
import type { FunctionSpec } from './types.js';

const api = (method: RouteSpec['method'], path: string, roles: RouteSpec['roles']): RouteSpec => ({
  method,
  path,
  fn: 'forums-api',
  roles,
});

export const forumFunctions: FunctionSpec[] = [
  {
    name: 'forums-api',
    description:
      'Forums and their sessions: create and list forums and add dated hourly rates; schedule, move and cancel sessions; RSVPs; calendar invites; record who attended; a member’s own sessions.',
    routes: [
      api('POST', '/api/forums', ['coordinator']),
      api('GET', '/api/forums', ['coordinator']),
      api('GET', '/api/forums/{id}', ['coordinator']),
      api('POST', '/api/forums/{id}/rates', ['coordinator']),
      api('POST', '/api/forums/{id}/sessions', ['coordinator']),
      api('GET', '/api/forums/{id}/sessions', ['coordinator']),
      api('GET', '/api/sessions/{id}', ['coordinator', 'member']),
      api('POST', '/api/sessions/{id}/rsvp', ['coordinator', 'member']),
      api('POST', '/api/sessions/{id}/reschedule', ['coordinator']),
      api('POST', '/api/sessions/{id}/cancel', ['coordinator']),
      api('GET', '/api/sessions/{id}/calendar.ics', ['coordinator', 'member']),
      api('POST', '/api/sessions/{id}/held', ['coordinator']),
      api('GET', '/api/my/sessions', ['member']),
    ],
    // publicUrl: the calendar invite links back to the session page.
    access: { main: 'readwrite', publicUrl: true },
  },
  {
    name: 'session-reminder-schedules',
    description:
      'On ForumSessionScheduled, SessionRescheduled and SessionCancelled: makes the session’s one-time reminder schedules (48 h and 2 h before, by default) match the session as it is now.',
    subscribes: [ForumSessionScheduled, SessionRescheduled, SessionCancelled],
    access: { main: 'read', scheduler: true },
  },
  {
    name: 'session-reminders',
    description:
      'On SessionReminderDue: sends each invitee who has not declined, and agreed to be contacted, one reminder (SES in AWS, the mailbox locally).',
    subscribes: [SessionReminderDue],
    access: { main: 'readwrite', notifier: true, publicUrl: true },
  },
  {
    name: 'session-invitations',
    description:
      'On ForumSessionScheduled, SessionRescheduled and SessionCancelled: sends each invitee who agreed to be contacted (and has not declined) one invitation, “moved” or “cancelled” message (SES in AWS, the mailbox locally).',
    subscribes: [ForumSessionScheduled, SessionRescheduled, SessionCancelled],
    access: { main: 'readwrite', notifier: true, publicUrl: true },
  },
  {
    name: 'consent-withdrawn-sessions',
    description: 'On ParticipantConsentWithdrawn: drops the participant from every session that has not started yet.',
    subscribes: [ParticipantConsentWithdrawn],
    access: { main: 'readwrite' },
  },
];

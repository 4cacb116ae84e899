import {
  ForumSessionScheduled,
  ParticipantConsentWithdrawn,
  SessionCancelled,
  SessionReminderDue,
  SessionRescheduled,
} from '../../events/index.js';
import { feedbackKeys } from '../../shared/feedback/index.js';
import { forumKeys, forumRoutes } from '../../shared/forums/index.js';
import { participantKeys } from '../../shared/participants/index.js';
import { paymentKeys } from '../../shared/payments/index.js';
import { platformKeys } from '../../shared/runtime/access.js';
import type { FunctionSpec } from './types.js';

const forumsOwn = Object.values(forumKeys);

export const forumFunctions: FunctionSpec[] = [
  {
    name: 'forums-api',
    description:
      'Forums and their sessions: create and list forums and add dated hourly rates; schedule, move and cancel sessions; RSVPs; calendar invites; record who attended; a member’s own sessions.',
    routes: forumRoutes,
    // publicUrl: the calendar invite links back to the session page.
    access: {
      main: 'readwrite',
      publicUrl: true,
      coordinatorEmail: true,
      keys: {
        write: [...forumsOwn, platformKeys.outbox, platformKeys.idempotency],
        // Invitees' records, the benefit projections payments answers (ledger and payments by person), and
        // the feedback to report back at a forum's next session ("You said, we did").
        read: [participantKeys.participant, paymentKeys.participantPayments, feedbackKeys.due, feedbackKeys.feedback],
      },
    },
    // A 500-invitee session is 18 transactions (ADR 0008); the HTTP API waits at most 30 s.
    timeoutSeconds: 29,
  },
  {
    name: 'session-reminder-schedules',
    description:
      'On ForumSessionScheduled, SessionRescheduled and SessionCancelled: makes the session’s one-time reminder schedules (48 h and 2 h before, by default) match the session as it is now.',
    subscribes: [ForumSessionScheduled, SessionRescheduled, SessionCancelled],
    access: { main: 'read', scheduler: true, keys: { read: [forumKeys.session] } },
  },
  {
    name: 'session-reminders',
    description:
      'On SessionReminderDue: sends each invitee who has not declined, and agreed to be contacted, one reminder (SES in AWS, the mailbox locally).',
    subscribes: [SessionReminderDue],
    access: {
      main: 'readwrite',
      notifier: true,
      publicUrl: true,
      keys: { write: [forumKeys.session], read: [forumKeys.forum, participantKeys.participant] },
    },
    // Up to 500 invitees a session, 8 messages at a time.
    timeoutSeconds: 120,
  },
  {
    name: 'session-invitations',
    description:
      'On ForumSessionScheduled, SessionRescheduled and SessionCancelled: sends each invitee who agreed to be contacted (and has not declined) one invitation, “moved” or “cancelled” message (SES in AWS, the mailbox locally).',
    subscribes: [ForumSessionScheduled, SessionRescheduled, SessionCancelled],
    access: {
      main: 'readwrite',
      notifier: true,
      publicUrl: true,
      keys: { write: [forumKeys.session, forumKeys.schedule], read: [forumKeys.forum, participantKeys.participant] },
    },
    // Up to 500 invitees a session, 8 messages at a time, after finishing a large move or cancel.
    timeoutSeconds: 120,
  },
  {
    name: 'consent-withdrawn-sessions',
    description: 'On ParticipantConsentWithdrawn: drops the participant from every session that has not started yet.',
    subscribes: [ParticipantConsentWithdrawn],
    access: {
      main: 'readwrite',
      keys: {
        write: [forumKeys.session, forumKeys.schedule, forumKeys.forum, platformKeys.outbox],
        read: [forumKeys.participantSessions],
      },
    },
  },
  {
    name: 'sessions-preparing-sweeper',
    description:
      'Every 5 minutes: removes a large session whose preparation was cut short (still preparing after 10 minutes, never visible), with its invitations and schedule entries.',
    every: { minutes: 5, localMs: 60_000 },
    access: { main: 'readwrite', keys: { write: [forumKeys.session, forumKeys.schedule, forumKeys.preparing] } },
  },
];

/**
 * The forums context: forums and their dated hourly rates, sessions, invitations and RSVPs,
 * attendance (SessionHeld), reminders, invitation notices and calendar invites. Other contexts,
 * functions and infra use only what is exported here.
 */

// The consumers (functions/session-*, functions/consent-withdrawn-sessions).
export { forumKeys } from './adapters/key-prefixes.js';
export { dropFromFutureSessions } from './app/consent.js';
export { backfillScheduleEntries, sweepPreparingSessions } from './app/invitation-sync.js';
export { sendSessionCancelledNotices, sendSessionInvitations, sendSessionMovedNotices } from './app/invitations.js';
export type { NoticeDeps } from './app/notices.js';
// What other contexts ask of forums (decisions, reporting; payments' projections are given PlannedSession).
export {
  type ForumQueryDeps,
  forumById,
  forumSessionsStarting,
  forumsByIds,
  invitationOf,
  invitedToForum,
  type PlannedSession,
  plannedSessionsOf,
  type ReportedForum,
  type ReportedSession,
  sessionById,
  sessionInvitees,
  sessionsForReport,
} from './app/queries.js';
export { type ReminderScheduleDeps, reconcileReminderSchedules, sendSessionReminders } from './app/reminders.js';
export type { YouSaidWeDidPort } from './app/session-view.js';
export type {
  Forum,
  Invitation,
  InvitationStatus,
  QuorumRule,
  Session,
  SessionStatus,
  Warning,
} from './domain/forums.js';
// The forums API (functions/forums-api).
export { type ForumsApiDeps, forumOperations } from './http/operations.js';
export { forumRoutes } from './http/routes.js';

import type { Participant } from '../../participants/index.js';
import type { SendClaim } from '../../runtime/store/send-claims.js';
import { getSession } from '../adapters/forums-repo.js';
import { describeTimes, type Forum, type Session, sortableTime } from '../domain/forums.js';
import {
  loadSessionAudience,
  type ReminderDeps,
  reminderRecipients,
  sendOncePerRecipient,
  sessionDetails,
  sessionUrl,
} from './reminders.js';

/**
 * Tell invitees when a session is scheduled, moved or cancelled (reminders are forums-reminders.ts).
 * Same recipients rule as reminders (contact consent, an email, not declined) and the same
 * claim-before-send record, so a redelivered event sends nothing twice. Each reads the session as it
 * is now: a message for a state the session has already left (scheduled then cancelled, moved twice)
 * is not sent; the later event's message is.
 */
export type SessionNoticeKind = 'invited' | 'moved' | 'cancelled';

/** One record per (session, kind, participant), and per start time for a move. */
export const sessionNoticeKey = (
  sessionId: string,
  kind: SessionNoticeKind,
  participantId: string,
  startsAt?: string,
) => ({
  pk: `SESSION#${sessionId}`,
  sk: `NOTICE#${kind}#${kind === 'moved' && startsAt ? `${sortableTime(startsAt)}#` : ''}${participantId}`,
});

const RETENTION_SECONDS = 90 * 24 * 3600;

const claimFor =
  (session: Session, kind: SessionNoticeKind) =>
  ({ participant }: { participant: Participant }): SendClaim => ({
    key: sessionNoticeKey(session.sessionId, kind, participant.participantId, session.startsAt),
    attributes: {
      sessionId: session.sessionId,
      kind,
      startsAt: session.startsAt,
      participantId: participant.participantId,
    },
    entity: 'session-notice-send',
    expiresAt: Math.floor(Date.parse(session.startsAt) / 1000) + RETENTION_SECONDS,
  });

export async function sendSessionInvitations(data: { sessionId: string }, deps: ReminderDeps): Promise<number> {
  const session = await getSession(deps.db, data.sessionId);
  if (session?.status !== 'scheduled') return 0;
  const { forum, invitations, participants } = await loadSessionAudience(session, deps.db);
  return sendOncePerRecipient(
    reminderRecipients(invitations, participants),
    claimFor(session, 'invited'),
    ({ participant }) => invitationMessage(session, forum, participant, deps.config.publicBaseUrl),
    deps,
  );
}

export async function sendSessionMovedNotices(
  data: { sessionId: string; startsAt: string },
  deps: ReminderDeps,
): Promise<number> {
  const session = await getSession(deps.db, data.sessionId);
  // Moved again (or cancelled) since: the later event tells people.
  if (session?.status !== 'scheduled' || Date.parse(session.startsAt) !== Date.parse(data.startsAt)) return 0;
  const { forum, invitations, participants } = await loadSessionAudience(session, deps.db);
  return sendOncePerRecipient(
    reminderRecipients(invitations, participants),
    claimFor(session, 'moved'),
    ({ participant }) => movedMessage(session, forum, participant, deps.config.publicBaseUrl),
    deps,
  );
}

export async function sendSessionCancelledNotices(data: { sessionId: string }, deps: ReminderDeps): Promise<number> {
  const session = await getSession(deps.db, data.sessionId);
  if (session?.status !== 'cancelled') return 0;
  const { forum, invitations, participants } = await loadSessionAudience(session, deps.db);
  // Cancelling marks the invitations `cancelled`; someone dropped (consent withdrawn) is not told.
  return sendOncePerRecipient(
    reminderRecipients(invitations, participants, ['invited', 'cancelled']),
    claimFor(session, 'cancelled'),
    ({ participant }) => cancelledMessage(session, forum, participant, deps.config.publicBaseUrl),
    deps,
  );
}

type ForumNames = Pick<Forum, 'name' | 'timeZone'>;
type Named = Pick<Participant, 'displayName'>;

/** The invitation: what, when (in the forum's time zone, named), where, the agenda, and where to answer. */
export function invitationMessage(session: Session, forum: ForumNames, participant: Named, publicBaseUrl: string) {
  const when = describeTimes(session, forum.timeZone);
  const lines = [
    `Hello ${participant.displayName},`,
    '',
    `You are invited to "${session.title}" (${forum.name}).`,
    '',
    ...sessionDetails(session, when),
    '',
    `Please tell us whether you can come, and download the calendar invite, here: ${sessionUrl(publicBaseUrl, session.sessionId)}`,
    '',
    'If you cannot come, that is fine. You do not need to give a reason.',
  ];
  return { subject: `Invitation: ${session.title}, ${when}`, text: lines.join('\n') };
}

export function movedMessage(session: Session, forum: ForumNames, participant: Named, publicBaseUrl: string) {
  const when = describeTimes(session, forum.timeZone);
  const lines = [
    `Hello ${participant.displayName},`,
    '',
    `"${session.title}" (${forum.name}) has moved to a new time.`,
    '',
    ...sessionDetails(session, when),
    '',
    `Please check whether you can still come, and download the updated calendar invite, here: ${sessionUrl(publicBaseUrl, session.sessionId)}`,
  ];
  return { subject: `Session moved: ${session.title}, now ${when}`, text: lines.join('\n') };
}

export function cancelledMessage(session: Session, forum: ForumNames, participant: Named, publicBaseUrl: string) {
  const when = describeTimes(session, forum.timeZone);
  const lines = [
    `Hello ${participant.displayName},`,
    '',
    `"${session.title}" (${forum.name}), which was to be on ${when}, has been cancelled.`,
    '',
    'You do not need to do anything. If it is in your calendar, you can remove it.',
    `Details: ${sessionUrl(publicBaseUrl, session.sessionId)}`,
  ];
  return { subject: `Cancelled: ${session.title}`, text: lines.join('\n') };
}

import { noticeSendClaim } from '../adapters/sends-repo.js';
import { getSession } from '../adapters/sessions-repo.js';
import { cancelledMessage, invitationMessage, movedMessage } from '../domain/messages.js';
import { followSessionNow } from './invitation-sync.js';
import { loadSessionAudience, type NoticeDeps, reminderRecipients, sendOncePerRecipient } from './notices.js';

/**
 * Tell invitees when a session is scheduled, moved or cancelled (reminders are reminders.ts). Same
 * recipients rule as reminders (contact consent, an email, not declined) and the same
 * claim-before-send record, so a redelivered event sends nothing twice. Each reads the session as it
 * is now: a message for a state the session has already left (scheduled then cancelled, moved twice)
 * is not sent; the later event's message is.
 */
export async function sendSessionInvitations(data: { sessionId: string }, deps: NoticeDeps): Promise<number> {
  const session = await getSession(deps.db, data.sessionId);
  if (session?.status !== 'scheduled') return 0;
  const { forum, invitations, participants } = await loadSessionAudience(session, deps.db);
  return sendOncePerRecipient(
    reminderRecipients(invitations, participants),
    ({ participant }) => noticeSendClaim(session, 'invited', participant.participantId),
    ({ participant }) => invitationMessage(session, forum, participant, deps.config.publicBaseUrl),
    deps,
  );
}

export async function sendSessionMovedNotices(
  data: { sessionId: string; startsAt: string },
  deps: NoticeDeps,
): Promise<number> {
  // A large session's invitations follow it in chunks; finish what the request may have left.
  await followSessionNow(data.sessionId, deps);
  const session = await getSession(deps.db, data.sessionId);
  // Moved again (or cancelled) since: the later event tells people.
  if (session?.status !== 'scheduled' || Date.parse(session.startsAt) !== Date.parse(data.startsAt)) return 0;
  const { forum, invitations, participants } = await loadSessionAudience(session, deps.db);
  return sendOncePerRecipient(
    reminderRecipients(invitations, participants),
    ({ participant }) => noticeSendClaim(session, 'moved', participant.participantId),
    ({ participant }) => movedMessage(session, forum, participant, deps.config.publicBaseUrl),
    deps,
  );
}

export async function sendSessionCancelledNotices(data: { sessionId: string }, deps: NoticeDeps): Promise<number> {
  await followSessionNow(data.sessionId, deps);
  const session = await getSession(deps.db, data.sessionId);
  if (session?.status !== 'cancelled') return 0;
  const { forum, invitations, participants } = await loadSessionAudience(session, deps.db);
  // Cancelling marks the invitations `cancelled`; someone dropped (consent withdrawn) is not told.
  return sendOncePerRecipient(
    reminderRecipients(invitations, participants, ['invited', 'cancelled']),
    ({ participant }) => noticeSendClaim(session, 'cancelled', participant.participantId),
    ({ participant }) => cancelledMessage(session, forum, participant, deps.config.publicBaseUrl),
    deps,
  );
}

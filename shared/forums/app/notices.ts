import type { Clock } from '../../kernel/index.js';
import { getParticipants, hasConsentFor, type Participant } from '../../participants/index.js';
import type { AppConfig, Notifier } from '../../runtime/deps.js';
import type { Db } from '../../runtime/store/db.js';
import { type SendClaim, sendOnce as sendOnceVia } from '../../runtime/store/send-claims.js';
import { getForum } from '../adapters/forums-repo.js';
import { getInvitations } from '../adapters/invitations-repo.js';
import type { Forum, Invitation, Session } from '../domain/forums.js';
import type { Message } from '../domain/messages.js';

/** What the consumers that email invitees (invitations, moves, cancellations, reminders) need. */
export type NoticeDeps = {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  config: Pick<AppConfig, 'publicBaseUrl'>;
};

export type Recipient = { invitation: Invitation; participant: Participant & { contact: { email: string } } };

const withEmail = (p: Participant): p is Recipient['participant'] =>
  typeof p.contact?.email === 'string' && p.contact.email !== '';

/**
 * Who gets a reminder (or a session message): their invitation is in one of `statuses` (by default
 * still invited), they have not said no, agreed to be contacted, and have an email.
 */
export function reminderRecipients(
  invitations: readonly Invitation[],
  participants: ReadonlyMap<string, Participant>,
  statuses: readonly Invitation['status'][] = ['invited'],
): Recipient[] {
  return invitations.flatMap((invitation) => {
    const participant = participants.get(invitation.participantId);
    if (!statuses.includes(invitation.status) || invitation.rsvp === 'no') return [];
    if (!participant || !hasConsentFor(participant, 'contact') || !withEmail(participant)) return [];
    return [{ invitation, participant }];
  });
}

/**
 * Send one message to each recipient, at most once per claim (what was sent, to whom).
 *
 * Each send is claimed with a conditional put BEFORE the message goes out, and marked sent after.
 * A redelivered or concurrent event finds the claim and skips that person. If the send fails, the
 * claim is released and the error thrown, so the retry sends it. The one gap is a crash between a
 * successful send and recording it: the claim stays `sending`, and a retry after the five-minute
 * lease sends again. We accept that rare duplicate (at-least-once) rather than risk a person never
 * hearing about a session (at-most-once): a second message is a nuisance, a missed one can cost
 * someone their place.
 */
export async function sendOncePerRecipient(
  recipients: readonly Recipient[],
  claimFor: (r: Recipient) => SendClaim,
  messageFor: (r: Recipient) => Message,
  deps: Pick<NoticeDeps, 'db' | 'clock' | 'notifier'>,
): Promise<number> {
  let sent = 0;
  const failures: unknown[] = [];
  const queue = [...recipients];
  // A few at a time: a 500-invitee session's messages must all go within the function's timeout.
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      try {
        if (await sendOne(r, claimFor(r), messageFor, deps)) sent++;
      } catch (err) {
        failures.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, queue.length) }, worker));
  // Everyone else was sent to; the retry sends to those whose send failed (their claims were released).
  if (failures.length > 0) throw failures[0];
  return sent;
}

/** Messages sent at once by one consumer (SES allows far more per second in production). */
const SEND_CONCURRENCY = 8;

async function sendOne(
  r: Recipient,
  claim: SendClaim,
  messageFor: (r: Recipient) => Message,
  deps: Pick<NoticeDeps, 'db' | 'clock' | 'notifier'>,
): Promise<boolean> {
  return sendOnceVia(
    claim,
    () =>
      deps.notifier.send({
        to: r.participant.contact.email,
        participantId: r.participant.participantId,
        ...messageFor(r),
      }),
    deps,
  );
}

/** The session's forum, its invitations and the invitees' profiles, as one consumer needs them. */
export async function loadSessionAudience(
  session: Pick<Session, 'sessionId' | 'forumId'>,
  db: Db,
): Promise<{ forum: Forum; invitations: Invitation[]; participants: Map<string, Participant> }> {
  const [forum, invitations] = await Promise.all([
    getForum(db, session.forumId),
    getInvitations(db, session.sessionId),
  ]);
  if (!forum) throw new Error(`Forum ${session.forumId} of session ${session.sessionId} is missing`);
  const participants = await getParticipants(
    db,
    invitations.map((i) => i.participantId),
  );
  return { forum, invitations, participants };
}

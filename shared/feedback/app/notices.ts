import type { Clock } from '../../kernel/index.js';
import type { Notifier, OutgoingMessage } from '../../runtime/deps.js';
import type { Db } from '../../runtime/store/db.js';
import { type SendClaim, sendOnce as sendOnceVia } from '../../runtime/store/send-claims.js';
import { getFeedback, noticeClaim } from '../adapters/feedback-repo.js';
import { changeMessage, type FeedbackStatus, transitions, type UpdateStatus } from '../domain/feedback.js';
import { getForum, getPerson, hasConsentFor } from './ports.js';

/** What the FeedbackUpdated consumer needs: the table, the clock and email (SES in AWS, the mailbox locally). */
export type FeedbackNoticeDeps = { db: Db; clock: Clock; notifier: Notifier };

export type NoticeOutcome = 'sent' | 'already-sent' | 'no-one-to-tell' | 'not-reachable';

/** Send at most once: claimed before it goes out, marked sent after, released (and thrown, to retry) when sending fails. */
const sendOnce = (claim: SendClaim, message: OutgoingMessage, deps: FeedbackNoticeDeps): Promise<boolean> =>
  sendOnceVia(claim, () => deps.notifier.send(message), deps);

/**
 * On FeedbackUpdated: tell the person who raised the item (with contact consent and an email) what
 * changed — once per update, however often the event is delivered. The message is the domain's
 * `changeMessage` (their own words, the new status and the coordinator's note); an item raised for
 * no one, or by someone who did not agree to be contacted, is not told to anyone.
 */
export async function sendFeedbackNotice(
  data: { feedbackId: string; updateNumber: number; previousStatus: FeedbackStatus; status: UpdateStatus },
  deps: FeedbackNoticeDeps,
): Promise<NoticeOutcome> {
  const item = await getFeedback(deps.db, data.feedbackId);
  // FeedbackUpdated is written in the item's own transaction: a missing item is a fault, retried then dead-lettered.
  if (!item) throw new Error(`FeedbackUpdated for ${data.feedbackId}, but there is no such item`);
  const update = item.updates[data.updateNumber - 1];
  if (!update)
    throw new Error(`FeedbackUpdated for update ${data.updateNumber} of ${data.feedbackId}, which has no such update`);
  if (!item.raisedBy) return 'no-one-to-tell';
  const person = await getPerson(deps.db, item.raisedBy);
  const email = person?.contact?.email;
  if (!person || !hasConsentFor(person, 'contact') || !email) return 'not-reachable';
  const move = transitions[data.previousStatus][data.status];
  if (!move) throw new Error(`FeedbackUpdated ${data.previousStatus} → ${data.status} is not a transition`);
  const forum = await getForum(deps.db, item.forumId);
  const message = changeMessage({
    forumName: forum?.name ?? 'your forum',
    text: item.text,
    move,
    status: update.status,
    note: update.note,
  });
  const claim = noticeClaim(item.feedbackId, data.updateNumber, person.participantId, deps.clock.now());
  const sent = await sendOnce(claim, { to: email, participantId: person.participantId, ...message }, deps);
  return sent ? 'sent' : 'already-sent';
}

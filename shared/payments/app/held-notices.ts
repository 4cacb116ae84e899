import type { Clock } from '../../kernel/index.js';
import { benefitsAdvice, getParticipant, hasConsentFor } from '../../participants/index.js';
import type { AppConfig, Notifier, OutgoingMessage } from '../../runtime/deps.js';
import type { Db } from '../../runtime/store/db.js';
import { type SendClaim, sendOnce as sendOnceVia } from '../../runtime/store/send-claims.js';
import { type HeldNoticeAudience, heldNoticeClaim } from '../adapters/held-notices-repo.js';
import { getPayment } from '../adapters/payments-repo.js';
import { coordinatorHeldMessage, memberHeldMessage } from '../domain/held-notices.js';

/** What the PaymentHeld consumer needs: the table, the clock, email, and where links and coordinator notices go. */
export type HeldNoticeDeps = {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  config: Pick<AppConfig, 'publicBaseUrl' | 'coordinatorEmail'>;
};

/**
 * Send one message at most once: claimed before it goes out, marked sent after, released (and the
 * error thrown, so the event is retried) when sending fails. As for session reminders, a crash
 * between sending and marking can send it again after the claim's lease: a rare second message
 * rather than a person never hearing that a payment waits for them.
 */
const sendOnce = (claim: SendClaim, message: OutgoingMessage, deps: HeldNoticeDeps): Promise<boolean> =>
  sendOnceVia(claim, () => deps.notifier.send(message), deps);

export type HeldNoticesSent = Record<HeldNoticeAudience, 'sent' | 'already-sent' | 'not-sent'>;

/**
 * On PaymentHeld: tell the person (only with contact consent and an email) and the coordinators,
 * each once, that a payment waits for a choice. Reads the payment as it is now: once a choice has
 * been recorded (a late or repeated event) there is nothing to ask, and nothing is sent.
 */
export async function sendPaymentHeldNotices(
  data: { paymentId: string; participantId: string },
  deps: HeldNoticeDeps,
): Promise<HeldNoticesSent> {
  const payment = await getPayment(deps.db, data.paymentId);
  // PaymentHeld is written in the payment's own transaction: a missing payment is a fault, retried then dead-lettered.
  if (!payment) throw new Error(`PaymentHeld for ${data.paymentId}, but there is no such payment`);
  if (payment.status !== 'held') return { member: 'not-sent', coordinators: 'not-sent' };
  const person = await getParticipant(deps.db, payment.participantId);
  if (!person) throw new Error(`Payment ${payment.paymentId} is for ${payment.participantId}, who has no record`);

  const email = person.contact?.email;
  const reachable = hasConsentFor(person, 'contact') && typeof email === 'string' && email !== '';
  const outcome = (sent: boolean) => (sent ? 'sent' : 'already-sent');
  let member: HeldNoticesSent['member'] = 'not-sent';
  if (reachable) {
    const message = memberHeldMessage(
      payment,
      person,
      benefitsAdvice[payment.jurisdiction],
      deps.config.coordinatorEmail,
      deps.config.publicBaseUrl,
    );
    member = outcome(
      await sendOnce(
        heldNoticeClaim(payment, 'member'),
        { to: email, participantId: person.participantId, ...message },
        deps,
      ),
    );
  }
  const toCoordinators = coordinatorHeldMessage(payment, person, reachable, deps.config.publicBaseUrl);
  const coordinators = outcome(
    await sendOnce(
      heldNoticeClaim(payment, 'coordinators'),
      { to: deps.config.coordinatorEmail, participantId: person.participantId, ...toCoordinators },
      deps,
    ),
  );
  return { member, coordinators };
}

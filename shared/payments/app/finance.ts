import { buildEvent, type OutgoingEvent } from '../../../events/define-event.js';
import { PaymentFailed, PaymentIssued } from '../../../events/payments.js';
import { type Actor, ConflictError, isoNow, NotFoundError } from '../../kernel/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import { TransactionConditionError, transact } from '../../runtime/store/db.js';
import { getPayment, putPaymentVersion } from '../adapters/payments-repo.js';
import { awaitsFinance, type Payment } from '../domain/payments.js';
import type { PaymentDeps } from './deps.js';
import { type PaymentView, viewFor } from './views.js';

type Transitioned = { view: PaymentView; changed: boolean };

/** Finance's answer on a payment: issued or failed. Repeating the same answer changes nothing. */
async function transition(
  paymentId: string,
  actor: Actor,
  deps: PaymentDeps,
  decide: (p: Payment, now: string) => { payment: Payment; event: OutgoingEvent } | 'unchanged',
): Promise<Transitioned> {
  const p = await getPayment(deps.db, paymentId);
  if (!p) throw new NotFoundError('payment');
  const now = isoNow(deps.clock);
  const next = decide(p, now);
  if (next === 'unchanged') return { view: viewFor(actor, p), changed: false };
  try {
    await transact(deps.db, [
      putPaymentVersion(deps.db, next.payment, { version: p.version }),
      outboxPut(deps.db, next.event, now),
    ]);
  } catch (err) {
    if (err instanceof TransactionConditionError) {
      throw new ConflictError('This payment changed while you were saving. Reload it and try again.', { cause: err });
    }
    throw err;
  }
  return { view: viewFor(actor, { ...next.payment, version: p.version + 1 }), changed: true };
}

const issue = (paymentId: string, financeRef: string, actor: Actor, deps: PaymentDeps) =>
  transition(paymentId, actor, deps, (p, now) => {
    if (p.status === 'issued') {
      if (p.financeRef === financeRef) return 'unchanged';
      throw new ConflictError(`This payment was already issued with reference ${p.financeRef}.`);
    }
    if (!awaitsFinance(p)) throw new ConflictError(`This payment is ${p.status}: there is nothing to issue.`);
    return {
      payment: { ...p, status: 'issued', financeRef, issuedAt: now, updatedAt: now },
      event: buildEvent(
        PaymentIssued,
        { paymentId: p.paymentId, participantId: p.participantId, financeRef },
        { idempotencyKey: `payment-issued:${p.paymentId}`, occurredAt: now },
      ),
    };
  });

/** Finance issued the payment. The same reference again is a no-op (200); a different one is a conflict. */
export const markIssued = async (paymentId: string, financeRef: string, actor: Actor, deps: PaymentDeps) =>
  (await issue(paymentId, financeRef, actor, deps)).view;

/** One payment's answer in a batch: issued now, already issued with this reference, or refused and why. */
export type IssuedOutcome = { paymentId: string; status: 'issued' | 'unchanged' | 'refused'; message?: string };

/** Payments issued at once; each is its own transaction, so one refusal never holds back the others. */
const ISSUE_CONCURRENCY = 10;

/**
 * Finance paid several payments in one run, under one reference. Each payment is marked in its own
 * transaction (with its own PaymentIssued), exactly as one at a time would be, and answered on its
 * own: `issued`, `unchanged` (already issued with this reference — so repeating the request changes
 * nothing), or `refused` with the reason (unknown, not awaiting finance, issued with another
 * reference, changed while saving). Answers keep the order of the ids asked for.
 */
export async function markManyIssued(
  paymentIds: readonly string[],
  financeRef: string,
  actor: Actor,
  deps: PaymentDeps,
): Promise<IssuedOutcome[]> {
  const outcomes: IssuedOutcome[] = new Array(paymentIds.length);
  const queue = paymentIds.map((paymentId, index) => ({ paymentId, index }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { paymentId, index } = next;
      try {
        const { changed } = await issue(paymentId, financeRef, actor, deps);
        outcomes[index] = { paymentId, status: changed ? 'issued' : 'unchanged' };
      } catch (err) {
        if (err instanceof NotFoundError) {
          outcomes[index] = { paymentId, status: 'refused', message: 'There is no payment with this id.' };
        } else if (err instanceof ConflictError) {
          outcomes[index] = { paymentId, status: 'refused', message: err.message };
        } else throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ISSUE_CONCURRENCY, queue.length) }, worker));
  return outcomes;
}

/** Finance could not make the payment. The same reason again is a no-op; a payment already issued cannot fail. */
export const markFailed = async (paymentId: string, reason: string, actor: Actor, deps: PaymentDeps) =>
  (
    await transition(paymentId, actor, deps, (p, now) => {
      if (p.status === 'failed') {
        if (p.failureReason === reason) return 'unchanged';
        throw new ConflictError('This payment is already marked as failed with another reason.');
      }
      if (!awaitsFinance(p)) {
        throw new ConflictError(`This payment is ${p.status}: it cannot be marked as failed.`);
      }
      return {
        payment: { ...p, status: 'failed', failureReason: reason, failedAt: now, updatedAt: now },
        event: buildEvent(
          PaymentFailed,
          { paymentId: p.paymentId, participantId: p.participantId },
          { idempotencyKey: `payment-failed:${p.paymentId}`, occurredAt: now },
        ),
      };
    })
  ).view;

import { buildEvent, type OutgoingEvent } from '../../../events/define-event.js';
import { PaymentFailed, PaymentIssued } from '../../../events/payments.js';
import { type Actor, ConflictError, isoNow, NotFoundError } from '../../kernel/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import { TransactionConditionError, transact } from '../../runtime/store/db.js';
import { getPayment, putPaymentVersion } from '../adapters/payments-repo.js';
import { awaitsFinance, type Payment } from '../domain/payments.js';
import type { PaymentDeps } from './deps.js';
import { type PaymentView, viewFor } from './views.js';

/** Finance's answer on a payment: issued or failed. Repeating the same answer changes nothing. */
async function transition(
  paymentId: string,
  actor: Actor,
  deps: PaymentDeps,
  decide: (p: Payment, now: string) => { payment: Payment; event: OutgoingEvent } | 'unchanged',
): Promise<PaymentView> {
  const p = await getPayment(deps.db, paymentId);
  if (!p) throw new NotFoundError('payment');
  const now = isoNow(deps.clock);
  const next = decide(p, now);
  if (next === 'unchanged') return viewFor(actor, p);
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
  return viewFor(actor, { ...next.payment, version: p.version + 1 });
}

/** Finance issued the payment. The same reference again is a no-op (200); a different one is a conflict. */
export const markIssued = (paymentId: string, financeRef: string, actor: Actor, deps: PaymentDeps) =>
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

/** Finance could not make the payment. The same reason again is a no-op; a payment already issued cannot fail. */
export const markFailed = (paymentId: string, reason: string, actor: Actor, deps: PaymentDeps) =>
  transition(paymentId, actor, deps, (p, now) => {
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
  });

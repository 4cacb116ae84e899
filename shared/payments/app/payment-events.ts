import { buildEvent, type OutgoingEvent } from '../../../events/define-event.js';
import { PaymentDue } from '../../../events/payments.js';
import { financePeriod, type Payment } from '../domain/payments.js';

/** PaymentDue for finance: what to pay, to whom, for which week; never which benefits (docs/finance.md). */
export const paymentDueEvent = (p: Payment, now: string, correlationId?: string): OutgoingEvent =>
  buildEvent(
    PaymentDue,
    {
      paymentId: p.paymentId,
      participantId: p.participantId,
      payeeReference: p.payeeReference,
      sessionId: p.sessionId,
      feeMinor: p.feeMinor,
      expensesMinor: p.expensesMinor,
      currency: p.currency,
      period: financePeriod(p),
      paymentIdempotencyKey: p.paymentIdempotencyKey,
      ...(p.feeToCharity ? { feeTo: 'charity' as const } : {}),
    },
    { idempotencyKey: `payment-due:${p.paymentId}`, correlationId, occurredAt: now },
  );

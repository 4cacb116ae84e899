import { buildEvent, type OutgoingEvent } from '../../../events/define-event.js';
import { PaymentDue } from '../../../events/payments.js';
import type { Payment } from '../domain/payments.js';

/** PaymentDue for finance: what to pay, to whom, for which period; never which benefits (docs/finance.md). */
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
      period: { start: p.period.start, end: p.period.end },
      paymentIdempotencyKey: p.paymentIdempotencyKey,
      ...(p.feeToCharity ? { feeTo: 'charity' as const } : {}),
    },
    { idempotencyKey: `payment-due:${p.paymentId}`, correlationId, occurredAt: now },
  );

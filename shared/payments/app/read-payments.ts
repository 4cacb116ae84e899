import { type Actor, ForbiddenError, NotFoundError, ValidationError } from '../../kernel/index.js';
import type { Page } from '../../runtime/store/pagination.js';
import { getPayment, listPaymentsByParticipant, listPaymentsByStatus } from '../adapters/payments-repo.js';
import { canSeeAllPayments, canSeePaymentsOf } from '../domain/access.js';
import type { Payment, PaymentStatus } from '../domain/payments.js';
import type { PaymentDeps } from './deps.js';
import { type PaymentView, viewFor } from './views.js';

function assertCanSee(actor: Actor, participantId: string) {
  if (!canSeePaymentsOf(actor, participantId)) throw new ForbiddenError('You can only see your own payments.');
}

export async function readPayment(paymentId: string, actor: Actor, deps: PaymentDeps): Promise<PaymentView> {
  const p = await getPayment(deps.db, paymentId);
  if (!p) throw new NotFoundError('payment');
  assertCanSee(actor, p.participantId);
  return viewFor(actor, p);
}

export type PaymentsQuery = { status?: PaymentStatus; participantId?: string; limit: number; cursor?: string };

/**
 * One page of payments: one person's (a member's own when it names nobody), or every payment in a
 * status (coordinators and finance). Either a status or a participant is needed.
 */
export async function listPayments(query: PaymentsQuery, actor: Actor, deps: PaymentDeps): Promise<Page<PaymentView>> {
  let participantId = query.participantId;
  if (!canSeeAllPayments(actor)) {
    participantId ??= actor.participantId;
    if (!participantId) throw new ForbiddenError('You can only see your own payments.');
    assertCanSee(actor, participantId);
  }
  let page: Page<Payment>;
  if (participantId) {
    page = await listPaymentsByParticipant(deps.db, { ...query, participantId });
  } else if (query.status) {
    page = await listPaymentsByStatus(deps.db, { status: query.status, limit: query.limit, cursor: query.cursor });
  } else {
    throw new ValidationError([
      { path: 'status', message: 'Choose a status (due, held, issued, failed or declined) or a participant.' },
    ]);
  }
  return { items: page.items.map((p) => viewFor(actor, p)), nextCursor: page.nextCursor };
}

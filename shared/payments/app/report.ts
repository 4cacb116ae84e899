import type { Db } from '../../runtime/store/db.js';
import { paymentsPayableBetween } from '../adapters/payments-repo.js';
import type { Payment, PaymentOption } from '../domain/payments.js';

/** What the co-production report counts of a payment (no benefit details, no names). */
export type PaymentForReport = Pick<
  Payment,
  'paymentId' | 'status' | 'currency' | 'feeMinor' | 'expensesMinor' | 'payableOn' | 'createdAt'
> & { choice?: { option: PaymentOption } };

const forReport = (p: Payment): PaymentForReport => ({
  paymentId: p.paymentId,
  status: p.status,
  currency: p.currency,
  feeMinor: p.feeMinor,
  expensesMinor: p.expensesMinor,
  ...(p.payableOn !== undefined ? { payableOn: p.payableOn } : {}),
  createdAt: p.createdAt,
  ...(p.choice ? { choice: { option: p.choice.option } } : {}),
});

/**
 * The payments of a date range for the co-production report, by the status index (gsi1) and day,
 * all pages, no Scan: `settled` are those due, issued, failed or declined that became payable in
 * [from, to] (read one status at a time, so the report counts each payment id once); `held` are
 * those held now, by the day they were created.
 */
export async function paymentsForReport(
  db: Db,
  range: { from: string; to: string },
): Promise<{ settled: PaymentForReport[]; held: PaymentForReport[] }> {
  const [settled, held] = await Promise.all([
    Promise.all(
      (['due', 'issued', 'failed', 'declined'] as const).map((s) =>
        paymentsPayableBetween(db, s, range.from, range.to),
      ),
    ).then((lists) => lists.flat()),
    paymentsPayableBetween(db, 'held', range.from, range.to),
  ]);
  return { settled: settled.map(forReport), held: held.map(forReport) };
}

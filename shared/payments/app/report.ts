import type { Db } from '../../runtime/store/db.js';
import { batchGetAll } from '../../runtime/store/db.js';
import { paymentRecord, paymentsPayableBetween } from '../adapters/payments-repo.js';
import { type Payment, type PaymentOption, paymentIdFor } from '../domain/payments.js';

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

/** What the evaluation counts of a payment: its status and the dates of its session, hold, choice and issue. */
export type PaymentForEvaluation = Pick<Payment, 'paymentId' | 'sessionId' | 'status' | 'sessionDate'> & {
  issuedAt?: string;
  /** When it was held for a benefit check: a held payment is created held (absent if it never was). */
  heldAt?: string;
  choiceRecordedAt?: string;
};

/**
 * The payments of these attendances (session and lived-experience attendee), those that exist:
 * each payment's id is derived from both (paymentIdFor), so this is one BatchGet per 100, no Query.
 */
export async function paymentsOfAttendances(
  db: Db,
  attendances: readonly { sessionId: string; participantId: string }[],
): Promise<PaymentForEvaluation[]> {
  const keys = attendances.map((a) => paymentRecord.key(paymentIdFor(a.sessionId, a.participantId)));
  const found = await batchGetAll(db, keys, { consistent: false });
  return found.values().map((item) => {
    const p = paymentRecord.parse(item);
    const wasHeld = p.status === 'held' || p.choice !== undefined;
    return {
      paymentId: p.paymentId,
      sessionId: p.sessionId,
      status: p.status,
      sessionDate: p.sessionDate,
      ...(p.issuedAt ? { issuedAt: p.issuedAt } : {}),
      ...(wasHeld ? { heldAt: p.createdAt } : {}),
      ...(p.choice ? { choiceRecordedAt: p.choice.recordedAt } : {}),
    };
  });
}

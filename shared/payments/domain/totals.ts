import * as z from 'zod/mini';
import { IsoDate, MinorUnits } from '../../kernel/index.js';
import { Period } from './periods.js';

/**
 * Running totals of one benefit period for one person. A period's ledger keeps what each payment
 * contributed (keyed by payment id), so totals are always derivable, a payment counts once however
 * often its event arrives, and a choice on a held payment replaces that payment's contribution.
 */
export const Contribution = z.object({
  /** Local date of the session (YYYY-MM-DD). */
  date: IsoDate,
  /** Fee counted as earnings: only what is due or paid (0 while held, declined or expenses-only). */
  earningsMinor: MinorUnits,
  /** Every attended hour, paid or not (IE.CA counts voluntary involvement too). */
  allMicroHours: z.number().check(z.int(), z.nonnegative()),
  /** Hours of a paid session (UK.ESA_PW counts only paid work). */
  paidMicroHours: z.number().check(z.int(), z.nonnegative()),
  /** The session was paid: its day is a day worked (IE.JA). */
  paidDay: z.boolean(),
});
export type Contribution = z.infer<typeof Contribution>;

/**
 * One person's ledger of one benefit period (`week#2026-03-02`, `month#2026-03-12`): what each
 * payment contributed, by payment id, and a version every write is conditional on, so two payments
 * assessed at once cannot both spend the same headroom.
 */
export const Ledger = z.object({
  participantId: z.string().check(z.minLength(1)),
  periodKey: z.string().check(z.minLength(1)),
  period: Period,
  entries: z.record(z.string(), Contribution),
  /** 0 = not written yet. */
  version: z.number().check(z.int(), z.nonnegative()),
});
export type Ledger = z.infer<typeof Ledger>;

export const emptyLedger = (participantId: string, periodKey: string, period: Period): Ledger => ({
  participantId,
  periodKey,
  period,
  entries: {},
  version: 0,
});

export type PeriodTotals = {
  earningsMinor: number;
  allMicroHours: number;
  paidMicroHours: number;
  /** Days with a paid session, and the earnings of each day. */
  dayEarnings: Record<string, number>;
  paidDays: string[];
};

export const emptyTotals = (): PeriodTotals => ({
  earningsMinor: 0,
  allMicroHours: 0,
  paidMicroHours: 0,
  dayEarnings: {},
  paidDays: [],
});

export function totalsOf(entries: Record<string, Contribution>, excludePaymentId?: string): PeriodTotals {
  const t = emptyTotals();
  const days = new Set<string>();
  for (const [paymentId, c] of Object.entries(entries)) {
    if (paymentId === excludePaymentId) continue;
    t.earningsMinor += c.earningsMinor;
    t.allMicroHours += c.allMicroHours;
    t.paidMicroHours += c.paidMicroHours;
    if (c.paidDay) days.add(c.date);
    if (c.earningsMinor > 0) t.dayEarnings[c.date] = (t.dayEarnings[c.date] ?? 0) + c.earningsMinor;
  }
  t.paidDays = [...days].sort();
  return t;
}

/** Each ledger's totals by its period key (a choice leaves its own held payment out). */
export const totalsByPeriod = (ledgers: readonly Ledger[], excludePaymentId?: string): Record<string, PeriodTotals> =>
  Object.fromEntries(ledgers.map((l) => [l.periodKey, totalsOf(l.entries, excludePaymentId)]));

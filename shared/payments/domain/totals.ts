/**
 * Running totals of one benefit period for one person. A period's ledger keeps what each payment
 * contributed (keyed by payment id), so totals are always derivable, a payment counts once however
 * often its event arrives, and a choice on a held payment replaces that payment's contribution.
 */
export type Contribution = {
  /** Local date of the session (YYYY-MM-DD). */
  date: string;
  /** Fee counted as earnings: only what is due or paid (0 while held, declined or expenses-only). */
  earningsMinor: number;
  /** Every attended hour, paid or not (IE.CA counts voluntary involvement too). */
  allMicroHours: number;
  /** Hours of a paid session (UK.ESA_PW counts only paid work). */
  paidMicroHours: number;
  /** The session was paid: its day is a day worked (IE.JA). */
  paidDay: boolean;
};

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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeclaredBenefit, PaymentPreference } from '../../shared/kernel/index.js';
import { assess, decideChoice } from '../../shared/payments/domain/engine.js';
import { feeFor, MICRO, toMicroHours } from '../../shared/payments/domain/money.js';
import type { PaymentOption } from '../../shared/payments/domain/payments.js';
import { addDays } from '../../shared/payments/domain/periods.js';
import { type Contribution, totalsOf } from '../../shared/payments/domain/totals.js';

/**
 * Sessions between 13 April and 28 June 2026: no figure changes inside that window, so the oracle
 * below can use one set of limits (2026/27 UK figures; IE.CA €625).
 */
const FIRST_DAY = '2026-04-13';
const DAYS = 77;

const ukBenefit = fc.oneof(
  fc.record({ scheme: fc.constant('UK.ESA_PW' as const), pw1Notified: fc.boolean() }),
  fc.record({ scheme: fc.constant('UK.CA' as const) }),
  fc.record({
    scheme: fc.constant('UK.UC' as const),
    workAllowanceMinor: fc.integer({ min: 0, max: 80000 }),
    assessmentPeriodStartDay: fc.integer({ min: 1, max: 31 }),
  }),
);
const ieBenefit = fc.oneof(
  fc.record({ scheme: fc.constant('IE.DA' as const) }),
  fc.record({ scheme: fc.constant('IE.CA' as const), otherWeeklyIncomeMinor: fc.integer({ min: 0, max: 70000 }) }),
  fc.record({ scheme: fc.constant('IE.JA' as const), otherDaysWorked: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ scheme: fc.constant('IE.JB' as const) }),
  fc.record({ scheme: fc.constant('IE.IB' as const) }),
);
const personArb = fc.oneof(
  fc.record({
    jurisdiction: fc.constant('UK' as const),
    benefits: fc.uniqueArray(ukBenefit, { maxLength: 3, selector: (b) => b.scheme }),
  }),
  fc.record({
    jurisdiction: fc.constant('IE' as const),
    benefits: fc.uniqueArray(ieBenefit, { maxLength: 2, selector: (b) => b.scheme }),
  }),
);
const sessionArb = fc.record({
  day: fc.integer({ min: 0, max: DAYS - 1 }),
  hour: fc.integer({ min: 8, max: 20 }),
  quarterHours: fc.integer({ min: 1, max: 40 }),
  rateMinor: fc.integer({ min: 0, max: 6000 }),
  expensesMinor: fc.integer({ min: 0, max: 3000 }),
  /** What the person does if the payment is held (never `full`: that is the recorded choice that may cross). */
  choice: fc.constantFrom<PaymentOption | 'wait'>('reduced', 'charity', 'expenses-only', 'decline', 'wait'),
  reducedShare: fc.double({ min: 0, max: 1, noNaN: true }),
});
const preferenceArb = fc.constantFrom<PaymentPreference>('ask', 'cap-at-headroom', 'expenses-only', 'decline');

type Ledgers = Record<string, Record<string, Contribution>>;

/** The oracle: every limit of BENEFIT_RULES.md, checked on the ledgers directly. */
function assertWithinLimits(benefits: DeclaredBenefit[], ledgers: Ledgers) {
  for (const [key, entries] of Object.entries(ledgers)) {
    const t = totalsOf(entries);
    const isWeek = key.startsWith('week#');
    for (const b of benefits) {
      if (isWeek) {
        if (b.scheme === 'IE.DA') expect(t.earningsMinor).toBeLessThanOrEqual(16500);
        if (b.scheme === 'IE.CA')
          expect(t.earningsMinor).toBeLessThanOrEqual(Math.max(0, 62500 - (b.otherWeeklyIncomeMinor ?? 0)));
        if (b.scheme === 'IE.JA') {
          if (t.paidDays.length > 0) expect(t.paidDays.length + (b.otherDaysWorked ?? 0)).toBeLessThanOrEqual(3);
          for (const v of Object.values(t.dayEarnings)) expect(v).toBeLessThanOrEqual(2000);
        }
        if (b.scheme === 'IE.JB' || b.scheme === 'IE.IB') expect(t.earningsMinor).toBe(0);
        if (b.scheme === 'UK.ESA_PW') {
          expect(t.earningsMinor).toBeLessThanOrEqual(b.pw1Notified ? 20350 : 2000);
          expect(t.paidMicroHours).toBeLessThan(16 * MICRO);
        }
        if (b.scheme === 'UK.CA') expect(t.earningsMinor).toBeLessThanOrEqual(20400);
      } else if (b.scheme === 'UK.UC') {
        expect(t.earningsMinor).toBeLessThanOrEqual(b.workAllowanceMinor ?? 0);
      }
    }
  }
}

describe('remuneration engine properties', () => {
  it('never takes a period total past a limit without a recorded choice, in any order of sessions', () => {
    fc.assert(
      fc.property(personArb, preferenceArb, fc.array(sessionArb, { maxLength: 25 }), (who, preference, sessions) => {
        const ledgers: Ledgers = {};
        sessions.forEach((s, i) => {
          const paymentId = `p${i}`;
          const startsAt = `${addDays(FIRST_DAY, s.day)}T${String(s.hour).padStart(2, '0')}:00:00+00:00`;
          const totalsNow = (exclude?: string) =>
            Object.fromEntries(Object.entries(ledgers).map(([k, e]) => [k, totalsOf(e, exclude)]));
          const input = {
            jurisdiction: who.jurisdiction,
            startsAt,
            benefits: who.benefits,
            hours: s.quarterHours / 4,
            expensesMinor: s.expensesMinor,
            hourlyRateMinor: s.rateMinor,
            currency: who.jurisdiction === 'IE' ? ('EUR' as const) : ('GBP' as const),
            preference,
            totals: totalsNow(),
          };
          const a = assess(input);
          const write = (c: Contribution) => {
            for (const key of Object.keys(a.periods.ledgers)) {
              ledgers[key] ??= {};
              ledgers[key][paymentId] = c;
            }
          };
          write(a.contribution);
          if (a.status === 'held' && s.choice !== 'wait') {
            const amountMinor = Math.max(1, Math.floor(a.headroomMinor * s.reducedShare));
            const decided = decideChoice({ ...input, totals: totalsNow(paymentId) }, a.options, {
              option: s.choice,
              amountMinor,
            });
            if (decided.ok) write(decided.resolution.contribution);
          }
          assertWithinLimits(who.benefits, ledgers);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('holds or settles by preference whenever the full fee would cross a rule, and pays in full otherwise', () => {
    fc.assert(
      fc.property(personArb, preferenceArb, sessionArb, (who, preference, s) => {
        const a = assess({
          jurisdiction: who.jurisdiction,
          startsAt: `${addDays(FIRST_DAY, s.day)}T10:00:00+00:00`,
          benefits: who.benefits,
          hours: s.quarterHours / 4,
          expensesMinor: s.expensesMinor,
          hourlyRateMinor: s.rateMinor,
          currency: who.jurisdiction === 'IE' ? 'EUR' : 'GBP',
          preference,
          totals: {},
        });
        if (a.reasons.length === 0) expect(a.feeMinor).toBe(a.fullFeeMinor);
        else expect(a.outcome).not.toBe('due');
        expect(a.feeMinor).toBeLessThanOrEqual(a.fullFeeMinor);
        expect(a.expensesMinor).toBe(s.expensesMinor);
        if (a.status === 'held')
          expect(a.options).toEqual(expect.arrayContaining(['expenses-only', 'decline', 'full']));
        if (who.jurisdiction === 'IE') expect(a.options).not.toContain('reduced');
      }),
      { numRuns: 500 },
    );
  });

  it('computes fees as whole minor units, rounded half-up from the exact product', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4_000_000 }), fc.integer({ min: 0, max: 100_000 }), (microHours, rate) => {
        const hours = microHours / MICRO;
        const fee = feeFor(hours, rate);
        const exact = BigInt(toMicroHours(hours)) * BigInt(rate); // fee × 10^6, exactly
        expect(Number.isInteger(fee)).toBe(true);
        expect(fee).toBeGreaterThanOrEqual(0);
        // half-up: fee − 0.5 ≤ exact < fee + 0.5 (in units of 10^-6 minor units)
        expect(BigInt(fee) * 1_000_000n - 500_000n <= exact).toBe(true);
        expect(exact < BigInt(fee) * 1_000_000n + 500_000n).toBe(true);
        expect(feeFor(hours + 1, rate)).toBeGreaterThanOrEqual(fee);
      }),
      { numRuns: 2000 },
    );
    expect(feeFor(0.5, 1)).toBe(1);
    expect(feeFor(2.675, 100)).toBe(268);
    expect(feeFor(1 / 3, 100)).toBe(33);
  });
});

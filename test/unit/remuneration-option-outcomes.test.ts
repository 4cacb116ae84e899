import { describe, expect, it } from 'vitest';
import type { DeclaredBenefit } from '../../shared/kernel/index.js';
import { type AssessInput, type Assessment, assess, outcomeOrder } from '../../shared/payments/domain/engine.js';
import { type Contribution, totalsOf } from '../../shared/payments/domain/totals.js';

/**
 * What each option on a held payment leaves the person with (issue 9, "The held-payment choice
 * pushes toward the worst option"): worked examples from BENEFIT_RULES.md.
 */
function person(jurisdiction: 'IE' | 'UK', benefits: DeclaredBenefit[], rateMinor: number) {
  const ledgers: Record<string, Record<string, Contribution>> = {};
  let n = 0;
  const input = (startsAt: string, hours: number, expensesMinor: number): AssessInput => ({
    jurisdiction,
    startsAt,
    benefits,
    hours,
    expensesMinor,
    hourlyRateMinor: rateMinor,
    currency: jurisdiction === 'IE' ? 'EUR' : 'GBP',
    preference: 'ask',
    totals: Object.fromEntries(Object.entries(ledgers).map(([k, entries]) => [k, totalsOf(entries)])),
  });
  return {
    attend(startsAt: string, hours: number, expensesMinor = 0): Assessment {
      const a = assess(input(startsAt, hours, expensesMinor));
      n += 1;
      for (const key of Object.keys(a.periods.ledgers)) {
        ledgers[key] ??= {};
        ledgers[key][`p${n}`] = a.contribution;
      }
      return a;
    },
  };
}

const byOption = (a: Assessment) => Object.fromEntries(a.optionOutcomes.map((o) => [o.option, o]));

describe('what each option leaves the person with', () => {
  it('IE.DA: a €175 fee with €8 expenses: the full fee costs about €5 of Disability Allowance and leaves about €170 more than expenses only', () => {
    // Prepare: €25 an hour, 7 hours, the first paid session of the week (€175 > €165).
    const aoife = person('IE', [{ scheme: 'IE.DA' }], 2500);
    // Act
    const held = aoife.attend('2026-03-02T10:00:00+00:00', 7, 800);
    // Assess
    expect(held.status).toBe('held');
    expect(held.optionOutcomes.map((o) => o.option)).toEqual(['full', 'expenses-only', 'decline']);
    const o = byOption(held);
    expect(o.full).toMatchObject({
      feeMinor: 17500,
      feeTo: 'payee',
      expensesMinor: 800,
      benefitReductionMinor: 500,
      endsUpWithMinor: 17800,
    });
    expect(o.full?.explanation).toContain('Disability Allowance reduced by about €5.00 that week.');
    expect(o.full?.explanation).toContain('about €170.00 more than expenses only');
    expect(o['expenses-only']).toMatchObject({ feeMinor: 0, benefitReductionMinor: 0, endsUpWithMinor: 800 });
    expect(o['expenses-only']?.explanation).toContain('€8.00 expenses paid back');
    expect(o['expenses-only']?.explanation).toContain('You end up with €8.00.');
    expect(o.full?.explanation).toContain('You end up with about €178.00.');
    expect(o.decline).toMatchObject({ feeMinor: 0, benefitReductionMinor: 0, endsUpWithMinor: 800 });
  });

  it('IE.DA worked example: Friday’s €75 after €150 that week costs about €30 of Disability Allowance (50% of €60 over)', () => {
    const aoife = person('IE', [{ scheme: 'IE.DA' }], 2500);
    aoife.attend('2026-03-02T18:00:00+00:00', 3);
    aoife.attend('2026-03-04T18:00:00+00:00', 3);
    const fri = aoife.attend('2026-03-06T18:00:00+00:00', 3);
    expect(byOption(fri).full).toMatchObject({ feeMinor: 7500, benefitReductionMinor: 3000, endsUpWithMinor: 4500 });
    expect(byOption(fri)['expenses-only']?.endsUpWithMinor).toBe(0);
  });

  it('UK.ESA_PW with PW1: a smaller fee of £23.50 keeps ESA; the full £30 is a cliff edge the rules cannot put a figure on', () => {
    // Prepare: £30 an hour, 6 hours (£180) due, then 1 hour (£30) over £203.50.
    const dave = person('UK', [{ scheme: 'UK.ESA_PW', pw1Notified: true }], 3000);
    dave.attend('2026-04-20T10:00:00+01:00', 6);
    // Act
    const held = dave.attend('2026-04-21T10:00:00+01:00', 1);
    // Assess: a neutral order (by the fee paid), not the engine's safest-first order.
    expect(held.options).toEqual(['reduced', 'charity', 'expenses-only', 'decline', 'full']);
    expect(held.optionOutcomes.map((o) => o.option)).toEqual([
      'full',
      'reduced',
      'charity',
      'expenses-only',
      'decline',
    ]);
    const o = byOption(held);
    expect(o.full).toMatchObject({ feeMinor: 3000, benefitReductionMinor: null, endsUpWithMinor: null });
    expect(o.full?.explanation).toMatch(/ESA could stop for the whole week.*We cannot say how much/);
    expect(o.reduced).toMatchObject({ feeMinor: 2350, benefitReductionMinor: 0, endsUpWithMinor: 2350 });
    expect(o.reduced?.explanation).toContain('This keeps within every benefit rule we check.');
    expect(o.reduced?.explanation).toContain('You end up with £23.50. That is £23.50 more than expenses only.');
    expect(o.charity).toMatchObject({ feeMinor: 3000, feeTo: 'charity', benefitReductionMinor: 0, endsUpWithMinor: 0 });
    expect(o.decline).toMatchObject({ feeMinor: 0, endsUpWithMinor: 0 });
  });

  it('IE.CA: after 17 hours, every option crosses the 18.5-hour rule, so none can say what it leaves', () => {
    const brid = person('IE', [{ scheme: 'IE.CA' }], 2500);
    brid.attend('2026-03-02T09:00:00+00:00', 17);
    const held = brid.attend('2026-03-05T09:00:00+00:00', 2, 500);
    expect(held.optionOutcomes.map((o) => [o.option, o.benefitReductionMinor, o.endsUpWithMinor])).toEqual([
      ['full', null, null],
      ['expenses-only', null, null],
      ['decline', null, null],
    ]);
    for (const o of held.optionOutcomes) {
      expect(o.explanation).toMatch(/Carer's Allowance could stop for that week, whatever the fee\. We cannot say/);
    }
  });

  it('UK.UC: £400 over a £684 work allowance already used by £400 costs 55p in the £1 of the £116 over: about £63.80', () => {
    const uc = person('UK', [{ scheme: 'UK.UC', workAllowanceMinor: 68400, assessmentPeriodStartDay: 12 }], 5000);
    uc.attend('2026-03-12T10:00:00+00:00', 8);
    const held = uc.attend('2026-03-19T10:00:00+00:00', 8);
    const o = byOption(held);
    expect(o.full).toMatchObject({ feeMinor: 40000, benefitReductionMinor: 6380, endsUpWithMinor: 33620 });
    expect(o.reduced).toMatchObject({ feeMinor: 28400, benefitReductionMinor: 0, endsUpWithMinor: 28400 });
    // The full fee still leaves more than the smaller one here: the explanation says so in money, not in advice.
    expect(o.full?.explanation).toContain('about £336.20 more than expenses only');
  });

  it('IE.JA: a second €15 session the same day costs 60% of the €10 over €20: about €6', () => {
    const jo = person('IE', [{ scheme: 'IE.JA' }], 1500);
    jo.attend('2026-03-02T10:00:00+00:00', 1);
    const held = jo.attend('2026-03-02T15:00:00+00:00', 1);
    expect(byOption(held).full).toMatchObject({ feeMinor: 1500, benefitReductionMinor: 600, endsUpWithMinor: 900 });
  });

  it('has no outcomes once nothing is held, and lists options in the contract order whatever the engine offers', () => {
    const none = person('IE', [{ scheme: 'NONE' }], 2500);
    expect(none.attend('2026-03-02T10:00:00+00:00', 3).optionOutcomes).toEqual([]);
    expect(outcomeOrder).toEqual(['full', 'reduced', 'charity', 'expenses-only', 'decline']);
  });
});

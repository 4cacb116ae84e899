import { describe, expect, it } from 'vitest';
import { schemeIds } from '../../shared/kernel/index.js';
import { assess } from '../../shared/payments/domain/engine.js';
import { figureOn, type RulePack, rulePacks } from '../../shared/payments/domain/rule-packs.js';

describe('rule packs', () => {
  it('has a pack for every declarable scheme, each figure dated and sourced', () => {
    expect(Object.keys(rulePacks).sort()).toEqual([...schemeIds].sort());
    for (const pack of Object.values(rulePacks)) {
      for (const entries of Object.values(pack.figures)) {
        for (const e of entries ?? []) {
          expect(e.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(e.source.length).toBeGreaterThan(0);
          expect(Number.isFinite(e.value)).toBe(true);
        }
      }
    }
  });

  it('never allows a reduced amount in Ireland and allows it for UK means-tested schemes', () => {
    const ie = Object.values(rulePacks).filter((p) => p.jurisdiction === 'IE');
    expect(ie.every((p) => !p.reducedAllowed)).toBe(true);
    expect(['UK.ESA_PW', 'UK.CA', 'UK.UC'].map((s) => rulePacks[s as 'UK.CA'].reducedAllowed)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it.each([
    ['IE.DA', 'weeklyEarningsDisregardMinor', '2023-01-01', 14000],
    ['IE.DA', 'weeklyEarningsDisregardMinor', '2023-01-02', 16500],
    ['IE.CA', 'weeklyIncomeDisregardMinor', '2025-07-02', undefined],
    ['IE.CA', 'weeklyIncomeDisregardMinor', '2025-07-03', 62500],
    ['IE.CA', 'weeklyIncomeDisregardMinor', '2026-07-02', 100000],
    ['UK.ESA_PW', 'higherLimitMinor', '2025-04-06', 18350],
    ['UK.ESA_PW', 'higherLimitMinor', '2025-04-07', 19550],
    ['UK.ESA_PW', 'higherLimitMinor', '2026-04-05', 19550],
    ['UK.ESA_PW', 'higherLimitMinor', '2026-04-06', 20350],
    ['UK.CA', 'weeklyEarningsLimitMinor', '2024-04-08', 15100],
    ['UK.CA', 'weeklyEarningsLimitMinor', '2025-04-07', 19600],
    ['UK.CA', 'weeklyEarningsLimitMinor', '2026-04-06', 20400],
  ] as const)('selects %s %s in force on %s', (scheme, name, date, expected) => {
    expect(figureOn(rulePacks[scheme], name, date)?.value).toBe(expected);
  });

  it('marks the uncertain figures as uncertain', () => {
    expect(figureOn(rulePacks['IE.CA'], 'weeklyIncomeDisregardMinor', '2026-08-01')?.uncertain).toMatch(/July 2026/);
    expect(figureOn(rulePacks['UK.CA'], 'weeklyEarningsLimitMinor', '2026-05-01')?.uncertain).toMatch(/Secondary/);
    expect(figureOn(rulePacks['IE.IB'], 'referencePermittedWeeklyMinor', '2026-05-01')?.uncertain).toBeDefined();
  });

  it('picks up next year’s limit from data alone', () => {
    // Prepare: next year's ESA higher limit added as data (a made-up figure for the test).
    const nextYear: RulePack = {
      ...rulePacks['UK.ESA_PW'],
      figures: {
        ...rulePacks['UK.ESA_PW'].figures,
        higherLimitMinor: [
          ...(rulePacks['UK.ESA_PW'].figures.higherLimitMinor ?? []),
          { from: '2027-04-05', value: 21000, source: 'test figure' },
        ],
      },
    };
    const packs = { ...rulePacks, 'UK.ESA_PW': nextYear };
    const session = (startsAt: string) =>
      assess({
        jurisdiction: 'UK',
        startsAt,
        benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }],
        hours: 7,
        expensesMinor: 0,
        hourlyRateMinor: 3000, // £210
        currency: 'GBP',
        preference: 'ask',
        totals: {},
        packs,
      });
    // Act + Assess: £210 is over this year's £203.50 and within next year's £210.
    expect(session('2027-04-04T10:00:00+01:00').status).toBe('held');
    expect(session('2027-04-05T10:00:00+01:00').status).toBe('due');
  });

  it('treats a date before every figure as limit 0 (held), never as no limit', () => {
    const a = assess({
      jurisdiction: 'IE',
      startsAt: '2025-01-06T10:00:00+00:00',
      benefits: [{ scheme: 'IE.CA' }],
      hours: 1,
      expensesMinor: 0,
      hourlyRateMinor: 100,
      currency: 'EUR',
      preference: 'ask',
      totals: {},
    });
    expect(a.status).toBe('held');
    expect(a.reasons[0]).toMatchObject({ rule: 'weekly-income-disregard', limitMinor: 0 });
  });
});

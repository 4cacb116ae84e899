/**
 * Benefit rule packs AS DATA (the specification is ../shared/domain/BENEFIT_RULES.md; the product's
 * own summary is docs/benefit-rules.md). Every figure carries the date it takes effect, its source,
 * and — where the source is uncertain — why. The engine picks the figure in force on the session's
 * local date with `figureOn`; adding next year's limit is a new entry here (plus a test), never code.
 *
 * This is not welfare-rights advice: figures change every year and people should get independent advice.
 */
import type { Jurisdiction, SchemeId } from '../../kernel/index.js';

/** One value of a figure, in force from `from` (YYYY-MM-DD, inclusive) until the next entry's `from`. */
export type DatedFigure = {
  from: string;
  value: number;
  source: string;
  /** Present when the figure or its start date is uncertain: says what is uncertain. */
  uncertain?: string;
};

export type PeriodKind = 'week' | 'uc-assessment-period' | 'none';

/** What the figures of a pack mean; the engine reads only these names. */
export type FigureName =
  | 'weeklyEarningsDisregardMinor'
  | 'meansUpperBandMinor'
  | 'meansShareBelowUpperPercent'
  | 'meansShareAboveUpperPercent'
  | 'weeklyHoursLimit'
  | 'weeklyIncomeDisregardMinor'
  | 'daysWorkedLimit'
  | 'dailyEarningsDisregardMinor'
  | 'meansExcessPercent'
  | 'weeklyEarningsLimitMinor'
  | 'referencePermittedWeeklyMinor'
  | 'paidHoursBelow'
  | 'higherLimitMinor'
  | 'lowerLimitMinor'
  | 'taperPercent';

export type RulePack = {
  scheme: SchemeId;
  jurisdiction: Jurisdiction | 'any';
  period: PeriodKind;
  /** May the person take a reduced fee (or send it to charity) to stay within the rules? */
  reducedAllowed: boolean;
  reducedNote: string;
  sources: string[];
  figures: Partial<Record<FigureName, DatedFigure[]>>;
};

/** Used where a rule has held for longer than our sources record: the sources say when it was confirmed, not when it began. */
const LONG_STANDING = '2000-01-01';

export const rulePacks: Record<SchemeId, RulePack> = {
  'IE.DA': {
    scheme: 'IE.DA',
    jurisdiction: 'IE',
    period: 'week',
    reducedAllowed: false,
    reducedNote: 'Uncertain: no Irish rule found on taking a reduced amount without notional means. Not offered.',
    sources: ['Dáil PQ 927, 18 Apr 2023', 'Dáil PQ 33, 24 Sep 2024', 'MerrionStreet release (Budget 2023)'],
    figures: {
      weeklyEarningsDisregardMinor: [
        {
          from: LONG_STANDING,
          value: 12000,
          source: 'Dáil PQ 927, 18 Apr 2023 (earlier disregard)',
          uncertain: 'Start date not in our sources.',
        },
        {
          from: '2022-01-03',
          value: 14000,
          source: 'Dáil PQ 927, 18 Apr 2023 ("€140 in 2022")',
          uncertain: 'Exact start day in 2022 not in our sources.',
        },
        { from: '2023-01-02', value: 16500, source: 'MerrionStreet release (Budget 2023); Dáil PQ 33, 24 Sep 2024' },
      ],
      meansUpperBandMinor: [{ from: '2023-01-02', value: 37500, source: 'Dáil PQ 33, 24 Sep 2024' }],
      meansShareBelowUpperPercent: [{ from: '2023-01-02', value: 50, source: 'Dáil PQ 33, 24 Sep 2024' }],
      meansShareAboveUpperPercent: [{ from: '2023-01-02', value: 100, source: 'Dáil PQ 33, 24 Sep 2024' }],
    },
  },
  'IE.CA': {
    scheme: 'IE.CA',
    jurisdiction: 'IE',
    period: 'week',
    reducedAllowed: false,
    reducedNote: 'Not offered (no Irish rule on reduced amounts).',
    sources: ['Citizens Information, Voluntary work and social welfare', 'Dáil PQ 350, 13 Nov 2025'],
    figures: {
      weeklyHoursLimit: [
        {
          from: LONG_STANDING,
          value: 18.5,
          source: 'Citizens Information, Voluntary work and social welfare',
          uncertain: 'Start date not in our sources.',
        },
      ],
      weeklyIncomeDisregardMinor: [
        { from: '2025-07-03', value: 62500, source: 'Dáil PQ 350, 13 Nov 2025 (single person)' },
        {
          from: '2026-07-02',
          value: 100000,
          source: 'Budget 2026 (single person)',
          uncertain: 'The exact day in July 2026 is not confirmed.',
        },
      ],
    },
  },
  'IE.JA': {
    scheme: 'IE.JA',
    jurisdiction: 'IE',
    period: 'week',
    reducedAllowed: false,
    reducedNote: 'Not offered (no Irish rule on reduced amounts).',
    sources: ['DSP operational guidelines, Jobseeker’s Allowance: assessing income', 'Dáil PQ 381, 25 Apr 2023'],
    figures: {
      daysWorkedLimit: [
        {
          from: LONG_STANDING,
          value: 3,
          source: 'DSP operational guidelines',
          uncertain: 'Start date not in our sources.',
        },
      ],
      dailyEarningsDisregardMinor: [
        {
          from: LONG_STANDING,
          value: 2000,
          source: 'DSP operational guidelines; Dáil PQ 381, 25 Apr 2023',
          uncertain: 'Start date not in our sources.',
        },
      ],
      meansExcessPercent: [
        {
          from: LONG_STANDING,
          value: 60,
          source: 'DSP operational guidelines',
          uncertain: 'Start date not in our sources.',
        },
      ],
    },
  },
  'IE.JB': {
    scheme: 'IE.JB',
    jurisdiction: 'IE',
    period: 'week',
    reducedAllowed: false,
    reducedNote: 'Not offered: any paid day costs a fifth of the weekly rate.',
    sources: ['Dáil PQ 381, 25 Apr 2023'],
    figures: {
      weeklyEarningsLimitMinor: [
        { from: LONG_STANDING, value: 0, source: 'Dáil PQ 381, 25 Apr 2023 (any paid day is a loss)' },
      ],
    },
  },
  'IE.IB': {
    scheme: 'IE.IB',
    jurisdiction: 'IE',
    period: 'week',
    reducedAllowed: false,
    reducedNote: 'Not offered: paid work needs written permission.',
    sources: ['welfare.ie (archived 2016)', 'Citizens Information, Partial Capacity Benefit'],
    figures: {
      referencePermittedWeeklyMinor: [
        {
          from: '2016-01-01',
          value: 5000,
          source: 'welfare.ie (archived 2016): treatment/charitable work',
          uncertain: 'A 2016 figure; the person’s written permission states the real limit.',
        },
      ],
    },
  },
  'IE.IP': {
    scheme: 'IE.IP',
    jurisdiction: 'IE',
    period: 'week',
    reducedAllowed: false,
    reducedNote: 'Not offered: paid work needs written permission.',
    sources: ['welfare.ie (archived 2016)', 'Citizens Information, Partial Capacity Benefit'],
    figures: {
      referencePermittedWeeklyMinor: [
        {
          from: '2016-01-01',
          value: 5000,
          source: 'welfare.ie (archived 2016): treatment/charitable work',
          uncertain: 'A 2016 figure; the person’s written permission states the real limit.',
        },
      ],
    },
  },
  'IE.PCB': {
    scheme: 'IE.PCB',
    jurisdiction: 'IE',
    period: 'none',
    reducedAllowed: false,
    reducedNote: 'Not needed: no earnings or hours limit (written approval before starting).',
    sources: ['Citizens Information, Partial Capacity Benefit'],
    figures: {},
  },
  'UK.ESA_PW': {
    scheme: 'UK.ESA_PW',
    jurisdiction: 'UK',
    period: 'week',
    reducedAllowed: true,
    reducedNote: 'Allowed: no notional earnings for service users taking a reduced amount.',
    sources: ['DWP benefit rates 2026/27', 'GOV.UK Employment and Support Allowance', 'nidirect PW1'],
    figures: {
      paidHoursBelow: [
        {
          from: LONG_STANDING,
          value: 16,
          source: 'GOV.UK Employment and Support Allowance',
          uncertain: 'Start date not in our sources.',
        },
      ],
      higherLimitMinor: [
        { from: '2024-04-08', value: 18350, source: 'DWP benefit rates 2024/25' },
        { from: '2025-04-07', value: 19550, source: 'DWP benefit rates 2025/26' },
        { from: '2026-04-06', value: 20350, source: 'DWP benefit rates 2026/27' },
      ],
      lowerLimitMinor: [
        {
          from: LONG_STANDING,
          value: 2000,
          source: 'GOV.UK Employment and Support Allowance (permitted work lower limit)',
          uncertain: 'Start date not in our sources.',
        },
      ],
    },
  },
  'UK.CA': {
    scheme: 'UK.CA',
    jurisdiction: 'UK',
    period: 'week',
    reducedAllowed: true,
    reducedNote: 'Allowed.',
    sources: ['Carers UK release', 'DWP benefit rates 2026/27'],
    figures: {
      weeklyEarningsLimitMinor: [
        { from: '2024-04-08', value: 15100, source: 'Carers UK release' },
        { from: '2025-04-07', value: 19600, source: 'Carers UK release; DWP benefit rates 2025/26' },
        {
          from: '2026-04-06',
          value: 20400,
          source: 'DWP benefit rates 2026/27',
          uncertain: 'Secondary sources only.',
        },
      ],
    },
  },
  'UK.UC': {
    scheme: 'UK.UC',
    jurisdiction: 'UK',
    period: 'uc-assessment-period',
    reducedAllowed: true,
    reducedNote: 'Allowed (UC Regulations 2013 reg 60(4)(b)).',
    sources: ['Universal Credit Regulations 2013 regs 22 and 60', 'DWP benefit rates'],
    figures: {
      taperPercent: [
        {
          from: '2021-11-24',
          value: 55,
          source: 'Universal Credit Regulations 2013 reg 22 (as amended 2021)',
        },
      ],
    },
  },
  'UK.PIP': {
    scheme: 'UK.PIP',
    jurisdiction: 'UK',
    period: 'none',
    reducedAllowed: false,
    reducedNote: 'Not needed: not means-tested.',
    sources: ['Disability Rights UK'],
    figures: {},
  },
  NONE: {
    scheme: 'NONE',
    jurisdiction: 'any',
    period: 'none',
    reducedAllowed: false,
    reducedNote: 'Not needed: no benefit declared.',
    sources: [],
    figures: {},
  },
};

/**
 * The figure in force on `date` (YYYY-MM-DD): the entry with the latest `from` on or before it.
 * Undefined when the date is before every entry — the engine then treats the limit as 0 (the
 * careful reading: without a figure we cannot say a payment is safe).
 */
export function figureOn(
  pack: RulePack,
  name: FigureName,
  date: string,
): (DatedFigure & { name: FigureName }) | undefined {
  let found: DatedFigure | undefined;
  for (const entry of pack.figures[name] ?? []) {
    if (entry.from <= date && (!found || entry.from > found.from)) found = entry;
  }
  return found ? { ...found, name } : undefined;
}

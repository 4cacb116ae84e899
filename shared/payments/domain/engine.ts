/**
 * The remuneration engine: pure. Given one attendance, the person's declared benefits and standing
 * preference, the running totals of the periods the session falls in, the forum's rate and the
 * session time, it decides due / held / settled-by-preference, with one reason per broken rule,
 * the consequence in plain words where it can be computed, and the options open to the person.
 * The rules are code; every figure they use comes from the dated rule packs (rule-packs.ts).
 */

import {
  type Currency,
  currencyOf,
  type DeclaredBenefit,
  type FieldIssue,
  formatMoney,
  type Jurisdiction,
  type PaymentPreference,
  type SchemeId,
  timeZoneOf,
} from '../../kernel/index.js';
import type { Reader } from './access.js';
import { schemeNames } from './benefit-schemes.js';
import { feeFor, formatHours, fromMicroHours, percentOf, toMicroHours } from './money.js';
import {
  type ChoiceBody,
  type OptionOutcome,
  PaymentOption,
  type PaymentStatus,
  type Reason,
  type SchemePeriod,
  type SettledAs,
} from './payments.js';
import { assessmentPeriodOf, localDate, type Period, periodKey, weekOf } from './periods.js';
import { type FigureName, figureOn, type RulePack, rulePacks } from './rule-packs.js';
import { type Contribution, emptyTotals, type PeriodTotals } from './totals.js';

/**
 * A fee in one currency cannot be checked against limits in another (€19 is not 1900 pence). Thrown,
 * never defaulted: the SessionHeld consumer lets it retry and dead-letter with this message.
 */
export class CurrencyMismatchError extends Error {
  override name = 'CurrencyMismatchError';
  constructor(currency: Currency, jurisdiction: Jurisdiction) {
    super(
      `A fee in ${currency} cannot be checked against the benefit rules of ${jurisdiction}, which are in ${currencyOf[jurisdiction]}.`,
    );
  }
}

/** Options in the order they are offered (safest first, `full` last). */
export const optionOrder: readonly PaymentOption[] = ['reduced', 'charity', 'expenses-only', 'decline', 'full'];

export type SessionContext = {
  jurisdiction: Jurisdiction;
  /** Session start, ISO-8601 with offset; its local date decides the periods. */
  startsAt: string;
  benefits: DeclaredBenefit[];
};

export type AssessInput = SessionContext & {
  hours: number;
  expensesMinor: number;
  hourlyRateMinor: number;
  currency: Currency;
  preference: PaymentPreference;
  /** Running totals of each period the session falls in, keyed by periodKey (missing = nothing yet). */
  totals: Record<string, PeriodTotals>;
  packs?: Record<SchemeId, RulePack>;
};

export type Periods = {
  localDate: string;
  week: Period;
  month?: Period;
  /** Every period whose running totals the payment reads and writes, by ledger key. */
  ledgers: Record<string, Period>;
};

/** The periods a session falls in for this person (week always; a UC assessment period when declared). */
export function periodsFor(ctx: SessionContext): Periods {
  const date = localDate(ctx.startsAt, timeZoneOf[ctx.jurisdiction]);
  const week = weekOf(date);
  const uc = ctx.benefits.find((b) => b.scheme === 'UK.UC');
  const month = uc ? assessmentPeriodOf(date, uc.assessmentPeriodStartDay ?? 1) : undefined;
  const ledgers: Record<string, Period> = { [periodKey(week)]: week };
  if (month) ledgers[periodKey(month)] = month;
  return { localDate: date, week, month, ledgers };
}

/** The period of a scheme for a session (`none`-period schemes report the week, for display). */
function schemePeriod(scheme: SchemeId, periods: Periods, packs: Record<SchemeId, RulePack>): SchemePeriod {
  const p = packs[scheme].period === 'uc-assessment-period' && periods.month ? periods.month : periods.week;
  return { scheme, start: p.start, end: p.end };
}

type Check = Omit<Reason, 'explanation' | 'consequence' | 'avoidableByChoice'> & {
  broken: boolean;
  /** An earnings rule is kept by sending the fee to charity; an hours or days rule is not (the work is still paid). */
  earningsRule: boolean;
  /** Largest fee that keeps this rule; null when no fee can (the rule counts unpaid hours too). */
  maxFeeMinor: number | null;
  explanation: string;
  consequence: string;
  /**
   * How much less benefit the person would get when the rule is broken, in minor units; null when
   * the rules cannot say (a benefit that stops for the week: we do not hold its amount). 0 when kept.
   */
  reductionMinor: number | null;
};

type RuleContext = {
  benefit: DeclaredBenefit;
  pack: RulePack;
  date: string;
  /** The fee counted as the person's earnings (0 when it goes to a charity). */
  feeMinor: number;
  /** The attendance is paid work (a fee is paid, to the person or a charity): paid hours and days count. */
  paidWork: boolean;
  microHours: number;
  week: PeriodTotals;
  month: PeriodTotals;
  currency: Currency;
};

const money = (c: RuleContext, minor: number) => formatMoney(minor, c.currency);
const nameOf = (s: SchemeId) => schemeNames[s];

function figure(c: RuleContext, name: FigureName) {
  const f = figureOn(c.pack, name, c.date);
  return {
    value: f?.value ?? 0,
    source: f ? `${f.source} (in force from ${f.from})` : 'No figure on record for this date: treated as 0.',
    uncertain: f ? f.uncertain : 'No figure on record for this date.',
  };
}

/** What crossing a rule does: in words, and in money where the rules say how much (null: they cannot). */
type Effect = { consequence: string; reductionMinor: number | null };

/** An effect computed from a means cut: before and after this fee, when the pack has the figures. */
const cutEffect = (
  after: number | undefined,
  before: number | undefined,
  words: (minor: string) => string,
  c: RuleContext,
  otherwise: string,
): Effect =>
  after !== undefined && before !== undefined
    ? { consequence: words(money(c, after - before)), reductionMinor: after - before }
    : { consequence: otherwise, reductionMinor: null };

/** An effect whose size the rules cannot state (the benefit stops, or its amount is not recorded). */
const unknownEffect = (consequence: string): Effect => ({ consequence, reductionMinor: null });

/** An earnings limit over a period: broken when a positive fee takes the period's earnings past it. */
function earningsCheck(
  c: RuleContext,
  rule: string,
  limit: { value: number; source: string; uncertain?: string },
  already: number,
  periodWords: string,
  effect: (total: number) => Effect,
): Check {
  const limitMinor = Math.max(0, limit.value);
  const total = already + c.feeMinor;
  const broken = c.feeMinor > 0 && total > limitMinor;
  const { consequence, reductionMinor } = effect(total);
  return {
    scheme: c.benefit.scheme,
    rule,
    limitMinor,
    alreadyMinor: already,
    thisMinor: c.feeMinor,
    headroomMinor: Math.max(0, limitMinor - already),
    broken,
    earningsRule: true,
    maxFeeMinor: Math.max(0, limitMinor - already),
    explanation: `Earnings ${periodWords} would be ${money(c, total)}. ${nameOf(c.benefit.scheme)} allows up to ${money(c, limitMinor)} ${periodWords} without a reduction.`,
    consequence,
    reductionMinor: broken ? reductionMinor : 0,
    source: limit.source,
    uncertain: limit.uncertain,
  };
}

const rules: Record<SchemeId, (c: RuleContext) => Check[]> = {
  'IE.DA': (c) => {
    const disregard = figure(c, 'weeklyEarningsDisregardMinor');
    const upper = figureOn(c.pack, 'meansUpperBandMinor', c.date);
    const below = figureOn(c.pack, 'meansShareBelowUpperPercent', c.date);
    const above = figureOn(c.pack, 'meansShareAboveUpperPercent', c.date);
    const cut = (x: number) =>
      upper && below && above
        ? percentOf(Math.max(0, Math.min(x, upper.value) - disregard.value), below.value) +
          percentOf(Math.max(0, x - upper.value), above.value)
        : undefined;
    return [
      earningsCheck(c, 'weekly-earnings-disregard', disregard, c.week.earningsMinor, 'this week', (total) =>
        cutEffect(
          cut(total),
          cut(c.week.earningsMinor),
          (m) => `Disability Allowance reduced by about ${m} that week.`,
          c,
          'Disability Allowance would be reduced that week (we cannot work out by how much).',
        ),
      ),
    ];
  },
  'IE.CA': (c) => {
    const hours = figure(c, 'weeklyHoursLimit');
    const limitMicro = toMicroHours(hours.value);
    const already = c.week.allMicroHours;
    const disregard = figure(c, 'weeklyIncomeDisregardMinor');
    const other = c.benefit.otherWeeklyIncomeMinor ?? 0;
    const hoursBroken = already + c.microHours > limitMicro;
    return [
      {
        scheme: 'IE.CA',
        rule: 'weekly-hours-limit',
        limitHours: hours.value,
        alreadyHours: fromMicroHours(already),
        thisHours: fromMicroHours(c.microHours),
        headroomHours: fromMicroHours(Math.max(0, limitMicro - already)),
        broken: hoursBroken,
        earningsRule: false,
        // Every attended hour counts, paid or not: no fee (not even none) keeps this rule.
        maxFeeMinor: hoursBroken ? null : Number.POSITIVE_INFINITY,
        explanation: `Involvement this week would be ${formatHours(fromMicroHours(already + c.microHours))}. Carer's Allowance allows up to ${formatHours(hours.value)} a week of paid or voluntary involvement.`,
        consequence: "Carer's Allowance could stop for that week, whatever the fee.",
        reductionMinor: hoursBroken ? null : 0,
        source: hours.source,
        uncertain: hours.uncertain,
      },
      earningsCheck(
        c,
        'weekly-income-disregard',
        { ...disregard, value: disregard.value - other },
        c.week.earningsMinor,
        'this week',
        () =>
          unknownEffect("Carer's Allowance could be reduced that week (income over the limit is assessed as means)."),
      ),
    ];
  },
  'IE.JA': (c) => {
    const daysLimit = figure(c, 'daysWorkedLimit');
    const daily = figure(c, 'dailyEarningsDisregardMinor');
    const excess = figureOn(c.pack, 'meansExcessPercent', c.date);
    const other = c.benefit.otherDaysWorked ?? 0;
    const alreadyDays = c.week.paidDays.length + other;
    const thisDays = c.paidWork && !c.week.paidDays.includes(c.date) ? 1 : 0;
    const daysBroken = thisDays > 0 && alreadyDays + thisDays > daysLimit.value;
    const dayAlready = c.week.dayEarnings[c.date] ?? 0;
    const cut = (x: number) => (excess ? percentOf(Math.max(0, x - daily.value), excess.value) : undefined);
    return [
      {
        scheme: 'IE.JA',
        rule: 'days-worked',
        limitDays: daysLimit.value,
        alreadyDays,
        thisDays,
        headroomDays: Math.max(0, daysLimit.value - alreadyDays),
        broken: daysBroken,
        earningsRule: false,
        maxFeeMinor: daysBroken ? 0 : Number.POSITIVE_INFINITY,
        explanation: `This would be day ${alreadyDays + thisDays} with paid work this week (counting ${other} day${other === 1 ? '' : 's'} worked elsewhere). Jobseeker's Allowance allows up to ${daysLimit.value}.`,
        consequence: `Working more than ${daysLimit.value} days in a week can stop Jobseeker's Allowance for that week.`,
        reductionMinor: daysBroken ? null : 0,
        source: daysLimit.source,
        uncertain: daysLimit.uncertain,
      },
      earningsCheck(c, 'daily-earnings-disregard', daily, dayAlready, 'that day', (total) =>
        cutEffect(
          cut(total),
          cut(dayAlready),
          (m) => `Jobseeker's Allowance reduced by about ${m} that week.`,
          c,
          "Jobseeker's Allowance would be reduced that week.",
        ),
      ),
    ];
  },
  'IE.JB': (c) => [
    {
      ...earningsCheck(
        c,
        'any-paid-day',
        figure(c, 'weeklyEarningsLimitMinor'),
        c.week.earningsMinor,
        'this week',
        () => unknownEffect(''),
      ),
      explanation: "Jobseeker's Benefit treats any paid day as a day worked.",
      consequence: "Jobseeker's Benefit reduced by a fifth of the weekly rate for each day worked.",
    },
  ],
  'IE.IB': (c) => permissionCheck(c, 'Illness Benefit'),
  'IE.IP': (c) => permissionCheck(c, 'Invalidity Pension'),
  'IE.PCB': () => [],
  'UK.ESA_PW': (c) => {
    const below = figure(c, 'paidHoursBelow');
    const limitMicro = toMicroHours(below.value);
    const already = c.week.paidMicroHours;
    const thisPaid = c.paidWork ? c.microHours : 0;
    const hoursBroken = thisPaid > 0 && already + thisPaid >= limitMicro;
    const pw1 = c.benefit.pw1Notified === true;
    const limit = figure(c, pw1 ? 'higherLimitMinor' : 'lowerLimitMinor');
    return [
      {
        scheme: 'UK.ESA_PW',
        rule: 'weekly-paid-hours-under-16',
        limitHours: below.value,
        alreadyHours: fromMicroHours(already),
        thisHours: fromMicroHours(thisPaid),
        headroomHours: fromMicroHours(Math.max(0, limitMicro - already)),
        broken: hoursBroken,
        earningsRule: false,
        // Only paid hours count: an unpaid session keeps the rule, a paid one of any amount does not.
        maxFeeMinor: hoursBroken ? 0 : Number.POSITIVE_INFINITY,
        explanation: `Paid work this week would be ${formatHours(fromMicroHours(already + thisPaid))}. Permitted work must stay under ${formatHours(below.value)} a week.`,
        consequence: 'ESA could stop for that week: 16 hours or more of paid work is not permitted work.',
        reductionMinor: hoursBroken ? null : 0,
        source: below.source,
        uncertain: below.uncertain,
      },
      earningsCheck(
        c,
        pw1 ? 'permitted-work-higher-limit' : 'permitted-work-lower-limit',
        limit,
        c.week.earningsMinor,
        'this week',
        () => unknownEffect('ESA could stop for the whole week: going over the permitted work limit is a cliff edge.'),
      ),
    ];
  },
  'UK.CA': (c) => [
    earningsCheck(
      c,
      'weekly-earnings-limit',
      figure(c, 'weeklyEarningsLimitMinor'),
      c.week.earningsMinor,
      'this week',
      () => unknownEffect("The whole of that week's Carer's Allowance would be lost."),
    ),
  ],
  'UK.UC': (c) => {
    const allowance = c.benefit.workAllowanceMinor ?? 0;
    const taper = figureOn(c.pack, 'taperPercent', c.date);
    const cut = (x: number) => (taper ? percentOf(Math.max(0, x - allowance), taper.value) : undefined);
    return [
      earningsCheck(
        c,
        'work-allowance',
        { value: allowance, source: "The person's declared work allowance (UC Regulations 2013 reg 22)" },
        c.month.earningsMinor,
        'in this assessment period',
        (total) =>
          cutEffect(
            cut(total),
            cut(c.month.earningsMinor),
            (m) =>
              `Universal Credit reduced by about ${m} for that assessment period (${taper?.value}p for each £1 over the work allowance).`,
            c,
            'Universal Credit would be reduced for that assessment period.',
          ),
      ),
    ];
  },
  'UK.PIP': () => [],
  NONE: () => [],
};

function permissionCheck(c: RuleContext, benefitName: string): Check[] {
  const permitted = c.benefit.permissionRecorded === true && c.benefit.weeklyLimitMinor !== undefined;
  const reference = figureOn(c.pack, 'referencePermittedWeeklyMinor', c.date);
  const limit = permitted
    ? { value: c.benefit.weeklyLimitMinor ?? 0, source: "The person's written permission, as recorded" }
    : {
        value: 0,
        source: `No written permission recorded${reference ? ` (a typical permission allowed ${money(c, reference.value)} a week: ${reference.source})` : ''}`,
        uncertain: reference?.uncertain,
      };
  const check = earningsCheck(
    c,
    permitted ? 'permitted-work-limit' : 'written-permission',
    limit,
    c.week.earningsMinor,
    'this week',
    () =>
      unknownEffect(
        permitted
          ? `${benefitName} could stop: the earnings would be more than the written permission allows.`
          : `${benefitName} could stop: paid work needs written permission from the Department of Social Protection first.`,
      ),
  );
  if (!permitted) {
    check.explanation = `${benefitName} does not allow paid work without written permission, and none is recorded.`;
  }
  return [check];
}

/**
 * The order options are shown in with their outcomes: by the fee paid, largest first — the
 * contract's own order (full, reduced, charity, expenses-only, decline). It is the same for everyone
 * and does not depend on which option the product thinks is safest, so no option is put first (or
 * last) to steer the person; each one states what it leaves them with, and the choice is theirs.
 * (`options` keeps the engine's order, which the contract's examples show.)
 */
export const outcomeOrder: readonly PaymentOption[] = PaymentOption.options;

type OutcomeInput = {
  fullFeeMinor: number;
  headroomMinor: number;
  expensesMinor: number;
  currency: Currency;
  checksAt: (feeMinor: number, paidWork: boolean) => Check[];
};

/** What an option pays: the fee, to whom, and whether the session counts as paid work. */
function optionPays(option: PaymentOption, o: OutcomeInput) {
  switch (option) {
    case 'full':
      return { feeMinor: o.fullFeeMinor, toCharity: false, earnings: o.fullFeeMinor, paidWork: o.fullFeeMinor > 0 };
    case 'reduced':
      return { feeMinor: o.headroomMinor, toCharity: false, earnings: o.headroomMinor, paidWork: o.headroomMinor > 0 };
    case 'charity':
      // Not the person's earnings, but still paid work (hours and days count: docs/benefit-rules.md).
      return { feeMinor: o.fullFeeMinor, toCharity: true, earnings: 0, paidWork: o.fullFeeMinor > 0 };
    case 'expenses-only':
    case 'decline':
      return { feeMinor: 0, toCharity: false, earnings: 0, paidWork: false };
  }
}

/**
 * For each open option, what the person ends up with: the fee paid to them and the expenses paid
 * back, less the benefit reduction the rules state for that option (the period's rules re-checked
 * with that fee). Null where a rule that option crosses cannot say how much (a benefit that stops
 * for the week: its amount is not recorded), with the reason in `explanation`.
 */
export function optionOutcomesOf(options: readonly PaymentOption[], o: OutcomeInput): OptionOutcome[] {
  const money = (minor: number) => formatMoney(minor, o.currency);
  const raw = outcomeOrder
    .filter((option) => options.includes(option))
    .map((option) => {
      const pays = optionPays(option, o);
      const broken = o.checksAt(pays.earnings, pays.paidWork).filter((c) => c.broken);
      const reductions = broken.map((c) => c.reductionMinor);
      const benefitReductionMinor = reductions.every((r): r is number => r !== null)
        ? reductions.reduce((a, b) => a + b, 0)
        : null;
      const received = (pays.toCharity ? 0 : pays.feeMinor) + o.expensesMinor;
      const endsUpWithMinor = benefitReductionMinor === null ? null : received - benefitReductionMinor;
      return { option, pays, broken, benefitReductionMinor, endsUpWithMinor };
    });
  const baseline = raw.find((r) => r.option === 'expenses-only')?.endsUpWithMinor ?? null;
  return raw.map(({ option, pays, broken, benefitReductionMinor, endsUpWithMinor }) => {
    const expenses = o.expensesMinor > 0 ? `${money(o.expensesMinor)} expenses paid back` : '';
    const paid =
      option === 'full'
        ? `The full fee of ${money(pays.feeMinor)} is paid to you${expenses ? `, with ${expenses}` : ''}.`
        : option === 'reduced'
          ? `A smaller fee of up to ${money(pays.feeMinor)} (the most that keeps every benefit rule we check) is paid to you${expenses ? `, with ${expenses}` : ''}.`
          : option === 'charity'
            ? `The fee of ${money(pays.feeMinor)} goes to a charity you choose${expenses ? `; you get ${expenses}` : ''}.`
            : option === 'expenses-only'
              ? expenses
                ? `No fee is paid; you get ${expenses}.`
                : 'No fee is paid (there are no expenses to pay back).'
              : expenses
                ? `You say no to the fee; you still get ${expenses}.`
                : 'You say no to the fee.';
    const consequences = [...new Set(broken.map((c) => c.consequence).filter(Boolean))].join(' ');
    const effect =
      broken.length === 0
        ? 'This keeps within every benefit rule we check.'
        : benefitReductionMinor === null
          ? `${consequences} We cannot say how much that would cost you: it depends on how much benefit you get.`.trim()
          : consequences;
    // "About" only where a benefit reduction is an estimate; fees and expenses are exact.
    const about = benefitReductionMinor !== null && benefitReductionMinor > 0 ? 'about ' : '';
    const more =
      endsUpWithMinor !== null && baseline !== null && option !== 'expenses-only' && option !== 'decline'
        ? endsUpWithMinor > baseline
          ? ` That is ${about}${money(endsUpWithMinor - baseline)} more than expenses only.`
          : endsUpWithMinor < baseline
            ? ` That is ${about}${money(baseline - endsUpWithMinor)} less than expenses only.`
            : ' That is the same as expenses only.'
        : '';
    const endsUp = endsUpWithMinor === null ? '' : ` You end up with ${about}${money(endsUpWithMinor)}.${more}`;
    return {
      option,
      feeMinor: pays.feeMinor,
      feeTo: pays.toCharity ? 'charity' : 'payee',
      expensesMinor: o.expensesMinor,
      benefitReductionMinor,
      endsUpWithMinor,
      explanation: `${paid} ${effect}${endsUp}`,
    };
  });
}

export type Resolution = {
  option: SettledAs;
  status: Extract<PaymentStatus, 'due' | 'declined'>;
  feeMinor: number;
  /** The fee is paid to a charity, not to the person. */
  feeToCharity: boolean;
  contribution: Contribution;
};

export type Assessment = {
  localDate: string;
  periods: Periods;
  period: SchemePeriod;
  fullFeeMinor: number;
  expensesMinor: number;
  outcome: 'due' | 'held' | 'settled-by-preference';
  status: Extract<PaymentStatus, 'due' | 'held' | 'declined'>;
  /** What would be paid: for a held payment the full fee that waits for a choice. */
  feeMinor: number;
  reasons: Reason[];
  consequences: string[];
  options: PaymentOption[];
  /** While held: what each open option leaves the person with, in a neutral order (optionOutcomesOf). */
  optionOutcomes: OptionOutcome[];
  /** Largest fee that keeps every rule (0 when none does). */
  headroomMinor: number;
  /** How it was settled (absent while held). */
  resolution?: Resolution;
  /** What this payment adds to each period's totals as assessed (held: attended hours only). */
  contribution: Contribution;
};

/**
 * What a payment adds to its periods' totals once settled. Earnings count only what is paid to the
 * person; a decline or expenses-only pays no fee (its hours still count as attended). A fee sent to
 * charity is not the person's earnings, but its hours and day still count as paid work (the careful
 * reading, see docs/benefit-rules.md).
 */
export function resolutionFor(
  option: SettledAs,
  feeMinor: number,
  expensesMinor: number,
  date: string,
  microHours: number,
): Resolution {
  const fee = option === 'decline' || option === 'expenses-only' ? 0 : feeMinor;
  const charity = option === 'charity';
  const paid = fee > 0;
  const status = option === 'decline' || fee + expensesMinor === 0 ? 'declined' : 'due';
  return {
    option,
    status,
    feeMinor: fee,
    feeToCharity: charity && paid,
    contribution: {
      date,
      earningsMinor: charity ? 0 : fee,
      allMicroHours: microHours,
      paidMicroHours: paid ? microHours : 0,
      paidDay: paid,
    },
  };
}

export function assess(input: AssessInput): Assessment {
  if (input.currency !== currencyOf[input.jurisdiction]) {
    throw new CurrencyMismatchError(input.currency, input.jurisdiction);
  }
  const packs = input.packs ?? rulePacks;
  const periods = periodsFor(input);
  const weekTotals = input.totals[periodKey(periods.week)] ?? emptyTotals();
  const monthTotals = periods.month ? (input.totals[periodKey(periods.month)] ?? emptyTotals()) : emptyTotals();
  const fullFeeMinor = feeFor(input.hours, input.hourlyRateMinor);
  const microHours = toMicroHours(input.hours);
  /** Every rule of every declared scheme with this session added, earning `feeMinor` (paid work or not). */
  const checksAt = (feeMinor: number, paidWork: boolean) =>
    input.benefits.flatMap((benefit) =>
      rules[benefit.scheme]({
        benefit,
        pack: packs[benefit.scheme],
        date: periods.localDate,
        feeMinor,
        paidWork,
        microHours,
        week: weekTotals,
        month: monthTotals,
        currency: input.currency,
      }),
    );
  const checks = checksAt(fullFeeMinor, fullFeeMinor > 0);
  const broken = checks.filter((c) => c.broken);
  const fixable = broken.every((c) => c.maxFeeMinor !== null);
  const headroomMinor = fixable ? Math.max(0, Math.min(fullFeeMinor, ...checks.map((c) => c.maxFeeMinor ?? 0))) : 0;
  const reducedAllowed = fixable && broken.every((c) => packs[c.scheme].reducedAllowed);
  const charityKeepsRules = broken.every((c) => c.earningsRule);
  const options = optionOrder.filter((o) =>
    o === 'reduced'
      ? reducedAllowed && headroomMinor > 0
      : o === 'charity'
        ? reducedAllowed && charityKeepsRules
        : true,
  );
  const declared = input.benefits.find((b) => packs[b.scheme].period !== 'none')?.scheme ?? input.benefits[0]?.scheme;
  const period = schemePeriod(broken[0]?.scheme ?? declared ?? 'NONE', periods, packs);
  // A rule some fee keeps (even a fee of 0) can be avoided by the person's choice; one no fee keeps cannot.
  const reasons: Reason[] = broken.map(
    ({ broken: _b, maxFeeMinor, earningsRule: _e, reductionMinor: _r, ...reason }) => ({
      ...reason,
      avoidableByChoice: maxFeeMinor !== null,
    }),
  );
  const consequences = [...new Set(reasons.map((r) => r.consequence).filter(Boolean))];
  const base = {
    localDate: periods.localDate,
    periods,
    period,
    fullFeeMinor,
    expensesMinor: input.expensesMinor,
    reasons,
    consequences,
    headroomMinor,
  };
  const settle = (option: SettledAs, fee: number, outcome: Assessment['outcome']): Assessment => {
    const resolution = resolutionFor(option, fee, input.expensesMinor, periods.localDate, microHours);
    return {
      ...base,
      outcome,
      status: resolution.status,
      feeMinor: resolution.feeMinor,
      options: [],
      optionOutcomes: [],
      resolution,
      contribution: resolution.contribution,
    };
  };
  if (broken.length === 0) return settle('rules', fullFeeMinor, 'due');
  switch (input.preference) {
    case 'expenses-only':
    case 'decline':
      return settle(input.preference, 0, 'settled-by-preference');
    case 'full':
      return settle('full', fullFeeMinor, 'settled-by-preference');
    case 'cap-at-headroom':
      if (reducedAllowed) {
        return settle(headroomMinor > 0 ? 'reduced' : 'expenses-only', headroomMinor, 'settled-by-preference');
      }
      break;
    case 'ask':
      break;
  }
  return {
    ...base,
    outcome: 'held',
    status: 'held',
    feeMinor: fullFeeMinor,
    options,
    optionOutcomes: optionOutcomesOf(options, {
      fullFeeMinor,
      headroomMinor,
      expensesMinor: input.expensesMinor,
      currency: input.currency,
      checksAt,
    }),
    contribution: {
      date: periods.localDate,
      earningsMinor: 0,
      allMicroHours: microHours,
      paidMicroHours: 0,
      paidDay: false,
    },
  };
}

/** Settle an assessment as "no fee" whatever the rules say (someone who has not consented to being paid). */
export function withoutFee(a: Assessment): Assessment {
  const resolution = resolutionFor('decline', 0, a.expensesMinor, a.localDate, a.contribution.allMicroHours);
  return {
    ...a,
    outcome: 'settled-by-preference',
    status: resolution.status,
    feeMinor: 0,
    options: [],
    optionOutcomes: [],
    resolution,
    contribution: resolution.contribution,
  };
}

/**
 * Check a person's choice on a held payment against the options they were offered and the
 * headroom as it is NOW (other payments may have used some since the hold), and settle it.
 */
export function decideChoice(
  input: Omit<AssessInput, 'preference'>,
  offered: readonly PaymentOption[],
  choice: ChoiceBody,
  /** Who reads the messages: the person ("you") or a coordinator ("the person"). */
  reader: Reader = 'staff',
): { ok: true; assessment: Assessment; resolution: Resolution } | { ok: false; issues: FieldIssue[] } {
  const assessment = assess({ ...input, preference: 'ask' });
  const issues: FieldIssue[] = [];
  if (!offered.includes(choice.option)) {
    issues.push({ path: 'option', message: `Choose one of the options open for this payment: ${offered.join(', ')}.` });
  }
  if (choice.option === 'full' && choice.adviceAcknowledged !== true) {
    issues.push({
      path: 'adviceAcknowledged',
      message:
        reader === 'self'
          ? 'Confirm you have been offered independent benefits advice and accept the effect on your benefits.'
          : 'Confirm the person has been offered independent benefits advice and accepts the effect on their benefits.',
    });
  }
  let fee = assessment.fullFeeMinor;
  if (choice.option === 'reduced') {
    const amount = choice.amountMinor;
    const headroom = Math.min(assessment.headroomMinor, assessment.fullFeeMinor);
    const fmt = (m: number) => formatMoney(m, input.currency);
    if (amount === undefined || !Number.isInteger(amount) || amount <= 0) {
      issues.push({ path: 'amountMinor', message: `Enter an amount above zero and up to ${fmt(headroom)}.` });
    } else if (amount > headroom) {
      issues.push({
        path: 'amountMinor',
        message:
          headroom > 0
            ? `The most that keeps every benefit rule now is ${fmt(headroom)}.`
            : 'There is no room left in this period for a reduced fee. Choose another option.',
      });
    } else fee = amount;
  }
  if (issues.length > 0) return { ok: false, issues };
  const resolution = resolutionFor(
    choice.option,
    fee,
    input.expensesMinor,
    assessment.localDate,
    toMicroHours(input.hours),
  );
  return { ok: true, assessment, resolution };
}

import * as z from 'zod/mini';
import {
  type Currency,
  currencyOf,
  formatMoney,
  Jurisdiction,
  SchemeId,
  schemeJurisdiction,
} from '../../kernel/index.js';
import { formatHours, hourCount } from './money.js';
import { type FigureName, figureOn, type RulePack, rulePacks } from './rule-packs.js';

/**
 * The words people read about the benefit schemes: each scheme's name, what it means for paid
 * involvement (the recruit form) and each rule in plain words (the scheduling warnings). The rules
 * and limits live in the rule packs; every figure in these words is read from the pack in force on
 * the date they are for, so a new figure in a pack changes the words too.
 */

/** A scheme as the recruit form shows it. */
export const SchemeInfo = z.object({
  id: SchemeId,
  jurisdiction: z.union([Jurisdiction, z.literal('any')]),
  name: z.string(),
  means: z.string(),
});
export type SchemeInfo = z.infer<typeof SchemeInfo>;

export const schemeNames: Record<SchemeId, string> = {
  'IE.DA': 'Disability Allowance (or Blind Pension)',
  'IE.CA': "Carer's Allowance",
  'IE.JA': "Jobseeker's Allowance",
  'IE.JB': "Jobseeker's Benefit",
  'IE.IB': 'Illness Benefit',
  'IE.IP': 'Invalidity Pension',
  'IE.PCB': 'Partial Capacity Benefit',
  'UK.ESA_PW': 'Employment and Support Allowance (permitted work)',
  'UK.CA': "Carer's Allowance",
  'UK.UC': 'Universal Credit',
  'UK.PIP': 'PIP, DLA or Attendance Allowance',
  NONE: 'No benefits',
};

/** The value of a figure of the scheme's pack in force on the date (undefined before its first entry). */
type Figures = (name: FigureName) => number | undefined;

const figuresOf =
  (pack: RulePack, date: string): Figures =>
  (name) =>
    figureOn(pack, name, date)?.value;

/** "an 18.5-hour", "a 20-hour": the article an hour count takes when spoken. */
const anHour = (hours: number) =>
  `${/^(8|11(\.|$)|18(\.|$))/.test(hourCount(hours)) ? 'an' : 'a'} ${hourCount(hours)}-hour`;

/** "€20" for a whole amount (as people say a limit), "€20.50" otherwise. */
function roughMoney(minor: number, currency: Currency) {
  if (minor % 100 !== 0) return formatMoney(minor, currency);
  return new Intl.NumberFormat(currency === 'EUR' ? 'en-IE' : 'en-GB', {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(minor / 100);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const means: Record<SchemeId, (f: Figures) => string> = {
  'IE.DA': () => 'You can earn up to a weekly amount without losing any of it. Above that, it is reduced.',
  'IE.CA': (f) => {
    const hours = f('weeklyHoursLimit');
    return `Paid or unpaid involvement counts toward ${hours === undefined ? 'a weekly hours limit' : `${anHour(hours)} weekly limit`}, and there is an income limit.`;
  },
  'IE.JA': (f) => {
    const days = f('daysWorkedLimit');
    const daily = f('dailyEarningsDisregardMinor');
    return `A day with any paid activity counts as a day worked: ${days === undefined ? 'there is a limit on days a week' : `no more than ${days} a week`}, and ${daily === undefined ? 'a daily earnings limit' : `about ${roughMoney(daily, currencyOf.IE)} a day`}.`;
  },
  'IE.JB': () => 'Any paid day reduces the payment for that week.',
  'IE.IB': () => 'No paid work without written permission from the Department of Social Protection.',
  'IE.IP': () => 'No paid work without written permission from the Department of Social Protection.',
  'IE.PCB': () => 'No earnings or hours limit once the work has been approved.',
  'UK.ESA_PW': (f) => {
    const below = f('paidHoursBelow');
    return `${below === undefined ? 'A limit on paid hours' : `Under ${formatHours(below)}`} a week, and a weekly earnings limit (higher if you have told DWP on form PW1).`;
  },
  'UK.CA': () => 'Earning even £1 over the weekly limit loses the whole week.',
  'UK.UC': (f) => {
    const taper = f('taperPercent');
    return `Earnings over your work allowance in a monthly assessment period reduce it${taper === undefined ? '' : ` by ${taper}p for each £1`}.`;
  },
  'UK.PIP': () => 'Not affected by earnings.',
  NONE: () => 'Nothing to check.',
};

/** A scheme with what it means, in the figures in force on `date` (YYYY-MM-DD). */
export const schemeInfoOn = (
  id: SchemeId,
  date: string,
  packs: Record<SchemeId, RulePack> = rulePacks,
): SchemeInfo => ({
  id,
  jurisdiction: schemeJurisdiction[id],
  name: schemeNames[id],
  means: means[id](figuresOf(packs[id], date)),
});

/** Plain words for each rule the engine checks, for "would cross the <scheme> <rule>". */
const ruleWords: Record<string, (f: Figures) => string> = {
  'weekly-earnings-disregard': () => 'weekly earnings limit',
  'weekly-hours-limit': (f) => {
    const hours = f('weeklyHoursLimit');
    return hours === undefined ? 'weekly hours limit' : `weekly limit of ${formatHours(hours)}`;
  },
  'weekly-income-disregard': () => 'weekly income limit',
  'days-worked': (f) => {
    const days = f('daysWorkedLimit');
    return days === undefined ? 'limit on days worked a week' : `limit of ${plural(days, 'day')} worked a week`;
  },
  'daily-earnings-disregard': () => 'daily earnings limit',
  'any-paid-day': () => 'rule that any paid day reduces it',
  'written-permission': () => 'rule that paid work needs written permission',
  'permitted-work-limit': () => 'amount their written permission allows',
  'weekly-paid-hours-under-16': (f) => {
    const below = f('paidHoursBelow');
    return below === undefined
      ? 'limit on paid hours a week'
      : `limit of under ${hourCount(below)} paid hour${below === 1 ? '' : 's'} a week`;
  },
  'permitted-work-higher-limit': () => 'permitted work earnings limit',
  'permitted-work-lower-limit': () => 'permitted work earnings limit (without form PW1)',
  'weekly-earnings-limit': () => 'weekly earnings limit',
  'work-allowance': () => 'work allowance',
};

/** A rule of a scheme in plain words, with the figures in force on `date`; the rule id when it has none. */
export function ruleInWords(
  scheme: SchemeId,
  rule: string,
  date: string,
  packs: Record<SchemeId, RulePack> = rulePacks,
): string {
  const words = ruleWords[rule];
  return words ? words(figuresOf(packs[scheme], date)) : rule;
}

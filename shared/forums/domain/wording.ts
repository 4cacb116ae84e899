import { currencyOf, type Jurisdiction, timeZoneOf } from '../../kernel/names.js';
import { countryName, currencyWords as currencyWordsOf } from '../../kernel/words.js';
import type { QuorumRule } from './forums.js';
import type { HourlyRate } from './rates.js';
import { describeDate, describeTimes } from './time.js';

/**
 * What the forums context says to people, in plain words: refusals, explanations and warnings. The
 * rules decide (forums.ts, rates.ts); this says why.
 */

export { countryName };

const currencyWords = { IE: currencyWordsOf.EUR, UK: currencyWordsOf.GBP } as const satisfies Record<
  Jurisdiction,
  string
>;

// ---- Where a forum meets and pays --------------------------------------------------------------

/** "A forum in Ireland pays in euro (EUR)." */
export const forumCurrencyMessage = (j: Jurisdiction) =>
  `A forum in ${countryName[j]} pays in ${currencyWords[j]} (${currencyOf[j]}).`;

/** "A forum in the UK uses Europe/London." */
export const forumTimeZoneMessage = (j: Jurisdiction) => `A forum in ${countryName[j]} uses ${timeZoneOf[j]}.`;

/**
 * Why someone from another jurisdiction cannot be paid by this forum: their fee would be in the
 * forum's currency but checked against their own country's benefit rules (euro against a £20 limit).
 */
export const otherJurisdictionMessage = (
  p: { displayName: string; jurisdiction: Jurisdiction },
  forum: Jurisdiction,
  doing: string,
) =>
  `${p.displayName} is registered in ${countryName[p.jurisdiction]}, but this forum is in ${countryName[forum]} and pays in ${currencyWords[forum]}, so their payment could not be checked against their benefit rules. They cannot be ${doing} here. If their record is wrong, correct it first.`;

// ---- Quorum ------------------------------------------------------------------------------------

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/** "at least 2 people with lived experience, and at least 50% of those attending": a forum's quorum rule. */
export const quorumRuleWords = (rule: QuorumRule) =>
  `at least ${people(rule.minLivedExperienceMembers)} with lived experience, and at least ${pct(rule.minLivedExperienceShare)} of those attending`;

const quorumNeed = (rule: QuorumRule) => `This forum needs ${quorumRuleWords(rule)}.`;

const leadWords: Record<number, string> = {
  10080: '1 week before',
  2880: '2 days before',
  1440: '1 day before',
  120: '2 hours before',
};
/** "2 days before, 2 hours before": when reminders go out. */
export const reminderLeadsWords = (leads: readonly number[]) =>
  leads.length ? leads.map((l) => leadWords[l] ?? `${l} minutes before`).join(', ') : 'No reminders';

/** The quorum from the answers so far, explained (forums.ts `quorumStatus` decides the status). */
export function answersExplanation(
  status: 'met' | 'at-risk' | 'not-met',
  counts: { livedExperienceYes: number; totalYes: number; livedExperienceUndecided: number },
  rule: QuorumRule,
): string {
  const { livedExperienceYes, totalYes, livedExperienceUndecided } = counts;
  const sofar =
    totalYes === 0
      ? 'Nobody has said yes yet.'
      : `${livedExperienceYes} of the ${people(totalYes)} who said yes ${livedExperienceYes === 1 ? 'has' : 'have'} lived experience.`;
  if (status === 'met') return `Met. ${sofar} ${quorumNeed(rule)}`;
  if (status === 'at-risk') {
    const undecided =
      livedExperienceUndecided === 1
        ? 'the 1 person with lived experience who said maybe or has not answered comes'
        : `enough of the ${livedExperienceUndecided} people with lived experience who said maybe or have not answered come`;
    return `At risk: not met yet. ${sofar} It can still be met if ${undecided}. ${quorumNeed(rule)}`;
  }
  return `Not met, even if everyone with lived experience who might come does. ${sofar} ${quorumNeed(rule)} Invite more people with lived experience.`;
}

/** The quorum of a held session, from who attended, explained. */
export function attendanceExplanation(
  met: boolean,
  counts: { livedExperience: number; total: number },
  rule: QuorumRule,
) {
  const { livedExperience: le, total } = counts;
  const fact =
    total === 0
      ? 'Nobody was recorded as attending.'
      : `${le} of the ${people(total)} who attended ${le === 1 ? 'has' : 'have'} lived experience.`;
  return `${met ? 'Met at the session.' : 'Not met at the session.'} ${fact} ${quorumNeed(rule)}`;
}

/** At scheduling: the invitees could not meet the rule even if all of them came. */
export const projectedShortfallMessage = (livedExperience: number, invited: number, rule: QuorumRule) =>
  `Even if everyone invited comes, ${livedExperience} of ${people(invited)} would have lived experience. ${quorumNeed(rule)}`;

// ---- Rates -------------------------------------------------------------------------------------

export const rateExistsReason = (date: string) =>
  `This forum already has a rate from ${describeDate(date)}. Rates are never changed once set: choose another date.`;

export const rateAfterHeldReason = (heldThrough: string) =>
  `A session of this forum on ${describeDate(heldThrough)} has already been recorded as held and paid at the rate in force then. A new rate must start after ${describeDate(heldThrough)}.`;

export const tooManyRatesReason = (max: number) => `This forum already has ${max} rates, the most one forum can keep.`;

const firstRateFrom = (rates: readonly HourlyRate[]) => rates.map((r) => r.effectiveFrom).sort()[0];

/** Why a forum has no rate for a session on `date`, in plain words (refused when recording it as held). */
export function noRateMessage(rates: readonly HourlyRate[], date: string): string {
  const first = firstRateFrom(rates);
  const since = first ? ` Its first rate starts on ${describeDate(first)}.` : '';
  return `This forum has no hourly rate in force on ${describeDate(date)}, so the session cannot be paid.${since} Add a rate from ${describeDate(date)} or earlier on the forum's page, then record attendance again.`;
}

// ---- Scheduling warnings -----------------------------------------------------------------------

export const startsInThePastMessage =
  'This session starts in the past. No reminders will be sent; you can record who attended straight away.';

export const venueNotAccessibleMessage = (venueName: string) =>
  `${venueName} is not marked as accessible. Check that everyone invited can get in and around, or choose another venue.`;

/** No rate is in force on the session's date: recording it as held will be refused until one is. */
export function noRateWarningMessage(rates: readonly HourlyRate[], date: string): string {
  const first = firstRateFrom(rates);
  return `This forum has no hourly rate in force on ${describeDate(date)}${first ? ` (its first rate starts on ${describeDate(first)})` : ''}. Add a rate from that date or earlier before recording who attended, or nobody can be paid.`;
}

export const clashMessage = (
  displayName: string,
  other: { title: string; startsAt: string; endsAt: string },
  timeZone: string,
) => `${displayName} is also invited to “${other.title}” at an overlapping time (${describeTimes(other, timeZone)}).`;

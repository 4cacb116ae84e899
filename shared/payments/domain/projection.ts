import {
  type Constituency,
  type Currency,
  currencyOf,
  type DeclaredBenefit,
  type Jurisdiction,
  type SchemeId,
} from '../../kernel/index.js';
import { ruleInWords, schemeNames } from './benefit-schemes.js';
import { assess, type Periods, periodsFor } from './engine.js';
import { feeFor, toMicroHours } from './money.js';
import { addDays, periodKey } from './periods.js';
import { type RulePack, rulePacks } from './rule-packs.js';
import { type Contribution, type PeriodTotals, totalsOf } from './totals.js';

/**
 * Benefit projections for scheduling: would attending a session cross one of an invitee's benefit
 * rules? Pure: the same engine that pays, run on the session's fee against the person's period
 * totals as recorded plus their other sessions already planned in the same periods.
 */

/** A session as projected: its times and the hourly rate in force on its date (undefined: none). */
export type ProjectedSession = {
  sessionId: string;
  startsAt: string;
  endsAt: string;
  /** Absent when its forum has no rate in force on its date (it would not be paid). */
  hourlyRateMinor?: number;
  currency: Currency;
};

/**
 * One of the invitee's OTHER sessions still scheduled (not held, not cancelled, not the one
 * projected), with the rate its forum has in force on its own date; counted as if attended in full.
 */
export type PlannedSession = ProjectedSession;

/** What the projection needs of an invitee (a participant record has it). */
export type Invitee = {
  participantId: string;
  displayName: string;
  jurisdiction: Jurisdiction;
  constituency: Constituency;
  benefits: DeclaredBenefit[];
};

export type ProjectionWarning = {
  kind: 'benefit-projection' | 'other-jurisdiction';
  participantId: string;
  message: string;
};

/** A range of instants (ISO-8601), both ends included. */
export type ProjectionWindow = { from: string; to: string };

const hoursOf = (s: Pick<ProjectedSession, 'startsAt' | 'endsAt'>) =>
  (Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 3_600_000;

const jurisdictionName: Record<Jurisdiction, string> = { IE: 'Ireland', UK: 'the UK' };

/**
 * Lived-experience invitees whose benefit limits are in another currency than the session pays in.
 * Scheduling refuses them now; a session scheduled before that check may still invite one. Say so
 * rather than compare euro with pounds.
 */
export function otherJurisdictionWarnings(
  session: ProjectedSession,
  invitees: readonly Invitee[],
): ProjectionWarning[] {
  return invitees
    .filter((p) => p.constituency !== 'provider' && currencyOf[p.jurisdiction] !== session.currency)
    .map((p) => ({
      kind: 'other-jurisdiction',
      participantId: p.participantId,
      message: `${p.displayName} is registered in ${jurisdictionName[p.jurisdiction]}, but this forum pays in ${session.currency}. Their attendance cannot be recorded or paid here.`,
    }));
}

/**
 * The invitees whose benefits the session's fee could touch: lived experience, limits in the
 * session's currency, some benefit declared ("No benefits" is none). None when the session pays nothing (no rate in force
 * on its date, a rate of 0, or no length).
 */
export function inviteesToProject<P extends Invitee>(session: ProjectedSession, invitees: readonly P[]): P[] {
  if (!(hoursOf(session) > 0) || !session.hourlyRateMinor) return [];
  return invitees.filter(
    (p) =>
      p.constituency !== 'provider' &&
      currencyOf[p.jurisdiction] === session.currency &&
      p.benefits.some((b) => b.scheme !== 'NONE'),
  );
}

/** The range of instants holding every session whose local date lies in one of `periods` (a day's margin each side for the time zone). */
function windowOf(periods: Periods): ProjectionWindow {
  const all = Object.values(periods.ledgers);
  const first = all.map((x) => x.start).sort()[0] ?? periods.localDate;
  const last =
    all
      .map((x) => x.end)
      .sort()
      .at(-1) ?? periods.localDate;
  return { from: `${addDays(first, -1)}T00:00:00.000Z`, to: `${addDays(last, 1)}T23:59:59.999Z` };
}

/**
 * Which range of an invitee's schedule can hold sessions in the same benefit periods as a session
 * starting at `startsAt`: the week (and, with Universal Credit, the assessment period) it falls in.
 */
export const projectionWindow = (
  invitee: Pick<Invitee, 'jurisdiction' | 'benefits'>,
  startsAt: string,
): ProjectionWindow =>
  windowOf(periodsFor({ jurisdiction: invitee.jurisdiction, startsAt, benefits: invitee.benefits }));

/** The periods (ledger keys) of the invitee that a session starting at `startsAt` counts in. */
export const ledgerPeriodsOf = (invitee: Pick<Invitee, 'jurisdiction' | 'benefits'>, startsAt: string) =>
  periodsFor({ jurisdiction: invitee.jurisdiction, startsAt, benefits: invitee.benefits });

/** One planned session as it would count if held in full and paid at its rate. */
type Planned = { sessionId: string; ledgerKeys: string[]; contribution: Contribution };

function plannedIn(session: ProjectedSession, p: Invitee, periods: Periods, planned: readonly PlannedSession[]) {
  return planned.flatMap((s): Planned[] => {
    // A session paid in another currency is never paid to this person here: it adds nothing to these limits.
    if (s.currency !== session.currency) return [];
    const theirs = periodsFor({ jurisdiction: p.jurisdiction, startsAt: s.startsAt, benefits: p.benefits });
    const ledgerKeys = Object.keys(theirs.ledgers).filter((k) => k in periods.ledgers);
    const hours = hoursOf(s);
    if (ledgerKeys.length === 0 || !(hours > 0)) return [];
    const feeMinor = s.hourlyRateMinor !== undefined ? feeFor(hours, s.hourlyRateMinor) : 0;
    const microHours = toMicroHours(hours);
    return [
      {
        sessionId: s.sessionId,
        ledgerKeys,
        contribution: {
          date: theirs.localDate,
          earningsMinor: feeMinor,
          allMicroHours: microHours,
          paidMicroHours: feeMinor > 0 ? microHours : 0,
          paidDay: feeMinor > 0,
        },
      },
    ];
  });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * For one invitee (one of `inviteesToProject`): run the engine on the session's fee (its rate ×
 * its length) against the invitee's period ledgers as recorded plus their other planned sessions in
 * the same periods, and warn for every rule attending would cross. The rules are named with the
 * figures in force on the session's date.
 */
export function projectInvitee(input: {
  session: ProjectedSession;
  invitee: Invitee;
  /** The invitee's recorded contributions by ledger key (missing: nothing recorded yet). */
  ledgers: Readonly<Record<string, Record<string, Contribution>>>;
  planned: readonly PlannedSession[];
  packs?: Record<SchemeId, RulePack>;
}): ProjectionWarning[] {
  const { session, invitee: p } = input;
  const packs = input.packs ?? rulePacks;
  const periods = ledgerPeriodsOf(p, session.startsAt);
  const planned = plannedIn(session, p, periods, input.planned);
  const plannedOf = (k: string) => planned.filter((x) => x.ledgerKeys.includes(k));
  const totals = Object.fromEntries(
    Object.keys(periods.ledgers).map((k): [string, PeriodTotals] => {
      const projected = Object.fromEntries(plannedOf(k).map((x) => [`planned#${x.sessionId}`, x.contribution]));
      return [k, totalsOf({ ...input.ledgers[k], ...projected })];
    }),
  );
  const a = assess({
    jurisdiction: p.jurisdiction,
    startsAt: session.startsAt,
    benefits: p.benefits,
    hours: hoursOf(session),
    expensesMinor: 0,
    hourlyRateMinor: session.hourlyRateMinor ?? 0,
    currency: session.currency,
    preference: 'ask',
    totals,
    packs,
  });
  return a.reasons.map((r): ProjectionWarning => {
    const monthly = packs[r.scheme].period === 'uc-assessment-period' && periods.month;
    const key = periodKey(monthly || periods.week);
    const n = plannedOf(key).length;
    const counted =
      n > 0
        ? ` This includes ${plural(n, 'other planned session')} in the same ${monthly ? 'assessment period' : 'week'}, counted as if attended in full.`
        : '';
    return {
      kind: 'benefit-projection',
      participantId: p.participantId,
      message: `Attending this session would cross the ${schemeNames[r.scheme]} ${ruleInWords(r.scheme, r.rule, periods.localDate, packs)} for ${p.displayName}. ${r.explanation}${counted} ${r.avoidableByChoice ? 'Their payment would be held so they can choose.' : 'Attending at all crosses it, whatever they are paid: talk to them before the session.'}`,
    };
  });
}

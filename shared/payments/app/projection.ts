import { forumKey, participantInvitations, sessionKey } from '../../forums/adapters/forums-repo.js';
import type { WarningContext } from '../../forums/app/warnings.js';
import {
  type Forum,
  forumFromStored,
  type Invitation,
  type Session,
  type Warning,
  wallClock,
} from '../../forums/domain/forums.js';
import { rateOn } from '../../forums/domain/rates.js';
import type { Participant } from '../../participants/index.js';
import type { Db } from '../../runtime/store/db.js';
import { fromItem } from '../../runtime/store/item.js';
import { emptyLedger, ledgerFromItem, ledgerKey } from '../adapters/ledger-repo.js';
import { batchGet, lookup } from '../adapters/payments-repo.js';
import { schemes } from '../domain/benefit-schemes.js';
import { assess, currencyOf, type Periods, periodsFor } from '../domain/engine.js';
import { feeFor, toMicroHours } from '../domain/money.js';
import { addDays, periodKey } from '../domain/periods.js';
import { rulePacks } from '../domain/rule-packs.js';
import { type Contribution, type PeriodTotals, totalsOf } from '../domain/totals.js';

/** Plain words for each rule the engine checks, for "would cross <rule>". */
const ruleWords: Record<string, string> = {
  'weekly-earnings-disregard': 'weekly earnings limit',
  'weekly-hours-limit': 'weekly limit of 18.5 hours',
  'weekly-income-disregard': 'weekly income limit',
  'days-worked': 'limit of 3 days worked a week',
  'daily-earnings-disregard': 'daily earnings limit',
  'any-paid-day': 'rule that any paid day reduces it',
  'written-permission': 'rule that paid work needs written permission',
  'permitted-work-limit': 'amount their written permission allows',
  'weekly-paid-hours-under-16': 'limit of under 16 paid hours a week',
  'permitted-work-higher-limit': 'permitted work earnings limit',
  'permitted-work-lower-limit': 'permitted work earnings limit (without form PW1)',
  'weekly-earnings-limit': 'weekly earnings limit',
  'work-allowance': 'work allowance',
};

/** One of the person's other planned sessions, as it would count if held in full and paid at its rate. */
type Planned = { sessionId: string; ledgerKeys: string[]; contribution: Contribution };

/**
 * The person's other sessions that are still scheduled (not cancelled, not held, not this one) and
 * fall in one of `periods`: each at its full length × the rate its forum has in force on its date.
 * `invitations` come from the schedule index; `items` holds their session and forum items.
 */
function plannedIn(
  ctx: WarningContext,
  p: Participant,
  periods: Periods,
  invitations: Invitation[],
  items: Map<string, Record<string, unknown>>,
): Planned[] {
  return invitations.flatMap((inv): Planned[] => {
    const sessionItem = lookup(items, sessionKey(inv.sessionId));
    if (!sessionItem) return [];
    const session = fromItem<Session>(sessionItem);
    if (session.status !== 'scheduled') return [];
    const forumItem = session.forumId === ctx.forum.forumId ? undefined : lookup(items, forumKey(session.forumId));
    const forum: Forum | undefined =
      session.forumId === ctx.forum.forumId ? ctx.forum : forumItem && forumFromStored(fromItem(forumItem));
    // A session paid in another currency is never paid to this person here: it adds nothing to these limits.
    if (!forum || forum.remuneration.currency !== ctx.forum.remuneration.currency) return [];
    const theirs = periodsFor({ jurisdiction: p.jurisdiction, startsAt: session.startsAt, benefits: p.benefits });
    const ledgerKeys = Object.keys(theirs.ledgers).filter((k) => k in periods.ledgers);
    const hours = (Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 3_600_000;
    if (ledgerKeys.length === 0 || !(hours > 0)) return [];
    const rate = rateOn(forum.rates, wallClock(session.startsAt, forum.timeZone).date);
    const feeMinor = rate ? feeFor(hours, rate.hourlyRateMinor) : 0;
    const microHours = toMicroHours(hours);
    return [
      {
        sessionId: session.sessionId,
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

/** The schedule-index range holding every session whose local date lies in one of `periods` (a day's margin each side for the time zone). */
function rangeOf(periods: Periods): { from: string; to: string } {
  const all = Object.values(periods.ledgers);
  const first = all.map((x) => x.start).sort()[0] ?? periods.localDate;
  const last =
    all
      .map((x) => x.end)
      .sort()
      .at(-1) ?? periods.localDate;
  return { from: `${addDays(first, -1)}T00:00:00.000Z`, to: `${addDays(last, 1)}T23:59:59.999Z` };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Scheduling warning source (forums-warnings.ts): for each lived-experience invitee, run the same
 * engine on the session's fee (the forum's rate in force on the session's local date × session
 * length; none when no rate is in force then, which forums-warnings reports) against their period
 * totals as recorded now plus their other sessions already planned in the same periods (scheduled,
 * not cancelled, not yet held: each at its full length × the rate in force on its date), and warn
 * for every rule attending would cross. One Query on the schedule index (gsi2) per invitee for the
 * periods' range, then one BatchGet for their ledgers and the planned sessions and forums.
 */
export async function benefitProjections(ctx: WarningContext, deps: { db: Db }): Promise<Warning[]> {
  const hours = (Date.parse(ctx.session.endsAt) - Date.parse(ctx.session.startsAt)) / 3_600_000;
  const currency = ctx.forum.remuneration.currency;
  const candidates = ctx.invitees.filter((p: Participant) => p.constituency !== 'provider');
  // Scheduling refuses them now; a session scheduled before that check may still invite someone whose
  // benefit limits are in another currency. Say so rather than compare euro with pounds.
  const elsewhere = candidates
    .filter((p) => currencyOf[p.jurisdiction] !== currency)
    .map(
      (p): Warning => ({
        kind: 'other-jurisdiction',
        participantId: p.participantId,
        message: `${p.displayName} is registered in ${p.jurisdiction === 'IE' ? 'Ireland' : 'the UK'}, but this forum pays in ${currency}. Their attendance cannot be recorded or paid here.`,
      }),
    );
  const paid = candidates.filter((p) => currencyOf[p.jurisdiction] === currency && p.benefits.length > 0);
  const rate = rateOn(ctx.forum.rates, wallClock(ctx.session.startsAt, ctx.forum.timeZone).date);
  if (paid.length === 0 || !(hours > 0) || !rate || rate.hourlyRateMinor === 0) return elsewhere;
  const people = await Promise.all(
    paid.map(async (p) => {
      const periods = periodsFor({
        jurisdiction: p.jurisdiction,
        startsAt: ctx.session.startsAt,
        benefits: p.benefits,
      });
      const invitations = (await participantInvitations(deps.db, p.participantId, rangeOf(periods))).filter(
        (inv) => inv.sessionId !== ctx.session.sessionId && inv.status === 'invited',
      );
      return { p, periods, invitations };
    }),
  );
  const items = await batchGet(deps.db, [
    ...people.flatMap(({ p, periods }) => Object.keys(periods.ledgers).map((k) => ledgerKey(p.participantId, k))),
    ...people.flatMap(({ invitations }) => invitations.map((inv) => sessionKey(inv.sessionId))),
    ...people.flatMap(({ invitations }) =>
      invitations.filter((inv) => inv.forumId !== ctx.forum.forumId).map((inv) => forumKey(inv.forumId)),
    ),
  ]);
  const projections = people.flatMap(({ p, periods, invitations }) => {
    const planned = plannedIn(ctx, p, periods, invitations, items);
    const plannedOf = (k: string) => planned.filter((x) => x.ledgerKeys.includes(k));
    const totals = Object.fromEntries(
      Object.entries(periods.ledgers).map(([k, period]): [string, PeriodTotals] => {
        const item = lookup(items, ledgerKey(p.participantId, k));
        const ledger = item ? ledgerFromItem(item) : emptyLedger(p.participantId, k, period);
        const projected = Object.fromEntries(plannedOf(k).map((x) => [`planned#${x.sessionId}`, x.contribution]));
        return [k, totalsOf({ ...ledger.entries, ...projected })];
      }),
    );
    const a = assess({
      jurisdiction: p.jurisdiction,
      startsAt: ctx.session.startsAt,
      benefits: p.benefits,
      hours,
      expensesMinor: 0,
      hourlyRateMinor: rate.hourlyRateMinor,
      currency,
      preference: 'ask',
      totals,
    });
    return a.reasons.map((r): Warning => {
      const monthly = rulePacks[r.scheme].period === 'uc-assessment-period' && periods.month;
      const key = periodKey(monthly || periods.week);
      const n = plannedOf(key).length;
      const counted =
        n > 0
          ? ` This includes ${plural(n, 'other planned session')} in the same ${monthly ? 'assessment period' : 'week'}, counted as if attended in full.`
          : '';
      return {
        kind: 'benefit-projection',
        participantId: p.participantId,
        message: `Attending this session would cross the ${schemes[r.scheme].name} ${ruleWords[r.rule] ?? r.rule} for ${p.displayName}. ${r.explanation}${counted} ${r.avoidableByChoice ? 'Their payment would be held so they can choose.' : 'Attending at all crosses it, whatever they are paid: talk to them before the session.'}`,
      };
    });
  });
  return [...elsewhere, ...projections];
}

import type { Db } from '../adapters/db.js';
import { emptyLedger, ledgerFromItem, ledgerKey } from '../adapters/ledger-repo.js';
import { batchGet, lookup } from '../adapters/payments-repo.js';
import { schemes } from '../domain/benefit-schemes.js';
import { type Warning, wallClock } from '../domain/forums.js';
import type { Participant } from '../domain/participants.js';
import { rateOn } from '../domain/rates.js';
import { assess, currencyOf, periodsFor } from '../domain/remuneration/engine.js';
import { totalsOf } from '../domain/remuneration/totals.js';
import type { WarningContext } from './forums-warnings.js';

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

/**
 * Scheduling warning source (forums-warnings.ts): for each lived-experience invitee, run the same
 * engine on the session's fee (the forum's rate in force on the session's local date × session
 * length; none when no rate is in force then, which forums-warnings reports) against their period totals as
 * recorded now, and warn for every rule attending would cross. Totals count payments already
 * made; other sessions scheduled but not yet held are not projected. One BatchGet for all invitees.
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
  const people = paid.map((p) => ({
    p,
    periods: periodsFor({ jurisdiction: p.jurisdiction, startsAt: ctx.session.startsAt, benefits: p.benefits }),
  }));
  const items = await batchGet(
    deps.db,
    people.flatMap(({ p, periods }) => Object.keys(periods.ledgers).map((k) => ledgerKey(p.participantId, k))),
  );
  const projections = people.flatMap(({ p, periods }) => {
    const totals = Object.fromEntries(
      Object.entries(periods.ledgers).map(([k, period]) => {
        const item = lookup(items, ledgerKey(p.participantId, k));
        const ledger = item ? ledgerFromItem(item) : emptyLedger(p.participantId, k, period);
        return [k, totalsOf(ledger.entries)];
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
    return a.reasons.map(
      (r): Warning => ({
        kind: 'benefit-projection',
        participantId: p.participantId,
        message: `Attending this session would cross the ${schemes[r.scheme].name} ${ruleWords[r.rule] ?? r.rule} for ${p.displayName}. ${r.explanation} ${r.avoidableByChoice ? 'Their payment would be held so they can choose.' : 'Attending at all crosses it, whatever they are paid: talk to them before the session.'}`,
      }),
    );
  });
  return [...elsewhere, ...projections];
}

import { type Clock, ConflictError, type Currency } from '../../kernel/index.js';
import { type Db, TransactionConditionError, type TxItem } from '../../runtime/store/db.js';
import { putForumRates } from '../adapters/forums-repo.js';
import { bumpForRate, forumSessionsBetween, heldForumSessionsFrom } from '../adapters/sessions-repo.js';
import type { RateInput } from '../domain/commands.js';
import type { Forum } from '../domain/forums.js';
import { addRate, type HourlyRate, laterDate, newestFirst } from '../domain/rates.js';
import { wallClock } from '../domain/time.js';
import { readForum } from './forums.js';

/** The longest a UTC offset puts a local midnight before the same date's UTC midnight (and more). */
const MAX_OFFSET_MS = 14 * 3_600_000;

/**
 * The latest local date on which a session of the forum was recorded as held, on or after `from`:
 * a held session in its sessions index, or the forum's own `lastHeldOn` (kept on the forum item by
 * recordings before issue 10; recordings now touch only their session, so that sessions of one forum
 * can be recorded at once). The index is eventually consistent: what it has not caught up with yet is
 * covered by the session bumps in `planForumRate`.
 */
async function heldThrough(forum: Forum, from: string, db: Db): Promise<string | undefined> {
  const earliestStart = new Date(Date.parse(`${from}T00:00:00Z`) - MAX_OFFSET_MS).toISOString();
  const held = (await heldForumSessionsFrom(db, forum.forumId, earliestStart))
    .map((s) => wallClock(s.startsAt, forum.timeZone).date)
    .filter((d) => d >= from);
  return held.reduce<string | undefined>((latest, d) => laterDate(latest, d), forum.lastHeldOn);
}

/** A rate's transaction holds the forum, these session bumps and the idempotency record. */
const MAX_SESSION_BUMPS = 98;
/** Sessions starting up to a day from now may be recorded as held before the rate's write lands. */
const HOLDABLE_AHEAD_MS = 86_400_000;

/**
 * The still-scheduled sessions the new rate would apply to and that could be recorded as held while
 * it is being saved: those on or after its date that start before a day from now. Each is bumped in
 * the rate's transaction (condition: still scheduled), so a recording that read the old rates fails
 * and reads again, and a recording that got in first fails the rate (409). Later sessions cannot be
 * held before they start, and by then the rate is saved.
 */
async function holdableSessions(forum: Forum, from: string, deps: { db: Db; clock: Clock }): Promise<string[]> {
  const lo = new Date(Date.parse(`${from}T00:00:00Z`) - MAX_OFFSET_MS).toISOString();
  const hi = new Date(deps.clock.now().getTime() + HOLDABLE_AHEAD_MS).toISOString();
  if (lo > hi) return [];
  const sessions = await forumSessionsBetween(deps.db, forum.forumId, lo, hi);
  const ids = sessions
    .filter((s) => s.status === 'scheduled' && wallClock(s.startsAt, forum.timeZone).date >= from)
    .map((s) => s.sessionId);
  if (ids.length > MAX_SESSION_BUMPS) {
    throw new ConflictError(
      `More than ${MAX_SESSION_BUMPS} sessions of this forum from that date until now are still open. Record them as held or cancel them first, or choose a later date.`,
    );
  }
  return ids;
}

export type RatePlan = { items: TxItem[]; rate: HourlyRate; currency: Currency; rates: HourlyRate[] };

/**
 * Add a rate to a forum's history: the write, for idempotentWrite to commit. Refused (409) for a
 * date that already has a rate (history is never rewritten) and for a date on or before a session
 * recorded as held (its payment was made at the rate in force then). The write is conditional on
 * the forum's version and on each session it could apply to still being scheduled (holdableSessions),
 * so a session recorded as held meanwhile makes it fail rather than slip past.
 */
export async function planForumRate(
  forumId: string,
  input: RateInput,
  deps: { db: Db; clock: Clock },
): Promise<RatePlan> {
  const forum = await readForum(forumId, deps);
  const rate: HourlyRate = { effectiveFrom: input.effectiveFrom, hourlyRateMinor: input.hourlyRateMinor };
  const added = addRate(forum.rates, rate, await heldThrough(forum, rate.effectiveFrom, deps.db));
  if (!added.ok) throw new ConflictError(added.reason);
  const bumps = await holdableSessions(forum, rate.effectiveFrom, deps);
  return {
    items: [putForumRates(deps.db, forum, added.rates), ...bumps.map((id) => bumpForRate(deps.db, id))],
    rate,
    currency: forum.remuneration.currency,
    rates: newestFirst(added.rates),
  };
}

/** The rate's write failed a condition: the forum changed, or a session it covers was held, meanwhile. */
export function explainRateFailure(err: unknown): unknown {
  if (err instanceof TransactionConditionError) {
    return new ConflictError(
      'This forum changed while you were saving (a rate was added or a session was recorded as held). Reload the page and try again.',
    );
  }
  return err;
}

import { ConflictError, type Currency } from '../../kernel/index.js';
import { type Db, TransactionConditionError, type TxItem } from '../../runtime/store/db.js';
import { putForumRates } from '../adapters/forums-repo.js';
import { heldForumSessionsFrom } from '../adapters/sessions-repo.js';
import type { RateInput } from '../domain/commands.js';
import type { Forum } from '../domain/forums.js';
import { addRate, type HourlyRate, laterDate, newestFirst } from '../domain/rates.js';
import { wallClock } from '../domain/time.js';
import { readForum } from './forums.js';

/** The longest a UTC offset puts a local midnight before the same date's UTC midnight (and more). */
const MAX_OFFSET_MS = 14 * 3_600_000;

/**
 * The latest local date on which a session of the forum was recorded as held, on or after `from`:
 * the forum's own `lastHeldOn` (kept by every recording since rates had dates, in the same
 * transaction, so it is never behind) or a held session in its sessions index (recordings from
 * before that; the index is eventually consistent, which `lastHeldOn` covers for recent ones).
 */
async function heldThrough(forum: Forum, from: string, db: Db): Promise<string | undefined> {
  const earliestStart = new Date(Date.parse(`${from}T00:00:00Z`) - MAX_OFFSET_MS).toISOString();
  const held = (await heldForumSessionsFrom(db, forum.forumId, earliestStart))
    .map((s) => wallClock(s.startsAt, forum.timeZone).date)
    .filter((d) => d >= from);
  return held.reduce<string | undefined>((latest, d) => laterDate(latest, d), forum.lastHeldOn);
}

export type RatePlan = { items: TxItem[]; rate: HourlyRate; currency: Currency; rates: HourlyRate[] };

/**
 * Add a rate to a forum's history: the write, for idempotentWrite to commit. Refused (409) for a
 * date that already has a rate (history is never rewritten) and for a date on or before a session
 * recorded as held (its payment was made at the rate in force then). The write is conditional on
 * the forum's version, so a session recorded as held meanwhile makes it fail rather than slip past.
 */
export async function planForumRate(forumId: string, input: RateInput, deps: { db: Db }): Promise<RatePlan> {
  const forum = await readForum(forumId, deps);
  const rate: HourlyRate = { effectiveFrom: input.effectiveFrom, hourlyRateMinor: input.hourlyRateMinor };
  const added = addRate(forum.rates, rate, await heldThrough(forum, rate.effectiveFrom, deps.db));
  if (!added.ok) throw new ConflictError(added.reason);
  return {
    items: [putForumRates(deps.db, forum, added.rates)],
    rate,
    currency: forum.remuneration.currency,
    rates: newestFirst(added.rates),
  };
}

/** The rate's write failed its version condition: the forum changed between the read and the write. */
export function explainRateFailure(err: unknown): unknown {
  if (err instanceof TransactionConditionError && err.indexes.includes(0)) {
    return new ConflictError(
      'This forum changed while you were saving (a rate was added or a session was recorded as held). Reload the page and try again.',
    );
  }
  return err;
}

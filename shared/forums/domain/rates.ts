import { z } from 'zod';

/**
 * A forum's hourly rate is data with an effective date: the forum keeps every rate it has had or
 * will have, and a session is paid at the rate in force on its local date. History is only ever
 * added to: a rate is never replaced, and never added from a date on or before a session already
 * recorded as held (its payment was made at the rate in force then).
 */
export type HourlyRate = { effectiveFrom: string; hourlyRateMinor: number };

/** A forum's rate history holds at most this many rates (ten years of monthly changes, with room). */
export const MAX_RATES = 150;

export const HourlyRateMinor = z
  .number('Enter the hourly rate.')
  .int('Enter the rate in cents or pence, a whole number.')
  .min(0, 'The rate cannot be negative.')
  .max(100_000, 'That rate looks too high. Enter it in cents or pence, for example 2500 for 25.00.');

export const EffectiveFrom = z.iso.date('Enter the date the rate applies from as YYYY-MM-DD, for example 2027-01-01.');

/** `POST /api/forums/{id}/rates`. The currency is the forum's own: it never changes. */
export const RateInput = z.strictObject({ hourlyRateMinor: HourlyRateMinor, effectiveFrom: EffectiveFrom });
export type RateInput = z.infer<typeof RateInput>;

/** Oldest first (ISO dates sort as text). */
export const oldestFirst = (rates: readonly HourlyRate[]): HourlyRate[] =>
  [...rates].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));

export const newestFirst = (rates: readonly HourlyRate[]): HourlyRate[] => oldestFirst(rates).reverse();

/**
 * The rate in force on a local date (`YYYY-MM-DD`): the one with the latest `effectiveFrom` on or
 * before it. Undefined when every rate starts later (no rate in force yet).
 */
export function rateOn(rates: readonly HourlyRate[], date: string): HourlyRate | undefined {
  let found: HourlyRate | undefined;
  for (const r of rates) {
    if (r.effectiveFrom <= date && (!found || r.effectiveFrom > found.effectiveFrom)) found = r;
  }
  return found;
}

/**
 * The rate to show as "the forum's rate" on a date: the one in force, or — when none is in force
 * yet — the first one to come, so a forum always shows a rate.
 */
export function rateShownOn(rates: readonly HourlyRate[], date: string): HourlyRate | undefined {
  return rateOn(rates, date) ?? oldestFirst(rates)[0];
}

/** "2 March 2026", for messages. */
export const describeDate = (date: string) =>
  new Intl.DateTimeFormat('en-IE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** Why a forum has no rate for a session on `date`, in plain words (refused when recording it as held). */
export function noRateMessage(rates: readonly HourlyRate[], date: string): string {
  const first = oldestFirst(rates)[0];
  const since = first ? ` Its first rate starts on ${describeDate(first.effectiveFrom)}.` : '';
  return `This forum has no hourly rate in force on ${describeDate(date)}, so the session cannot be paid.${since} Add a rate from ${describeDate(date)} or earlier on the forum's page, then record attendance again.`;
}

/**
 * Add a rate to the history, or say why it cannot be added. `heldThrough` is the latest local date
 * on which a session of the forum has been recorded as held: a rate from that date or earlier would
 * change what an already-paid session should have been paid.
 */
export function addRate(
  rates: readonly HourlyRate[],
  rate: HourlyRate,
  heldThrough: string | undefined,
): { ok: true; rates: HourlyRate[] } | { ok: false; reason: string } {
  const same = rates.find((r) => r.effectiveFrom === rate.effectiveFrom);
  if (same) {
    return {
      ok: false,
      reason: `This forum already has a rate from ${describeDate(rate.effectiveFrom)}. Rates are never changed once set: choose another date.`,
    };
  }
  if (heldThrough !== undefined && rate.effectiveFrom <= heldThrough) {
    return {
      ok: false,
      reason: `A session of this forum on ${describeDate(heldThrough)} has already been recorded as held and paid at the rate in force then. A new rate must start after ${describeDate(heldThrough)}.`,
    };
  }
  if (rates.length >= MAX_RATES) {
    return { ok: false, reason: `This forum already has ${MAX_RATES} rates, the most one forum can keep.` };
  }
  return { ok: true, rates: oldestFirst([...rates, rate]) };
}

/** The later of two optional local dates. */
export const laterDate = (a: string | undefined, b: string): string => (a !== undefined && a > b ? a : b);

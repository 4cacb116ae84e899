import * as z from 'zod/mini';
import { IsoDate, MinorUnits } from '../../kernel/index.js';
import { rateAfterHeldReason, rateExistsReason, tooManyRatesReason } from './wording.js';

/**
 * A forum's hourly rate is data with an effective date: the forum keeps every rate it has had or
 * will have, and a session is paid at the rate in force on its local date. History is only ever
 * added to: a rate is never replaced, and never added from a date on or before a session already
 * recorded as held (its payment was made at the rate in force then).
 */
export const HourlyRate = z.object({ effectiveFrom: IsoDate, hourlyRateMinor: MinorUnits });
export type HourlyRate = z.infer<typeof HourlyRate>;

/** A forum's rate history holds at most this many rates (ten years of monthly changes, with room). */
export const MAX_RATES = 150;

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
  if (rates.some((r) => r.effectiveFrom === rate.effectiveFrom)) {
    return { ok: false, reason: rateExistsReason(rate.effectiveFrom) };
  }
  if (heldThrough !== undefined && rate.effectiveFrom <= heldThrough) {
    return { ok: false, reason: rateAfterHeldReason(heldThrough) };
  }
  if (rates.length >= MAX_RATES) return { ok: false, reason: tooManyRatesReason(MAX_RATES) };
  return { ok: true, rates: oldestFirst([...rates, rate]) };
}

/** The later of two optional local dates. */
export const laterDate = (a: string | undefined, b: string): string => (a !== undefined && a > b ? a : b);

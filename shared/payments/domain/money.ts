/**
 * Exact arithmetic for fees and hours. Hours arrive as decimals (1.5, 2.25); they are turned into
 * whole micro-hours once, so sums and comparisons never drift the way 0.1 + 0.2 does, and the fee
 * is rounded half-up on exact integers (BigInt), never on a float product.
 */
export const MICRO = 1_000_000;

/** Whole micro-hours (hours given to at most six decimals; anything finer is rounded half-up). */
export const toMicroHours = (hours: number): number => Math.round(hours * MICRO);
export const fromMicroHours = (micro: number): number => micro / MICRO;

/** fee = hours × hourly rate, in minor units, rounded half-up. */
export function feeFor(hours: number, hourlyRateMinor: number): number {
  const micro = BigInt(toMicroHours(hours));
  const product = micro * BigInt(hourlyRateMinor);
  return Number((product + BigInt(MICRO / 2)) / BigInt(MICRO));
}

/** `percent` % of an amount of minor units, rounded half-up to a whole minor unit. */
export const percentOf = (minor: number, percent: number): number => Math.floor((minor * percent + 50) / 100);

/** An hour count as people write it: 18.5, 16, 2.25. */
export const hourCount = (hours: number): string => String(Number.isInteger(hours) ? hours : Number(hours.toFixed(2)));

export const formatHours = (hours: number): string => `${hourCount(hours)} hour${hours === 1 ? '' : 's'}`;

/**
 * Minor units as a plain major-unit decimal for spreadsheets and finance imports: 7500 → "75.00",
 * 5 → "0.05". Both currencies have two decimals; no symbol, no thousands separator, a dot.
 */
export function majorUnits(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Turning a figure into a 1–5 score by bounds that travel with it, so a page can show the reader
 * exactly which band gave the score. Two kinds of band:
 * - `{score, from, to}`: higher is better; the band holds `from ≤ value < to` (`to: null`: no top).
 * - `{score, atMost}`: lower is better; the first band, smallest `atMost` first, with
 *   `value ≤ atMost` (`atMost: null`: anything more).
 * An indicator's bands are all of one kind. Scores are read from the value as shown (rounded), so
 * the value, the score and the bands on the page always agree.
 */
export type Score = 1 | 2 | 3 | 4 | 5;
export type RangeBand = { score: Score; from: number; to: number | null };
export type AtMostBand = { score: Score; atMost: number | null };
export type Threshold = RangeBand | AtMostBand;

/**
 * Decidim's democratic quality indicators map a percentage to 1–5 in fifths: 0–20% → 1 … 80–100% → 5.
 * Decidim does not say which band a boundary belongs to; here it is the higher one (20% → 2, 80% → 5).
 */
export const shareBands: readonly RangeBand[] = [
  { score: 1, from: 0, to: 20 },
  { score: 2, from: 20, to: 40 },
  { score: 3, from: 40, to: 60 },
  { score: 4, from: 60, to: 80 },
  { score: 5, from: 80, to: null },
];

/** Lower is better, in calendar days: a week, a fortnight, a month, two months (see docs/evaluation.md). */
export const promptDaysBands: readonly AtMostBand[] = [
  { score: 5, atMost: 7 },
  { score: 4, atMost: 14 },
  { score: 3, atMost: 30 },
  { score: 2, atMost: 60 },
  { score: 1, atMost: null },
];

/** Lower is better: "you said, we did" runs on the forum's cycle, so a month, two, a quarter, half a year. */
export const feedbackDaysBands: readonly AtMostBand[] = [
  { score: 5, atMost: 30 },
  { score: 4, atMost: 60 },
  { score: 3, atMost: 90 },
  { score: 2, atMost: 180 },
  { score: 1, atMost: null },
];

/**
 * Lower is better: the share of attendances made by the top tenth of attendees. An even spread
 * gives 10%; more than half made by a tenth of the people is relying on the same small pool.
 */
export const samePoolBands: readonly AtMostBand[] = [
  { score: 5, atMost: 20 },
  { score: 4, atMost: 30 },
  { score: 3, atMost: 40 },
  { score: 2, atMost: 50 },
  { score: 1, atMost: null },
];

/** FTE in lived-experience roles: none, a part-time post, one post, more than one person, a team. */
export const fteBands: readonly RangeBand[] = [
  { score: 1, from: 0, to: 0.5 },
  { score: 2, from: 0.5, to: 1 },
  { score: 3, from: 1, to: 2 },
  { score: 4, from: 2, to: 4 },
  { score: 5, from: 4, to: null },
];

/** Survey responses in the year: under 5 the results are suppressed, so nothing can be shown. */
export const responseBands: readonly RangeBand[] = [
  { score: 1, from: 0, to: 5 },
  { score: 2, from: 5, to: 10 },
  { score: 3, from: 10, to: 20 },
  { score: 4, from: 20, to: 50 },
  { score: 5, from: 50, to: null },
];

const isAtMost = (b: Threshold): b is AtMostBand => 'atMost' in b;

/** The score a value earns under its bands; null for no value (or one outside every band). */
export function scoreFor(value: number | null, bands: readonly Threshold[]): Score | null {
  if (value === null) return null;
  const atMost = bands.filter(isAtMost).sort((a, b) => (a.atMost ?? Infinity) - (b.atMost ?? Infinity));
  if (atMost.length > 0) return atMost.find((b) => b.atMost === null || value <= b.atMost)?.score ?? null;
  return (bands as readonly RangeBand[]).find((b) => value >= b.from && (b.to === null || value < b.to))?.score ?? null;
}

/** The middle value; with an even count, the mean of the two middle values. Null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
export const round2 = (n: number) => Math.round(n * 100) / 100;

/** `part` of `whole` as a percentage with one decimal; null when there is no whole. */
export const percent = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

/** The mean with one decimal; null for none. */
export const mean1 = (values: readonly number[]): number | null =>
  values.length === 0 ? null : round1(values.reduce((a, b) => a + b, 0) / values.length);

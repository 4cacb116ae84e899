import * as z from 'zod/mini';
import { addDays, IsoDate, localDate, weekdayIndex } from '../../kernel/index.js';

/**
 * Benefit periods, computed on the local calendar of the person's jurisdiction (the kernel's
 * `timeZoneOf`). Dates are plain `YYYY-MM-DD` strings; arithmetic is done on UTC midnights, so no
 * date library is needed and no daylight-saving change can move a day.
 */

export { addDays, localDate, weekdayIndex };

/** A Monday–Sunday week, or a Universal Credit monthly assessment period. */
export const Period = z.object({ kind: z.enum(['week', 'month']), start: IsoDate, end: IsoDate });
export type Period = z.infer<typeof Period>;

/** The Monday–Sunday week holding `date`. */
export function weekOf(date: string): Period {
  const start = addDays(date, -weekdayIndex(date));
  return { kind: 'week', start, end: addDays(start, 6) };
}

const daysInMonth = (year: number, month1: number) => new Date(Date.UTC(year, month1, 0)).getUTCDate();

/** The day an assessment period starts in a month: a start day past the month's end means its last day. */
function startIn(year: number, month1: number, startDay: number): string {
  const day = Math.min(startDay, daysInMonth(year, month1));
  return `${year}-${String(month1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Universal Credit monthly assessment period holding `date`, for a period start day of 1–31. */
export function assessmentPeriodOf(date: string, startDay: number): Period {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const thisMonth = startIn(y, m, startDay);
  const [sy, sm] = date >= thisMonth ? [y, m] : m === 1 ? [y - 1, 12] : [y, m - 1];
  const start = startIn(sy, sm, startDay);
  const [ny, nm] = sm === 12 ? [sy + 1, 1] : [sy, sm + 1];
  return { kind: 'month', start, end: addDays(startIn(ny, nm, startDay), -1) };
}

/** Ledger key of a period: one running-totals item per person per period. */
export const periodKey = (p: Period) => `${p.kind}#${p.start}`;

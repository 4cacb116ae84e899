import { z } from 'zod';
import { IsoDate } from '../../kernel/index.js';

/**
 * Benefit periods, computed on the local calendar of the person's jurisdiction (the kernel's
 * `timeZoneOf`). Dates are plain `YYYY-MM-DD` strings; arithmetic is done on UTC midnights, so no
 * date library is needed and no daylight-saving change can move a day.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone (e.g. 23:30Z on 29 March is 30 March in Dublin summer time). */
export function localDate(instant: string | Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const toUtc = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

export const addDays = (date: string, days: number) => fromUtc(toUtc(date) + days * DAY);

/** Monday = 0 … Sunday = 6. */
export const weekdayIndex = (date: string) => (new Date(toUtc(date)).getUTCDay() + 6) % 7;

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

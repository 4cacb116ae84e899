/**
 * The evaluation's calendar: a year is the calendar year where the area is (Irish or UK time), and
 * days are counted on that calendar, so a decision proposed on Monday evening and co-signed on
 * Tuesday morning took one day, whatever the UTC clock says.
 */
import {
  daysBetween,
  type Jurisdiction,
  localDate as localDateIn,
  localMidnight,
  timeZoneOf,
} from '../../kernel/index.js';

export { daysBetween, type Jurisdiction, timeZoneOf };

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`A year is a whole number with four digits (was ${year}).`);
  }
}

/**
 * The calendar year in the area's jurisdiction as UTC instants: `start` is 1 January 00:00 local
 * time, `end` is 1 January 00:00 of the next year (exclusive). Both are `toISOString()` strings,
 * ready to bound a Query on a time-ordered sort key.
 */
export function yearBounds(year: number, jurisdiction: Jurisdiction): { start: string; end: string } {
  checkYear(year);
  const tz = timeZoneOf[jurisdiction];
  return {
    start: new Date(localMidnight(`${year}-01-01`, tz)).toISOString(),
    end: new Date(localMidnight(`${year + 1}-01-01`, tz)).toISOString(),
  };
}

/** The local date (`YYYY-MM-DD`) of an ISO instant in the area's jurisdiction. */
export function localDate(instant: string, jurisdiction: Jurisdiction): string {
  if (Number.isNaN(Date.parse(instant))) throw new RangeError(`Not an ISO date and time: ${instant}`);
  return localDateIn(instant, timeZoneOf[jurisdiction]);
}

/** Calendar days between two instants, on the area's calendar. */
export const calendarDays = (fromInstant: string, toInstant: string, jurisdiction: Jurisdiction) =>
  daysBetween(localDate(fromInstant, jurisdiction), localDate(toInstant, jurisdiction));

export const inYear = (date: string, year: number) => date.startsWith(`${year}-`);

/**
 * The day a year's "in post" figures are read on: 31 December once the year is over, the day the
 * evaluation is generated while it runs, and none before it starts.
 */
export function asOfDate(year: number, generatedAt: string, jurisdiction: Jurisdiction): string | null {
  checkYear(year);
  const today = localDate(generatedAt, jurisdiction);
  if (today < `${year}-01-01`) return null;
  return today > `${year}-12-31` ? `${year}-12-31` : today;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-12-31` → `31 December 2026`, for sentences. */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${monthNames[Number(m) - 1]} ${y}`;
}

/**
 * The evaluation's calendar: a year is the calendar year where the area is (Irish or UK time), and
 * days are counted on that calendar, so a decision proposed on Monday evening and co-signed on
 * Tuesday morning took one day, whatever the UTC clock says.
 */
export type Jurisdiction = 'IE' | 'UK';

export const timeZoneOf = { IE: 'Europe/Dublin', UK: 'Europe/London' } as const satisfies Record<Jurisdiction, string>;

const DAY_MS = 86_400_000;

/** Wall-clock parts of an instant in a time zone. */
function wallParts(at: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const w = wallParts(at, timeZone);
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/** The UTC instant of local midnight at the start of a day (two passes: the offset may differ either side). */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const asIfUtc = Date.UTC(year, month - 1, day);
  const first = asIfUtc - offsetAt(asIfUtc, timeZone);
  return asIfUtc - offsetAt(first, timeZone);
}

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
    start: new Date(localMidnight(year, 1, 1, tz)).toISOString(),
    end: new Date(localMidnight(year + 1, 1, 1, tz)).toISOString(),
  };
}

/** The local date (`YYYY-MM-DD`) of an ISO instant in the area's jurisdiction. */
export function localDate(instant: string, jurisdiction: Jurisdiction): string {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) throw new RangeError(`Not an ISO date and time: ${instant}`);
  const w = wallParts(at, timeZoneOf[jurisdiction]);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Calendar days from one `YYYY-MM-DD` to another (0 on the same day; negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
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

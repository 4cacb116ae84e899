/**
 * Civil time in a time zone, done once: the wall-clock parts of an instant, its local date, local
 * midnight as an instant, and whole-day arithmetic on `YYYY-MM-DD` dates (on UTC midnights, so no
 * daylight-saving change can move a day). Zod-free: the pages use it too.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

export type WallParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall-clock parts of an instant in a time zone. */
export function wallParts(instant: string | number | Date, timeZone: string): WallParts {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
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

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar date of an instant in a time zone (23:30Z on 29 March is 30 March in Dublin summer time). */
export function localDate(instant: string | number | Date, timeZone: string): string {
  const w = wallParts(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The local date and the local time as iCalendar writes it (`20260302T180000`). */
export function wallClock(iso: string, timeZone: string): { date: string; ics: string } {
  const w = wallParts(iso, timeZone);
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  return { date, ics: `${date.replaceAll('-', '')}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}` };
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds. */
export function offsetAt(at: number, timeZone: string): number {
  const w = wallParts(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant (epoch ms) of a wall-clock time on a local date, `time` as `HH:MM` (two passes: the
 * offset may differ either side of a daylight-saving change).
 */
export function localInstant(date: string, time: string, timeZone: string): number {
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  const asIfUtc = toUtc(date) + (hh * 60 + mm) * 60_000;
  const first = asIfUtc - offsetAt(asIfUtc, timeZone);
  return asIfUtc - offsetAt(first, timeZone);
}

/** The instant (epoch ms) of local midnight at the start of `date`. */
export const localMidnight = (date: string, timeZone: string): number => localInstant(date, '00:00', timeZone);

/** "2026-03-02" + "18:00" in a zone → "2026-03-02T18:00:00+00:00": what a person typed, as the API takes it (with an offset). */
export function zonedToIso(date: string, time: string, timeZone: string): string {
  const at = localInstant(date, time, timeZone);
  const off = Math.round(offsetAt(at, timeZone) / 60_000);
  const a = Math.abs(off);
  return `${date}T${time.slice(0, 5)}:00${off >= 0 ? '+' : '-'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** The local date ("2026-03-02") and time ("18:00") of an instant in a zone, for form fields. */
export function isoToZoned(instant: string | number | Date, timeZone: string): { date: string; time: string } {
  const w = wallParts(instant, timeZone);
  return { date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

const zoneNames: Record<string, string> = { 'Europe/Dublin': 'Irish time', 'Europe/London': 'UK time' };
/** "Irish time", "UK time": a forum's zone as people say it (the zone id for any other). */
export const zoneName = (timeZone: string): string => zoneNames[timeZone] ?? timeZone;

const DAY_MS = 86_400_000;
const toUtc = (date: string) => {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};

export const addDays = (date: string, days: number): string =>
  new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);

/** Calendar days from one `YYYY-MM-DD` to another (0 on the same day; negative if `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/** Monday = 0 … Sunday = 6. */
export const weekdayIndex = (date: string): number => (new Date(toUtc(date)).getUTCDay() + 6) % 7;

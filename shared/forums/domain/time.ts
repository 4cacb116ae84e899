/**
 * Time in a forum's time zone: the wall clock of an instant, its local date, and "when" in plain
 * words. Zod-free (it takes the kernel's time module on its own), so the pages can bundle it as it is.
 */
import { wallClock, zoneName } from '../../kernel/time.js';

/** Wall-clock parts of an instant in a time zone (for calendar invites, messages and `heldOn`). */
export { wallClock };

/** The forum's local date (`YYYY-MM-DD`) at an instant. */
export const forumDate = (forum: { timeZone: string }, at: Date): string =>
  wallClock(at.toISOString(), forum.timeZone).date;

/** ISO-8601 UTC with milliseconds: sorts as text in time order (index sort keys). */
export const sortableTime = (iso: string): string => new Date(iso).toISOString();

export const minutesBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 60_000;

/** "Monday 2 March 2026, 18:00 to 20:00 (Irish time)": for messages, warnings and the pages. */
export function describeTimes(s: { startsAt: string; endsAt: string }, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-IE', { timeZone, dateStyle: 'full' }).format(new Date(s.startsAt));
  const t = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(iso),
    );
  return `${day}, ${t(s.startsAt)} to ${t(s.endsAt)} (${zoneName(timeZone)})`;
}

/** "2 March 2026" for a local date (`YYYY-MM-DD`), for messages. */
export const describeDate = (date: string): string =>
  new Intl.DateTimeFormat('en-IE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );

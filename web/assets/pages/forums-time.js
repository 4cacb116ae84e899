// Times for forum pages: shown and entered in the forum's own time zone (Irish or UK time), not the
// browser's, so "18:00" means 18:00 in Waterford whoever schedules it.

const ZONE_NAMES = { 'Europe/Dublin': 'Irish time', 'Europe/London': 'UK time' };
export const zoneName = (timeZone) => ZONE_NAMES[timeZone] ?? timeZone;

const pad = (n) => String(n).padStart(2, '0');

function parts(date, timeZone) {
  return Object.fromEntries(
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
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(date, timeZone) {
  const p = parts(date, timeZone);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - date.getTime()) / 60000);
}

/** "2026-03-02" + "18:00" in a zone → "2026-03-02T18:00:00+00:00" (the API wants an offset). */
export function zonedToIso(dateStr, timeStr, timeZone) {
  const [y, m, d] = dateStr.split('-').map(Number);
  const [hh, mm] = timeStr.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let off = offsetMinutes(new Date(wall), timeZone);
  off = offsetMinutes(new Date(wall - off * 60000), timeZone);
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${dateStr}T${timeStr}:00${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** The date ("2026-03-02") and time ("18:00") of an instant in a zone, for form fields. */
export function isoToZoned(iso, timeZone) {
  const p = parts(new Date(iso), timeZone);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** "Monday 2 March 2026, 18:00 to 20:00 (Irish time)". */
export function describeTimes(startsAt, endsAt, timeZone) {
  const day = new Intl.DateTimeFormat('en-IE', { timeZone, dateStyle: 'full' }).format(new Date(startsAt));
  const t = (iso) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(iso),
    );
  return `${day}, ${t(startsAt)} to ${t(endsAt)} (${zoneName(timeZone)})`;
}

export const LEADS = { 10080: '1 week before', 2880: '2 days before', 1440: '1 day before', 120: '2 hours before' };
export const describeLeads = (leads) =>
  leads.length ? leads.map((l) => LEADS[l] ?? `${l} minutes before`).join(', ') : 'No reminders';

export const describeQuorum = (q) =>
  `At least ${q.minLivedExperienceMembers} ${q.minLivedExperienceMembers === 1 ? 'person' : 'people'} with lived experience, and at least ${Math.round(q.minLivedExperienceShare * 1000) / 10}% of those attending`;

export const GROUPS = {
  'service-user': 'Service user',
  'family-member': 'Family member',
  carer: 'Carer',
  provider: 'Staff (provider)',
};

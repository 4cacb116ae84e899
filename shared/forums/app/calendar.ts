import { createEvents, type EventAttributes } from 'ics';
import type { Actor, TimeZone } from '../../kernel/index.js';
import type { AppConfig } from '../../runtime/deps.js';
import type { Forum, Session } from '../domain/forums.js';
import { sessionUrl } from '../domain/messages.js';
import { wallClock } from '../domain/time.js';
import { type ForumDeps, readForum, readSession } from './forums.js';
import { assertMayReadSession } from './session-view.js';

/**
 * The time zones forums meet in, as RFC 5545 VTIMEZONE components (current EU summer-time rules:
 * the last Sunday of March at 01:00 UTC to the last Sunday of October at 01:00 UTC). Ireland's
 * summer time is Irish Standard Time (IST), the UK's British Summer Time (BST).
 */
const VTIMEZONES: Record<TimeZone, string[]> = {
  'Europe/Dublin': vtimezone('Europe/Dublin', 'IST', 'GMT'),
  'Europe/London': vtimezone('Europe/London', 'BST', 'GMT'),
};

function vtimezone(tzid: string, summer: string, winter: string): string[] {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    `X-LIC-LOCATION:${tzid}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0000',
    'TZOFFSETTO:+0100',
    `TZNAME:${summer}`,
    'DTSTART:19700329T010000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0000',
    `TZNAME:${winter}`,
    'DTSTART:19701025T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
}

/**
 * The session as an iCalendar invite, built with the `ics` library. Times are written as local
 * wall-clock times with the forum's TZID (so "18:00 in Waterford" stays 18:00 across a change to or
 * from summer time) and the matching VTIMEZONE; `ics` 3.12 has no TZID option, so the two DTSTART /
 * DTEND lines it writes as floating local times get the TZID parameter added here.
 *
 * Privacy: no ATTENDEE and no ORGANIZER lines — one invite is shared by everyone invited, and
 * nobody's email address is exposed to the others. The UID is stable and SEQUENCE rises with each
 * reschedule, so calendars that imported it update the event; a cancelled session says CANCELLED.
 */
export function sessionCalendar(
  session: Pick<Session, 'sessionId' | 'sequence' | 'title' | 'startsAt' | 'endsAt' | 'venue' | 'agenda' | 'status'>,
  forum: Pick<Forum, 'name' | 'timeZone'>,
  opts: { publicBaseUrl: string; now: Date },
): string {
  const tz = forum.timeZone;
  const url = sessionUrl(opts.publicBaseUrl, session.sessionId);
  const description = [
    session.agenda.length ? `Agenda:\n${session.agenda.map((a, i) => `${i + 1}. ${a}`).join('\n')}` : '',
    session.venue.accessible
      ? 'The venue is accessible.'
      : 'The venue is not marked as accessible. Tell the coordinator what you need.',
    `Details and your answer: ${url}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const { error, value } = createEvents(
    [
      {
        uid: `${session.sessionId}@coproduce`,
        sequence: session.sequence,
        title: `${forum.name}: ${session.title}`,
        start: wallClock(session.startsAt, tz).ics,
        end: wallClock(session.endsAt, tz).ics,
        location: session.venue.name,
        description,
        url,
        status: session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
        // DTSTAMP from the injectable clock (supported by ics at run time, missing from its types).
        timestamp: opts.now.getTime(),
      } as EventAttributes,
    ],
    { productId: '-//Coproduce//Forum sessions//EN', method: 'PUBLISH', calName: forum.name },
  );
  if (error || !value) throw error ?? new Error('The calendar invite could not be built.');
  const lines = value.split('\r\n');
  const withZone = lines.map((line) =>
    /^(DTSTART|DTEND):\d{8}T\d{6}$/.test(line) ? line.replace(':', `;TZID=${tz}:`) : line,
  );
  const at = withZone.indexOf('BEGIN:VEVENT');
  withZone.splice(at, 0, ...VTIMEZONES[tz]);
  return withZone.join('\r\n');
}

export type CalendarDeps = ForumDeps & { config: Pick<AppConfig, 'publicBaseUrl'> };

/** The calendar invite of a session, for a coordinator or a member invited to it. */
export async function calendarInvite(
  sessionId: string,
  actor: Actor,
  deps: CalendarDeps,
): Promise<{ sessionId: string; calendar: string }> {
  const session = await readSession(sessionId, deps);
  await assertMayReadSession(session.sessionId, actor, deps);
  const forum = await readForum(session.forumId, deps);
  return {
    sessionId: session.sessionId,
    calendar: sessionCalendar(session, forum, { publicBaseUrl: deps.config.publicBaseUrl, now: deps.clock.now() }),
  };
}

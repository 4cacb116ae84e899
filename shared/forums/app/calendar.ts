import type { Actor, TimeZone } from '../../kernel/index.js';
import type { AppConfig } from '../../runtime/deps.js';
import type { Forum, Session } from '../domain/forums.js';
import { escapeText, paramValue, utcStamp, writeLines } from '../domain/ics.js';
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
 * The session as an iCalendar invite (RFC 5545, with RFC 5546's METHOD). Times are written as local
 * wall-clock times with the forum's TZID (so "18:00 in Waterford" stays 18:00 across a change to or
 * from summer time) and the matching VTIMEZONE.
 *
 * - The UID is stable and SEQUENCE rises with each reschedule, so calendars that imported it update
 *   the event. A cancellation is one more revision: METHOD:CANCEL, STATUS:CANCELLED and the SEQUENCE
 *   after the last schedule's, which calendars need before they drop the event (RFC 5546 §3.2.5).
 * - ORGANIZER is the coordinators' address (RFC 5546 requires one on PUBLISH and CANCEL), named by
 *   the forum. Privacy: no ATTENDEE lines — one invite is shared by everyone invited, and nobody's
 *   email address is exposed to the others.
 */
export function sessionCalendar(
  session: Pick<Session, 'sessionId' | 'sequence' | 'title' | 'startsAt' | 'endsAt' | 'venue' | 'agenda' | 'status'>,
  forum: Pick<Forum, 'name' | 'timeZone'>,
  opts: { publicBaseUrl: string; organizerEmail: string; now: Date },
): string {
  const tz = forum.timeZone;
  const url = sessionUrl(opts.publicBaseUrl, session.sessionId);
  const cancelled = session.status === 'cancelled';
  const description = [
    session.agenda.length ? `Agenda:\n${session.agenda.map((a, i) => `${i + 1}. ${a}`).join('\n')}` : '',
    session.venue.accessible
      ? 'The venue is accessible.'
      : 'The venue is not marked as accessible. Tell the coordinator what you need.',
    `Details and your answer: ${url}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return writeLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Coproduce//Forum sessions//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${cancelled ? 'CANCEL' : 'PUBLISH'}`,
    `X-WR-CALNAME:${escapeText(forum.name)}`,
    ...VTIMEZONES[tz],
    'BEGIN:VEVENT',
    `UID:${session.sessionId}@coproduce`,
    `SEQUENCE:${session.sequence + (cancelled ? 1 : 0)}`,
    `DTSTAMP:${utcStamp(opts.now.toISOString())}`,
    `DTSTART;TZID=${tz}:${wallClock(session.startsAt, tz).ics}`,
    `DTEND;TZID=${tz}:${wallClock(session.endsAt, tz).ics}`,
    `SUMMARY:${escapeText(`${forum.name}: ${session.title}`)}`,
    `LOCATION:${escapeText(session.venue.name)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `URL:${url}`,
    `ORGANIZER;CN=${paramValue(forum.name)}:mailto:${opts.organizerEmail}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ]);
}

export type CalendarDeps = ForumDeps & { config: Pick<AppConfig, 'publicBaseUrl' | 'coordinatorEmail'> };

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
    calendar: sessionCalendar(session, forum, {
      publicBaseUrl: deps.config.publicBaseUrl,
      organizerEmail: deps.config.coordinatorEmail,
      now: deps.clock.now(),
    }),
  };
}

import type { Constituency, Currency } from '../../kernel/index.js';
import { getParticipants } from '../../participants/index.js';
import type { Db } from '../../runtime/store/db.js';
import { getForum, getForums, listAllForums } from '../adapters/forums-repo.js';
import { getInvitation, getInvitations, participantInvitations } from '../adapters/invitations-repo.js';
import { type BatchRead, memoReads, scheduleEntries } from '../adapters/schedule-repo.js';
import { forumSessionsBetween, getSession, getSessionsAndForums } from '../adapters/sessions-repo.js';
import { attendedQuorum, type Forum, type Invitation, type Session } from '../domain/forums.js';
import { rateOn } from '../domain/rates.js';
import { wallClock } from '../domain/time.js';

/**
 * What other contexts ask of forums (decisions, reporting, and what payments' projections are
 * given), each named for what it answers and returning the context's own types. Reads only: the
 * items stay this context's.
 */
export type ForumQueryDeps = { db: Db };

/** The forum, or undefined when there is none (strongly consistent). */
export async function forumById(forumId: string, deps: ForumQueryDeps): Promise<Forum | undefined> {
  const found = await getForum(deps.db, forumId);
  if (!found) return undefined;
  const { version: _version, ...forum } = found;
  return forum;
}

/** Forums by id (those that exist), in one BatchGet per 100 ids. */
export const forumsByIds = (forumIds: readonly string[], deps: ForumQueryDeps): Promise<Map<string, Forum>> =>
  getForums(deps.db, forumIds);

/** The session, or undefined when there is none (strongly consistent). */
export async function sessionById(sessionId: string, deps: ForumQueryDeps): Promise<Session | undefined> {
  const found = await getSession(deps.db, sessionId);
  if (!found) return undefined;
  const { version: _version, ...session } = found;
  return session;
}

/** The participant's invitation to a session (any status), or undefined when they were never invited. */
export const invitationOf = (
  sessionId: string,
  participantId: string,
  deps: ForumQueryDeps,
): Promise<Invitation | undefined> => getInvitation(deps.db, sessionId, participantId);

/** Everyone invited to a session, with each invitation's status (`dropped` after a withdrawal) and answer. */
export const sessionInvitees = (sessionId: string, deps: ForumQueryDeps): Promise<Invitation[]> =>
  getInvitations(deps.db, sessionId);

// ---- The co-production report --------------------------------------------------------------------

export type ReportedSession = Pick<Session, 'sessionId' | 'status' | 'startsAt'> & {
  /** The date it started on, in the forum's time zone. */
  localDate: string;
  /** Once held: each attendee whose participant record still exists, with their constituency. */
  attendees: { participantId: string; constituency: Constituency; hours: number }[];
  /** Once held: the forum's lived-experience rule checked against who attended. */
  presence?: 'met' | 'not-met';
};
export type ReportedForum = { forum: Forum; sessions: ReportedSession[] };

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Run `fn` over `items`, `width` at a time. */
async function inBatches<T, R>(items: readonly T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

/**
 * Every forum with its sessions that started on a date from `range.from` to `range.to` (inclusive,
 * `YYYY-MM-DD`, in each forum's own time zone), held ones with who attended and whether the
 * lived-experience rule was met (only the forums of `only.areaId` when given). No Scan: the forums index, each forum's sessions index over the
 * range widened by a day each side (eight forums at a time), and one BatchGet of the attendees.
 */
export async function sessionsForReport(
  range: { from: string; to: string },
  deps: ForumQueryDeps,
  only: { areaId?: string } = {},
): Promise<ReportedForum[]> {
  // The evaluation asks for one area: only that area's forums have their sessions read.
  const forums = (await listAllForums(deps.db)).filter((f) => only.areaId === undefined || f.areaId === only.areaId);
  const lo = `${dayBefore(range.from)}T00:00:00.000Z`;
  const hi = `${dayAfter(range.to)}T23:59:59.999Z`;
  const withSessions = await inBatches(forums, 8, async (forum) => ({
    forum,
    sessions: (await forumSessionsBetween(deps.db, forum.forumId, lo, hi))
      .map((s) => ({ ...s, localDate: wallClock(s.startsAt, forum.timeZone).date }))
      .filter((s) => s.localDate >= range.from && s.localDate <= range.to),
  }));
  const attendeeIds = withSessions.flatMap((f) =>
    f.sessions.flatMap((s) => (s.status === 'held' ? (s.attendance ?? []).map((a) => a.participantId) : [])),
  );
  const participants = await getParticipants(deps.db, attendeeIds);
  return withSessions.map(({ forum, sessions }) => ({
    forum,
    sessions: sessions.map((s): ReportedSession => {
      const base = { sessionId: s.sessionId, status: s.status, startsAt: s.startsAt, localDate: s.localDate };
      if (s.status !== 'held') return { ...base, attendees: [] };
      const attendees = (s.attendance ?? []).flatMap((a) => {
        const p = participants.get(a.participantId);
        return p ? [{ participantId: a.participantId, constituency: p.constituency, hours: a.hours }] : [];
      });
      const presence = attendedQuorum(forum.quorum, attendees).status === 'met' ? 'met' : 'not-met';
      return { ...base, attendees, presence };
    }),
  }));
}

// ---- For the benefit projections (payments) --------------------------------------------------------

export type PlannedSession = Pick<Session, 'sessionId' | 'forumId' | 'startsAt' | 'endsAt'> & {
  /** The date it starts on, in its forum's time zone. */
  localDate: string;
  currency: Currency;
  /** The forum's rate in force on `localDate`; absent when none is (it would not be paid). */
  hourlyRateMinor?: number;
};

/**
 * For benefit projections: each participant's OTHER sessions still scheduled (not held, not
 * cancelled, not being prepared, not `except`) that start in the window asked for, each with its
 * forum's currency and the rate in force on its own local date, in start order. Two BatchGets for
 * everyone (100 keys a request), never a read per participant: their schedule months
 * (schedule-repo.ts), then all those sessions and their forums (`knownForum` is not read again).
 * `read` shares the BatchGets with the clash warnings of the same scheduling.
 */
export async function plannedSessionsOf(
  reads: readonly { participantId: string; window: { from: string; to: string } }[],
  deps: ForumQueryDeps,
  except: { sessionId?: string; knownForum?: Forum; read?: BatchRead } = {},
): Promise<Map<string, PlannedSession[]>> {
  const read = except.read ?? memoReads(deps.db);
  const entries = await scheduleEntries(
    reads.map((r) => ({ participantId: r.participantId, from: r.window.from, to: r.window.to })),
    read,
  );
  const all = [...entries.values()].flat().filter((e) => e.sessionId !== except.sessionId);
  const { sessions, forums } = await getSessionsAndForums(
    deps.db,
    all.map((e) => e.sessionId),
    all.map((e) => e.forumId).filter((id) => id !== except.knownForum?.forumId),
    read,
  );
  if (except.knownForum) forums.set(except.knownForum.forumId, except.knownForum);
  const windows = new Map(reads.map((r) => [r.participantId, r.window]));
  const plannedOf = (participantId: string, sessionId: string): PlannedSession[] => {
    const session = sessions.get(sessionId);
    const forum = session && forums.get(session.forumId);
    const window = windows.get(participantId);
    if (!session || !forum || !window || session.status !== 'scheduled') return [];
    // The session's own times are the truth (an entry may lag a reschedule by moments).
    const start = Date.parse(session.startsAt);
    if (start < Date.parse(window.from) || start > Date.parse(window.to)) return [];
    const localDate = wallClock(session.startsAt, forum.timeZone).date;
    const rate = rateOn(forum.rates, localDate);
    return [
      {
        sessionId: session.sessionId,
        forumId: session.forumId,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        localDate,
        currency: forum.remuneration.currency,
        ...(rate ? { hourlyRateMinor: rate.hourlyRateMinor } : {}),
      },
    ];
  };
  const byStart = (a: PlannedSession, b: PlannedSession) =>
    Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.sessionId.localeCompare(b.sessionId);
  return new Map(
    reads.map((r) => [
      r.participantId,
      (entries.get(r.participantId) ?? [])
        .filter((e) => e.sessionId !== except.sessionId)
        .flatMap((e) => plannedOf(r.participantId, e.sessionId))
        .sort(byStart),
    ]),
  );
}

// ---- For feedback ("you said, we did") -------------------------------------------------------------

/** A forum's sessions starting between two instants (inclusive, ISO), in start order: one Query on its sessions index. */
export const forumSessionsStarting = (
  forumId: string,
  range: { from: string; to: string },
  deps: ForumQueryDeps,
): Promise<Session[]> => forumSessionsBetween(deps.db, forumId, range.from, range.to);

/** Whether the participant has a live invitation (not cancelled, not dropped) to any session of the forum: one Query on their schedule index. */
export async function invitedToForum(participantId: string, forumId: string, deps: ForumQueryDeps): Promise<boolean> {
  const invitations = await participantInvitations(deps.db, participantId, { from: '1970-01-01T00:00:00.000Z' });
  return invitations.some((i) => i.forumId === forumId);
}

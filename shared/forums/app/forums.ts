import { ulid } from 'ulid';
import { buildEvent } from '../../../events/define-event.js';
import {
  ForumSessionScheduled,
  SessionCancelled,
  SessionRescheduled,
  SessionRsvpRecorded,
} from '../../../events/forums.js';
import {
  type Clock,
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  isoNow,
  NotFoundError,
  ValidationError,
} from '../../kernel/index.js';
import { getParticipants, hasConsentFor, type Participant } from '../../participants/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import type { Caller } from '../../runtime/http/api.js';
import { type Db, TransactionConditionError, type TxItem, transact } from '../../runtime/store/db.js';
import {
  cancelInvitation,
  cancelSessionItem,
  getForum,
  getInvitation,
  getInvitations,
  getSession,
  getSessionsAndForums,
  listForumSessions,
  listForums,
  pageParticipantInvitations,
  participantMayBeInvited,
  putNewForum,
  putNewInvitation,
  putNewSession,
  recordRsvp,
  type StoredForum,
  type StoredSession,
  sessionIsScheduled,
  updateInvitationTimes,
  updateSessionTimes,
} from '../adapters/forums-repo.js';
import {
  type AttendanceEntry,
  attendedQuorum,
  type Forum,
  type ForumInput,
  type ForumView,
  forumDate,
  forumJurisdiction,
  forumView,
  type Invitation,
  newForum,
  otherJurisdictionMessage,
  type QuorumView,
  quorumStatus,
  type RescheduleInput,
  type RsvpResponse,
  type Session,
  type SessionInput,
  type Warning,
} from '../domain/forums.js';
import { schedulingWarnings } from './warnings.js';

export type ForumDeps = { db: Db; clock: Clock };

// ---- Forums ------------------------------------------------------------------------------------

export function createForum(input: ForumInput, deps: ForumDeps) {
  const forum = newForum(input, ulid(), isoNow(deps.clock));
  return { forum, items: [putNewForum(deps.db, forum)] };
}

export async function readForum(forumId: string, deps: { db: Db }): Promise<StoredForum> {
  const forum = await getForum(deps.db, forumId);
  if (!forum) throw new NotFoundError('forum');
  return forum;
}

/** `GET /api/forums/{id}`: the rate in force today in `remuneration`, and the rate history. */
export async function viewForum(forumId: string, deps: ForumDeps): Promise<ForumView> {
  const { version: _version, ...forum } = await readForum(forumId, deps);
  return forumView(forum, forumDate(forum, deps.clock.now()));
}

export async function pageForums(deps: ForumDeps, opts: { limit: number; cursor?: string }) {
  const page = await listForums(deps.db, opts);
  const now = deps.clock.now();
  return { ...page, items: page.items.map((f) => forumView(f, forumDate(f, now))) };
}

export async function pageForumSessions(forumId: string, deps: { db: Db }, opts: { limit: number; cursor?: string }) {
  await readForum(forumId, deps);
  return listForumSessions(deps.db, forumId, opts);
}

// ---- Scheduling --------------------------------------------------------------------------------

export async function readSession(sessionId: string, deps: { db: Db }): Promise<StoredSession> {
  const session = await getSession(deps.db, sessionId);
  if (!session) throw new NotFoundError('session');
  return session;
}

/**
 * The jurisdiction whose benefit rules this forum's fees are checked against. A forum whose stored
 * currency and jurisdiction disagree cannot pay anyone safely: nothing is scheduled or recorded for it.
 */
export function payingJurisdiction(forum: Forum): 'IE' | 'UK' {
  const j = forumJurisdiction(forum);
  if (!j) {
    throw new ConflictError(
      `This forum pays in ${forum.remuneration.currency} but is recorded as being in ${forum.jurisdiction} (${forum.timeZone}). Correct the forum before scheduling or recording sessions.`,
    );
  }
  return j;
}

/**
 * Invitees must exist, have consent for forums and, when they could be paid (people with lived
 * experience), be in the forum's jurisdiction: their fee is in the forum's currency and is checked
 * against their own country's benefit rules. Staff are never paid, so staff from across a border
 * can be invited. Each refusal names the person and the field.
 */
function checkInvitees(ids: readonly string[], found: Map<string, Participant>, forum: 'IE' | 'UK'): Participant[] {
  const issues: FieldIssue[] = [];
  const invitees: Participant[] = [];
  ids.forEach((id, i) => {
    const p = found.get(id);
    const path = `invitees.${i}`;
    if (!p) issues.push({ path, message: `We could not find participant ${id}.` });
    else if (p.consent.status === 'withdrawn') {
      issues.push({ path, message: `${p.displayName} has withdrawn consent and cannot be invited.` });
    } else if (!hasConsentFor(p, 'forums')) {
      issues.push({ path, message: `${p.displayName} has not agreed to be invited to forums.` });
    } else if (p.constituency !== 'provider' && p.jurisdiction !== forum) {
      issues.push({ path, message: otherJurisdictionMessage(p, forum, 'invited') });
    } else invitees.push(p);
  });
  if (issues.length) throw new ValidationError(issues);
  return invitees;
}

export type SessionPlan = {
  session: Session;
  warnings: Warning[];
  items: TxItem[];
  invitees: Participant[];
};

/**
 * Everything that schedules a session, to be committed in one transaction: the session, one
 * invitation per invitee, a check per invitee that their consent still holds, and
 * ForumSessionScheduled. Warnings are computed beside it and returned with the response.
 */
export async function planSession(forumId: string, input: SessionInput, deps: ForumDeps): Promise<SessionPlan> {
  const forum = await readForum(forumId, deps);
  const jurisdiction = payingJurisdiction(forum);
  const invitees = checkInvitees(input.invitees, await getParticipants(deps.db, input.invitees), jurisdiction);
  const now = isoNow(deps.clock);
  const session: Session = {
    sessionId: ulid(),
    forumId,
    title: input.title,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    venue: input.venue,
    agenda: input.agenda,
    status: 'scheduled',
    reminders: { leadMinutes: input.reminders?.leadMinutes ?? forum.reminders.leadMinutes },
    sequence: 0,
    createdAt: now,
    updatedAt: now,
  };
  const warnings = await schedulingWarnings({ forum, session, invitees }, deps);
  const invitations = invitees.map(
    (p): Invitation => ({
      sessionId: session.sessionId,
      participantId: p.participantId,
      forumId,
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      status: 'invited',
      rsvp: null,
      rsvpVersion: 0,
    }),
  );
  const event = buildEvent(
    ForumSessionScheduled,
    {
      sessionId: session.sessionId,
      forumId,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      inviteeIds: invitees.map((p) => p.participantId),
    },
    { idempotencyKey: `session-scheduled:${session.sessionId}`, occurredAt: now },
  );
  return {
    session,
    warnings,
    invitees,
    items: [
      putNewSession(deps.db, session),
      ...invitations.map((inv) => putNewInvitation(deps.db, inv)),
      ...invitees.map((p) => participantMayBeInvited(deps.db, p.participantId)),
      outboxPut(deps.db, event, now),
    ],
  };
}

/**
 * A scheduling transaction whose consent check failed: someone withdrew consent between our read
 * and the write. Nothing was written; say who.
 */
export function explainScheduleFailure(err: unknown, plan: SessionPlan): unknown {
  if (!(err instanceof TransactionConditionError)) return err;
  const n = plan.invitees.length;
  const issues = err.indexes
    .filter((i) => i > n && i <= 2 * n)
    .map((i) => ({
      path: `invitees.${i - n - 1}`,
      message: `${plan.invitees[i - n - 1]!.displayName} has just withdrawn consent and cannot be invited.`,
    }));
  return issues.length ? new ValidationError(issues) : err;
}

function assertScheduled(s: Session, doing: string) {
  if (s.status === 'cancelled') throw new ConflictError(`This session was cancelled, so you cannot ${doing}.`);
  if (s.status === 'held') throw new ConflictError(`This session has already been held, so you cannot ${doing}.`);
}

const live = (invitations: readonly Invitation[]) => invitations.filter((i) => i.status === 'invited');

export async function rescheduleSession(
  sessionId: string,
  input: RescheduleInput,
  deps: ForumDeps,
): Promise<{ session: Session; warnings: Warning[] }> {
  const session = await readSession(sessionId, deps);
  assertScheduled(session, 'move it');
  const [forum, invitations] = await Promise.all([
    readForum(session.forumId, deps),
    getInvitations(deps.db, sessionId),
  ]);
  const stillInvited = live(invitations);
  const participants = await getParticipants(
    deps.db,
    stillInvited.map((i) => i.participantId),
  );
  const invitees = stillInvited.flatMap((i) => participants.get(i.participantId) ?? []);
  const moved = { ...session, startsAt: input.startsAt, endsAt: input.endsAt };
  const warnings = await schedulingWarnings({ forum, session: moved, invitees }, deps);
  const unchanged =
    Date.parse(session.startsAt) === Date.parse(input.startsAt) &&
    Date.parse(session.endsAt) === Date.parse(input.endsAt);
  if (unchanged) return { session, warnings };
  const now = isoNow(deps.clock);
  const event = buildEvent(
    SessionRescheduled,
    { sessionId, forumId: session.forumId, startsAt: input.startsAt, endsAt: input.endsAt },
    { idempotencyKey: `session-rescheduled:${sessionId}:${session.version + 1}`, occurredAt: now },
  );
  await commitOrConflict(deps.db, [
    updateSessionTimes(deps.db, session, { ...input, updatedAt: now }),
    ...stillInvited.map((inv) => updateInvitationTimes(deps.db, inv, input)),
    outboxPut(deps.db, event, now),
  ]);
  return { session: { ...moved, sequence: session.sequence + 1, updatedAt: now }, warnings };
}

/** Cancel once: a repeat is a no-op with no second event; a held session cannot be cancelled. */
export async function cancelSession(sessionId: string, deps: ForumDeps): Promise<Session> {
  const session = await readSession(sessionId, deps);
  if (session.status === 'cancelled') return session;
  assertScheduled(session, 'cancel it');
  const invitations = await getInvitations(deps.db, sessionId);
  const now = isoNow(deps.clock);
  const event = buildEvent(
    SessionCancelled,
    { sessionId, forumId: session.forumId },
    { idempotencyKey: `session-cancelled:${sessionId}`, occurredAt: now },
  );
  await commitOrConflict(deps.db, [
    cancelSessionItem(deps.db, session, now),
    ...invitations.filter((i) => i.status === 'invited').map((inv) => cancelInvitation(deps.db, inv)),
    outboxPut(deps.db, event, now),
  ]);
  return { ...session, status: 'cancelled', cancelledAt: now, updatedAt: now };
}

async function commitOrConflict(db: Db, items: TxItem[]) {
  try {
    await transact(db, items);
  } catch (err) {
    if (err instanceof TransactionConditionError) {
      throw new ConflictError('This session changed while you were saving. Please reload it and try again.');
    }
    throw err;
  }
}

// ---- RSVPs -------------------------------------------------------------------------------------

/** Coordinators answer for anyone; a member only for themself. */
export function assertMayAnswerFor(caller: Caller, participantId: string) {
  if (caller.roles.includes('coordinator')) return;
  if (caller.roles.includes('member') && caller.participantId === participantId) return;
  throw new ForbiddenError('You can only answer for yourself.');
}

export async function recordSessionRsvp(
  sessionId: string,
  answer: { participantId: string; response: RsvpResponse },
  caller: Caller,
  deps: ForumDeps,
): Promise<{ sessionId: string; participantId: string; response: RsvpResponse; changed: boolean }> {
  assertMayAnswerFor(caller, answer.participantId);
  const session = await readSession(sessionId, deps);
  assertScheduled(session, 'answer the invitation');
  const inv = await getInvitation(deps.db, sessionId, answer.participantId);
  if (!inv) {
    throw new ValidationError([{ path: 'participantId', message: 'This person is not invited to this session.' }]);
  }
  if (inv.status !== 'invited') throw new ConflictError('This person is no longer invited to this session.');
  const result = { sessionId, participantId: answer.participantId, response: answer.response };
  if (inv.rsvp === answer.response) return { ...result, changed: false };
  const now = isoNow(deps.clock);
  const event = buildEvent(SessionRsvpRecorded, result, {
    idempotencyKey: `session-rsvp:${sessionId}:${answer.participantId}:${inv.rsvpVersion + 1}`,
    occurredAt: now,
  });
  await commitOrConflict(deps.db, [
    recordRsvp(deps.db, inv, { response: answer.response, by: caller.sub, at: now }),
    sessionIsScheduled(deps.db, sessionId),
    outboxPut(deps.db, event, now),
  ]);
  return { ...result, changed: true };
}

// ---- The session view --------------------------------------------------------------------------

export type InviteeView = {
  participantId: string;
  displayName: string;
  stakeholderGroup: Participant['stakeholderGroup'] | null;
  constituency: Participant['constituency'] | null;
  /** `dropped`: withdrew consent, no longer counted or reminded. */
  status: 'invited' | 'dropped' | 'cancelled';
  rsvp: RsvpResponse | null;
  rsvpAt: string | null;
};

export type SessionView = Omit<Session, 'attendance' | 'attendanceHash'> & {
  attendance?: (AttendanceEntry & { displayName: string })[];
  forum: Pick<ForumView, 'forumId' | 'name' | 'level' | 'areaId' | 'timeZone' | 'remuneration' | 'quorum'>;
  timeZone: string;
  invitees: InviteeView[];
  quorum: QuorumView;
  warnings: Warning[];
  calendarUrl: string;
};

/**
 * The session with its invitees, their answers and the quorum status. Warnings are computed live
 * while the session is still to come (clashes change as other sessions are scheduled). A member
 * sees only their own invitation: other invitees' names are not theirs to see.
 */
export async function viewSession(sessionId: string, caller: Caller, deps: ForumDeps): Promise<SessionView> {
  const session = await readSession(sessionId, deps);
  const [forum, invitations] = await Promise.all([
    readForum(session.forumId, deps),
    getInvitations(deps.db, sessionId),
  ]);
  const isCoordinator = caller.roles.includes('coordinator');
  if (!isCoordinator && !invitations.some((i) => i.participantId === caller.participantId)) {
    throw new ForbiddenError('You can only see sessions you are invited to.');
  }
  const participants = await getParticipants(deps.db, [
    ...invitations.map((i) => i.participantId),
    ...(session.attendance ?? []).map((a) => a.participantId),
  ]);
  const invitees: InviteeView[] = invitations.map((inv) => {
    const p = participants.get(inv.participantId);
    const withdrawn =
      p?.consent.status === 'withdrawn' && Date.parse(p.consent.withdrawnAt ?? '') < Date.parse(inv.startsAt);
    return {
      participantId: inv.participantId,
      displayName: p?.displayName ?? 'Former participant',
      stakeholderGroup: p?.stakeholderGroup ?? null,
      constituency: p?.constituency ?? null,
      // A withdrawal the consumer has not processed yet already counts here.
      status: inv.status === 'invited' && (withdrawn || !p) ? 'dropped' : inv.status,
      rsvp: inv.rsvp,
      rsvpAt: inv.rsvpAt ?? null,
    };
  });
  const counted = invitees.filter((i) => i.status === 'invited' && i.constituency !== null);
  const quorum =
    session.status === 'held' && session.attendance
      ? attendedQuorum(
          forum.quorum,
          session.attendance.flatMap((a) => {
            const p = participants.get(a.participantId);
            return p ? [{ constituency: p.constituency }] : [];
          }),
        )
      : quorumStatus(
          forum.quorum,
          counted.map((i) => ({ constituency: i.constituency!, rsvp: i.rsvp })),
        );
  const upcoming = session.status === 'scheduled' && Date.parse(session.startsAt) > deps.clock.now().getTime();
  const warnings =
    upcoming && isCoordinator
      ? await schedulingWarnings(
          { forum, session, invitees: counted.flatMap((i) => participants.get(i.participantId) ?? []) },
          deps,
        )
      : [];
  const { remuneration } = forumView(forum, forumDate(forum, deps.clock.now()));
  const { quorum: rule, forumId, name, level, areaId, timeZone } = forum;
  const { attendance, attendanceHash: _hash, version: _version, ...rest } = session;
  return {
    ...rest,
    forum: { forumId, name, level, areaId, timeZone, remuneration, quorum: rule },
    timeZone,
    invitees: isCoordinator ? invitees : invitees.filter((i) => i.participantId === caller.participantId),
    ...(attendance
      ? {
          attendance: attendance
            .filter((a) => isCoordinator || a.participantId === caller.participantId)
            .map((a) => ({
              ...a,
              displayName: participants.get(a.participantId)?.displayName ?? 'Former participant',
            })),
        }
      : {}),
    quorum,
    warnings,
    calendarUrl: `/api/sessions/${encodeURIComponent(sessionId)}/calendar.ics`,
  };
}

/** Members may fetch the calendar invite of a session they are invited to. */
export async function assertMayReadSession(sessionId: string, caller: Caller, deps: { db: Db }) {
  if (caller.roles.includes('coordinator')) return;
  const inv = caller.participantId ? await getInvitation(deps.db, sessionId, caller.participantId) : undefined;
  if (!inv) throw new ForbiddenError('You can only see sessions you are invited to.');
}

// ---- A member's own sessions -------------------------------------------------------------------

export type MySessionItem = {
  sessionId: string;
  forumId: string;
  forumName: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venue: { name: string; accessible: boolean };
  status: Session['status'];
  rsvp: RsvpResponse | null;
};

/**
 * `GET /api/my/sessions`: the caller's own live invitations (never anyone else's: the participant
 * is the token's), upcoming soonest first or past latest first by `deps.clock`, with each session's
 * venue and status and its forum's name and time zone from one BatchGet.
 */
export async function pageMySessions(
  caller: Caller,
  deps: ForumDeps,
  opts: { when: 'upcoming' | 'past'; limit: number; cursor?: string },
): Promise<{ items: MySessionItem[]; nextCursor: string | null }> {
  if (!caller.participantId) throw new ForbiddenError('Your sign-in is not linked to a participant record.');
  const page = await pageParticipantInvitations(deps.db, caller.participantId, { ...opts, now: isoNow(deps.clock) });
  const { sessions, forums } = await getSessionsAndForums(
    deps.db,
    page.items.map((i) => i.sessionId),
    page.items.map((i) => i.forumId),
  );
  const items = page.items.flatMap((inv): MySessionItem[] => {
    const session = sessions.get(inv.sessionId);
    const forum = forums.get(inv.forumId);
    if (!session || !forum || session.status === 'cancelled') return [];
    return [
      {
        sessionId: inv.sessionId,
        forumId: inv.forumId,
        forumName: forum.name,
        title: session.title,
        startsAt: inv.startsAt,
        endsAt: inv.endsAt,
        timeZone: forum.timeZone,
        venue: { name: session.venue.name, accessible: session.venue.accessible },
        status: session.status,
        rsvp: inv.rsvp,
      },
    ];
  });
  return { items, nextCursor: page.nextCursor };
}

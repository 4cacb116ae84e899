import { createHash } from 'node:crypto';
import { buildEvent } from '../../../events/define-event.js';
import { SessionHeld } from '../../../events/forums.js';
import {
  type Clock,
  ConflictError,
  type FieldIssue,
  isoNow,
  type Jurisdiction,
  ValidationError,
} from '../../kernel/index.js';
import { getParticipants } from '../../participants/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import {
  type Db,
  RetriesExhaustedError,
  retryBudgets,
  retryOptimistic,
  TransactionConditionError,
  transact,
} from '../../runtime/store/db.js';
import { getInvitations } from '../adapters/invitations-repo.js';
import { markSessionHeld } from '../adapters/sessions-repo.js';
import type { HeldInput } from '../domain/commands.js';
import {
  type AttendanceEntry,
  attendanceFingerprint,
  maxHoursFor,
  type Session,
  sumExpenses,
  TRAVEL_MARGIN_HOURS,
} from '../domain/forums.js';
import { rateOn } from '../domain/rates.js';
import { describeTimes, wallClock } from '../domain/time.js';
import { noRateMessage, otherJurisdictionMessage } from '../domain/wording.js';
import { payingJurisdiction, readForum, readSession } from './forums.js';

export type AttendanceDeps = { db: Db; clock: Clock };

/**
 * Who attended, checked against the session: every attendee is a registered participant who had not
 * withdrawn consent before the session started; people with lived experience (who are paid) are in
 * the forum's jurisdiction, invited or walk-in; hours are more than 0 and at most the session's
 * length plus the travel margin. Attendees who were not invited are accepted as walk-ins.
 */
async function checkAttendance(
  session: Session,
  forum: Jurisdiction,
  input: HeldInput,
  deps: AttendanceDeps,
): Promise<AttendanceEntry[]> {
  const ids = input.attendance.map((a) => a.participantId);
  const [participants, invitations] = await Promise.all([
    getParticipants(deps.db, ids),
    getInvitations(deps.db, session.sessionId),
  ]);
  const invited = new Set(invitations.filter((i) => i.status === 'invited').map((i) => i.participantId));
  const maxHours = maxHoursFor(session);
  const issues: FieldIssue[] = [];
  const entries = input.attendance.map((a, i): AttendanceEntry => {
    const p = participants.get(a.participantId);
    if (!p) {
      issues.push({ path: `attendance.${i}.participantId`, message: 'We could not find this participant.' });
    } else if (
      p.consent.status === 'withdrawn' &&
      Date.parse(p.consent.withdrawnAt ?? '') <= Date.parse(session.startsAt)
    ) {
      issues.push({
        path: `attendance.${i}.participantId`,
        message: `${p.displayName} withdrew consent before this session, so their attendance cannot be recorded.`,
      });
    } else if (p.constituency !== 'provider' && p.jurisdiction !== forum) {
      issues.push({
        path: `attendance.${i}.participantId`,
        message: otherJurisdictionMessage(p, forum, 'recorded as attending'),
      });
    }
    if (a.hours > maxHours) {
      issues.push({
        path: `attendance.${i}.hours`,
        message: `At most ${maxHours} hours: the session's length plus ${TRAVEL_MARGIN_HOURS} hours for travel and preparation.`,
      });
    }
    return {
      participantId: a.participantId,
      hours: a.hours,
      expenses: a.expenses,
      expensesMinor: sumExpenses(a.expenses),
      walkIn: !invited.has(a.participantId),
    };
  });
  if (issues.length) throw new ValidationError(issues);
  return entries;
}

/** The session changed under the recording but is still to be held (a rate added near its date bumps it). */
class SessionMovedOnError extends Error {
  override name = 'SessionMovedOnError';
}
const sessionMovedOn = (err: unknown) => err instanceof SessionMovedOnError;

/**
 * Record a session as held: its attendance and SessionHeld in ONE transaction whose condition
 * (still `scheduled`, same version) lets only one recording ever succeed. Recording the same
 * attendance again is a replay (no second event); different attendance is a conflict.
 *
 * The fee is paid at the forum's rate in force on the session's local date (`heldOn`), not today's.
 * The transaction touches the session and the outbox only, never the forum, so any number of
 * sessions of one forum can be recorded at once. A rate added meanwhile cannot be missed: a rate
 * from a date near enough to be held (app/rates.ts) bumps the version of every session it could
 * apply to in its own transaction, so this recording's condition fails and it reads the session and
 * the forum again (the new rate), within the forum's retry budget.
 */
export async function recordSessionHeld(
  sessionId: string,
  input: HeldInput,
  deps: AttendanceDeps,
): Promise<'recorded' | 'replayed'> {
  try {
    return await retryOptimistic(
      retryBudgets.forum,
      () => tryRecordSessionHeld(sessionId, input, deps),
      sessionMovedOn,
    );
  } catch (err) {
    if (err instanceof RetriesExhaustedError) {
      throw new ConflictError('This session changed while you were saving. Please reload it and try again.');
    }
    throw err;
  }
}

async function tryRecordSessionHeld(
  sessionId: string,
  input: HeldInput,
  deps: AttendanceDeps,
): Promise<'recorded' | 'replayed'> {
  const session = await readSession(sessionId, deps);
  if (session.status === 'cancelled') throw new ConflictError('This session was cancelled, so it cannot be held.');
  const now = deps.clock.now();
  const forum = await readForum(session.forumId, deps);
  if (session.status === 'scheduled' && Date.parse(session.startsAt) > now.getTime()) {
    throw new ConflictError(
      `This session has not started yet (${describeTimes(session, forum.timeZone)}). Record who attended once it has started.`,
    );
  }
  const entries = await checkAttendance(session, payingJurisdiction(forum), input, deps);
  const fingerprint = hashOf(attendanceFingerprint(entries));
  if (session.status === 'held') return sameOrConflict(session, fingerprint, attendanceFingerprint(entries));

  const heldOn = wallClock(session.startsAt, forum.timeZone).date;
  const rate = rateOn(forum.rates, heldOn);
  if (!rate) throw new ConflictError(noRateMessage(forum.rates, heldOn));
  const at = isoNow(deps.clock);
  const event = buildEvent(
    SessionHeld,
    {
      sessionId,
      forumId: forum.forumId,
      heldOn,
      startsAt: session.startsAt,
      hourlyRateMinor: rate.hourlyRateMinor,
      currency: forum.remuneration.currency,
      attendance: entries.map(({ participantId, hours, expensesMinor, walkIn }) => ({
        participantId,
        hours,
        expensesMinor,
        walkIn,
      })),
    },
    { idempotencyKey: `session-held:${sessionId}`, occurredAt: at },
  );
  try {
    await transact(deps.db, [
      markSessionHeld(deps.db, session, { attendance: entries, attendanceHash: fingerprint, heldAt: at }),
      outboxPut(deps.db, event, at),
    ]);
    return 'recorded';
  } catch (err) {
    if (!(err instanceof TransactionConditionError)) throw err;
    // Someone else changed the session first: the same recording sent twice at once, a cancel, or a
    // rate added near its date (then read both again).
    const now2 = await readSession(sessionId, deps);
    if (now2.status === 'held') return sameOrConflict(now2, fingerprint, attendanceFingerprint(entries));
    if (now2.status === 'cancelled') throw new ConflictError('This session was cancelled, so it cannot be held.');
    throw new SessionMovedOnError();
  }
}

/**
 * What the session keeps of the fingerprint: its SHA-256 (a 500-attendee fingerprint is too large to
 * keep twice beside the attendance). Sessions held before kept the fingerprint itself.
 */
const hashOf = (fingerprint: string) => `sha256:${createHash('sha256').update(fingerprint).digest('hex')}`;

function sameOrConflict(session: Session, hashed: string, fingerprint: string): 'replayed' {
  if (session.attendanceHash === hashed || session.attendanceHash === fingerprint) return 'replayed';
  throw new ConflictError(
    'This session was already recorded as held with different attendance. It cannot be recorded twice; ask finance to correct a payment if something was wrong.',
  );
}

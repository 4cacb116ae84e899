import { buildEvent } from '../../../events/define-event.js';
import { ForumSessionScheduled, SessionCancelled, SessionRescheduled } from '../../../events/forums.js';
import {
  ConflictError,
  type FieldIssue,
  isoNow,
  type Jurisdiction,
  newId,
  ValidationError,
} from '../../kernel/index.js';
import { getParticipants, hasConsentFor, type Participant } from '../../participants/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import { type Db, TransactionConditionError, type TxItem, transact } from '../../runtime/store/db.js';
import {
  cancelInvitation,
  getInvitations,
  participantMayBeInvited,
  putNewInvitation,
  updateInvitationTimes,
} from '../adapters/invitations-repo.js';
import { cancelSessionItem, putNewSession, updateSessionTimes } from '../adapters/sessions-repo.js';
import type { RescheduleInput, SessionInput } from '../domain/commands.js';
import type { Invitation, Session, Warning } from '../domain/forums.js';
import { otherJurisdictionMessage } from '../domain/wording.js';
import { type ForumDeps, payingJurisdiction, readForum, readSession } from './forums.js';
import { schedulingWarnings } from './warnings.js';

/**
 * Invitees must exist, have consent for forums and, when they could be paid (people with lived
 * experience), be in the forum's jurisdiction: their fee is in the forum's currency and is checked
 * against their own country's benefit rules. Staff are never paid, so staff from across a border
 * can be invited. Each refusal names the person and the field.
 */
function checkInvitees(ids: readonly string[], found: Map<string, Participant>, forum: Jurisdiction): Participant[] {
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
    sessionId: newId(),
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
 * and the write. Nothing was written; say who. Items are [session, n invitations, n consent checks, event].
 */
export function explainScheduleFailure(err: unknown, plan: SessionPlan): unknown {
  if (!(err instanceof TransactionConditionError)) return err;
  const n = plan.invitees.length;
  const issues = err.indexes.flatMap((i) => {
    const invitee = i > n && i <= 2 * n ? plan.invitees[i - n - 1] : undefined;
    return invitee
      ? [
          {
            path: `invitees.${i - n - 1}`,
            message: `${invitee.displayName} has just withdrawn consent and cannot be invited.`,
          },
        ]
      : [];
  });
  return issues.length ? new ValidationError(issues) : err;
}

/** A session that was cancelled or held cannot be changed any more. */
export function assertScheduled(s: Pick<Session, 'status'>, doing: string) {
  if (s.status === 'cancelled') throw new ConflictError(`This session was cancelled, so you cannot ${doing}.`);
  if (s.status === 'held') throw new ConflictError(`This session has already been held, so you cannot ${doing}.`);
}

/** Commit, or say the session changed meanwhile (a version or status condition failed). */
export async function commitOrConflict(db: Db, items: TxItem[]) {
  try {
    await transact(db, items);
  } catch (err) {
    if (err instanceof TransactionConditionError) {
      throw new ConflictError('This session changed while you were saving. Please reload it and try again.');
    }
    throw err;
  }
}

const live = (invitations: readonly Invitation[]) => invitations.filter((i) => i.status === 'invited');

/** Move a session (and its invitations) to new times; the warnings are those of the new times. */
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
export async function cancelSession(sessionId: string, deps: ForumDeps): Promise<Session & { status: 'cancelled' }> {
  const session = await readSession(sessionId, deps);
  if (session.status === 'cancelled') return { ...session, status: 'cancelled' };
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
    ...live(invitations).map((inv) => cancelInvitation(deps.db, inv)),
    outboxPut(deps.db, event, now),
  ]);
  return { ...session, status: 'cancelled', cancelledAt: now, updatedAt: now };
}

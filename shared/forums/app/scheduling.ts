import { buildEvent, type OutgoingEvent } from '../../../events/define-event.js';
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
import { getInvitations, participantMayBeInvited, putNewInvitation } from '../adapters/invitations-repo.js';
import { putScheduleEntry } from '../adapters/schedule-repo.js';
import { cancelSessionItem, putNewSession, sessionGoesLive, updateSessionTimes } from '../adapters/sessions-repo.js';
import type { RescheduleInput, SessionInput } from '../domain/commands.js';
import type { Invitation, Session, Warning } from '../domain/forums.js';
import { otherJurisdictionMessage } from '../domain/wording.js';
import { type ForumDeps, payingJurisdiction, readForum, readSession } from './forums.js';
import { followSession, writeGroups } from './invitation-sync.js';
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

/**
 * Each invitee costs three items in a transaction: the invitation, a check that their consent still
 * holds, and their schedule entry. Up to this many invitees a session is written in one transaction
 * (session + 3 each + event + Idempotency-Key record ≤ 100 items); a larger one is prepared (ADR 0008).
 */
export const ONE_TRANSACTION_INVITEES = 32;
/** Invitees per transaction while a large session is prepared (3 items each). */
const CHUNK_INVITEES = 33;
/** Chunk transactions written at once while preparing (each on its own items). */
const CHUNK_CONCURRENCY = 4;

export type SessionPlan = {
  session: Session;
  warnings: Warning[];
  invitees: Participant[];
  invitations: Invitation[];
  event: OutgoingEvent;
  /** Set once the session was written as `preparing`: to discard if scheduling fails. */
  prepared?: boolean;
};

/**
 * Everything that schedules a session: the session, one invitation per invitee (with a check that
 * their consent still holds and their schedule entry) and ForumSessionScheduled. Warnings are
 * computed beside it and returned with the response.
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
  return { session, warnings, invitees, invitations, event };
}

const inviteeItems = (db: Db, inv: Invitation): TxItem[] => [
  putNewInvitation(db, inv),
  participantMayBeInvited(db, inv.participantId),
  putScheduleEntry(db, inv.participantId, inv),
];

/** Index `i` of a transaction holding invitees from `first` on, 3 items each after `offset` items. */
function consentIssue(plan: SessionPlan, i: number, first: number, offset: number) {
  if (i < offset || (i - offset) % 3 !== 1) return [];
  const index = first + Math.floor((i - offset) / 3);
  const invitee = plan.invitees[index];
  return invitee
    ? [
        {
          path: `invitees.${index}`,
          message: `${invitee.displayName} has just withdrawn consent and cannot be invited.`,
        },
      ]
    : [];
}

/**
 * The items that make the session live, for idempotentWrite to commit with the Idempotency-Key. A
 * session of up to ONE_TRANSACTION_INVITEES is all of it. A larger one is written first as
 * `preparing` (invisible to every reader), then its invitations in chunks (in parallel, each its own
 * transaction), and what is returned is only the switch to `scheduled` and the event: nobody sees
 * the session, on any read, until every invitation is written. A chunk refused because someone has
 * just withdrawn consent is a 400 naming them (the caller discards the prepared session).
 */
export async function sessionWrites(plan: SessionPlan, deps: { db: Db }): Promise<TxItem[]> {
  const { db } = deps;
  if (plan.invitations.length <= ONE_TRANSACTION_INVITEES) {
    return [
      putNewSession(db, plan.session),
      ...plan.invitations.flatMap((inv) => inviteeItems(db, inv)),
      outboxPut(db, plan.event, plan.session.createdAt),
    ];
  }
  await transact(db, [putNewSession(db, plan.session, { preparing: true })]);
  plan.prepared = true;
  const starts = plan.invitations.map((_, i) => i).filter((i) => i % CHUNK_INVITEES === 0);
  const issues: FieldIssue[] = [];
  for (let w = 0; w < starts.length; w += CHUNK_CONCURRENCY) {
    await Promise.all(
      starts.slice(w, w + CHUNK_CONCURRENCY).map(async (first) => {
        const chunk = plan.invitations.slice(first, first + CHUNK_INVITEES);
        try {
          await transact(
            db,
            chunk.flatMap((inv) => inviteeItems(db, inv)),
          );
        } catch (err) {
          if (!(err instanceof TransactionConditionError)) throw err;
          const found = err.indexes.flatMap((i) => consentIssue(plan, i, first, 0));
          if (found.length === 0) throw err;
          issues.push(...found);
        }
      }),
    );
    if (issues.length) throw new ValidationError(issues);
  }
  return [sessionGoesLive(db, plan.session), outboxPut(db, plan.event, plan.session.createdAt)];
}

/**
 * A one-transaction scheduling whose consent check failed: someone withdrew consent between our read
 * and the write. Nothing was written; say who. Items are [session, 3 per invitee, event].
 */
export function explainScheduleFailure(err: unknown, plan: SessionPlan): unknown {
  if (!(err instanceof TransactionConditionError) || plan.prepared) return err;
  const issues = err.indexes.flatMap((i) => (i <= 3 * plan.invitees.length ? consentIssue(plan, i, 0, 1) : []));
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

/**
 * The session's own change (and its event) with its invitations following it: in one transaction
 * when they fit, as today for most sessions; for a large session the session first (that is what
 * every reader sees), then the invitations in chunks (invitation-sync.ts), which the event's
 * consumers finish if this request is cut short.
 */
async function commitFollowing(db: Db, head: [TxItem, TxItem], groups: TxItem[][]) {
  const following = groups.flat();
  if (head.length + following.length <= 100) {
    await commitOrConflict(db, [head[0], ...following, head[1]]);
    return;
  }
  await commitOrConflict(db, head);
  await writeGroups(db, groups);
}

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
  await commitFollowing(
    deps.db,
    [updateSessionTimes(deps.db, session, { ...input, updatedAt: now }), outboxPut(deps.db, event, now)],
    followSession(deps.db, moved, invitations),
  );
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
  await commitFollowing(
    deps.db,
    [cancelSessionItem(deps.db, session, now), outboxPut(deps.db, event, now)],
    followSession(deps.db, { ...session, status: 'cancelled' }, invitations),
  );
  return { ...session, status: 'cancelled', cancelledAt: now, updatedAt: now };
}

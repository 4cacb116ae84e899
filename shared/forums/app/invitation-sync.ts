import type { Clock } from '../../kernel/index.js';
import { type Db, TransactionConditionError, type TxItem, transact } from '../../runtime/store/db.js';
import { listAllForums } from '../adapters/forums-repo.js';
import {
  cancelInvitation,
  deleteInvitation,
  getInvitations,
  updateInvitationTimes,
} from '../adapters/invitations-repo.js';
import { monthOf, putScheduleEntry, removeScheduleEntry } from '../adapters/schedule-repo.js';
import {
  deleteDiscardedSession,
  discardSession,
  forumSessionsBetween,
  getSession,
  sessionsPreparingSince,
} from '../adapters/sessions-repo.js';
import type { Invitation, Session } from '../domain/forums.js';

/**
 * A session's invitations and its invitees' schedule entries are index data: the session item is
 * what the session is (its status and times), and every reader takes those from it. When a session
 * is moved or cancelled, its own item changes first (with the event, in one transaction); the
 * invitations then follow it, in chunks of at most 100 items when the session is large. What a
 * crash leaves behind is finished by the consumers of SessionRescheduled and SessionCancelled
 * (`followSessionNow`), so the index always catches up (ADR 0008).
 */

/** The writes, one group per invitee, that make live invitations match the session as it is. */
export function followSession(db: Db, session: Session, invitations: readonly Invitation[]): TxItem[][] {
  return invitations
    .filter((inv) => inv.status === 'invited')
    .flatMap((inv): TxItem[][] => {
      if (session.status === 'cancelled') {
        return [[cancelInvitation(db, inv), removeScheduleEntry(db, inv.participantId, inv)]];
      }
      if (session.status !== 'scheduled') return [];
      if (inv.startsAt === session.startsAt && inv.endsAt === session.endsAt) return [];
      const moved = {
        sessionId: session.sessionId,
        forumId: session.forumId,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
      };
      return [
        [
          updateInvitationTimes(db, inv, moved),
          ...(monthOf(inv.startsAt) === monthOf(moved.startsAt)
            ? []
            : [removeScheduleEntry(db, inv.participantId, inv)]),
          putScheduleEntry(db, inv.participantId, moved),
        ],
      ];
    });
}

/** Groups packed into transactions of at most `max` items, never splitting a group. */
export function packGroups(groups: readonly TxItem[][], max = 100): TxItem[][][] {
  const out: TxItem[][][] = [];
  let current: TxItem[][] = [];
  let size = 0;
  for (const g of groups) {
    if (size + g.length > max && current.length > 0) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(g);
    size += g.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Write the groups, a transaction per pack. A pack whose condition fails (someone else moved,
 * dropped or cancelled one of its invitations meanwhile) is written group by group, and a group
 * whose condition fails is left: the invitation is no longer what was read, and whoever changed it
 * kept it in step.
 */
export async function writeGroups(db: Db, groups: readonly TxItem[][]): Promise<number> {
  let written = 0;
  for (const pack of packGroups(groups)) {
    try {
      await transact(db, pack.flat());
      written += pack.length;
    } catch (err) {
      if (!(err instanceof TransactionConditionError)) throw err;
      for (const g of pack) {
        try {
          await transact(db, g);
          written++;
        } catch (e) {
          if (!(e instanceof TransactionConditionError)) throw e;
        }
      }
    }
  }
  return written;
}

/** Bring a session's invitations in step with it now (idempotent: nothing to do once they are). */
export async function followSessionNow(sessionId: string, deps: { db: Db }): Promise<number> {
  const session = await getSession(deps.db, sessionId);
  if (!session) return 0;
  const { version: _version, ...s } = session;
  return writeGroups(deps.db, followSession(deps.db, s, await getInvitations(deps.db, sessionId)));
}

// ---- Sessions that never went live --------------------------------------------------------------

/**
 * Remove a session that is still being prepared (or was discarded) with whatever invitations and
 * schedule entries it has: first it is marked `discarded` (so it can never go live), then its
 * invitations go, then its own item. False, and nothing touched, when it is live.
 */
export async function discardPreparedSession(sessionId: string, deps: { db: Db }): Promise<boolean> {
  if (!(await discardSession(deps.db, sessionId))) return false;
  const invitations = await getInvitations(deps.db, sessionId);
  const groups = invitations.map((inv) => [
    deleteInvitation(deps.db, inv),
    removeScheduleEntry(deps.db, inv.participantId, inv),
  ]);
  for (const pack of packGroups(groups)) await transact(deps.db, pack.flat());
  await deleteDiscardedSession(deps.db, sessionId);
  return true;
}

/** A preparation is at most seconds long; one older than this was interrupted (a crash, a timeout). */
export const STALE_PREPARING_MS = 10 * 60_000;

/** The sweeper: discard every session left preparing for longer than `STALE_PREPARING_MS`. */
export async function sweepPreparingSessions(deps: { db: Db; clock: Clock }): Promise<{ discarded: number }> {
  const before = new Date(deps.clock.now().getTime() - STALE_PREPARING_MS).toISOString();
  let discarded = 0;
  for (const id of await sessionsPreparingSince(deps.db, before)) {
    if (await discardPreparedSession(id, deps)) discarded++;
  }
  return { discarded };
}

// ---- Schedule months for sessions scheduled before they existed ----------------------------------

/** How far back a still-scheduled session can matter: a projection window reaches a month back. */
const BACKFILL_FROM_MS = 62 * 86_400_000;

/**
 * One-off, idempotent: give every live invitation of every session still scheduled, starting from
 * two months ago on, its schedule entry (sessions scheduled before schedule months existed have
 * none, so clash warnings and projections would miss them). Only Queries: the forums index, each
 * forum's sessions index, each session's invitations; entries are set without a condition.
 */
export async function backfillScheduleEntries(deps: { db: Db; clock: Clock }): Promise<{ entries: number }> {
  const from = new Date(deps.clock.now().getTime() - BACKFILL_FROM_MS).toISOString();
  const to = new Date(deps.clock.now().getTime() + 10 * 365 * 86_400_000).toISOString();
  let entries = 0;
  for (const forum of await listAllForums(deps.db)) {
    for (const session of await forumSessionsBetween(deps.db, forum.forumId, from, to)) {
      if (session.status !== 'scheduled') continue;
      const live = (await getInvitations(deps.db, session.sessionId)).filter((i) => i.status === 'invited');
      const groups = live.map((inv) => [putScheduleEntry(deps.db, inv.participantId, { ...inv, ...session })]);
      for (const pack of packGroups(groups)) await transact(deps.db, pack.flat());
      entries += live.length;
    }
  }
  return { entries };
}

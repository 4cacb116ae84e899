import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import {
  batchGetAll,
  classifyWriteFailure,
  type Db,
  type Key,
  queryAll,
  type RawItem,
  type TxItem,
} from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import { type AttendanceEntry, type Forum, Session, SessionStatus } from '../domain/forums.js';
import { sortableTime } from '../domain/time.js';
import { forumRecord } from './forums-repo.js';
import type { BatchRead } from './schedule-repo.js';

/**
 * Sessions in the main table (docs/data-model.md, "Forums"): `SESSION#<id>` / `SESSION`, in start
 * order per forum on gsi1 (`FORUM#<forumId>#SESSIONS`; a reschedule moves the sort key).
 */
export const sessionKey = (id: string): Key => ({ pk: `SESSION#${id}`, sk: 'SESSION' });
const forumSessionsKey = (forumId: string) => `FORUM#${forumId}#SESSIONS`;

/**
 * A session with its optimistic `version` (sessions have had one from the start). Stored, a session
 * may also be `preparing` (its invitations are still being written: ADR 0008) or `discarded` (a
 * preparation that failed, being cleaned up): such a session is not there for any reader.
 */
const StoredSessionItem = defineItem({
  entity: 'session',
  schema: z.extend(Session, {
    status: z.enum([...SessionStatus.options, 'preparing', 'discarded']),
    version: z.number().check(z.int(), z.positive()),
  }),
});
export type StoredSession = Session & { version: number };

/** The session as readers see it, or undefined while it is being prepared or discarded. */
function liveSession(item: RawItem): StoredSession | undefined {
  const stored = parseItem(StoredSessionItem, item);
  if (stored.status === 'preparing' || stored.status === 'discarded') return undefined;
  return { ...stored, status: stored.status };
}

const toSession = (item: RawItem): Session | undefined => {
  const live = liveSession(item);
  if (!live) return undefined;
  const { version: _version, ...session } = live;
  return session;
};

/** Where sessions being prepared wait (gsi1), oldest first, for the sweeper; never a forum's list. */
const PREPARING = 'SESSIONS#PREPARING';

/** What the rate check reads of a held session from the forum's sessions index (a projection). */
const HeldSessionItem = defineItem({ entity: 'session', schema: z.pick(Session, { sessionId: true, startsAt: true }) });

const forumIndexKeys = (s: Pick<Session, 'forumId' | 'sessionId' | 'startsAt'>) => ({
  gsi1pk: forumSessionsKey(s.forumId),
  gsi1sk: `${sortableTime(s.startsAt)}#${s.sessionId}`,
});

/**
 * A new session: live at once, or `preparing` (not on its forum's list, invisible to every reader)
 * until `sessionGoesLive` commits once all its invitations are written.
 */
export function putNewSession(db: Db, session: Session, opts: { preparing?: boolean } = {}): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...sessionKey(session.sessionId),
        entity: StoredSessionItem.entity,
        version: 1,
        ...session,
        ...(opts.preparing
          ? {
              status: 'preparing',
              gsi1pk: PREPARING,
              gsi1sk: `${sortableTime(session.createdAt)}#${session.sessionId}`,
            }
          : forumIndexKeys(session)),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Preparing → scheduled: on its forum's list, and visible, with every invitation already written. */
export function sessionGoesLive(db: Db, session: Session): TxItem {
  const idx = forumIndexKeys(session);
  return {
    Update: {
      TableName: db.table,
      Key: sessionKey(session.sessionId),
      UpdateExpression: 'SET #status = :scheduled, gsi1pk = :gpk, gsi1sk = :gsk',
      ConditionExpression: '#status = :preparing',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':scheduled': 'scheduled',
        ':preparing': 'preparing',
        ':gpk': idx.gsi1pk,
        ':gsk': idx.gsi1sk,
      },
    },
  };
}

/** Preparing → discarded (kept on the preparing index until its invitations are gone). False when it went live. */
export async function discardSession(db: Db, sessionId: string): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: sessionKey(sessionId),
        UpdateExpression: 'SET #status = :discarded',
        ConditionExpression: '#status IN (:preparing, :discarded)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':discarded': 'discarded', ':preparing': 'preparing' },
      }),
    );
    return true;
  } catch (err) {
    if (classifyWriteFailure(err)?.kind === 'condition') return false;
    throw err;
  }
}

/** The discarded session's own item, last, once its invitations are gone. */
export async function deleteDiscardedSession(db: Db, sessionId: string): Promise<void> {
  try {
    await db.doc.send(
      new DeleteCommand({
        TableName: db.table,
        Key: sessionKey(sessionId),
        ConditionExpression: '#status = :discarded',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':discarded': 'discarded' },
      }),
    );
  } catch (err) {
    if (classifyWriteFailure(err)?.kind !== 'condition') throw err;
  }
}

/** Sessions being prepared (or discarded) since before `before` (ISO): for the sweeper. */
export async function sessionsPreparingSince(db: Db, before: string): Promise<string[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
    ProjectionExpression: 'sessionId',
    ExpressionAttributeValues: { ':pk': PREPARING, ':before': sortableTime(before) },
  });
  return items.map((i) => String(i.sessionId));
}

export async function getSession(db: Db, sessionId: string): Promise<StoredSession | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: sessionKey(sessionId), ConsistentRead: true }),
  );
  return out.Item ? liveSession(out.Item) : undefined;
}

/** A forum's sessions in start order (the index sort key moves with a reschedule). */
export async function listForumSessions(
  db: Db,
  forumId: string,
  opts: { limit: number; cursor?: string },
): Promise<Page<Session>> {
  const out = await queryPage(
    db,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': forumSessionsKey(forumId) },
    },
    { limit: opts.limit, cursor: opts.cursor },
  );
  return { items: out.items.flatMap((i) => toSession(i) ?? []), nextCursor: out.nextCursor };
}

/**
 * The forum's held sessions starting at or after `from`, in start order, from its sessions index
 * (a Query, filtered to `held`). For forums held before `lastHeldOn` was kept.
 */
export async function heldForumSessionsFrom(
  db: Db,
  forumId: string,
  from: string,
): Promise<Pick<Session, 'sessionId' | 'startsAt'>[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :from',
    FilterExpression: '#status = :held',
    // The keys too, so a malformed item is named.
    ProjectionExpression: 'pk, sk, sessionId, startsAt',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pk': forumSessionsKey(forumId), ':from': sortableTime(from), ':held': 'held' },
  });
  return items.map((item) => parseItem(HeldSessionItem, item));
}

/** A forum's sessions starting between two instants (inclusive, ISO), from its sessions index (all pages). */
export async function forumSessionsBetween(db: Db, forumId: string, from: string, to: string): Promise<Session[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': forumSessionsKey(forumId),
      ':from': sortableTime(from),
      ':to': `${sortableTime(to)}\uffff`,
    },
  });
  return items.flatMap((i) => toSession(i) ?? []);
}

/**
 * Sessions and forums by id in as few BatchGetItem requests as possible (one for up to 100 keys in
 * all), strongly consistent.
 */
export async function getSessionsAndForums(
  db: Db,
  sessionIds: readonly string[],
  forumIds: readonly string[],
  read?: BatchRead,
): Promise<{ sessions: Map<string, Session>; forums: Map<string, Forum> }> {
  const keys = [...sessionIds.map(sessionKey), ...forumIds.map(forumRecord.key)];
  const get = read ? await read(keys) : await batchGetAll(db, keys).then((found) => (k: Key) => found.get(k));
  const sessions = new Map<string, Session>();
  const forums = new Map<string, Forum>();
  for (const id of new Set(sessionIds)) {
    const item = get(sessionKey(id));
    const session = item && toSession(item);
    if (session) sessions.set(id, session);
  }
  for (const id of new Set(forumIds)) {
    const item = get(forumRecord.key(id));
    if (item) forums.set(id, forumRecord.parse(item));
  }
  return { sessions, forums };
}

/** Move a session; fails (a conflict) if anyone changed it since it was read. */
export function updateSessionTimes(
  db: Db,
  s: StoredSession,
  next: { startsAt: string; endsAt: string; updatedAt: string },
): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: sessionKey(s.sessionId),
      UpdateExpression:
        'SET startsAt = :s, endsAt = :e, updatedAt = :u, gsi1sk = :g, #seq = #seq + :one, version = :next',
      ConditionExpression: 'version = :version AND #status = :scheduled',
      ExpressionAttributeNames: { '#status': 'status', '#seq': 'sequence' },
      ExpressionAttributeValues: {
        ':s': next.startsAt,
        ':e': next.endsAt,
        ':u': next.updatedAt,
        ':g': `${sortableTime(next.startsAt)}#${s.sessionId}`,
        ':one': 1,
        ':version': s.version,
        ':next': s.version + 1,
        ':scheduled': 'scheduled',
      },
    },
  };
}

export function cancelSessionItem(db: Db, s: StoredSession, now: string): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: sessionKey(s.sessionId),
      UpdateExpression: 'SET #status = :cancelled, cancelledAt = :now, updatedAt = :now, version = :next',
      ConditionExpression: 'version = :version AND #status = :scheduled',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':cancelled': 'cancelled',
        ':now': now,
        ':version': s.version,
        ':next': s.version + 1,
        ':scheduled': 'scheduled',
      },
    },
  };
}

/** The session is still scheduled (for writes beside it, such as an RSVP). */
export function sessionIsScheduled(db: Db, sessionId: string): TxItem {
  return {
    ConditionCheck: {
      TableName: db.table,
      Key: sessionKey(sessionId),
      ConditionExpression: '#status = :scheduled',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':scheduled': 'scheduled' },
    },
  };
}

/**
 * In a rate's transaction: the session is still scheduled, and its version moves on, so a recording
 * as held that read the forum's rates before the rate was added fails its condition and reads again.
 */
export function bumpForRate(db: Db, sessionId: string): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: sessionKey(sessionId),
      UpdateExpression: 'SET version = version + :one',
      ConditionExpression: '#status = :scheduled',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':one': 1, ':scheduled': 'scheduled' },
    },
  };
}

/** Scheduled → held, exactly once: the condition is what keeps a second SessionHeld out of the outbox. */
export function markSessionHeld(
  db: Db,
  s: StoredSession,
  held: { attendance: AttendanceEntry[]; attendanceHash: string; heldAt: string },
): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: sessionKey(s.sessionId),
      UpdateExpression:
        'SET #status = :held, heldAt = :now, updatedAt = :now, attendance = :a, attendanceHash = :h, version = :next',
      ConditionExpression: 'version = :version AND #status = :scheduled',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':held': 'held',
        ':now': held.heldAt,
        ':a': held.attendance,
        ':h': held.attendanceHash,
        ':version': s.version,
        ':next': s.version + 1,
        ':scheduled': 'scheduled',
      },
    },
  };
}

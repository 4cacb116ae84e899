import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { batchGetAll, type Db, type Key, queryAll, type RawItem, type TxItem } from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import { type AttendanceEntry, type Forum, Session } from '../domain/forums.js';
import { sortableTime } from '../domain/time.js';
import { forumRecord } from './forums-repo.js';

/**
 * Sessions in the main table (docs/data-model.md, "Forums"): `SESSION#<id>` / `SESSION`, in start
 * order per forum on gsi1 (`FORUM#<forumId>#SESSIONS`; a reschedule moves the sort key).
 */
export const sessionKey = (id: string): Key => ({ pk: `SESSION#${id}`, sk: 'SESSION' });
const forumSessionsKey = (forumId: string) => `FORUM#${forumId}#SESSIONS`;

/** A session with its optimistic `version` (sessions have had one from the start). */
export const SessionItem = defineItem({
  entity: 'session',
  schema: Session.extend({ version: z.number().int().positive() }),
});
export type StoredSession = z.infer<typeof SessionItem.schema>;

const toSession = (item: RawItem): Session => {
  const { version: _version, ...session } = parseItem(SessionItem, item);
  return session;
};

/** What the rate check reads of a held session from the forum's sessions index (a projection). */
const HeldSessionItem = defineItem({ entity: 'session', schema: Session.pick({ sessionId: true, startsAt: true }) });

export function putNewSession(db: Db, session: Session): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...sessionKey(session.sessionId),
        entity: SessionItem.entity,
        version: 1,
        ...session,
        gsi1pk: forumSessionsKey(session.forumId),
        gsi1sk: `${sortableTime(session.startsAt)}#${session.sessionId}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getSession(db: Db, sessionId: string): Promise<StoredSession | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: sessionKey(sessionId), ConsistentRead: true }),
  );
  return out.Item ? parseItem(SessionItem, out.Item) : undefined;
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
  return { items: out.items.map(toSession), nextCursor: out.nextCursor };
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
  return items.map(toSession);
}

/**
 * Sessions and forums by id in as few BatchGetItem requests as possible (one for up to 100 keys in
 * all), strongly consistent.
 */
export async function getSessionsAndForums(
  db: Db,
  sessionIds: readonly string[],
  forumIds: readonly string[],
): Promise<{ sessions: Map<string, Session>; forums: Map<string, Forum> }> {
  const items = await batchGetAll(db, [...sessionIds.map(sessionKey), ...forumIds.map(forumRecord.key)]);
  const sessions = new Map<string, Session>();
  const forums = new Map<string, Forum>();
  for (const id of new Set(sessionIds)) {
    const item = items.get(sessionKey(id));
    if (item) sessions.set(id, toSession(item));
  }
  for (const id of new Set(forumIds)) {
    const item = items.get(forumRecord.key(id));
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

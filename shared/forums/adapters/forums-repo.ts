import { BatchGetCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { consentStillGiven } from '../../participants/index.js';
import { type Db, isConditionFailure, queryAll, type TxItem } from '../../runtime/store/db.js';
import { fromItem } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import {
  type AttendanceEntry,
  type Forum,
  forumFromStored,
  type Invitation,
  type RsvpResponse,
  type Session,
  sortableTime,
} from '../domain/forums.js';
import type { HourlyRate } from '../domain/rates.js';

/**
 * Forums, sessions, invitations and reminder sends in the main table (docs/data-model.md, "Forums").
 * Every read is a Get or a Query; list and schedule lookups go through the sparse indexes.
 */
export const forumKey = (id: string) => ({ pk: `FORUM#${id}`, sk: 'FORUM' });
export const sessionKey = (id: string) => ({ pk: `SESSION#${id}`, sk: 'SESSION' });
export const invitationKey = (sessionId: string, participantId: string) => ({
  pk: `SESSION#${sessionId}`,
  sk: `INVITEE#${participantId}`,
});
const forumSessionsKey = (forumId: string) => `FORUM#${forumId}#SESSIONS`;
const participantSessionsKey = (participantId: string) => `PARTICIPANT#${participantId}#SESSIONS`;
/** A reminder send is keyed by the start it was for: after a reschedule the new time is reminded again. */
export const reminderSendKey = (sessionId: string, leadMinutes: number, startsAt: string, participantId: string) => ({
  pk: `SESSION#${sessionId}`,
  sk: `REMINDER#${leadMinutes}m#${sortableTime(startsAt)}#${participantId}`,
});

const strip = <T>(item: Record<string, unknown>): T => fromItem<T>(item);

// ---- Forums ------------------------------------------------------------------------------------

/** A forum with its optimistic `version` (0 for a forum stored before forums had one). */
export type StoredForum = Forum & { version: number };

const toForum = (item: Record<string, unknown>): StoredForum => ({
  ...forumFromStored(strip(item)),
  version: (item.version as number | undefined) ?? 0,
});

/** `version = :version`, or no version at all for a forum stored before forums had one. */
const versionIs = (version: number) => (version === 0 ? 'attribute_not_exists(version)' : 'version = :version');

export function putNewForum(db: Db, forum: Forum): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...forumKey(forum.forumId),
        entity: 'forum',
        version: 1,
        ...forum,
        gsi1pk: 'FORUMS',
        gsi1sk: `${sortableTime(forum.createdAt)}#${forum.forumId}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Strongly consistent: rates and `lastHeldOn` just written are what a payment is checked against. */
export async function getForum(db: Db, forumId: string): Promise<StoredForum | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: forumKey(forumId), ConsistentRead: true }));
  return out.Item ? toForum(out.Item) : undefined;
}

export async function listForums(db: Db, opts: { limit: number; cursor?: string }): Promise<Page<Forum>> {
  const out = await queryPage(
    db,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'FORUMS' },
      ScanIndexForward: false,
    },
    { limit: opts.limit, cursor: opts.cursor },
  );
  return {
    items: out.items.map((i) => forumFromStored(strip(i))),
    nextCursor: out.nextCursor,
  };
}

/** Replace the rate history, if nobody changed the forum since it was read (a rate, or a session held). */
export function putForumRates(db: Db, forum: StoredForum, rates: HourlyRate[]): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: forumKey(forum.forumId),
      // A forum stored before rates had dates also loses its single undated rate here.
      UpdateExpression: 'SET rates = :rates, remuneration = :remuneration, version = :next',
      ConditionExpression: versionIs(forum.version),
      ExpressionAttributeValues: {
        ':rates': rates,
        ':remuneration': { currency: forum.remuneration.currency },
        ':next': forum.version + 1,
        ...(forum.version === 0 ? {} : { ':version': forum.version }),
      },
    },
  };
}

/**
 * In the held transaction: the forum is as it was read (so the rate used is still the rate in force),
 * and it now remembers the latest date it was held on, so no rate can be added from that date or earlier.
 */
export function forumHeldOn(db: Db, forum: StoredForum, lastHeldOn: string): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: forumKey(forum.forumId),
      UpdateExpression: 'SET lastHeldOn = :d, version = :next',
      ConditionExpression: versionIs(forum.version),
      ExpressionAttributeValues: {
        ':d': lastHeldOn,
        ':next': forum.version + 1,
        ...(forum.version === 0 ? {} : { ':version': forum.version }),
      },
    },
  };
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
    ProjectionExpression: 'sessionId, startsAt',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pk': forumSessionsKey(forumId), ':from': sortableTime(from), ':held': 'held' },
  });
  return items.map((i) => ({ sessionId: i.sessionId as string, startsAt: i.startsAt as string }));
}

// ---- Sessions ----------------------------------------------------------------------------------

export type StoredSession = Session & { version: number };

export function putNewSession(db: Db, session: Session): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...sessionKey(session.sessionId),
        entity: 'session',
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
  if (!out.Item) return undefined;
  return { ...strip<Session>(out.Item), version: out.Item.version as number };
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
  return { items: out.items.map((i) => strip<Session>(i)), nextCursor: out.nextCursor };
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

// ---- Invitations -------------------------------------------------------------------------------

const liveIndexKeys = (inv: Pick<Invitation, 'participantId' | 'sessionId' | 'startsAt'>) => ({
  gsi2pk: participantSessionsKey(inv.participantId),
  gsi2sk: `${sortableTime(inv.startsAt)}#${inv.sessionId}`,
});

export function putNewInvitation(db: Db, inv: Invitation): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: { ...invitationKey(inv.sessionId, inv.participantId), entity: 'invitation', ...inv, ...liveIndexKeys(inv) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** All invitations of a session (strongly consistent: RSVPs just written are seen). */
export async function getInvitations(db: Db, sessionId: string): Promise<Invitation[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':prefix': 'INVITEE#' },
    ConsistentRead: true,
  });
  return items.map((i) => strip<Invitation>(i));
}

export async function getInvitation(db: Db, sessionId: string, participantId: string) {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: invitationKey(sessionId, participantId), ConsistentRead: true }),
  );
  return out.Item ? strip<Invitation>(out.Item) : undefined;
}

/**
 * A participant's live invitations (not cancelled, not dropped) whose start lies in [from, to]
 * — one Query on gsi2 per participant, never a Scan.
 */
export async function participantInvitations(
  db: Db,
  participantId: string,
  range: { from: string; to?: string },
): Promise<Invitation[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: range.to
      ? 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to'
      : 'gsi2pk = :pk AND gsi2sk >= :from',
    ExpressionAttributeValues: {
      ':pk': participantSessionsKey(participantId),
      ':from': sortableTime(range.from),
      ...(range.to ? { ':to': `${sortableTime(range.to)}\uffff` } : {}),
    },
  });
  return items.map((i) => strip<Invitation>(i));
}

/**
 * One page of a participant's live invitations from gsi2: `upcoming` starts at or after `now`, soonest
 * first; `past` started before `now`, latest first. A Query, never a Scan.
 */
export async function pageParticipantInvitations(
  db: Db,
  participantId: string,
  opts: { when: 'upcoming' | 'past'; now: string; limit: number; cursor?: string },
): Promise<Page<Invitation>> {
  const upcoming = opts.when === 'upcoming';
  const out = await queryPage(
    db,
    {
      IndexName: 'gsi2',
      KeyConditionExpression: upcoming ? 'gsi2pk = :pk AND gsi2sk >= :now' : 'gsi2pk = :pk AND gsi2sk < :now',
      ExpressionAttributeValues: { ':pk': participantSessionsKey(participantId), ':now': sortableTime(opts.now) },
      ScanIndexForward: upcoming,
    },
    { limit: opts.limit, cursor: opts.cursor },
  );
  return {
    items: out.items.map((i) => strip<Invitation>(i)),
    nextCursor: out.nextCursor,
  };
}

/**
 * Sessions and forums by id in one BatchGetItem request (at most 100 keys in all), retrying only
 * the keys DynamoDB left unprocessed.
 */
export async function getSessionsAndForums(
  db: Db,
  sessionIds: readonly string[],
  forumIds: readonly string[],
): Promise<{ sessions: Map<string, Session>; forums: Map<string, Forum> }> {
  const keys = [...new Set(sessionIds)].map(sessionKey).concat([...new Set(forumIds)].map(forumKey));
  if (keys.length > 100) throw new Error('getSessionsAndForums takes at most 100 keys');
  const sessions = new Map<string, Session>();
  const forums = new Map<string, Forum>();
  let pending: Record<string, unknown>[] | undefined = keys;
  for (let attempt = 0; pending && pending.length > 0 && attempt < 8; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    const out = await db.doc.send(
      new BatchGetCommand({ RequestItems: { [db.table]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const item of (out.Responses?.[db.table] ?? []) as Record<string, unknown>[]) {
      if (item.sk === 'SESSION') {
        const session = strip<Session>(item);
        sessions.set(session.sessionId, session);
      } else if (item.sk === 'FORUM') {
        const { version: _version, ...forum } = toForum(item);
        forums.set(forum.forumId, forum);
      }
    }
    pending = out.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined;
  }
  if (pending && pending.length > 0) throw new Error('BatchGet left keys unprocessed after retries');
  return { sessions, forums };
}

export function updateInvitationTimes(db: Db, inv: Invitation, next: { startsAt: string; endsAt: string }): TxItem {
  const idx = liveIndexKeys({ ...inv, startsAt: next.startsAt });
  return {
    Update: {
      TableName: db.table,
      Key: invitationKey(inv.sessionId, inv.participantId),
      UpdateExpression: 'SET startsAt = :s, endsAt = :e, gsi2pk = :gpk, gsi2sk = :gsk',
      ConditionExpression: '#status = :invited',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':s': next.startsAt,
        ':e': next.endsAt,
        ':gpk': idx.gsi2pk,
        ':gsk': idx.gsi2sk,
        ':invited': 'invited',
      },
    },
  };
}

/** Leaves the participant's schedule index, so a cancelled session no longer clashes with anything. */
export function cancelInvitation(db: Db, inv: Invitation): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: invitationKey(inv.sessionId, inv.participantId),
      UpdateExpression: 'SET #status = :cancelled REMOVE gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':cancelled': 'cancelled' },
    },
  };
}

export function recordRsvp(
  db: Db,
  inv: Invitation,
  answer: { response: RsvpResponse; by: string; at: string },
): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: invitationKey(inv.sessionId, inv.participantId),
      UpdateExpression: 'SET rsvp = :r, rsvpAt = :at, rsvpBy = :by, rsvpVersion = :next',
      ConditionExpression: '#status = :invited AND rsvpVersion = :version',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':r': answer.response,
        ':at': answer.at,
        ':by': answer.by,
        ':invited': 'invited',
        ':version': inv.rsvpVersion,
        ':next': inv.rsvpVersion + 1,
      },
    },
  };
}

/** Drop an invitee (consent withdrawn). Returns false when it was already dropped or not live: a no-op. */
export async function dropInvitation(db: Db, inv: Invitation, now: string): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: invitationKey(inv.sessionId, inv.participantId),
        UpdateExpression: 'SET #status = :dropped, droppedAt = :now REMOVE gsi2pk, gsi2sk',
        ConditionExpression: '#status = :invited',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':dropped': 'dropped', ':invited': 'invited', ':now': now },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/**
 * Inside the scheduling transaction: the participant still has consent for forums. Closes the race
 * with a withdrawal that lands between reading the participant and writing the invitation.
 */
export const participantMayBeInvited = (db: Db, participantId: string): TxItem =>
  consentStillGiven(db, participantId, 'forums');

// ---- Report reads ------------------------------------------------------------------------------

/** Every forum, from the forums index (all pages): for the co-production report. */
export async function listAllForums(db: Db): Promise<Forum[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': 'FORUMS' },
  });
  return items.map((i) => forumFromStored(strip(i)));
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
  return items.map((i) => strip<Session>(i));
}

import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { Id } from '../../kernel/index.js';
import {
  batchGetAll,
  type Db,
  isConditionFailure,
  type Key,
  queryAll,
  type RawItem,
  type TxItem,
} from '../../runtime/store/db.js';
import { defineItem, parseItem, parseMaybe } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import { Decision, type DecisionStatus, Signature, TextRevision } from '../domain/decisions.js';

/**
 * Decisions in the main table (docs/data-model.md, "Decisions"). One item collection per decision:
 * the decision itself, one item per text revision, one per signature and one per reminder sent —
 * so a decision with its whole history is a single Query.
 */
const pkOf = (id: string) => `DECISION#${id}`;
export const decisionKey = (id: string): Key => ({ pk: pkOf(id), sk: 'DECISION' });
const rev = (n: number) => String(n).padStart(4, '0');
export const signatureKey = (id: string, revision: number, participantId: string): Key => ({
  pk: pkOf(id),
  sk: `SIG#${rev(revision)}#${participantId}`,
});

/** Open decisions live in one index partition and co-signed ones in another: "awaiting me" reads only the open. */
const statusPartition = (s: DecisionStatus) => (s === 'co-signed' ? 'DECISIONS#CLOSED' : 'DECISIONS#OPEN');

export const DecisionItem = defineItem({
  entity: 'decision',
  schema: z.extend(Decision, { version: z.number().check(z.int(), z.positive()) }),
});
export type StoredDecision = z.infer<typeof DecisionItem.schema>;

export const TextRevisionItem = defineItem({ entity: 'decision-text', schema: TextRevision });
export const SignatureItem = defineItem({ entity: 'decision-signature', schema: Signature });

/** Who was invited to a session: the decisions context's copy of ForumSessionScheduled.inviteeIds. */
export const SessionInviteesItem = defineItem({
  entity: 'decision-session-invitees',
  schema: z.object({ sessionId: Id, forumId: Id, inviteeIds: z.array(Id) }),
});
export type SessionInvitees = z.infer<typeof SessionInviteesItem.schema>;

/** A reminder claimed (written before sending, never read back: its key is the claim). */
const REMINDER_ENTITY = 'decision-reminder';

const toDecision = (item: RawItem): StoredDecision => parseItem(DecisionItem, item);

function decisionItem(d: Decision, version: number) {
  return {
    // The decision first: a decision read back (with its `version`) must not carry the old version over.
    ...d,
    ...decisionKey(d.decisionId),
    entity: DecisionItem.entity,
    version,
    gsi1pk: 'DECISIONS',
    gsi1sk: `${d.proposedAt}#${d.decisionId}`,
    gsi2pk: statusPartition(d.status),
    gsi2sk: `${d.status}#${d.proposedAt}#${d.decisionId}`,
  };
}

export function putNewDecision(db: Db, d: Decision): TxItem {
  return {
    Put: { TableName: db.table, Item: decisionItem(d, 1), ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/** Optimistic write: only if nobody changed the decision since `expectedVersion` was read. */
export function replaceDecision(db: Db, d: Decision, expectedVersion: number): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: decisionItem(d, expectedVersion + 1),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': expectedVersion },
    },
  };
}

export function putTextRevision(db: Db, decisionId: string, t: TextRevision): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: { pk: pkOf(decisionId), sk: `TEXT#${rev(t.revision)}`, entity: TextRevisionItem.entity, ...t },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Keyed by decision + revision + participant: two submissions at once cannot both land. */
export function putSignature(db: Db, decisionId: string, s: Signature): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: { ...signatureKey(decisionId, s.revision, s.participantId), entity: SignatureItem.entity, ...s },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getDecision(db: Db, id: string): Promise<StoredDecision | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: decisionKey(id), ConsistentRead: true }));
  return parseMaybe(DecisionItem, out.Item);
}

export async function getSignature(
  db: Db,
  id: string,
  revision: number,
  participantId: string,
): Promise<Signature | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: signatureKey(id, revision, participantId), ConsistentRead: true }),
  );
  return parseMaybe(SignatureItem, out.Item);
}

export type StoredHistory = { decision: StoredDecision; texts: TextRevision[]; signatures: Signature[] };

/** The decision with every text revision and every signature: one Query on its item collection. */
export async function getDecisionHistory(db: Db, id: string): Promise<StoredHistory | undefined> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pkOf(id) },
    ConsistentRead: true,
  });
  const d = items.find((i) => i.entity === DecisionItem.entity);
  if (!d) return undefined;
  return {
    decision: toDecision(d),
    texts: items.filter((i) => i.entity === TextRevisionItem.entity).map((i) => parseItem(TextRevisionItem, i)),
    signatures: items
      .filter((i) => i.entity === SignatureItem.entity)
      .map((i) => parseItem(SignatureItem, i))
      .sort((a, b) => a.signedAt.localeCompare(b.signedAt) || a.revision - b.revision),
  };
}

export type DecisionQuery = {
  limit: number;
  cursor?: string;
  /** Inclusive dates (YYYY-MM-DD) on the proposal time. */
  from?: string;
  to?: string;
  status?: DecisionStatus;
  newestFirst?: boolean;
};

/** Decisions by proposal date (GSI1), or by status and date (GSI2). A Query, never a Scan. */
export async function listDecisions(db: Db, q: DecisionQuery): Promise<Page<StoredDecision>> {
  const lo = q.from ?? '0000-01-01';
  const hi = `${q.to ?? '9999-12-31'}\uffff`;
  const range = q.status
    ? {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: {
          ':pk': statusPartition(q.status),
          ':lo': `${q.status}#${lo}`,
          ':hi': `${q.status}#${hi}`,
        },
      }
    : {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': 'DECISIONS', ':lo': lo, ':hi': hi },
      };
  const out = await queryPage(db, { ...range, ScanIndexForward: !q.newestFirst }, { limit: q.limit, cursor: q.cursor });
  return { items: out.items.map(toDecision), nextCursor: out.nextCursor };
}

/** Decisions that may still be signed (proposed, objected, overdue), newest first. */
export async function listOpenDecisions(db: Db, q: { limit: number; cursor?: string }): Promise<Page<StoredDecision>> {
  const out = await queryPage(
    db,
    {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': 'DECISIONS#OPEN' },
      ScanIndexForward: false,
    },
    { limit: q.limit, cursor: q.cursor },
  );
  return { items: out.items.map(toDecision), nextCursor: out.nextCursor };
}

/** Which of these decisions (at their current revision) this participant has already signed. */
export async function signedByParticipant(
  db: Db,
  decisions: readonly Pick<Decision, 'decisionId' | 'revision'>[],
  participantId: string,
): Promise<Set<string>> {
  const key = (d: Pick<Decision, 'decisionId' | 'revision'>) => signatureKey(d.decisionId, d.revision, participantId);
  const found = await batchGetAll(db, decisions.map(key), { consistent: false });
  return new Set(
    decisions.filter((d) => parseMaybe(SignatureItem, found.get(key(d))) !== undefined).map((d) => d.decisionId),
  );
}

/** Decisions by id, read consistently (the audit check compares their chain heads). */
export async function getDecisionsConsistent(db: Db, ids: readonly string[]): Promise<Map<string, StoredDecision>> {
  const found = await batchGetAll(db, ids.map(decisionKey), { consistent: true });
  return new Map(
    found
      .values()
      .map((item) => toDecision(item))
      .map((d) => [d.decisionId, d] as const),
  );
}

/** Who was invited to a session: a projection of ForumSessionScheduled kept by the decisions context. */
export async function putSessionInvitees(db: Db, s: SessionInvitees): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: {
        pk: `DECISIONSESSION#${s.sessionId}`,
        sk: 'INVITEES',
        entity: SessionInviteesItem.entity,
        sessionId: s.sessionId,
        forumId: s.forumId,
        inviteeIds: s.inviteeIds,
      },
    }),
  );
}

/** The session's invitees as last recorded; none when its ForumSessionScheduled has not arrived (yet). */
export async function getSessionInvitees(db: Db, sessionId: string): Promise<string[]> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: { pk: `DECISIONSESSION#${sessionId}`, sk: 'INVITEES' } }),
  );
  return parseMaybe(SessionInviteesItem, out.Item)?.inviteeIds ?? [];
}

const reminderKey = (decisionId: string, dueAt: string, participantId: string): Key => ({
  pk: pkOf(decisionId),
  sk: `REMINDER#${dueAt}#${participantId}`,
});

/** Claim the right to send one reminder (at most once per decision, due date and person). */
export async function claimReminder(db: Db, decisionId: string, dueAt: string, participantId: string, at: string) {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: { ...reminderKey(decisionId, dueAt, participantId), entity: REMINDER_ENTITY, participantId, at },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** Give a claim back when sending failed, so the retry sends it. */
export async function releaseReminder(db: Db, decisionId: string, dueAt: string, participantId: string) {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: reminderKey(decisionId, dueAt, participantId) }));
}

/** Every decision proposed between two dates (inclusive, UTC), from gsi1 (all pages): D5 for the report. */
export async function decisionsProposedBetween(db: Db, from: string, to: string): Promise<StoredDecision[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :lo AND :hi',
    ExpressionAttributeValues: { ':pk': 'DECISIONS', ':lo': from, ':hi': `${to}\uffff` },
  });
  return items.map(toDecision);
}

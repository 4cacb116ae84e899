import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, isConditionFailure, queryAll, type TxItem } from '../../runtime/store/db.js';
import { fromItem } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import type { Decision, DecisionStatus, Signature, TextRevision } from '../domain/decisions.js';

/**
 * Decisions in the main table (docs/data-model.md, "Decisions"). One item collection per decision:
 * the decision itself, one item per text revision, one per signature and one per reminder sent —
 * so a decision with its whole history is a single Query.
 */
const pkOf = (id: string) => `DECISION#${id}`;
export const decisionKey = (id: string) => ({ pk: pkOf(id), sk: 'DECISION' });
const rev = (n: number) => String(n).padStart(4, '0');
export const signatureKey = (id: string, revision: number, participantId: string) => ({
  pk: pkOf(id),
  sk: `SIG#${rev(revision)}#${participantId}`,
});

/** Open decisions live in one index partition and co-signed ones in another: "awaiting me" reads only the open. */
const statusPartition = (s: DecisionStatus) => (s === 'co-signed' ? 'DECISIONS#CLOSED' : 'DECISIONS#OPEN');

export type StoredDecision = Decision & { version: number };

const strip = <T>(item: Record<string, unknown>) => fromItem<T>(item, ['expiresAt']);

function decisionItem(d: Decision, version: number) {
  return {
    ...decisionKey(d.decisionId),
    entity: 'decision',
    version,
    ...d,
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
      Item: { pk: pkOf(decisionId), sk: `TEXT#${rev(t.revision)}`, entity: 'decision-text', ...t },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Keyed by decision + revision + participant: two submissions at once cannot both land. */
export function putSignature(db: Db, decisionId: string, s: Signature): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: { ...signatureKey(decisionId, s.revision, s.participantId), entity: 'decision-signature', ...s },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getDecision(db: Db, id: string): Promise<StoredDecision | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: decisionKey(id), ConsistentRead: true }));
  return out.Item ? { ...strip<Decision>(out.Item), version: out.Item.version as number } : undefined;
}

export async function getSignature(db: Db, id: string, revision: number, participantId: string) {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: signatureKey(id, revision, participantId), ConsistentRead: true }),
  );
  return out.Item ? strip<Signature>(out.Item) : undefined;
}

export type DecisionHistory = { decision: StoredDecision; texts: TextRevision[]; signatures: Signature[] };

/** The decision with every text revision and every signature: one Query on its item collection. */
export async function getDecisionHistory(db: Db, id: string): Promise<DecisionHistory | undefined> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pkOf(id) },
    ConsistentRead: true,
  });
  const d = items.find((i) => i.entity === 'decision');
  if (!d) return undefined;
  return {
    decision: { ...strip<Decision>(d), version: d.version as number },
    texts: items.filter((i) => i.entity === 'decision-text').map((i) => strip<TextRevision>(i)),
    signatures: items
      .filter((i) => i.entity === 'decision-signature')
      .map((i) => strip<Signature>(i))
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
  const byStatus = q.status !== undefined;
  const out = await queryPage(
    db,
    {
      IndexName: byStatus ? 'gsi2' : 'gsi1',
      KeyConditionExpression: byStatus
        ? 'gsi2pk = :pk AND gsi2sk BETWEEN :lo AND :hi'
        : 'gsi1pk = :pk AND gsi1sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: byStatus
        ? { ':pk': statusPartition(q.status!), ':lo': `${q.status}#${lo}`, ':hi': `${q.status}#${hi}` }
        : { ':pk': 'DECISIONS', ':lo': lo, ':hi': hi },
      ScanIndexForward: !q.newestFirst,
    },
    { limit: q.limit, cursor: q.cursor },
  );
  return {
    items: out.items.map((i) => ({ ...strip<Decision>(i), version: i.version as number })),
    nextCursor: out.nextCursor,
  };
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
  return {
    items: out.items.map((i) => ({ ...strip<Decision>(i), version: i.version as number })),
    nextCursor: out.nextCursor,
  };
}

async function batchGet(db: Db, keys: Record<string, unknown>[], consistent: boolean) {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    for (let attempt = 0; pending && pending.length > 0 && attempt < 8; attempt++) {
      const out = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.table]: { Keys: pending, ConsistentRead: consistent } } }),
      );
      found.push(...((out.Responses?.[db.table] ?? []) as Record<string, unknown>[]));
      pending = out.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined;
    }
    if (pending && pending.length > 0) throw new Error('BatchGet left keys unprocessed after retries');
  }
  return found;
}

/** Which of these decisions (at their current revision) this participant has already signed. */
export async function signedByParticipant(
  db: Db,
  decisions: readonly Pick<Decision, 'decisionId' | 'revision'>[],
  participantId: string,
): Promise<Set<string>> {
  const items = await batchGet(
    db,
    decisions.map((d) => signatureKey(d.decisionId, d.revision, participantId)),
    false,
  );
  return new Set(items.map((i) => (i.pk as string).slice('DECISION#'.length)));
}

/** Decisions by id, read consistently (the audit check compares their chain heads). */
export async function getDecisionsConsistent(db: Db, ids: readonly string[]): Promise<Map<string, StoredDecision>> {
  const items = await batchGet(db, [...new Set(ids)].map(decisionKey), true);
  return new Map(
    items.map((i) => [i.decisionId as string, { ...strip<Decision>(i), version: i.version as number }] as const),
  );
}

/** Who was invited to a session: a projection of ForumSessionScheduled kept by the decisions context. */
export async function putSessionInvitees(
  db: Db,
  s: { sessionId: string; forumId: string; inviteeIds: string[] },
): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: { pk: `DECISIONSESSION#${s.sessionId}`, sk: 'INVITEES', entity: 'decision-session-invitees', ...s },
    }),
  );
}

export async function getSessionInvitees(db: Db, sessionId: string): Promise<string[]> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: { pk: `DECISIONSESSION#${sessionId}`, sk: 'INVITEES' } }),
  );
  return (out.Item?.inviteeIds as string[] | undefined) ?? [];
}

const reminderKey = (decisionId: string, dueAt: string, participantId: string) => ({
  pk: pkOf(decisionId),
  sk: `REMINDER#${dueAt}#${participantId}`,
});

/** Claim the right to send one reminder (at most once per decision, due date and person). */
export async function claimReminder(db: Db, decisionId: string, dueAt: string, participantId: string, at: string) {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: { ...reminderKey(decisionId, dueAt, participantId), entity: 'decision-reminder', participantId, at },
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
  return items.map((i) => ({ ...strip<Decision>(i), version: i.version as number }));
}

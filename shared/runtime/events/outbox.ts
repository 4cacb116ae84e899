import { createHash } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event.js';
import type { Db, TxItem } from '../store/db.js';

/**
 * Transactional outbox (docs/decisions/0002-transactional-outbox.md). An event is never published
 * directly: it is written as an item in the same TransactWriteItems as the state change that
 * caused it, so the two cannot part. The relay publishes pending items and only then marks them
 * sent; a failed publish leaves the item pending and it is retried.
 */
export const OUTBOX_SHARDS = 4;
const PUBLISHED_RETENTION_SECONDS = 7 * 24 * 3600;

const shardOf = (eventId: string) => createHash('sha256').update(eventId).digest().readUInt8(0) % OUTBOX_SHARDS;
export const pendingKey = (shard: number) => `OUTBOX#PENDING#${shard}`;

export type OutboxItem = {
  pk: string;
  sk: 'OUTBOX';
  entity: 'outbox';
  eventId: string;
  source: string;
  detailType: string;
  detail: OutgoingEvent['detail'];
  createdAt: string;
  gsi1pk?: string;
  gsi1sk?: string;
};

export function outboxPut(db: Db, event: OutgoingEvent, createdAt: string): TxItem {
  const item: OutboxItem = {
    pk: `OUTBOX#${event.eventId}`,
    sk: 'OUTBOX',
    entity: 'outbox',
    eventId: event.eventId,
    source: event.source,
    detailType: event.detailType,
    detail: event.detail,
    createdAt,
    // Sparse index: present only while pending, so the sweeper reads pending items and nothing else.
    gsi1pk: pendingKey(shardOf(event.eventId)),
    gsi1sk: `${createdAt}#${event.eventId}`,
  };
  return { Put: { TableName: db.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

export const toOutgoing = (item: OutboxItem): OutgoingEvent => ({
  eventId: item.eventId,
  source: item.source,
  detailType: item.detailType,
  detail: item.detail,
});

export const isOutboxItem = (item: Record<string, unknown> | undefined): item is OutboxItem =>
  item?.entity === 'outbox' && typeof item.eventId === 'string';

/** Pending outbox items, oldest first, across all shards (a Query on the sparse index, never a Scan). */
export async function pendingOutbox(db: Db, limitPerShard = 100): Promise<OutboxItem[]> {
  const pages = await Promise.all(
    Array.from({ length: OUTBOX_SHARDS }, (_, shard) =>
      db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': pendingKey(shard) },
          Limit: limitPerShard,
        }),
      ),
    ),
  );
  return pages
    .flatMap((p) => (p.Items ?? []) as OutboxItem[])
    .sort((a, b) => (a.gsi1sk ?? '').localeCompare(b.gsi1sk ?? ''));
}

export async function markPublished(db: Db, eventId: string, nowSeconds: number): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: { pk: `OUTBOX#${eventId}`, sk: 'OUTBOX' },
      UpdateExpression: 'REMOVE gsi1pk, gsi1sk SET publishedAt = :now, expiresAt = :exp',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': nowSeconds, ':exp': nowSeconds + PUBLISHED_RETENTION_SECONDS },
    }),
  );
}

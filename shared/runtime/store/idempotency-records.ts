import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../kernel/index.js';
import type { Db, TxItem } from './db.js';

/**
 * The stored first response of a create, under the caller's Idempotency-Key (docs/data-model.md,
 * "Idempotency"). Records expire after a day (TTL deletes lazily, so expiry is also checked on read).
 */
const RETENTION_SECONDS = 24 * 3600;
const nowSeconds = (clock: Clock) => Math.floor(clock.now().getTime() / 1000);

export type StoredResponse = { status: number; json: unknown };
export type IdempotencyRecord = { requestHash: string; response: StoredResponse };
export type RecordScope = { sub: string; routeKey: string; key: string };

const recordKey = (s: RecordScope) => ({ pk: `IDEMPOTENCY#${s.sub}#${s.routeKey}#${s.key}`, sk: 'IDEMPOTENCY' });

export async function readIdempotencyRecord(
  db: Db,
  scope: RecordScope,
  clock: Clock,
): Promise<IdempotencyRecord | undefined> {
  const found = await db.doc.send(new GetCommand({ TableName: db.table, Key: recordKey(scope), ConsistentRead: true }));
  if (!found.Item || (found.Item.expiresAt as number) <= nowSeconds(clock)) return undefined;
  return { requestHash: String(found.Item.requestHash), response: found.Item.response as StoredResponse };
}

/** The record's put, for the same transaction as the state it answers for; it fails if the key is taken. */
export function putIdempotencyRecord(db: Db, scope: RecordScope, record: IdempotencyRecord, clock: Clock): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...recordKey(scope),
        entity: 'idempotency',
        requestHash: record.requestHash,
        response: record.response,
        expiresAt: nowSeconds(clock) + RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': nowSeconds(clock) },
    },
  };
}

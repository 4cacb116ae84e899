import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../kernel/clock.js';
import { ConflictError } from '../../kernel/errors.js';
import { type Db, TransactionConditionError, type TxItem, transact } from '../store/db.js';
import type { ApiRequest, ApiResponse } from './api.js';

const RETENTION_SECONDS = 24 * 3600;
const nowSeconds = (clock: Clock) => Math.floor(clock.now().getTime() / 1000);

type StoredResponse = { status: number; json: unknown };

const recordKey = (req: ApiRequest, key: string) => ({
  pk: `IDEMPOTENCY#${req.caller.sub}#${req.routeKey}#${key}`,
  sk: 'IDEMPOTENCY',
});
const requestHash = (req: ApiRequest) =>
  createHash('sha256')
    .update(JSON.stringify({ params: req.params, body: req.body ?? null }))
    .digest('hex');

async function replay(db: Db, req: ApiRequest, key: string, clock: Clock): Promise<ApiResponse | undefined> {
  const found = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: recordKey(req, key), ConsistentRead: true }),
  );
  // TTL deletes lazily: an expired record no longer counts (the new write's condition allows for it too).
  if (!found.Item || (found.Item.expiresAt as number) <= nowSeconds(clock)) return undefined;
  if (found.Item.requestHash !== requestHash(req)) {
    throw new ConflictError('This Idempotency-Key was already used with a different request.');
  }
  const stored = found.Item.response as StoredResponse;
  return { status: stored.status, json: stored.json, headers: { 'idempotent-replayed': 'true' } };
}

/**
 * Run a create as one transaction that also stores the response under the caller's
 * Idempotency-Key. The key's record is written with attribute_not_exists in the SAME transaction
 * as the state and its outbox events, so a repeat (even a concurrent one) either replays the first
 * response or, having lost the race, finds the record and replays it — it can never create twice.
 */
export async function idempotentWrite(
  deps: { db: Db; clock: Clock },
  req: ApiRequest,
  build: () => Promise<{ items: TxItem[]; response: StoredResponse }>,
): Promise<ApiResponse> {
  const key = req.idempotencyKey;
  if (key) {
    const earlier = await replay(deps.db, req, key, deps.clock);
    if (earlier) return earlier;
  }
  let built: Awaited<ReturnType<typeof build>>;
  try {
    built = await build();
  } catch (err) {
    // A concurrent request with the same key may have committed between our replay check and
    // build(), which then refuses as a conflict (e.g. "already signed"): that is our own first
    // response, so replay it rather than answer 409 to a retry.
    if (key && err instanceof ConflictError) {
      const earlier = await replay(deps.db, req, key, deps.clock);
      if (earlier) return earlier;
    }
    throw err;
  }
  const { items, response } = built;
  if (!key) {
    await transact(deps.db, items);
    return response;
  }
  const record: TxItem = {
    Put: {
      TableName: deps.db.table,
      Item: {
        ...recordKey(req, key),
        entity: 'idempotency',
        requestHash: requestHash(req),
        response,
        expiresAt: nowSeconds(deps.clock) + RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': nowSeconds(deps.clock) },
    },
  };
  try {
    await transact(deps.db, [...items, record]);
    return response;
  } catch (err) {
    if (err instanceof TransactionConditionError && err.indexes.includes(items.length)) {
      const earlier = await replay(deps.db, req, key, deps.clock);
      if (earlier) return earlier;
    }
    throw err;
  }
}

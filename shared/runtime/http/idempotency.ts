import { createHash } from 'node:crypto';
import { type Clock, ConflictError, NotFoundError, ValidationError } from '../../kernel/index.js';
import { type Db, TransactionConditionError, type TxItem, transact } from '../store/db.js';
import {
  putIdempotencyRecord,
  type RecordScope,
  readIdempotencyRecord,
  type StoredResponse,
} from '../store/idempotency-records.js';

/** What of a request the Idempotency-Key is bound to. */
export type IdempotentRequest = {
  routeKey: string;
  params: unknown;
  body: unknown;
  caller: { sub: string };
  idempotencyKey: string | undefined;
};

const requestHash = (req: IdempotentRequest) =>
  createHash('sha256')
    .update(JSON.stringify({ params: req.params, body: req.body ?? null }))
    .digest('hex');

const scopeOf = (req: IdempotentRequest, key: string): RecordScope => ({
  sub: req.caller.sub,
  routeKey: req.routeKey,
  key,
});

async function replay<R extends StoredResponse>(
  db: Db,
  req: IdempotentRequest,
  key: string,
  clock: Clock,
): Promise<(R & { headers: Record<string, string> }) | undefined> {
  const found = await readIdempotencyRecord(db, scopeOf(req, key), clock);
  if (!found) return undefined;
  if (found.requestHash !== requestHash(req)) {
    throw new ConflictError('This Idempotency-Key was already used with a different request.');
  }
  return { ...(found.response as R), headers: { 'idempotent-replayed': 'true' } };
}

/**
 * Run a create as one transaction that also stores the response under the caller's
 * Idempotency-Key. The key's record is written with attribute_not_exists in the SAME transaction
 * as the state and its outbox events, so a repeat (even a concurrent one) fails on the record and
 * replays the first response — it can never create twice.
 */
export async function idempotentWrite<R extends StoredResponse>(
  deps: { db: Db; clock: Clock },
  req: IdempotentRequest,
  build: () => Promise<{ items: TxItem[]; response: R }>,
): Promise<R> {
  const key = req.idempotencyKey;
  // No read first: the record's conditional put in the same transaction is the check. A repeat
  // builds again, its transaction fails on the taken key (nothing it built is written), and the
  // first response is replayed — so a first request costs no extra read.
  let built: Awaited<ReturnType<typeof build>>;
  try {
    built = await build();
  } catch (err) {
    // A repeat of a request that already committed may be refused by build() itself (e.g. "already
    // signed", "this date already has a rate"): that is our own first response, so replay it
    // rather than answer 409 or 400 to a retry.
    if (key && (err instanceof ConflictError || err instanceof ValidationError || err instanceof NotFoundError)) {
      const earlier = await replay<R>(deps.db, req, key, deps.clock);
      if (earlier) return earlier;
    }
    throw err;
  }
  const { items, response } = built;
  if (!key) {
    await transact(deps.db, items);
    return response;
  }
  const record = putIdempotencyRecord(
    deps.db,
    scopeOf(req, key),
    { requestHash: requestHash(req), response },
    deps.clock,
  );
  try {
    await transact(deps.db, [...items, record]);
    return response;
  } catch (err) {
    if (err instanceof TransactionConditionError && err.indexes.includes(items.length)) {
      const earlier = await replay<R>(deps.db, req, key, deps.clock);
      if (earlier) return earlier;
    }
    throw err;
  }
}

import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';

/**
 * The one place that talks to DynamoDB for the shared policies: transactions and how their failures
 * are classified, reading many keys, reading a whole collection, and retrying an optimistic write.
 * Repositories (each context's adapters/) build their items and keys and call these.
 */
export type Db = { doc: DynamoDBDocumentClient; table: string };

/** One entry of a DocumentClient TransactWrite (plain JS values, not AttributeValues). */
export type TxItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** An item as DynamoDB returns it, before its item schema parses it. */
export type RawItem = Record<string, unknown>;
export type Key = { pk: string; sk: string };

/** A conditional write failed: `indexes` are the positions of the items whose condition did not hold. */
export class TransactionConditionError extends Error {
  constructor(
    readonly indexes: number[],
    options?: ErrorOptions,
  ) {
    super(`Transaction condition failed on item(s) ${indexes.join(', ')}`, options);
    this.name = 'TransactionConditionError';
  }
}

// ---- Retry budgets -----------------------------------------------------------------------------

/** How many times a kind of write is tried before the failure is given to the caller. */
export type RetryBudget = { readonly name: string; readonly attempts: number };

export const retryBudgets = {
  /**
   * A transaction cancelled only because another transaction touched the same items at that moment
   * (TransactionConflict, which the SDK does not retry). The items' own conditions guard each retry.
   */
  transactionConflict: { name: 'transaction conflict', attempts: 4 },
  /**
   * A person's benefit-period ledger, which every payment in the same period writes: twenty
   * sessions held at once for one person must all be assessed in turn, so the budget is large.
   */
  periodLedger: { name: 'period ledger', attempts: 40 },
  /** One record that people change at the same time (a decision being signed and amended). */
  sharedRecord: { name: 'shared record', attempts: 6 },
  /** A session a rate added near its date moved on while it was being recorded as held (read both again). */
  forum: { name: 'forum', attempts: 3 },
} as const satisfies Record<string, RetryBudget>;

const jitter = (attempt: number, capMs: number) =>
  new Promise((r) => setTimeout(r, Math.floor(Math.random() * Math.min(capMs, 5 * 2 ** Math.min(attempt, 6)))));

/** Lost to a concurrent transaction: no item's own condition failed, another transaction was in the way. */
const isTransactionConflict = (err: unknown) =>
  (err instanceof TransactionCanceledException &&
    (err.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict') &&
    (err.CancellationReasons ?? []).every((r) => r.Code === 'TransactionConflict' || r.Code === 'None')) ||
  (err instanceof Error &&
    (err.name === 'TransactionConflictException' || err.name === 'TransactionInProgressException'));

/**
 * How a write failed, for the callers that handle it: `condition` (these items' conditions did not
 * hold: a duplicate, or someone changed what was read) or `conflict` (another transaction on the same
 * items); undefined for anything else (throttling, a bad request), which callers rethrow.
 */
export type WriteFailure = { kind: 'condition'; indexes: number[] } | { kind: 'conflict' };

export function classifyWriteFailure(err: unknown): WriteFailure | undefined {
  if (err instanceof TransactionConditionError) return { kind: 'condition', indexes: err.indexes };
  if (
    err instanceof ConditionalCheckFailedException ||
    (err instanceof Error && err.name === 'ConditionalCheckFailedException')
  ) {
    return { kind: 'condition', indexes: [0] };
  }
  if (err instanceof TransactionCanceledException) {
    const reasons = err.CancellationReasons ?? [];
    const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
    if (failed.length > 0) return { kind: 'condition', indexes: failed };
  }
  if (isTransactionConflict(err)) return { kind: 'conflict' };
  return undefined;
}

/** A single conditional write (Put/Update/Delete) whose condition did not hold. */
export const isConditionFailure = (err: unknown): boolean => classifyWriteFailure(err)?.kind === 'condition';

/** Someone else wrote what this attempt read (its condition failed, or a transaction was in the way): read again and retry. */
export const lostRace = (err: unknown): boolean => classifyWriteFailure(err) !== undefined;

/** The write lost the race every time its budget allowed. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly budget: RetryBudget,
    options?: ErrorOptions,
  ) {
    super(`Lost the race for the ${budget.name} ${budget.attempts} times`, options);
    this.name = 'RetriesExhaustedError';
  }
}

/**
 * Optimistic concurrency, one way everywhere: run `attempt` (read, decide, write conditionally);
 * when it throws an error `shouldRetry` accepts (by default: it lost a race), wait a little and run
 * it again on fresh reads, up to the budget; then throw RetriesExhaustedError with the last error as
 * its cause. Anything else is thrown at once.
 */
export async function retryOptimistic<T>(
  budget: RetryBudget,
  attempt: (n: number) => Promise<T>,
  shouldRetry: (err: unknown) => boolean = lostRace,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!shouldRetry(err)) throw err;
      if (n >= budget.attempts) throw new RetriesExhaustedError(budget, { cause: err });
      await jitter(n, 200);
    }
  }
}

// ---- Writes ------------------------------------------------------------------------------------

/**
 * Write every item or none. A failed condition surfaces as TransactionConditionError naming the
 * items whose condition failed, so callers can tell "already done" (a duplicate) from a real
 * conflict. A cancellation caused only by another transaction touching the same items at that
 * moment is retried within `retryBudgets.transactionConflict`; anything else is thrown as is.
 */
export async function transact(db: Db, items: TxItem[]): Promise<void> {
  if (items.length === 0) return;
  if (items.length > 100) throw new Error(`A transaction holds at most 100 items, got ${items.length}`);
  try {
    await retryOptimistic(
      retryBudgets.transactionConflict,
      () => db.doc.send(new TransactWriteCommand({ TransactItems: items })),
      isTransactionConflict,
    );
  } catch (err) {
    const cause = err instanceof RetriesExhaustedError ? err.cause : err;
    if (cause instanceof TransactionCanceledException) {
      const reasons = cause.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      const onlyConditions = reasons.every((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'None');
      if (failed.length > 0 && onlyConditions) throw new TransactionConditionError(failed, { cause });
    }
    throw cause;
  }
}

// ---- Reads -------------------------------------------------------------------------------------

const keyString = (k: Key) => `${k.pk}\u0000${k.sk}`;

/** Items read by key: look one up by its key. */
export class ItemsByKey {
  readonly #items = new Map<string, RawItem>();
  add(item: RawItem) {
    this.#items.set(keyString(item as Key), item);
  }
  get(key: Key): RawItem | undefined {
    return this.#items.get(keyString(key));
  }
  values(): RawItem[] {
    return [...this.#items.values()];
  }
  get size() {
    return this.#items.size;
  }
}

const BATCH_GET_ATTEMPTS = 8;

/**
 * Read many items in as few BatchGetItem calls as possible (100 keys each; duplicates read once),
 * retrying unprocessed keys with back-off, as AWS asks. Strongly consistent unless told otherwise.
 */
export async function batchGetAll(
  db: Db,
  keys: readonly Key[],
  opts: { consistent?: boolean } = {},
): Promise<ItemsByKey> {
  const found = new ItemsByKey();
  const unique = [...new Map(keys.map((k) => [keyString(k), { pk: k.pk, sk: k.sk }])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Key[] | undefined = unique.slice(i, i + 100);
    for (let attempt = 0; pending && pending.length > 0 && attempt < BATCH_GET_ATTEMPTS; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      const out = await db.doc.send(
        new BatchGetCommand({
          RequestItems: { [db.table]: { Keys: pending, ConsistentRead: opts.consistent ?? true } },
        }),
      );
      for (const item of out.Responses?.[db.table] ?? []) found.add(item);
      pending = out.UnprocessedKeys?.[db.table]?.Keys as Key[] | undefined;
    }
    if (pending && pending.length > 0) throw new Error('BatchGet left keys unprocessed after retries');
  }
  return found;
}

/**
 * Every item a Query matches, following LastEvaluatedKey page by page: for reads that need the
 * whole (bounded) collection, such as a session's invitations or a decision's history.
 */
export async function queryAll(
  db: Db,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as RawItem[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

export type { TransactWriteItem };

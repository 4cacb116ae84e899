import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';

export type Db = { doc: DynamoDBDocumentClient; table: string };

/** One entry of a DocumentClient TransactWrite (plain JS values, not AttributeValues). */
export type TxItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

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

/** How often a transaction cancelled only by a concurrent transaction on the same items is retried. */
const CONFLICT_ATTEMPTS = 4;

const isTransientConflict = (err: unknown) =>
  err instanceof TransactionCanceledException &&
  (err.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict') &&
  (err.CancellationReasons ?? []).every((r) => r.Code === 'TransactionConflict' || r.Code === 'None');

/**
 * Write every item or none. A failed condition surfaces as TransactionConditionError naming the
 * items whose condition failed, so callers can tell "already done" (a duplicate) from a real
 * conflict. A cancellation caused only by another transaction touching the same items at that
 * moment (TransactionConflict, which the SDK does not retry) is retried a few times with jitter:
 * the items' own conditions still guard the retry, so it can never write twice. Anything else
 * (throttling, persistent conflict) is thrown as is.
 */
export async function transact(db: Db, items: TxItem[]): Promise<void> {
  if (items.length === 0) return;
  if (items.length > 100) throw new Error(`A transaction holds at most 100 items, got ${items.length}`);
  for (let attempt = 1; ; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      if (err instanceof TransactionCanceledException) {
        const reasons = err.CancellationReasons ?? [];
        const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
        const onlyConditions = reasons.every((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'None');
        if (failed.length > 0 && onlyConditions) throw new TransactionConditionError(failed, { cause: err });
      }
      if (!isTransientConflict(err) || attempt >= CONFLICT_ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** attempt));
    }
  }
}

/**
 * Every item a Query matches, following LastEvaluatedKey page by page: for reads that need the
 * whole (bounded) collection, such as a session's invitations or a decision's history.
 */
export async function queryAll(
  db: Db,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as Record<string, unknown>[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

export const isConditionFailure = (err: unknown): boolean =>
  err instanceof ConditionalCheckFailedException ||
  (err instanceof Error && err.name === 'ConditionalCheckFailedException');

export type { TransactWriteItem };

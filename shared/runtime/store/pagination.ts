import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../kernel/errors.js';
import type { Db } from './db.js';

export type Page<T> = { items: T[]; nextCursor: string | null };

export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']);
const badCursor = () => new ValidationError([{ path: 'cursor', message: 'This cursor is not one we gave out.' }]);

/**
 * A cursor is a DynamoDB LastEvaluatedKey: only key attributes, all strings. Anything else is
 * refused here; a well-formed cursor from another list is refused by DynamoDB itself, and
 * `isForeignCursorError` lets the HTTP layer answer that with the same 400.
 */
export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badCursor();
  const entries = Object.entries(value);
  if (entries.length === 0 || entries.some(([k, v]) => !KEY_ATTRIBUTES.has(k) || typeof v !== 'string')) {
    throw badCursor();
  }
  return value as Record<string, unknown>;
}

/** DynamoDB's answer to an ExclusiveStartKey that does not belong to the query (a cursor from another list). */
export const isForeignCursorError = (err: unknown): boolean =>
  err instanceof Error && err.name === 'ValidationException' && /exclusive ?start ?key|starting key/i.test(err.message);

export const foreignCursorError = badCursor;

export function parseLimit(raw: string | undefined, max = 100, fallback = 50): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new ValidationError([{ path: 'limit', message: `Use a whole number from 1 to ${max}.` }]);
  }
  return n;
}

/**
 * One page of a Query for a list shown to people: `limit` items from the caller's cursor, and the
 * cursor of the next page (null on the last). Items are returned as stored; the caller maps them.
 */
export async function queryPage(
  db: Db,
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  page: { limit: number; cursor?: string },
): Promise<Page<Record<string, unknown>>> {
  const out = await db.doc.send(
    new QueryCommand({
      ...input,
      TableName: db.table,
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor),
    }),
  );
  return { items: (out.Items ?? []) as Record<string, unknown>[], nextCursor: encodeCursor(out.LastEvaluatedKey) };
}

import { createHash } from 'node:crypto';
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, queryAll, type TxItem } from '../../runtime/store/db.js';
import { fromItem } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import type { Currency, PaymentOption, PaymentStatus, Reason, Resolution, SchemePeriod } from '../domain/engine.js';

/**
 * Payments: one item per lived-experience attendee per session, keyed by a payment id derived
 * from the session and the participant, so a redelivered SessionHeld collides with the first
 * payment instead of making a second one.
 *
 * Indexes (see docs/data-model.md):
 * - gsi1 `PAYMENTS#<status>` / `<day it became payable, or was created>#<paymentId>`: lists by status
 *   (held for coordinators, due for finance) and the finance export by date range.
 * - gsi2 `PARTICIPANT#<id>#PAYMENTS` / `<createdAt>#<paymentId>`: one person's payments.
 */
export const paymentIdFor = (sessionId: string, participantId: string) =>
  `pay_${createHash('sha256').update(`${sessionId}\n${participantId}`).digest('hex').slice(0, 32)}`;

export const paymentKey = (paymentId: string) => ({ pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT' });

export type ChoiceRecord = {
  option: PaymentOption;
  amountMinor?: number;
  adviceAcknowledged?: boolean;
  recordedBy: string;
  recordedAt: string;
};

export type Payment = {
  paymentId: string;
  participantId: string;
  sessionId: string;
  forumId: string;
  jurisdiction: 'IE' | 'UK';
  status: PaymentStatus;
  /** The fee to pay (for a held payment: the full fee that waits for a choice). */
  feeMinor: number;
  fullFeeMinor: number;
  hourlyRateMinor: number;
  expensesMinor: number;
  currency: Currency;
  hours: number;
  /** The session's date on the jurisdiction's calendar. */
  sessionDate: string;
  startsAt: string;
  period: SchemePeriod;
  /** The benefit periods (ledger keys) this payment counts in. */
  ledgerKeys: string[];
  reasons: Reason[];
  consequences: string[];
  /** Open while held; empty once settled. */
  options: PaymentOption[];
  /** What was offered when it was held (kept after the choice for the record). */
  offered: PaymentOption[];
  headroomMinor: number;
  decidedBy: 'rules' | 'preference' | 'choice' | 'held';
  settledAs?: Resolution['option'];
  feeToCharity: boolean;
  choice?: ChoiceRecord;
  payeeReference: string;
  paymentIdempotencyKey: string;
  /** When it became payable (due, or declined with expenses to pay back). */
  payableAt?: string;
  payableOn?: string;
  financeRef?: string;
  issuedAt?: string;
  failureReason?: string;
  failedAt?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
};

/** Total to pay: fee (unless it goes to charity, which finance pays separately but also from this line) + expenses. */
export const totalMinor = (p: Pick<Payment, 'feeMinor' | 'expensesMinor'>) => p.feeMinor + p.expensesMinor;

/** Finance has something to pay: due, or declined with expenses still due, or failed and to be retried. */
export const awaitsFinance = (p: Pick<Payment, 'status' | 'feeMinor' | 'expensesMinor'>) =>
  (p.status === 'due' || p.status === 'declined' || p.status === 'failed') && totalMinor(p) > 0;

function toItem(p: Payment) {
  return {
    ...paymentKey(p.paymentId),
    entity: 'payment',
    ...p,
    gsi1pk: `PAYMENTS#${p.status}`,
    gsi1sk: `${p.payableOn ?? p.createdAt.slice(0, 10)}#${p.paymentId}`,
    gsi2pk: `PARTICIPANT#${p.participantId}#PAYMENTS`,
    gsi2sk: `${p.createdAt}#${p.paymentId}`,
  };
}

export const paymentFromItem = (item: Record<string, unknown>) => fromItem<Payment>(item, ['version', 'expiresAt']);

/** The payment of a session for a person, created once: a second put for the same id fails its condition. */
export function putNewPayment(db: Db, p: Payment): TxItem {
  return { Put: { TableName: db.table, Item: toItem(p), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** Replace a payment only if it is still the version that was read (and, optionally, in the status expected). */
export function putPaymentVersion(db: Db, p: Payment, expected: { version: number; status?: PaymentStatus }): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: toItem({ ...p, version: expected.version + 1 }),
      ConditionExpression: expected.status ? '#v = :v AND #s = :s' : '#v = :v',
      ExpressionAttributeNames: expected.status ? { '#v': 'version', '#s': 'status' } : { '#v': 'version' },
      ExpressionAttributeValues: expected.status
        ? { ':v': expected.version, ':s': expected.status }
        : { ':v': expected.version },
    },
  };
}

export async function getPayment(db: Db, paymentId: string): Promise<Payment | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: paymentKey(paymentId), ConsistentRead: true }),
  );
  return out.Item ? paymentFromItem(out.Item) : undefined;
}

export type Key = { pk: string; sk: string };
const keyString = (k: Key) => `${k.pk}\u0000${k.sk}`;

/**
 * Read many items in as few BatchGetItem calls as possible (100 keys each), strongly consistent,
 * retrying unprocessed keys. Returns the items by `pk\0sk`.
 */
export async function batchGet(db: Db, keys: Key[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Map(keys.map((k) => [keyString(k), k])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + 100);
    for (let attempt = 0; pending && pending.length > 0 && attempt < 8; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      const out = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.table]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of out.Responses?.[db.table] ?? []) found.set(keyString(item as Key), item);
      pending = out.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined;
    }
    if (pending && pending.length > 0) throw new Error('BatchGet left keys unprocessed after retries');
  }
  return found;
}
export const lookup = (items: Map<string, Record<string, unknown>>, key: Key) => items.get(keyString(key));

export async function listPaymentsByStatus(
  db: Db,
  opts: { status: PaymentStatus; limit: number; cursor?: string },
): Promise<Page<Payment>> {
  const out = await queryPage(
    db,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `PAYMENTS#${opts.status}` },
      ScanIndexForward: false,
    },
    { limit: opts.limit, cursor: opts.cursor },
  );
  return { items: out.items.map(paymentFromItem), nextCursor: out.nextCursor };
}

/** One person's payments, newest first; an optional status filters within that person's (small) partition. */
export async function listPaymentsByParticipant(
  db: Db,
  opts: { participantId: string; status?: PaymentStatus; limit: number; cursor?: string },
): Promise<Page<Payment>> {
  const out = await queryPage(
    db,
    {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      FilterExpression: opts.status ? '#s = :s' : undefined,
      ExpressionAttributeNames: opts.status ? { '#s': 'status' } : undefined,
      ExpressionAttributeValues: {
        ':pk': `PARTICIPANT#${opts.participantId}#PAYMENTS`,
        ...(opts.status ? { ':s': opts.status } : {}),
      },
      ScanIndexForward: false,
    },
    { limit: opts.limit, cursor: opts.cursor },
  );
  return { items: out.items.map(paymentFromItem), nextCursor: out.nextCursor };
}

/** Every payment of a status that became payable between two dates (inclusive), all pages. */
export async function paymentsPayableBetween(
  db: Db,
  status: PaymentStatus,
  from: string,
  to: string,
): Promise<Payment[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': `PAYMENTS#${status}`, ':from': from, ':to': `${to}#\uffff` },
  });
  return items.map(paymentFromItem);
}

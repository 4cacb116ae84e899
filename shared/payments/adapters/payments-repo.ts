import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, type Key, queryAll, type RawItem, type TxItem } from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import { Payment, type PaymentStatus } from '../domain/payments.js';

/**
 * Payments: one item per lived-experience attendee per session, keyed by a payment id derived
 * from the session and the participant (paymentIdFor), so a redelivered SessionHeld collides with
 * the first payment instead of making a second one.
 *
 * Indexes (see docs/data-model.md):
 * - gsi1 `PAYMENTS#<status>` / `<day it became payable, or was created>#<paymentId>`: lists by status
 *   (held for coordinators, due for finance) and the finance export by date range.
 * - gsi2 `PARTICIPANT#<id>#PAYMENTS` / `<createdAt>#<paymentId>`: one person's payments.
 */
export const paymentKey = (paymentId: string): Key => ({ pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT' });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The one older shape: reasons stored before each carried `avoidableByChoice`. Only IE.CA's hours
 * rule (every attended hour counts, paid or not) is crossed by attending whatever the choice.
 */
function upcastPayment(item: RawItem): RawItem {
  if (!Array.isArray(item.reasons)) return item;
  const reasons: unknown[] = item.reasons;
  return {
    ...item,
    reasons: reasons.map((r) =>
      isRecord(r) && r.avoidableByChoice === undefined
        ? { ...r, avoidableByChoice: !(r.scheme === 'IE.CA' && r.rule === 'weekly-hours-limit') }
        : r,
    ),
  };
}

export const PaymentItem = defineItem({ entity: 'payment', schema: Payment, upcast: upcastPayment });

const toPayment = (item: RawItem): Payment => parseItem(PaymentItem, item);

/** For a BatchGet that reads payments beside other items: the key to ask for and the parse of what comes back. */
export const paymentRecord = { key: paymentKey, parse: toPayment } as const;

function toItem(p: Payment) {
  return {
    ...paymentKey(p.paymentId),
    entity: PaymentItem.entity,
    ...p,
    gsi1pk: `PAYMENTS#${p.status}`,
    gsi1sk: `${p.payableOn ?? p.createdAt.slice(0, 10)}#${p.paymentId}`,
    gsi2pk: `PARTICIPANT#${p.participantId}#PAYMENTS`,
    gsi2sk: `${p.createdAt}#${p.paymentId}`,
  };
}

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
  return out.Item ? toPayment(out.Item) : undefined;
}

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
  return { items: out.items.map(toPayment), nextCursor: out.nextCursor };
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
  return { items: out.items.map(toPayment), nextCursor: out.nextCursor };
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
  return items.map(toPayment);
}

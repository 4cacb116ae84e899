import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, isConditionFailure } from './db.js';

/**
 * "Send this message at most once" records: one item per (what, who), claimed (`sending`) with a
 * conditional put before the message goes out and marked `sent` after. Used for session reminders and
 * session invitation/move/cancel messages (docs/data-model.md, "Forums").
 */
export type SendClaim = {
  /** The item's key: its partition and a sort key naming the message and the person. */
  key: { pk: string; sk: string };
  /** Stored with the claim, for whoever reads the table (ids and times only, no personal data). */
  attributes: Record<string, unknown>;
  entity: string;
  /** Epoch seconds after which the record may be deleted (DynamoDB TTL). */
  expiresAt: number;
};

const LEASE_MS = 5 * 60_000;

/**
 * Claim the right to send one message. Succeeds when nobody has claimed it, or when an earlier claim
 * is still `sending` after the lease (its sender died between claiming and recording the send).
 * Returns false when it is sent or being sent by someone else.
 */
export async function claimSend(db: Db, claim: SendClaim, now: Date): Promise<boolean> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: {
          ...claim.attributes,
          ...claim.key,
          entity: claim.entity,
          state: 'sending',
          claimedAt: now.toISOString(),
          expiresAt: claim.expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :leaseExpired)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':leaseExpired': new Date(now.getTime() - LEASE_MS).toISOString(),
        },
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

export async function markSent(db: Db, key: SendClaim['key'], now: Date): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: key,
      UpdateExpression: 'SET #state = :sent, sentAt = :now',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sent': 'sent', ':now': now.toISOString() },
    }),
  );
}

/** Give a claim back after a failed send, so the retry of the event can send it. */
export async function releaseSend(db: Db, key: SendClaim['key']): Promise<void> {
  await db.doc.send(
    new DeleteCommand({
      TableName: db.table,
      Key: key,
      ConditionExpression: '#state = :sending',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sending': 'sending' },
    }),
  );
}

/**
 * Send at most once: claim, send, mark sent. When sending fails the claim is released and the
 * error thrown, so the event's retry can send it. A crash between sending and marking can send it
 * again after the claim's lease: a rare second message rather than a person never told.
 * Returns false when the message was already claimed (sent, or being sent by another delivery).
 */
export async function sendOnce(
  claim: SendClaim,
  send: () => Promise<unknown>,
  deps: { db: Db; clock: { now(): Date } },
): Promise<boolean> {
  if (!(await claimSend(deps.db, claim, deps.clock.now()))) return false;
  try {
    await send();
  } catch (err) {
    await releaseSend(deps.db, claim.key).catch(() => undefined);
    throw err;
  }
  await markSent(deps.db, claim.key, deps.clock.now());
  return true;
}

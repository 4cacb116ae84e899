import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { consentStillGiven } from '../../participants/index.js';
import {
  type Db,
  type Key,
  queryAll,
  type RawItem,
  TransactionConditionError,
  type TxItem,
  transact,
} from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import { Invitation, type RsvpResponse } from '../domain/forums.js';
import { sortableTime } from '../domain/time.js';
import { removeScheduleEntry } from './schedule-repo.js';

/**
 * Invitations in the main table (docs/data-model.md, "Forums"): one per invitee in the session's
 * partition (`SESSION#<sessionId>` / `INVITEE#<participantId>`), holding the RSVP. While live, its
 * gsi2 keys put it on the participant's schedule (`PARTICIPANT#<id>#SESSIONS`, by start).
 */
export const invitationKey = (sessionId: string, participantId: string): Key => ({
  pk: `SESSION#${sessionId}`,
  sk: `INVITEE#${participantId}`,
});
const participantSessionsKey = (participantId: string) => `PARTICIPANT#${participantId}#SESSIONS`;

export const InvitationItem = defineItem({ entity: 'invitation', schema: Invitation });

const toInvitation = (item: RawItem): Invitation => parseItem(InvitationItem, item);

const liveIndexKeys = (inv: Pick<Invitation, 'participantId' | 'sessionId' | 'startsAt'>) => ({
  gsi2pk: participantSessionsKey(inv.participantId),
  gsi2sk: `${sortableTime(inv.startsAt)}#${inv.sessionId}`,
});

export function putNewInvitation(db: Db, inv: Invitation): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...invitationKey(inv.sessionId, inv.participantId),
        entity: InvitationItem.entity,
        ...inv,
        ...liveIndexKeys(inv),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** All invitations of a session (strongly consistent: RSVPs just written are seen). */
export async function getInvitations(db: Db, sessionId: string): Promise<Invitation[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':prefix': 'INVITEE#' },
    ConsistentRead: true,
  });
  return items.map(toInvitation);
}

export async function getInvitation(db: Db, sessionId: string, participantId: string): Promise<Invitation | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: invitationKey(sessionId, participantId), ConsistentRead: true }),
  );
  return out.Item ? toInvitation(out.Item) : undefined;
}

/**
 * A participant's live invitations (not cancelled, not dropped) whose start lies in [from, to]
 * — one Query on gsi2 per participant, never a Scan.
 */
export async function participantInvitations(
  db: Db,
  participantId: string,
  range: { from: string; to?: string },
): Promise<Invitation[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: range.to
      ? 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to'
      : 'gsi2pk = :pk AND gsi2sk >= :from',
    ExpressionAttributeValues: {
      ':pk': participantSessionsKey(participantId),
      ':from': sortableTime(range.from),
      ...(range.to ? { ':to': `${sortableTime(range.to)}\uffff` } : {}),
    },
  });
  return items.map(toInvitation);
}

/**
 * One page of a participant's live invitations from gsi2: `upcoming` starts at or after `now`, soonest
 * first; `past` started before `now`, latest first. A Query, never a Scan.
 */
export async function pageParticipantInvitations(
  db: Db,
  participantId: string,
  opts: { when: 'upcoming' | 'past'; now: string; limit: number; cursor?: string },
): Promise<Page<Invitation>> {
  const upcoming = opts.when === 'upcoming';
  const out = await queryPage(
    db,
    {
      IndexName: 'gsi2',
      KeyConditionExpression: upcoming ? 'gsi2pk = :pk AND gsi2sk >= :now' : 'gsi2pk = :pk AND gsi2sk < :now',
      ExpressionAttributeValues: { ':pk': participantSessionsKey(participantId), ':now': sortableTime(opts.now) },
      ScanIndexForward: upcoming,
    },
    { limit: opts.limit, cursor: opts.cursor },
  );
  return { items: out.items.map(toInvitation), nextCursor: out.nextCursor };
}

/**
 * The invitation follows its session to new times, if it is still live and still at the times it
 * was read at (its schedule entry is in the month of those: see scheduleWrites).
 */
export function updateInvitationTimes(db: Db, inv: Invitation, next: { startsAt: string; endsAt: string }): TxItem {
  const idx = liveIndexKeys({ ...inv, startsAt: next.startsAt });
  return {
    Update: {
      TableName: db.table,
      Key: invitationKey(inv.sessionId, inv.participantId),
      UpdateExpression: 'SET startsAt = :s, endsAt = :e, gsi2pk = :gpk, gsi2sk = :gsk',
      ConditionExpression: '#status = :invited AND startsAt = :was',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':s': next.startsAt,
        ':e': next.endsAt,
        ':gpk': idx.gsi2pk,
        ':gsk': idx.gsi2sk,
        ':invited': 'invited',
        ':was': inv.startsAt,
      },
    },
  };
}

/** Leaves the participant's schedule index, so a cancelled session no longer clashes with anything. */
export function cancelInvitation(db: Db, inv: Invitation): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: invitationKey(inv.sessionId, inv.participantId),
      UpdateExpression: 'SET #status = :cancelled REMOVE gsi2pk, gsi2sk',
      ConditionExpression: '#status = :invited AND startsAt = :was',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':cancelled': 'cancelled', ':invited': 'invited', ':was': inv.startsAt },
    },
  };
}

/** A session that never went live loses its invitations (the sweeper's and a failed scheduling's cleanup). */
export function deleteInvitation(db: Db, inv: Pick<Invitation, 'sessionId' | 'participantId'>): TxItem {
  return { Delete: { TableName: db.table, Key: invitationKey(inv.sessionId, inv.participantId) } };
}

/** The answer, if the invitation is still live and nobody answered since it was read. */
export function recordRsvp(
  db: Db,
  inv: Invitation,
  answer: { response: RsvpResponse; by: string; at: string },
): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: invitationKey(inv.sessionId, inv.participantId),
      UpdateExpression: 'SET rsvp = :r, rsvpAt = :at, rsvpBy = :by, rsvpVersion = :next',
      ConditionExpression: '#status = :invited AND rsvpVersion = :version',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':r': answer.response,
        ':at': answer.at,
        ':by': answer.by,
        ':invited': 'invited',
        ':version': inv.rsvpVersion,
        ':next': inv.rsvpVersion + 1,
      },
    },
  };
}

/**
 * Drop an invitee (consent withdrawn), with their schedule entry. Returns false when the invitation
 * is no longer live, or no longer at the times read (a reschedule moved it: read it again): a no-op.
 */
export async function dropInvitation(db: Db, inv: Invitation, now: string): Promise<boolean> {
  try {
    await transact(db, [
      {
        Update: {
          TableName: db.table,
          Key: invitationKey(inv.sessionId, inv.participantId),
          UpdateExpression: 'SET #status = :dropped, droppedAt = :now REMOVE gsi2pk, gsi2sk',
          ConditionExpression: '#status = :invited AND startsAt = :was',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':dropped': 'dropped',
            ':invited': 'invited',
            ':now': now,
            ':was': inv.startsAt,
          },
        },
      },
      removeScheduleEntry(db, inv.participantId, inv),
    ]);
    return true;
  } catch (err) {
    if (err instanceof TransactionConditionError) return false;
    throw err;
  }
}

/**
 * Inside the scheduling transaction: the participant still has consent for forums. Closes the race
 * with a withdrawal that lands between reading the participant and writing the invitation.
 */
export const participantMayBeInvited = (db: Db, participantId: string): TxItem =>
  consentStillGiven(db, participantId, 'forums');

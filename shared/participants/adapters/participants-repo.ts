import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { batchGetAll, type Db, type Key, queryAll, type RawItem, type TxItem } from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import { Participant } from '../domain/participants.js';

/** docs/data-model.md, "Participants": `PARTICIPANT#<id>` / `PROFILE`, listed by GSI1 (all) and GSI2 (by area). */
export const participantKey = (id: string): Key => ({ pk: `PARTICIPANT#${id}`, sk: 'PROFILE' });

export const ParticipantItem = defineItem({
  entity: 'participant',
  schema: z.extend(Participant, { version: z.number().check(z.int(), z.positive()) }),
});
export type StoredParticipant = z.infer<typeof ParticipantItem.schema>;

const toParticipant = (item: RawItem): Participant => {
  const { version: _version, ...participant } = parseItem(ParticipantItem, item);
  return participant;
};

/**
 * For other contexts that read a participant in the same BatchGet as their own items (one request
 * instead of two): the key to ask for and the parse of what comes back. The item stays this
 * context's: nobody else reads its attributes.
 */
export const participantRecord = { key: participantKey, parse: toParticipant } as const;

export function putNewParticipant(db: Db, p: Participant): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...participantKey(p.participantId),
        entity: ParticipantItem.entity,
        version: 1,
        ...p,
        // list of all participants, newest first (GSI1), and by area (GSI2)
        gsi1pk: 'PARTICIPANTS',
        gsi1sk: `${p.createdAt}#${p.participantId}`,
        gsi2pk: `AREA#${p.areaId}`,
        gsi2sk: `PARTICIPANT#${p.createdAt}#${p.participantId}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getParticipant(db: Db, id: string): Promise<StoredParticipant | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: participantKey(id) }));
  return out.Item ? parseItem(ParticipantItem, out.Item) : undefined;
}

/** Participants by id (eventually consistent: profiles change rarely), in one BatchGet per 100. */
export async function getParticipants(db: Db, ids: readonly string[]): Promise<Map<string, Participant>> {
  const items = await batchGetAll(db, ids.map(participantKey), { consistent: false });
  return new Map(items.values().map((item) => [String(item.participantId), toParticipant(item)] as const));
}

/** Every participant of an area (GSI2, all pages): who may sign a forum's decision taken without a session. */
export async function participantsInArea(db: Db, areaId: string): Promise<Participant[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `AREA#${areaId}`, ':prefix': 'PARTICIPANT#' },
  });
  return items.map(toParticipant);
}

export async function listParticipants(
  db: Db,
  opts: { limit: number; cursor?: string; areaId?: string },
): Promise<Page<Participant>> {
  const byArea = opts.areaId !== undefined;
  const out = await queryPage(
    db,
    {
      IndexName: byArea ? 'gsi2' : 'gsi1',
      KeyConditionExpression: byArea ? 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: byArea
        ? { ':pk': `AREA#${opts.areaId}`, ':prefix': 'PARTICIPANT#' }
        : { ':pk': 'PARTICIPANTS' },
      ScanIndexForward: false,
    },
    { limit: opts.limit, cursor: opts.cursor },
  );
  return { items: out.items.map(toParticipant), nextCursor: out.nextCursor };
}

/** Optimistic update: succeeds only if nobody changed the participant since it was read. */
export function updateConsent(db: Db, p: StoredParticipant): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: participantKey(p.participantId),
      UpdateExpression: 'SET consent = :consent, version = :next',
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':consent': p.consent, ':version': p.version, ':next': p.version + 1 },
    },
  };
}

/**
 * A check, for another context's transaction, that the participant still consents to `scope` (a
 * withdrawal committed meanwhile makes that transaction fail instead of inviting them).
 */
export function consentStillGiven(db: Db, participantId: string, scope: 'forums'): TxItem {
  return {
    ConditionCheck: {
      TableName: db.table,
      Key: participantKey(participantId),
      ConditionExpression: '#c.#s = :given AND contains(#c.scopes, :scope)',
      ExpressionAttributeNames: { '#c': 'consent', '#s': 'status' },
      ExpressionAttributeValues: { ':given': 'given', ':scope': scope },
    },
  };
}

import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db, TxItem } from '../../runtime/store/db.js';
import { fromItem } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import type { Participant } from '../domain/participants.js';

export const participantKey = (id: string) => ({ pk: `PARTICIPANT#${id}`, sk: 'PROFILE' });

type ParticipantItem = Participant & { pk: string; sk: string; entity: 'participant'; version: number };

const strip = (item: Record<string, unknown>) => fromItem<Participant>(item, ['expiresAt']);

export function putNewParticipant(db: Db, p: Participant): TxItem {
  const item: ParticipantItem & Record<string, unknown> = {
    ...participantKey(p.participantId),
    entity: 'participant',
    version: 1,
    ...p,
    // list of all participants, newest first (GSI1), and by area (GSI2)
    gsi1pk: 'PARTICIPANTS',
    gsi1sk: `${p.createdAt}#${p.participantId}`,
    gsi2pk: `AREA#${p.areaId}`,
    gsi2sk: `PARTICIPANT#${p.createdAt}#${p.participantId}`,
  };
  return { Put: { TableName: db.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

export async function getParticipant(db: Db, id: string): Promise<(Participant & { version: number }) | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: participantKey(id) }));
  if (!out.Item) return undefined;
  return { ...strip(out.Item), version: out.Item.version as number };
}

export async function getParticipants(db: Db, ids: string[]): Promise<Map<string, Participant>> {
  const found = new Map<string, Participant>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map(participantKey);
    for (let attempt = 0; keys && keys.length > 0 && attempt < 8; attempt++) {
      const out = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: keys } } }));
      for (const item of out.Responses?.[db.table] ?? []) {
        const p = strip(item);
        found.set(p.participantId, p);
      }
      keys = out.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined;
    }
    if (keys && keys.length > 0) throw new Error('BatchGet left keys unprocessed after retries');
  }
  return found;
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
  return { items: out.items.map(strip), nextCursor: out.nextCursor };
}

/** Optimistic update: succeeds only if nobody changed the participant since it was read. */
export function updateConsent(db: Db, p: Participant & { version: number }): TxItem {
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

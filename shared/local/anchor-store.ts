import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { AnchorStore, StoredAnchor } from '../runtime/deps.js';
import { type Db, queryAll } from '../runtime/store/db.js';

/**
 * The audit anchor on the local stack (docs/decisions/0003-hash-chained-audit-log.md §5): the same
 * interface as S3 with Object Lock in AWS, kept as write-once items (conditional puts) in the local
 * audit table, so it survives a restart with DATA_DIR and `npm run audit:verify` reads it too.
 * Locally nothing is out of reach — whoever can edit DynamoDB Local can edit these — so this shows
 * how verification uses the anchor, not the protection S3 gives.
 *
 *   pk ANCHORS  sk ANCHOR#<ISO time>#<ULID>           the anchor: its name and how many parts (written last)
 *   pk ANCHORS  sk PART#<ISO time>#<ULID>#<0000>      its body, in parts of at most 300,000 characters
 *                                                     (a DynamoDB item holds at most 400 KB)
 */
const PK = 'ANCHORS';
const PART_CHARS = 300_000;

export function tableAnchorStore(db: Db): AnchorStore {
  const put = (Item: Record<string, unknown>) =>
    db.doc.send(new PutCommand({ TableName: db.table, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
  const read = async (item: Record<string, unknown>): Promise<StoredAnchor> => {
    const name = String(item.name);
    const parts = await queryAll(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': PK, ':prefix': `PART#${name}#` },
      ConsistentRead: true,
    });
    if (parts.length !== item.parts)
      throw new Error(`Local anchor ${name} has ${parts.length} of ${String(item.parts)} parts`);
    return { name, body: parts.map((p) => String(p.body)).join('') };
  };
  return {
    async put({ takenAt, body }) {
      const name = `${takenAt.toISOString()}#${ulid()}`;
      const chunks = Array.from({ length: Math.max(1, Math.ceil(body.length / PART_CHARS)) }, (_, i) =>
        body.slice(i * PART_CHARS, (i + 1) * PART_CHARS),
      );
      for (const [i, chunk] of chunks.entries()) {
        await put({ pk: PK, sk: `PART#${name}#${String(i).padStart(4, '0')}`, body: chunk });
      }
      await put({ pk: PK, sk: `ANCHOR#${name}`, name, parts: chunks.length });
      return { name };
    },
    async latest(asOf) {
      const out = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
          ExpressionAttributeValues: { ':pk': PK, ':lo': 'ANCHOR#', ':hi': `ANCHOR#${asOf.toISOString()}#\uffff` },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      const item = out.Items?.[0];
      return item ? read(item) : undefined;
    },
    async *all() {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': PK, ':prefix': 'ANCHOR#' },
            ScanIndexForward: false,
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) yield await read(item);
        start = out.LastEvaluatedKey;
      } while (start);
    },
  };
}

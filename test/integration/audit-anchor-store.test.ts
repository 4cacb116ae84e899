import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tableAnchorStore } from '../../shared/local/anchor-store.js';
import { ensureTable, localClient } from '../../shared/local/dynamodb.js';
import type { AnchorStore } from '../../shared/runtime/deps.js';
import { auditTable } from '../../shared/runtime/store/table-design.js';

/** The local stack's anchor store: write-once items in the local audit table, the AnchorStore port of S3. */
const client = localClient(inject('dynamodbEndpoint'));
let store: AnchorStore;

beforeAll(async () => {
  const table = `t${ulid().toLowerCase()}-${auditTable.id}`;
  await ensureTable(client, auditTable, table);
  store = tableAnchorStore({ doc: DynamoDBDocumentClient.from(client), table });
});
afterAll(() => client.destroy());

describe('the local anchor store', () => {
  it('has no anchor before the first is written', async () => {
    expect(await store.latest(new Date('2026-03-02T10:00:00Z'))).toBeUndefined();
  });

  it('gives back the newest anchor taken at or before a time, bodies larger than one item whole', async () => {
    const big = JSON.stringify({ chains: 'x'.repeat(700_000) });
    await store.put({ takenAt: new Date('2026-03-02T09:00:00Z'), body: '{"n":1}' });
    await store.put({ takenAt: new Date('2026-03-02T10:00:00Z'), body: big });
    await store.put({ takenAt: new Date('2026-03-02T11:00:00Z'), body: '{"n":3}' });
    expect((await store.latest(new Date('2026-03-02T10:30:00Z')))?.body).toBe(big);
    expect((await store.latest(new Date('2026-03-02T11:00:00Z')))?.body).toBe('{"n":3}');
    expect((await store.latest(new Date('2026-03-02T09:59:59Z')))?.body).toBe('{"n":1}');
  });

  it('lists every anchor, newest first', async () => {
    const bodies: string[] = [];
    for await (const a of store.all()) bodies.push(a.body.slice(0, 7));
    expect(bodies).toEqual(['{"n":3}', '{"chain', '{"n":1}']);
  });
});

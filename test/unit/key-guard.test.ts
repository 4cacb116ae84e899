import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { FunctionSpec } from '../../functions/catalogue.js';
import { guardedDoc, touches } from '../../shared/local/key-guard.js';

// The local stand-in for the LeadingKeys policy (issue 10): what AWS would refuse, refused locally.
const tables = { main: 'Main', audit: 'Audit' };
const spec = (access: FunctionSpec['access']): FunctionSpec => ({ name: 'fixture', description: 'fixture', access });

function fakeDoc() {
  const sent: string[] = [];
  const doc = {
    send: async (c: { constructor: { name: string } }) => {
      sent.push(c.constructor.name);
      return {};
    },
    config: 'kept',
  } as unknown as DynamoDBDocumentClient;
  return { doc, sent };
}

describe('touches: the partition keys a request names', () => {
  it('reads the index partition key of a Query on an index, through an attribute alias too', () => {
    expect(
      touches('QueryCommand', {
        TableName: 'Main',
        IndexName: 'gsi2',
        KeyConditionExpression: '#k = :pk AND gsi2sk >= :from',
        ExpressionAttributeNames: { '#k': 'gsi2pk' },
        ExpressionAttributeValues: { ':pk': 'PARTICIPANT#1#SESSIONS', ':from': 'x' },
      }),
    ).toEqual([{ table: 'Main', kind: 'read', key: 'PARTICIPANT#1#SESSIONS' }]);
    expect(
      touches('QueryCommand', {
        TableName: 'Main',
        KeyConditionExpression: 'sk = :s AND pk = :pk',
        ExpressionAttributeValues: { ':pk': 'SESSION#1', ':s': 'A' },
      }),
    ).toEqual([{ table: 'Main', kind: 'read', key: 'SESSION#1' }]);
  });

  it('splits a transaction into its writes and condition checks, and a BatchGet into its keys', () => {
    const tx = touches('TransactWriteCommand', {
      TransactItems: [
        { Put: { TableName: 'Main', Item: { pk: 'FORUM#1', sk: 'FORUM' } } },
        { ConditionCheck: { TableName: 'Main', Key: { pk: 'PARTICIPANT#1', sk: 'PROFILE' } } },
        { Put: { TableName: 'Audit', Item: { pk: 'CHAIN#1', sk: '1' } } },
      ],
    });
    expect(tx).toEqual([
      { table: 'Main', kind: 'write', key: 'FORUM#1' },
      { table: 'Main', kind: 'read', key: 'PARTICIPANT#1' },
      { table: 'Audit', kind: 'write', key: 'CHAIN#1' },
    ]);
    const batch = touches('BatchGetCommand', { RequestItems: { Main: { Keys: [{ pk: 'A#1' }, { pk: 'B#2' }] } } });
    expect(batch.map((t) => t.key)).toEqual(['A#1', 'B#2']);
  });
});

describe('guardedDoc', () => {
  const forums = spec({ main: 'readwrite', keys: { write: ['FORUM#*'], read: ['PARTICIPANT#*'] } });

  it('passes what the function is granted, and keeps the rest of the client', async () => {
    const { doc, sent } = fakeDoc();
    const g = guardedDoc(doc, forums, tables);
    await g.send(new GetCommand({ TableName: 'Main', Key: { pk: 'PARTICIPANT#1', sk: 'PROFILE' } }));
    await g.send(new PutCommand({ TableName: 'Main', Item: { pk: 'FORUM#1', sk: 'FORUM' } }));
    // What it writes, it may read.
    await g.send(new GetCommand({ TableName: 'Main', Key: { pk: 'FORUM#1', sk: 'FORUM' } }));
    expect(sent).toEqual(['GetCommand', 'PutCommand', 'GetCommand']);
    expect((g as unknown as { config: string }).config).toBe('kept');
  });

  it('refuses, before sending, a key outside the patterns, a write to a read-only partition, a Scan', async () => {
    const { doc, sent } = fakeDoc();
    const g = guardedDoc(doc, forums, tables);
    await expect(
      g.send(new GetCommand({ TableName: 'Main', Key: { pk: 'PAYMENT#1', sk: 'PAYMENT' } })),
    ).rejects.toThrow(/fixture may not Get PAYMENT#1 on Main: no read pattern/);
    await expect(
      g.send(
        new UpdateCommand({
          TableName: 'Main',
          Key: { pk: 'PARTICIPANT#1', sk: 'PROFILE' },
          UpdateExpression: 'SET a = :a',
        }),
      ),
    ).rejects.toThrow(/no write pattern/);
    await expect(g.send(new ScanCommand({ TableName: 'Main' }))).rejects.toThrow(/Scan is not granted/);
    await expect(
      g.send(new BatchGetCommand({ RequestItems: { Main: { Keys: [{ pk: 'PARTICIPANT#1' }, { pk: 'TASK#1' }] } } })),
    ).rejects.toThrow(/TASK#1/);
    await expect(
      g.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: 'Main', Item: { pk: 'FORUM#1', sk: 'FORUM' } } },
            { Put: { TableName: 'Main', Item: { pk: 'OUTBOX#1', sk: 'OUTBOX' } } },
          ],
        }),
      ),
    ).rejects.toThrow(/OUTBOX#1/);
    await expect(
      g.send(
        new QueryCommand({
          TableName: 'Main',
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'FORUMS' },
        }),
      ),
    ).rejects.toThrow(/FORUMS/);
    expect(sent).toEqual([]);
  });

  it('keeps the audit table append-only and a read-only function from writing', async () => {
    const { doc } = fakeDoc();
    const appender = guardedDoc(doc, spec({ audit: 'append' }), tables);
    await appender.send(new PutCommand({ TableName: 'Audit', Item: { pk: 'CHAIN#1', sk: '1' } }));
    await expect(
      appender.send(
        new UpdateCommand({ TableName: 'Audit', Key: { pk: 'CHAIN#1', sk: '1' }, UpdateExpression: 'SET a = :a' }),
      ),
    ).rejects.toThrow(/append-only/);
    const reader = guardedDoc(doc, spec({ main: 'read', keys: { read: ['FORUM#*'] } }), tables);
    await expect(reader.send(new PutCommand({ TableName: 'Main', Item: { pk: 'FORUM#1', sk: 'F' } }))).rejects.toThrow(
      /access.main is 'read'/,
    );
    const none = guardedDoc(doc, spec({}), tables);
    await expect(none.send(new GetCommand({ TableName: 'Main', Key: { pk: 'FORUM#1', sk: 'F' } }))).rejects.toThrow(
      /no access.main/,
    );
  });
});

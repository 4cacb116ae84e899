import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { isConditionFailure, TransactionConditionError, transact } from '../../shared/runtime/store/db.js';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const ddb = mockClient(doc);
const db = { doc, table: 'T' };
const put = (pk: string) => ({ Put: { TableName: 'T', Item: { pk, sk: 'X' } } });

beforeEach(() => ddb.reset());

describe('transact', () => {
  it('sends every item in one TransactWriteItems', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await transact(db, [put('a'), put('b')]);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems).toHaveLength(2);
  });

  it('names the items whose condition failed', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );
    const err = await transact(db, [put('a'), put('b')]).catch((e) => e);
    expect(err).toBeInstanceOf(TransactionConditionError);
    expect((err as TransactionConditionError).indexes).toEqual([1]);
  });

  it('does not take a mix of a failed condition and a conflict for a duplicate', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'TransactionConflict' }],
      }),
    );
    const err = await transact(db, [put('a'), put('b')]).catch((e) => e);
    expect(err).toBeInstanceOf(TransactionCanceledException);
  });

  it('retries a cancellation caused only by a concurrent transaction, then succeeds', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
        }),
      )
      .resolves({});
    await transact(db, [put('a'), put('b')]);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('gives up on a conflict that persists', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'TransactionConflict' }],
      }),
    );
    await expect(transact(db, [put('a')])).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 4);
  });

  it('propagates throttling', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(transact(db, [put('a')])).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
  });

  it('refuses more than 100 items instead of letting DynamoDB reject them', async () => {
    await expect(
      transact(
        db,
        Array.from({ length: 101 }, (_, i) => put(String(i))),
      ),
    ).rejects.toThrow(/at most 100/);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('recognises a conditional check failure', () => {
    expect(isConditionFailure(new ConditionalCheckFailedException({ message: 'x', $metadata: {} }))).toBe(true);
    expect(isConditionFailure(new Error('other'))).toBe(false);
  });
});

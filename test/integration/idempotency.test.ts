import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/kernel/errors.js';
import type { IdempotentRequest } from '../../shared/runtime/http/idempotency.js';
import { idempotentWrite } from '../../shared/runtime/http/idempotency.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const request = (key: string, body: unknown = { n: 1 }): IdempotentRequest => ({
  routeKey: 'POST /api/things',
  params: {},
  body,
  caller: { sub: 'coordinator-1' },
  idempotencyKey: key,
});
const thing = (id: string) => ({
  Put: {
    TableName: stack.deps.db.table,
    Item: { pk: `THING#${id}`, sk: 'THING' },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

describe('idempotentWrite', () => {
  it('replays the first response when the same key arrives again, and writes nothing the repeat built', async () => {
    const deps = stack.deps;
    const first = await idempotentWrite(deps, request('k-1'), async () => ({
      items: [thing('a')],
      response: { status: 201, json: { id: 'a' } },
    }));
    // The repeat is not read first (a first request costs no extra read): it builds, and its
    // transaction fails on the taken key, so nothing it built is written.
    const again = await idempotentWrite(deps, request('k-1'), async () => ({
      items: [thing('b')],
      response: { status: 201, json: { id: 'b' } },
    }));
    expect(first).toMatchObject({ status: 201, json: { id: 'a' } });
    expect(again).toMatchObject({ status: 201, json: { id: 'a' }, headers: { 'idempotent-replayed': 'true' } });
    const b = await stack.deps.db.doc.send(
      new GetCommand({ TableName: stack.deps.db.table, Key: { pk: 'THING#b', sk: 'THING' } }),
    );
    expect(b.Item).toBeUndefined();
  });

  it('replays, not 409, when the first request with the key commits while the second is building', async () => {
    const deps = stack.deps;
    // The second request passed its replay check before the first committed; by the time it
    // builds, the first has committed and its build refuses ("already done").
    const second = idempotentWrite(deps, request('k-2'), async () => {
      await idempotentWrite(deps, request('k-2'), async () => ({
        items: [thing('c')],
        response: { status: 201, json: { id: 'c' } },
      }));
      throw new ConflictError('Already done.');
    });
    await expect(second).resolves.toMatchObject({ status: 201, json: { id: 'c' } });
  });

  it('still answers 409 for a conflict that is not a repeat of the same key', async () => {
    await expect(
      idempotentWrite(stack.deps, request('k-3'), async () => {
        throw new ConflictError('Already signed.');
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('answers 409 when the key was used with a different body', async () => {
    await idempotentWrite(stack.deps, request('k-4', { n: 1 }), async () => ({
      items: [thing('d')],
      response: { status: 201, json: { id: 'd' } },
    }));
    await expect(
      idempotentWrite(stack.deps, request('k-4', { n: 2 }), async () => ({
        items: [thing('e')],
        response: { status: 201, json: { id: 'e' } },
      })),
    ).rejects.toThrow(/different request/);
  });

  it('ignores a record past its time to live that DynamoDB has not deleted yet', async () => {
    const req = request('k-5');
    await stack.deps.db.doc.send(
      new PutCommand({
        TableName: stack.deps.db.table,
        Item: {
          pk: `IDEMPOTENCY#${req.caller.sub}#${req.routeKey}#k-5`,
          sk: 'IDEMPOTENCY',
          requestHash: 'stale',
          response: { status: 201, json: { id: 'old' } },
          expiresAt: Math.floor(Date.now() / 1000) - 60,
        },
      }),
    );
    const res = await idempotentWrite(stack.deps, req, async () => ({
      items: [thing('f')],
      response: { status: 201, json: { id: 'f' } },
    }));
    expect(res).toMatchObject({ status: 201, json: { id: 'f' } });
  });
});

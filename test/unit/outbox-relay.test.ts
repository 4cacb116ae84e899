import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildEvent } from '../../events/define-event.js';
import { ParticipantConsentWithdrawn } from '../../events/index.js';
import { fixedClock } from '../../shared/kernel/clock.js';
import { type OutboxItem, outboxPut } from '../../shared/runtime/events/outbox.js';
import { OutboxPublishError, relayOutbox, sweepOutbox } from '../../shared/runtime/events/outbox-relay.js';
import type { EventPublisher } from '../../shared/runtime/events/publisher.js';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const ddb = mockClient(doc);
const db = { doc, table: 'T' };
const clock = fixedClock('2026-03-02T18:00:00Z');

function item(n: number, createdAt = '2026-03-02T17:00:00.000Z'): OutboxItem {
  const event = buildEvent(
    ParticipantConsentWithdrawn,
    { participantId: `p${n}`, withdrawnAt: '2026-03-02T17:00:00+00:00' },
    { idempotencyKey: `k${n}`, occurredAt: '2026-03-02T17:00:00+00:00' },
  );
  return outboxPut(db, event, createdAt).Put!.Item as OutboxItem;
}

const recording = (failIds: string[] = []) => {
  const published: string[] = [];
  const publisher: EventPublisher = {
    async publish(events) {
      published.push(...events.map((e) => e.eventId));
      return {
        failed: events.filter((e) => failIds.includes(e.eventId)).map((e) => ({ eventId: e.eventId, reason: 'x' })),
      };
    },
  };
  return { publisher, published };
};

const markedIds = () =>
  ddb.commandCalls(UpdateCommand).map((c) => String(c.args[0].input.Key?.pk).replace('OUTBOX#', ''));

beforeEach(() => {
  ddb.reset();
  ddb.on(UpdateCommand).resolves({});
});

describe('outbox relay', () => {
  it('writes the outbox item on the sparse pending index with a condition against overwrite', () => {
    const i = item(1);
    expect(i.gsi1pk).toMatch(/^OUTBOX#PENDING#[0-3]$/);
    expect(outboxPut(db, { ...i, detail: i.detail }, i.createdAt).Put?.ConditionExpression).toBe(
      'attribute_not_exists(pk)',
    );
  });

  it('marks an event sent only after the bus accepted it', async () => {
    const items = [item(1), item(2)];
    const { publisher } = recording([items[1]!.eventId]);
    const err = await relayOutbox(items, { db, publisher, clock }).catch((e) => e);
    expect(err).toBeInstanceOf(OutboxPublishError);
    expect(markedIds()).toEqual([items[0]!.eventId]);
  });

  it('removes the pending index keys when marking sent, so the sweeper stops seeing it', async () => {
    const { publisher } = recording();
    await relayOutbox([item(1)], { db, publisher, clock });
    expect(ddb.commandCalls(UpdateCommand)[0]!.args[0].input.UpdateExpression).toContain('REMOVE gsi1pk, gsi1sk');
  });

  it('throws when publishing throws, marking nothing', async () => {
    const publisher: EventPublisher = {
      publish: async () => {
        throw new Error('network down');
      },
    };
    await expect(relayOutbox([item(1)], { db, publisher, clock })).rejects.toThrow('network down');
    expect(markedIds()).toEqual([]);
  });

  it('sweeps only items older than the minimum age, oldest first, across every shard', async () => {
    const old = item(1, '2026-03-02T17:58:00.000Z');
    const fresh = item(2, '2026-03-02T17:59:30.000Z');
    ddb
      .on(QueryCommand)
      .callsFake((input) =>
        input.ExpressionAttributeValues[':pk'] === old.gsi1pk
          ? { Items: [old] }
          : { Items: fresh.gsi1pk === input.ExpressionAttributeValues[':pk'] ? [fresh] : [] },
      );
    const { publisher, published } = recording();
    const relayed = await sweepOutbox({ db, publisher, clock }, 60_000);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(4);
    expect(relayed).toBe(1);
    expect(published).toEqual([old.eventId]);
  });
});

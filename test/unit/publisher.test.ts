import { EventBridgeClient, PutEventsCommand, ThrottlingException } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildEvent } from '../../events/define-event.js';
import { ParticipantConsentWithdrawn } from '../../events/index.js';
import { eventBridgePublisher } from '../../shared/runtime/events/publisher.js';

const client = new EventBridgeClient({ region: 'eu-west-1' });
const eb = mockClient(client);
const publisher = eventBridgePublisher(client, 'bus');
const events = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    buildEvent(
      ParticipantConsentWithdrawn,
      { participantId: `p${i}`, withdrawnAt: '2026-03-02T18:00:00+00:00' },
      { idempotencyKey: `k${i}`, occurredAt: '2026-03-02T18:00:00+00:00' },
    ),
  );

beforeEach(() => eb.reset());

describe('EventBridge publisher', () => {
  it('sends batches of at most ten entries to the named bus', async () => {
    eb.on(PutEventsCommand).callsFake((input) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_: unknown, i: number) => ({ EventId: `id-${i}` })),
    }));
    const result = await publisher.publish(events(23));
    expect(result.failed).toEqual([]);
    const sizes = eb.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.length);
    expect(sizes).toEqual([10, 10, 3]);
    expect(eb).toHaveReceivedCommandWith(PutEventsCommand, {
      Entries: expect.arrayContaining([
        expect.objectContaining({ EventBusName: 'bus', DetailType: 'ParticipantConsentWithdrawn' }),
      ]),
    });
  });

  it('reports the entries that failed when PutEvents partly fails', async () => {
    const batch = events(3);
    eb.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'a' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }, { EventId: 'c' }],
    });
    const result = await publisher.publish(batch);
    expect(result.failed).toEqual([{ eventId: batch[1]!.eventId, reason: 'InternalFailure' }]);
  });

  it('propagates throttling so the relay retries', async () => {
    eb.on(PutEventsCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: {} }));
    await expect(publisher.publish(events(1))).rejects.toBeInstanceOf(ThrottlingException);
  });
});

import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { OutgoingEvent } from '../../../events/define-event.js';

export type PublishResult = { failed: { eventId: string; reason: string }[] };
/** The port the outbox relay publishes through: EventBridge in AWS, the local bus locally. */
export type EventPublisher = {
  publish(events: OutgoingEvent[]): Promise<PublishResult>;
  /** An event this publisher is still delivering (the local bus): the sweeper leaves it to that delivery. */
  isPublishing?(eventId: string): boolean;
};

const BATCH = 10; // PutEvents takes at most 10 entries.

export function eventBridgePublisher(client: EventBridgeClient, eventBusName: string): EventPublisher {
  return {
    async publish(events) {
      const failed: PublishResult['failed'] = [];
      for (let i = 0; i < events.length; i += BATCH) {
        const batch = events.slice(i, i + BATCH);
        const out = await client.send(
          new PutEventsCommand({
            Entries: batch.map((e) => ({
              EventBusName: eventBusName,
              Source: e.source,
              DetailType: e.detailType,
              Detail: JSON.stringify(e.detail),
            })),
          }),
        );
        // PutEvents answers 200 even when entries fail: the per-entry results are the truth.
        if ((out.FailedEntryCount ?? 0) > 0 || (out.Entries ?? []).length !== batch.length) {
          batch.forEach((e, idx) => {
            const entry = out.Entries?.[idx];
            if (!entry || entry.ErrorCode || !entry.EventId) {
              failed.push({ eventId: e.eventId, reason: entry?.ErrorCode ?? 'missing entry result' });
            }
          });
        }
      }
      return { failed };
    },
  };
}

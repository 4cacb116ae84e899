import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { systemClock } from '../../shared/kernel/index.js';
import { busPublisher, mainDb } from '../../shared/runtime/aws.js';
import { isOutboxItem } from '../../shared/runtime/events/outbox.js';
import { OutboxPublishError, type RelayDeps, relayOutbox } from '../../shared/runtime/events/outbox-relay.js';
import { logger, withLambdaContext } from '../../shared/runtime/logger.js';

/**
 * Table stream → bus. The event source mapping filters to INSERTs of outbox items; failed events
 * are reported as batch item failures so only they (and what follows them) are retried.
 */
export const buildHandler = (deps: RelayDeps) =>
  middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
    .use(withLambdaContext(logger))
    .handler(async (event) => {
      const entries = event.Records.flatMap((r) => {
        const image = r.dynamodb?.NewImage;
        const item = image ? unmarshall(image as Record<string, AttributeValue>) : undefined;
        return r.eventName === 'INSERT' && isOutboxItem(item) ? [{ item, seq: r.dynamodb?.SequenceNumber ?? '' }] : [];
      });
      try {
        await relayOutbox(
          entries.map((e) => e.item),
          deps,
        );
        return { batchItemFailures: [] };
      } catch (err) {
        if (!(err instanceof OutboxPublishError)) throw err;
        const failed = new Set(err.failed.map((f) => f.eventId));
        logger.warn('Some outbox events were not accepted by the bus; retrying them', { failed: err.failed });
        return {
          batchItemFailures: entries.filter((e) => failed.has(e.item.eventId)).map((e) => ({ itemIdentifier: e.seq })),
        };
      }
    });

export const handler = buildHandler({ db: mainDb(), publisher: busPublisher(), clock: systemClock });

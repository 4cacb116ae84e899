import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
// The EventBridge schema alone: the envelopes entry point builds zod schemas for every AWS event
// source at import, which costs ~20 ms of cold start (measured in bench/bundles.ts).
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type { DetailOf, EventContract } from '../../../events/define-event.js';
import { logger } from '../logger.js';

/**
 * The shape of every event consumer: re-validate the event against its contract (Powertools
 * parser with the EventBridge schema, its detail replaced by the contract's), then run the use case. Errors are never swallowed: a
 * throw means retry, then the function's on-failure DLQ (with the error message as the reason).
 */
export function eventConsumer<C extends EventContract>(contract: C, run: (detail: DetailOf<C>) => Promise<void>) {
  return middy<EventBridgeEvent<string, unknown>, void, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parser({ schema: EventBridgeSchema.extend({ detail: contract.detail }) }))
    .handler(async (event: unknown) => {
      const typed = (event as { detail: DetailOf<C> }).detail;
      logger.appendKeys({ correlationId: typed.metadata.correlationId });
      await run(typed);
    });
}

type ConsumerHandler = (event: EventBridgeEvent<string, unknown>, context: Context) => Promise<void>;

/**
 * One function subscribed to several contracts (one rule each): hand each event to the consumer
 * built for its contract. An event no consumer here is for is an error (a rule points at the wrong function).
 */
export function eventRouter(
  // Each consumer's own parser narrows the event; the router only picks by source and detail-type.
  routes: readonly (readonly [EventContract, (event: never, context: Context) => Promise<unknown>])[],
): ConsumerHandler {
  return async (event, context) => {
    const route = routes.find(([c]) => c.source === event.source && c.detailType === event['detail-type']);
    if (!route) throw new Error(`No consumer in this function for ${event.source} ${event['detail-type']}`);
    await route[1](event as never, context);
  };
}

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { EventBridgeEnvelope } from '@aws-lambda-powertools/parser/envelopes/eventbridge';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type { DetailOf, EventContract } from '../../events/define-event.js';
import { logger } from './logger.js';

/**
 * The shape of every event consumer: re-validate the detail against its contract (Powertools
 * parser through the EventBridge envelope), then run the use case. Errors are never swallowed: a
 * throw means retry, then the function's on-failure DLQ (with the error message as the reason).
 */
export function eventConsumer<C extends EventContract>(contract: C, run: (detail: DetailOf<C>) => Promise<void>) {
  return middy<EventBridgeEvent<string, unknown>, void, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parser({ schema: contract.detail, envelope: EventBridgeEnvelope }))
    .handler(async (detail: unknown) => {
      const typed = detail as DetailOf<C>;
      logger.appendKeys({ correlationId: typed.metadata.correlationId });
      await run(typed);
    });
}

import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type { DetailOf, EventContract } from '../../../events/define-event.js';
import { logger, withLambdaContext } from '../logger.js';
// zod's English messages for the issues a schema does not word itself.
import '../../kernel/zod-messages.js';

/**
 * An event that does not match its contract. Named `ParseError` (as the Powertools parser named it):
 * retrying cannot fix it, so the local bus dead-letters it at once, and in AWS the on-failure queue
 * receives it with this message as the reason.
 */
export class ParseError extends Error {
  override readonly name = 'ParseError';
}

const describe = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 10)
    .map((i) => `${['detail', ...i.path.map(String)].join('.')}: ${i.message}`)
    .join('; ');

/**
 * Checks the EventBridge envelope (the fields a consumer relies on) and parses the detail with the
 * event's own contract, the one source of its shape. No generic EventBridge schema: the contract is
 * stricter, and building a second zod schema per event costs cold start (bench/bundles.ts).
 */
export function parseEvent<C extends EventContract>(contract: C, event: unknown): DetailOf<C> {
  if (typeof event !== 'object' || event === null) throw new ParseError('The event is not an object');
  const e = event as Record<string, unknown>;
  for (const field of ['source', 'detail-type'] as const) {
    if (typeof e[field] !== 'string') throw new ParseError(`The event has no ${field}`);
  }
  if (e.source !== contract.source || e['detail-type'] !== contract.detailType) {
    throw new ParseError(
      `Expected ${contract.source} ${contract.detailType}, got ${String(e.source)} ${String(e['detail-type'])}`,
    );
  }
  const parsed = contract.detail.safeParse(e.detail);
  if (!parsed.success)
    throw new ParseError(`${contract.detailType} does not match its contract: ${describe(parsed.error.issues)}`);
  return parsed.data as DetailOf<C>;
}

/**
 * The shape of every event consumer: validate the event against its contract, then run the use
 * case. Errors are never swallowed: a throw means retry, then the function's on-failure DLQ (with the
 * error message as the reason).
 */
export function eventConsumer<C extends EventContract>(contract: C, run: (detail: DetailOf<C>) => Promise<void>) {
  return middy<EventBridgeEvent<string, unknown>, void, Error, Context>()
    .use(withLambdaContext(logger))
    .handler(async (event: unknown) => {
      const detail = parseEvent(contract, event);
      logger.appendKeys({ correlationId: detail.metadata.correlationId });
      await run(detail);
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

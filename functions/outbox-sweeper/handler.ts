import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { systemClock } from '../../shared/kernel/index.js';
import { busPublisher, mainDb } from '../../shared/runtime/aws.js';
import type { AppConfig } from '../../shared/runtime/deps.js';
import { type RelayDeps, sweepOutbox } from '../../shared/runtime/events/outbox-relay.js';
import { logger, withLambdaContext } from '../../shared/runtime/logger.js';

type Deps = RelayDeps & { config: Pick<AppConfig, 'outboxSweepMinAgeMs'> };

/**
 * Publishes outbox items still pending after `outboxSweepMinAgeMs`. In AWS it is the safety net
 * behind the stream relay (items older than a minute); in the local stack it is the relay itself.
 */
export const buildHandler = (deps: Deps) =>
  middy<unknown, { relayed: number }, Error, Context>()
    .use(withLambdaContext(logger))
    .handler(async () => ({ relayed: await sweepOutbox(deps, deps.config.outboxSweepMinAgeMs) }));

export const handler = buildHandler({
  db: mainDb(),
  publisher: busPublisher(),
  clock: systemClock,
  config: { outboxSweepMinAgeMs: 60_000 },
});

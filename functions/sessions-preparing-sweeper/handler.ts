import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { sweepPreparingSessions } from '../../shared/forums/index.js';
import { type Clock, systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { logger, withLambdaContext } from '../../shared/runtime/logger.js';
import type { Db } from '../../shared/runtime/store/db.js';

/** Every few minutes: removes sessions whose preparation was cut short (ADR 0008), with their invitations. */
export const buildHandler = (deps: { db: Db; clock: Clock }) =>
  middy<unknown, { discarded: number }, Error, Context>()
    .use(withLambdaContext(logger))
    .handler(async () => {
      const swept = await sweepPreparingSessions(deps);
      if (swept.discarded > 0) logger.info('Discarded sessions left preparing', swept);
      return swept;
    });

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

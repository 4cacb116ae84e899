import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { type AnchorDeps, anchorChainHeads } from '../../shared/decisions/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { logger, withLambdaContext } from '../../shared/runtime/logger.js';
import { s3AnchorStoreFromEnv } from '../../shared/runtime/s3-anchor-store.js';

type Written = { name: string; chains: number; digest: string };

/** Every hour: a write-once digest of every decision's audit chain head (docs/decisions/0003 §5). */
export const buildHandler = (deps: AnchorDeps) =>
  middy<unknown, Written, Error, Context>()
    .use(withLambdaContext(logger))
    .handler(async () => {
      const { name, anchor } = await anchorChainHeads(deps);
      const written = { name, chains: anchor.chains.length, digest: anchor.digest };
      logger.info('Audit anchor written', written);
      return written;
    });

export const handler = buildHandler({ db: mainDb(), clock: systemClock, anchors: s3AnchorStoreFromEnv() });

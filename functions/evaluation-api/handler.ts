import { evaluationOperations, evaluationRoutes } from '../../shared/evaluation/index.js';
import { type Clock, systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { type ApiHandlerOptions, apiHandler } from '../../shared/runtime/http/api.js';
import type { Db } from '../../shared/runtime/store/db.js';
import { evaluationSources } from './sources.js';

/** The evaluation: ladder answers, staff activities, lived-experience roles, self-assessment, the annual evaluation. */
export const buildHandler = (deps: { db: Db; clock: Clock }, options?: ApiHandlerOptions) =>
  apiHandler(
    evaluationRoutes,
    evaluationOperations,
    { db: deps.db, clock: deps.clock, sources: evaluationSources(deps) },
    options,
  );

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

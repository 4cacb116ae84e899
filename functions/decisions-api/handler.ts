import { type DecisionDeps, decisionOperations, decisionRoutes } from '../../shared/decisions/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { auditDb, mainDb } from '../../shared/runtime/aws.js';
import { type ApiHandlerOptions, apiHandler } from '../../shared/runtime/http/api.js';

/** Decisions: propose, amend, read, list, sign; each change appended to the audit chain in the same transaction. */
export const buildHandler = (deps: DecisionDeps, options?: ApiHandlerOptions) =>
  apiHandler(decisionRoutes, decisionOperations, deps, options);

export const handler = buildHandler({ db: mainDb(), auditDb: auditDb(), clock: systemClock });

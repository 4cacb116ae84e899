/**
 * The evaluation context: is this service co-producing? Ladder answers on sessions and decisions,
 * staff practice, lived-experience roles, the self-assessment of Table 3's nine actions, and the
 * annual evaluation of an area that joins them to forums, decisions and payments. Other contexts,
 * functions and infra use only what is exported here.
 */

export { evaluationKeys } from './adapters/key-prefixes.js';
export type { EvaluationDeps, EvaluationSources, EvaluationWriteDeps } from './app/deps.js';
export { askAttendees, askSigner } from './app/ladder.js';
export { workRecordOf } from './app/roles.js';
export { evaluationOperations } from './http/operations.js';
export { evaluationRoutes } from './http/routes.js';

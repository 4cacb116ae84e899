/**
 * The reporting context: the co-production report governance and coordinators read, counted from
 * the forums, decisions, participants and payments contexts. Functions use only what is exported here.
 */
export type { ReportDeps } from './app/report.js';
export { reportOperations } from './http/operations.js';
export { reportRoutes } from './http/routes.js';

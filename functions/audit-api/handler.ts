import { type AuditDeps, auditOperations, auditRoutes } from '../../shared/decisions/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { type ReportDeps, reportOperations, reportRoutes } from '../../shared/reporting/index.js';
import { auditDb, mainDb } from '../../shared/runtime/aws.js';
import { type ApiHandlerOptions, apiHandler } from '../../shared/runtime/http/api.js';
import { s3AnchorStoreFromEnv } from '../../shared/runtime/s3-anchor-store.js';

/** Governance, read-only: the decision log, its CSV and chain check (decisions), and the co-production report (reporting). */
const routes = { ...auditRoutes, ...reportRoutes };
const operations = { ...auditOperations, ...reportOperations };

export const buildHandler = (deps: AuditDeps & ReportDeps, options?: ApiHandlerOptions) =>
  apiHandler(routes, operations, deps, options);

export const handler = buildHandler({
  db: mainDb(),
  auditDb: auditDb(),
  clock: systemClock,
  anchors: s3AnchorStoreFromEnv(),
});

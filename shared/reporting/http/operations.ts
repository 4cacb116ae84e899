import type { Operations } from '../../runtime/http/api.js';
import { buildCoproductionReport, type ReportDeps } from '../app/report.js';
import type { reportRoutes } from './routes.js';

/** Each reporting route mapped to its use case. */
export const reportOperations: Operations<typeof reportRoutes, ReportDeps> = {
  coproductionReport: async (req, deps) => ({
    status: 200,
    json: await buildCoproductionReport(req.query, deps),
    headers: { 'cache-control': 'no-store' },
  }),
};

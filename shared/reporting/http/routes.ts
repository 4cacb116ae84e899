import { defineRoutes } from '../../runtime/http/routes.js';
import { CoproductionReport } from '../domain/report.js';
import { reportRangeQuery } from './query.js';

/** Served by audit-api (read-only, beside the governance log). */
export const reportRoutes = defineRoutes('audit-api', {
  coproductionReport: {
    method: 'GET',
    path: '/api/reports/coproduction',
    roles: ['governance', 'coordinator'],
    summary: 'The co-production report for a date range: presence at forums, decisions co-signed, payments made.',
    query: reportRangeQuery,
    responses: { 200: CoproductionReport },
  },
});

import { type AuditDeps, auditCsv, auditDecisions, verifyAuditLog } from '../../shared/decisions/app/audit.js';
import { parseDateRange, parseStatus } from '../../shared/decisions/app/query.js';
import { type Clock, systemClock } from '../../shared/kernel/index.js';
import { buildCoproductionReport, parseReportRange } from '../../shared/reporting/app/report.js';
import { auditDb, mainDb } from '../../shared/runtime/aws.js';
import { apiHandler } from '../../shared/runtime/http/legacy-api.js';
import { parseLimit } from '../../shared/runtime/store/pagination.js';
import { decisionFunctions } from '../catalogue/decisions.js';

const routes = decisionFunctions.find((f) => f.name === 'audit-api')!.routes!;

export const buildHandler = (deps: AuditDeps & { clock: Clock }) =>
  apiHandler(
    routes,
    {
      'GET /api/audit/verify': async () => ({ status: 200, json: await verifyAuditLog(deps) }),
      'GET /api/audit/decisions': async (req) => ({
        status: 200,
        json: await auditDecisions(
          {
            ...parseDateRange(req.query),
            status: parseStatus(req.query.status),
            limit: parseLimit(req.query.limit),
            cursor: req.query.cursor,
          },
          deps,
        ),
      }),
      'GET /api/audit/decisions.csv': async (req) => {
        const range = parseDateRange(req.query);
        const { csv, truncated } = await auditCsv({ ...range, status: parseStatus(req.query.status) }, deps);
        const name = `decisions-${range.from ?? 'start'}-to-${range.to ?? 'now'}.csv`;
        return {
          status: 200,
          text: csv,
          contentType: 'text/csv; charset=utf-8',
          headers: {
            'content-disposition': `attachment; filename="${name}"`,
            'cache-control': 'no-store',
            ...(truncated ? { 'x-export-truncated': 'true' } : {}),
          },
        };
      },
      'GET /api/reports/coproduction': async (req) => ({
        status: 200,
        json: await buildCoproductionReport(parseReportRange(req.query), deps),
        headers: { 'cache-control': 'no-store' },
      }),
    },
    deps,
  );

export const handler = buildHandler({ db: mainDb(), auditDb: auditDb(), clock: systemClock });

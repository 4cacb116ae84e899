import type { Clock } from '../../kernel/index.js';
import type { Db } from '../../runtime/store/db.js';
import { type CoproductionReport, coproductionReport, type ReportRange } from '../domain/report.js';
import { decisionsForReport, paymentsForReport, sessionsForReport } from './sources.js';

export type ReportDeps = { db: Db; clock: Clock };

/**
 * Reads for the report, no Scan: forums and their sessions by forum-local date with who attended
 * (forums), decisions by date (gsi1), and payments by status and day (gsi1).
 */
export async function buildCoproductionReport(range: ReportRange, deps: ReportDeps): Promise<CoproductionReport> {
  const [forums, decisions, payments] = await Promise.all([
    sessionsForReport(range, deps),
    decisionsForReport(range, deps),
    paymentsForReport(deps.db, range),
  ]);
  return coproductionReport({
    range,
    generatedAt: deps.clock.now().toISOString(),
    forums,
    decisions,
    settled: payments.settled,
    held: payments.held,
  });
}

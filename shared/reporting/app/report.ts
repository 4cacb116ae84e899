import { decisionsProposedBetween } from '../../decisions/adapters/decisions-repo.js';
import { parseDateRange } from '../../decisions/app/query.js';
import { forumSessionsBetween, listAllForums } from '../../forums/adapters/forums-repo.js';
import type { Clock, Constituency } from '../../kernel/index.js';
import { ValidationError } from '../../kernel/index.js';
import { getParticipants } from '../../participants/index.js';
import { paymentsPayableBetween } from '../../payments/adapters/payments-repo.js';
import type { Db } from '../../runtime/store/db.js';
import {
  type CoproductionReport,
  coproductionReport,
  daysInRange,
  MAX_REPORT_DAYS,
  type ReportRange,
} from '../domain/report.js';

export type ReportDeps = { db: Db; clock: Clock };

/** `?from=&to=`: both required, real dates, in order, at most 366 days; otherwise a 400 naming the field. */
export function parseReportRange(query: Record<string, string>): ReportRange {
  const missing: { path: string; message: string }[] = [];
  if (!query.from) missing.push({ path: 'from', message: 'Enter the start date, like 2026-03-01.' });
  if (!query.to) missing.push({ path: 'to', message: 'Enter the end date, like 2026-03-31.' });
  if (missing.length) {
    // Report a malformed other field too, so the form shows every problem at once.
    try {
      parseDateRange(query);
    } catch (err) {
      if (err instanceof ValidationError)
        missing.push(...err.issues.filter((i) => !missing.some((m) => m.path === i.path)));
    }
    throw new ValidationError(missing);
  }
  const { from, to } = parseDateRange(query) as ReportRange;
  if (daysInRange({ from, to }) > MAX_REPORT_DAYS) {
    throw new ValidationError([{ path: 'to', message: `Choose a range of at most ${MAX_REPORT_DAYS} days.` }]);
  }
  return { from, to };
}

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Run `fn` over `items`, `width` at a time. */
async function inBatches<T, R>(items: readonly T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

/**
 * Reads for the report, no Scan: the forums index, then each forum's sessions index over the range
 * widened by a day each side (forum-local dates are decided in the domain), one BatchGet of the
 * attendees, decisions by date (gsi1), and payments by status and day (gsi1).
 */
export async function buildCoproductionReport(range: ReportRange, deps: ReportDeps): Promise<CoproductionReport> {
  const { db } = deps;
  const [forums, decisions, settled, held] = await Promise.all([
    listAllForums(db),
    decisionsProposedBetween(db, range.from, range.to),
    Promise.all(
      (['due', 'issued', 'failed', 'declined'] as const).map((s) =>
        paymentsPayableBetween(db, s, range.from, range.to),
      ),
    ).then((lists) => lists.flat()),
    paymentsPayableBetween(db, 'held', range.from, range.to),
  ]);
  const lo = `${dayBefore(range.from)}T00:00:00.000Z`;
  const hi = `${dayAfter(range.to)}T23:59:59.999Z`;
  const withSessions = await inBatches(forums, 8, async (forum) => ({
    forum,
    sessions: await forumSessionsBetween(db, forum.forumId, lo, hi),
  }));
  const attendeeIds = withSessions.flatMap((f) =>
    f.sessions.flatMap((s) => (s.status === 'held' ? (s.attendance ?? []).map((a) => a.participantId) : [])),
  );
  const participants = await getParticipants(db, attendeeIds);
  const constituencies = new Map<string, Constituency>(
    [...participants.values()].map((p) => [p.participantId, p.constituency]),
  );
  return coproductionReport({
    range,
    generatedAt: deps.clock.now().toISOString(),
    forums: withSessions,
    constituencies,
    decisions,
    settled,
    held,
  });
}

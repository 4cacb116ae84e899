import type { Clock, Constituency } from '../../kernel/index.js';
import type { Db } from '../../runtime/store/db.js';
import { type CoproductionReport, coproductionReport, type ForumRules, type ReportRange } from '../domain/report.js';
import {
  attendedQuorum,
  decisionsForReport,
  forumSessionsBetween,
  getParticipants,
  listAllForums,
  paymentsPayableBetween,
  wallClock,
} from './sources.js';

export type ReportDeps = { db: Db; clock: Clock };

/** The forums context's own rules for a session's local date and for presence. */
export const forumRules: ForumRules = {
  localDate: (iso, timeZone) => wallClock(iso, timeZone).date,
  presenceMet: (rule, attendees) => attendedQuorum(rule, attendees).status === 'met',
};

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
    decisionsForReport(range, deps),
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
  return coproductionReport(
    {
      range,
      generatedAt: deps.clock.now().toISOString(),
      forums: withSessions,
      constituencies,
      decisions,
      settled,
      held,
    },
    forumRules,
  );
}

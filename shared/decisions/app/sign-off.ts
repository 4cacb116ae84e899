import { buildEvent } from '../../../events/define-event.js';
import { DecisionSignOffDue, DecisionSignOffOverdue } from '../../../events/index.js';
import { type Clock, isoNow } from '../../kernel/index.js';
import type { SchedulerPort } from '../../runtime/deps.js';
import { retryBudgets, retryOptimistic, transact } from '../../runtime/store/db.js';
import { getDecision } from '../adapters/decisions-repo.js';
import { markedOverdue } from '../domain/decisions.js';
import { type DecisionDeps, decisionChange } from './decision-change.js';

/**
 * The overdue check (docs/decisions/0003-hash-chained-audit-log.md explains the choice): one
 * one-time schedule per decision and due date, created from DecisionProposed / DecisionAmended,
 * fires DecisionSignOffDue at the due date; the consumer then turns a decision that is still not
 * co-signed into `overdue` (DecisionSignOffOverdue). Nothing polls and nothing scans.
 *
 * The schedule name carries the due date, so a moved due date makes a new schedule instead of
 * racing the old one; a schedule for a date that is no longer the decision's is a no-op when it fires.
 */
export type SignOffDeps = DecisionDeps & { scheduler: SchedulerPort; clock: Clock };

export const signOffScheduleName = (decisionId: string, dueAt: string) =>
  `decision-due-${decisionId}-${Math.floor(new Date(dueAt).getTime() / 1000)}`;

export async function scheduleSignOffCheck(
  data: { decisionId: string; signOffDueAt: string },
  deps: SignOffDeps,
): Promise<'scheduled' | OverdueOutcome> {
  // Already due (the event arrived late): check now rather than schedule in the past.
  if (new Date(data.signOffDueAt).getTime() <= deps.clock.now().getTime()) return raiseOverdue(data, deps);
  const due = buildEvent(
    DecisionSignOffDue,
    { decisionId: data.decisionId, signOffDueAt: data.signOffDueAt },
    {
      idempotencyKey: `decision-sign-off-due:${data.decisionId}:${data.signOffDueAt}`,
      occurredAt: data.signOffDueAt,
    },
  );
  await deps.scheduler.upsert({
    name: signOffScheduleName(data.decisionId, data.signOffDueAt),
    at: data.signOffDueAt,
    source: due.source,
    detailType: due.detailType,
    detail: due.detail,
  });
  return 'scheduled';
}

export type OverdueOutcome = 'raised' | 'already-overdue' | 'co-signed' | 'due-date-moved' | 'not-yet-due' | 'gone';

/**
 * Mark the decision overdue, if it still is not co-signed at this due date. Idempotent: a second
 * delivery finds it already overdue; a concurrent signature or amendment makes the version check
 * fail and the check runs again on the new state (within the shared-record budget; past it the
 * error goes back to the bus, which retries the delivery).
 */
export function raiseOverdue(
  data: { decisionId: string; signOffDueAt: string },
  deps: SignOffDeps,
): Promise<OverdueOutcome> {
  return retryOptimistic(retryBudgets.sharedRecord, async (): Promise<OverdueOutcome> => {
    const before = await getDecision(deps.db, data.decisionId);
    if (!before) return 'gone';
    const due = new Date(data.signOffDueAt).getTime();
    if (new Date(before.signOffDueAt).getTime() !== due) return 'due-date-moved';
    if (before.status === 'co-signed') return 'co-signed';
    if (before.overdueSince) return 'already-overdue';
    if (deps.clock.now().getTime() < due) {
      // Fired early (clock skew): look again at the due time.
      await scheduleSignOffCheck(data, deps);
      return 'not-yet-due';
    }
    const now = isoNow(deps.clock);
    const event = buildEvent(
      DecisionSignOffOverdue,
      { decisionId: before.decisionId, signOffDueAt: before.signOffDueAt, textHash: before.textHash },
      { idempotencyKey: `decision-sign-off-overdue:${before.decisionId}:${before.signOffDueAt}`, occurredAt: now },
    );
    const { items } = decisionChange(deps, { before, after: markedOverdue(before, now), events: [event], now });
    await transact(deps.db, items);
    return 'raised';
  });
}

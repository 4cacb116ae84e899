import type { Db } from '../../runtime/store/db.js';
import { feedbackOfAreaBetween } from '../adapters/feedback-repo.js';
import type { FeedbackStatus } from '../domain/feedback.js';

/** One item as the evaluation counts it (the shape of shared/evaluation/domain/indicators.ts FeedbackRecord). */
export type FeedbackRecord = {
  feedbackId: string;
  status: FeedbackStatus;
  raisedAt: string;
  closedAt?: string | null;
  reportedBackAt?: string | null;
};

/**
 * The items raised at the area's forums in a calendar year, for the annual evaluation. The year is
 * the calendar year of `raisedAt` where the forum is (its time zone, which is its jurisdiction's),
 * stored on the item as `raisedOn` when it was raised; the area is the forum's area at that time.
 * One Query on gsi2 (`FEEDBACK#AREA#<areaId>`), no Scan.
 */
export async function feedbackOfAreaYear(
  deps: { db: Db },
  input: { areaId: string; year: number },
): Promise<FeedbackRecord[]> {
  const items = await feedbackOfAreaBetween(deps.db, input.areaId, {
    from: `${input.year}-01-01`,
    to: `${input.year}-12-31`,
  });
  return items.map((i) => ({
    feedbackId: i.feedbackId,
    status: i.status,
    raisedAt: i.raisedAt,
    closedAt: i.closedAt ?? null,
    reportedBackAt: i.reportedBackAt ?? null,
  }));
}

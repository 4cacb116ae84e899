import type { Db } from '../../runtime/store/db.js';
import { decisionsProposedBetween } from '../adapters/decisions-repo.js';
import { type DecisionOutcome, outcomeOf } from '../domain/views.js';

/**
 * For the contexts that count decisions (reporting now, the evaluation next): every decision
 * proposed between two dates (inclusive, by the UTC date proposed), each with its status now and
 * when it was co-signed. One Query on gsi1, all pages (D5).
 */
export async function decisionsForReport(
  range: { from: string; to: string },
  deps: { db: Db },
): Promise<DecisionOutcome[]> {
  return (await decisionsProposedBetween(deps.db, range.from, range.to)).map(outcomeOf);
}

import type { Constituency } from '../../kernel/index.js';
import type { Db } from '../../runtime/store/db.js';
import { decisionsProposedBetween, getDecisionHistory } from '../adapters/decisions-repo.js';
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

/**
 * For the evaluation's ladder: the decision as it stands, its title, and everyone who signed it
 * (approved or objected, on any revision), each once with their constituency. One Query on the
 * decision's item collection (D2); undefined when there is no such decision.
 */
export async function decisionSigners(
  decisionId: string,
  deps: { db: Db },
): Promise<
  | { outcome: DecisionOutcome; title: string; signers: { participantId: string; constituency: Constituency }[] }
  | undefined
> {
  const history = await getDecisionHistory(deps.db, decisionId);
  if (!history) return undefined;
  const signers = new Map(history.signatures.map((s) => [s.participantId, s.constituency] as const));
  return {
    outcome: outcomeOf(history.decision),
    title: history.decision.title,
    signers: [...signers].map(([participantId, constituency]) => ({ participantId, constituency })),
  };
}

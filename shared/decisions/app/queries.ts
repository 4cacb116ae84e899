import type { Db } from '../../runtime/store/db.js';
import { getDecision } from '../adapters/decisions-repo.js';
import type { Decision } from '../domain/decisions.js';

/** What other contexts ask of decisions (feedback links decisions of the same forum). Reads only. */
export type DecisionQueryDeps = { db: Db };

/** The decision's forum, session and status, or undefined when there is none (a consistent Get). */
export async function decisionById(
  decisionId: string,
  deps: DecisionQueryDeps,
): Promise<Pick<Decision, 'decisionId' | 'forumId' | 'sessionId' | 'status'> | undefined> {
  const d = await getDecision(deps.db, decisionId);
  if (!d) return undefined;
  return { decisionId: d.decisionId, forumId: d.forumId, sessionId: d.sessionId, status: d.status };
}

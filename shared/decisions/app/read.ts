import { type Actor, NotFoundError, ValidationError } from '../../kernel/index.js';
import type { Db } from '../../runtime/store/db.js';
import type { Page } from '../../runtime/store/pagination.js';
import {
  getDecisionHistory,
  listDecisions,
  listOpenDecisions,
  signedByParticipant,
} from '../adapters/decisions-repo.js';
import type { DecisionStatus } from '../domain/decisions.js';
import { type AwaitingSummary, type DecisionView, summaryOf, viewOf } from '../domain/views.js';
import { assertMayTakePart, forumsOf, mayReadEveryDecision, memberOf, takingPart } from './access.js';
import { getForum } from './forums-port.js';

/**
 * One decision with its history. Coordinators and governance read any; a member reads only a
 * decision they may sign (mayTakePart), else 403 with the reason. 403 rather than 404: signing
 * must answer 403 (and an unknown id 404), so a 404 here would hide nothing; the reason helps a
 * member who followed a forwarded link; and the ids are ULIDs (80 random bits), not enumerable.
 */
export async function readDecision(id: string, actor: Actor, deps: { db: Db }): Promise<DecisionView> {
  const h = await getDecisionHistory(deps.db, id);
  if (!h) throw new NotFoundError('decision');
  const forum = await getForum(deps.db, h.decision.forumId);
  if (mayReadEveryDecision(actor)) return viewOf(h, { commentsFor: 'all', texts: true, forum });
  const member = await memberOf(actor, deps.db, 'see');
  await assertMayTakePart(h.decision, member, deps.db, forum);
  return viewOf(h, { commentsFor: member.participantId, texts: true, forum });
}

/** How many index pages "awaiting me" reads at most to fill one answer before handing back a cursor. */
const AWAITING_PAGES = 5;

/**
 * Coordinators and governance: every decision (optionally by status), newest first, unless they ask
 * for those awaiting them. Members (whatever they ask): the open decisions they may sign
 * (mayTakePart) and have not signed at their current text ("awaiting my signature"). The open
 * decisions are filtered page by page, so an answer may hold fewer than `limit`; a page that
 * filters down to nothing is followed by the next (a few at most).
 */
export async function listDecisionsFor(
  actor: Actor,
  q: { limit: number; cursor?: string; status?: DecisionStatus; awaitingMe: boolean },
  deps: { db: Db },
): Promise<Page<AwaitingSummary>> {
  const awaitingMe = q.awaitingMe || !actor.roles.some((r) => r !== 'member');
  if (mayReadEveryDecision(actor) && !awaitingMe) {
    const page = await listDecisions(deps.db, { ...q, newestFirst: true });
    const forums = await forumsOf(
      deps.db,
      page.items.map((d) => d.forumId),
    );
    return { items: page.items.map((d) => summaryOf(d, forums.get(d.forumId))), nextCursor: page.nextCursor };
  }
  if (!actor.participantId) {
    throw new ValidationError([
      { path: 'awaiting', message: 'Only a member signed in as a participant has decisions awaiting them.' },
    ]);
  }
  const member = await memberOf(actor, deps.db, 'see');
  let cursor = q.cursor;
  for (let round = 1; ; round++) {
    const page = await listOpenDecisions(deps.db, { limit: q.limit, cursor });
    const forums = await forumsOf(
      deps.db,
      page.items.map((d) => d.forumId),
    );
    const open = page.items.filter((d) => !q.status || d.status === q.status);
    const mayTake = await takingPart(open, member, forums, deps.db);
    const mine = await signedByParticipant(deps.db, mayTake, member.participantId);
    const items = mayTake
      .filter((d) => !mine.has(d.decisionId))
      .map((d) => ({ ...summaryOf(d, forums.get(d.forumId)), awaitingMe: true as const }));
    if (items.length > 0 || !page.nextCursor || round >= AWAITING_PAGES) {
      return { items, nextCursor: page.nextCursor };
    }
    cursor = page.nextCursor;
  }
}

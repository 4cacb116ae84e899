import { type Clock, newId } from '../../kernel/index.js';
import type { AnchorStore } from '../../runtime/deps.js';
import type { Db } from '../../runtime/store/db.js';
import { listDecisions } from '../adapters/decisions-repo.js';
import { type Anchor, anchorOf } from '../domain/anchor.js';
import { utcIso } from '../domain/decisions.js';

export type AnchorDeps = { db: Db; clock: Clock; anchors: AnchorStore };

/**
 * The hourly anchor (audit-anchor): the head of every decision's chain as the decisions record it,
 * and a digest over them all, written once to storage nobody can change afterwards (S3 Object Lock
 * in AWS). Decisions are read from GSI1 page by page (a Query, never a Scan); a head read slightly
 * behind the table is still a head the chain passed through, so it anchors just as well.
 */
export async function anchorChainHeads(deps: AnchorDeps): Promise<{ name: string; anchor: Anchor }> {
  const heads: Anchor['chains'] = [];
  let cursor: string | undefined;
  do {
    const page = await listDecisions(deps.db, { limit: 100, cursor });
    for (const d of page.items) {
      if (d.audit.length > 0) heads.push({ decisionId: d.decisionId, length: d.audit.length, hash: d.audit.hash });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const takenAt = deps.clock.now();
  const anchor = anchorOf(heads, newId(), utcIso(takenAt));
  const { name } = await deps.anchors.put({ takenAt, body: JSON.stringify(anchor) });
  return { name, anchor };
}

import type { Db } from '../../runtime/store/db.js';
import type { Page } from '../../runtime/store/pagination.js';
import { listChainIds, readChain } from '../adapters/audit-repo.js';
import {
  type DecisionQuery,
  getDecisionHistory,
  getDecisionsConsistent,
  listDecisions,
} from '../adapters/decisions-repo.js';
import { type AuditVerdict, entryIdOf, verifyChain } from '../domain/hash-chain.js';
import { type DecisionView, viewOf } from '../domain/views.js';
import { forumsOf } from './access.js';

/** Governance's reads of the log: decisions with their full history, and the check of the audit chains. */
export type AuditDeps = { db: Db; auditDb: Db };

/** Governance: decisions by date (and status) with their full signature and revision history. */
export async function auditDecisions(q: DecisionQuery, deps: Pick<AuditDeps, 'db'>): Promise<Page<DecisionView>> {
  const page = await listDecisions(deps.db, { ...q, newestFirst: true });
  const [histories, forums] = await Promise.all([
    Promise.all(page.items.map((d) => getDecisionHistory(deps.db, d.decisionId))),
    forumsOf(
      deps.db,
      page.items.map((d) => d.forumId),
    ),
  ]);
  return {
    items: histories.flatMap((h) =>
      h ? [viewOf(h, { commentsFor: 'all', texts: false, forum: forums.get(h.decision.forumId) })] : [],
    ),
    nextCursor: page.nextCursor,
  };
}

/**
 * Walk every chain and name the first broken entry. Chains are found without a Scan: the decisions
 * on GSI1 and the chain registry in the audit table (a Query each), cross-checked so that a removed
 * chain, a removed registration and a removed decision all show. Order of reads matters for a log
 * that is being written to meanwhile: decisions first, then the registry (each decision's
 * registration was committed with it), then each decision's head read consistently, then its chain
 * (entries appended after the head was read are checked link by link).
 */
export async function verifyAuditLog(deps: AuditDeps, opts: { concurrency?: number } = {}): Promise<AuditVerdict> {
  const listed: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDecisions(deps.db, { limit: 100, cursor });
    listed.push(...page.items.map((d) => d.decisionId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const registered = new Set(await listChainIds(deps.auditDb));
  const ids = [...new Set([...listed, ...registered])].sort();
  const heads = await getDecisionsConsistent(deps.db, ids);

  type Result = { entries: number; broken?: { firstBrokenEntry: string; reason: string } };
  const check = async (id: string): Promise<Result> => {
    const decision = heads.get(id);
    if (!decision) {
      return {
        entries: 0,
        broken: {
          firstBrokenEntry: entryIdOf(id, 1),
          reason: `The audit log has a chain for decision ${id}, but the decision itself has been removed.`,
        },
      };
    }
    if (!registered.has(id)) {
      return {
        entries: 0,
        broken: {
          firstBrokenEntry: entryIdOf(id, 1),
          reason: `Decision ${id} is missing from the register of audit chains: the registration was removed.`,
        },
      };
    }
    const verdict = verifyChain(id, await readChain(deps.auditDb, id), decision.audit);
    return verdict.ok
      ? { entries: verdict.entries }
      : { entries: verdict.entries, broken: { firstBrokenEntry: verdict.firstBrokenEntry, reason: verdict.reason } };
  };

  const size = opts.concurrency ?? 8;
  let entries = 0;
  for (let i = 0; i < ids.length; i += size) {
    const results = await Promise.all(ids.slice(i, i + size).map(check));
    for (const r of results) {
      entries += r.entries;
      if (r.broken) return { ok: false, entries, chains: ids.length, ...r.broken };
    }
  }
  return { ok: true, entries, chains: ids.length };
}

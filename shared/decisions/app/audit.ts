import type { Clock } from '../../kernel/index.js';
import type { AnchorStore } from '../../runtime/deps.js';
import type { Db } from '../../runtime/store/db.js';
import type { Page } from '../../runtime/store/pagination.js';
import { listChainIds, readChain } from '../adapters/audit-repo.js';
import {
  type DecisionQuery,
  getDecisionHistory,
  getDecisionsConsistent,
  listDecisions,
  type StoredDecision,
} from '../adapters/decisions-repo.js';
import { type Anchor, checkAgainstAnchor, readAnchor } from '../domain/anchor.js';
import { type AuditVerdict, entryIdOf, type StoredEntry, verifyChain } from '../domain/hash-chain.js';
import { type DecisionView, viewOf } from '../domain/views.js';
import { forumsOf } from './access.js';

/** Governance's reads of the log: decisions with their full history, and the check of the audit chains. */
export type AuditDeps = { db: Db; auditDb: Db; clock: Clock; anchors: AnchorStore };

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

type Broken = { firstBrokenEntry: string; reason: string };
export type VerifyOptions = {
  concurrency?: number;
  /** 'latest' (the API): the newest anchor; 'all' (npm run audit:verify --all-anchors): every anchor kept. */
  anchors?: 'latest' | 'all';
};

/**
 * Walk every chain and name the first broken entry, then hold the chains against the newest anchor.
 *
 * Chains are found without a Scan: the decisions on GSI1 and the chain registry in the audit table
 * (a Query each), cross-checked so that a removed chain, a removed registration and a removed
 * decision all show, and with the chains the anchor recorded, so a chain removed whole with its
 * decision shows too. Order of reads matters for a log that is being written to meanwhile: the
 * anchor first (it describes an earlier state), then decisions, then the registry (each decision's
 * registration was committed with it); then for each chain its entries, then its head read
 * consistently — every entry read so far must be on the head's walk — and, only when the walk
 * breaks, its entries again (everything the head knows was committed before that second read).
 */
export async function verifyAuditLog(deps: AuditDeps, opts: VerifyOptions = {}): Promise<AuditVerdict> {
  const stored = await deps.anchors.latest(deps.clock.now());
  const latest = stored ? readAnchor(stored) : undefined;
  const anchorSeen = latest?.ok
    ? { anchorId: latest.anchor.anchorId, takenAt: latest.anchor.takenAt, chains: latest.anchor.chains.length }
    : null;
  if (latest && !latest.ok) {
    return {
      ok: false,
      entries: 0,
      chains: 0,
      firstBrokenEntry: `anchor/${stored?.name ?? ''}`,
      reason: latest.reason,
      anchor: null,
    };
  }
  const anchored = new Map(latest?.ok ? latest.anchor.chains.map((c) => [c.decisionId, c] as const) : []);

  const listed: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDecisions(deps.db, { limit: 100, cursor });
    listed.push(...page.items.map((d) => d.decisionId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const registered = new Set(await listChainIds(deps.auditDb));
  const ids = [...new Set([...listed, ...registered, ...anchored.keys()])].sort();

  type Result = { entries: number; hashes?: string[]; broken?: Broken };
  const check = async (id: string, decision: StoredDecision | undefined, before: StoredEntry[]): Promise<Result> => {
    if (!decision && !registered.has(id) && before.length === 0 && anchored.has(id)) {
      return { entries: 0 };
    }
    if (!decision) {
      return {
        entries: before.length,
        broken: {
          firstBrokenEntry: entryIdOf(id, 1),
          reason: `The audit log has a chain for decision ${id}, but the decision itself has been removed.`,
        },
      };
    }
    if (!registered.has(id)) {
      return {
        entries: before.length,
        broken: {
          firstBrokenEntry: entryIdOf(id, 1),
          reason: `Decision ${id} is missing from the register of audit chains: the registration was removed.`,
        },
      };
    }
    let verdict = verifyChain(id, decision.audit, { before });
    if (!verdict.ok) verdict = verifyChain(id, decision.audit, { before, after: await readChain(deps.auditDb, id) });
    return verdict.ok
      ? { entries: verdict.entries, hashes: verdict.hashes }
      : { entries: verdict.entries, broken: { firstBrokenEntry: verdict.firstBrokenEntry, reason: verdict.reason } };
  };

  const size = opts.concurrency ?? 8;
  const verified = new Map<string, string[]>();
  let entries = 0;
  const verdict = (broken?: Broken): AuditVerdict =>
    broken
      ? { ok: false, entries, chains: ids.length, ...broken, anchor: anchorSeen }
      : { ok: true, entries, chains: ids.length, anchor: anchorSeen };
  for (let i = 0; i < ids.length; i += size) {
    const batch = ids.slice(i, i + size);
    const chains = await Promise.all(batch.map((id) => readChain(deps.auditDb, id)));
    const heads = await getDecisionsConsistent(deps.db, batch);
    const results = await Promise.all(batch.map((id, j) => check(id, heads.get(id), chains[j] ?? [])));
    for (const [j, r] of results.entries()) {
      entries += r.entries;
      if (r.broken) return verdict(r.broken);
      const id = batch[j];
      if (id && r.hashes) verified.set(id, r.hashes);
    }
  }

  // The chains against the anchor(s): grown since is fine; shorter or different is not.
  const against = async function* (): AsyncIterable<Anchor> {
    if (latest?.ok) yield latest.anchor;
    if (opts.anchors !== 'all') return;
    for await (const s of deps.anchors.all()) {
      const read = readAnchor(s);
      if (!read.ok) throw new AnchorUnreadableError(s.name, read.reason);
      if (!latest?.ok || read.anchor.anchorId !== latest.anchor.anchorId) yield read.anchor;
    }
  };
  try {
    for await (const anchor of against()) {
      for (const head of anchor.chains) {
        const broken = checkAgainstAnchor(head.decisionId, verified.get(head.decisionId), head, anchor);
        if (broken) return verdict(broken);
      }
    }
  } catch (err) {
    if (err instanceof AnchorUnreadableError)
      return verdict({ firstBrokenEntry: `anchor/${err.anchorName}`, reason: err.message });
    throw err;
  }
  return verdict();
}

class AnchorUnreadableError extends Error {
  constructor(
    readonly anchorName: string,
    reason: string,
  ) {
    super(reason);
  }
}

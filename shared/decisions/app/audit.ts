import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../runtime/store/db.js';
import type { Page } from '../../runtime/store/pagination.js';
import { listChainIds, readChain } from '../adapters/audit-repo.js';
import {
  type DecisionQuery,
  getDecisionHistory,
  getDecisionsConsistent,
  listDecisions,
} from '../adapters/decisions-repo.js';
import { entryIdOf, verifyChain } from '../domain/hash-chain.js';
import { type DecisionView, forumsOf, viewOf } from './decisions.js';

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

/** The most decisions one CSV export holds; a longer period is exported in parts (narrow from/to). */
export const CSV_MAX_DECISIONS = 5000;

/** Spreadsheet programs run cells that start with = + - @ (or a tab/CR) as formulas: neutralise them. */
const safeCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

const CSV_COLUMNS = [
  'decisionId',
  'title',
  'status',
  'overdue',
  'forumId',
  'sessionId',
  'proposedAt',
  'signOffDueAt',
  'coSignedAt',
  'currentRevision',
  'currentTextHash',
  'signatureParticipantId',
  'signatureConstituency',
  'signatureStance',
  'signatureSignedAt',
  'signatureRevision',
  'signatureTextHash',
  'signatureCountsTowardCurrentText',
] as const;

/**
 * One row per signature (a decision nobody has signed yet gets one row with empty signature
 * columns), oldest decision first. Comments are not exported (free text may be personal).
 */
export async function auditCsv(
  q: Omit<DecisionQuery, 'limit' | 'cursor'>,
  deps: Pick<AuditDeps, 'db'>,
): Promise<{ csv: string; decisions: number; truncated: boolean }> {
  const rows: string[][] = [];
  let cursor: string | undefined;
  let decisions = 0;
  do {
    const page = await listDecisions(deps.db, { ...q, limit: 100, cursor, newestFirst: false });
    const histories = await Promise.all(page.items.map((d) => getDecisionHistory(deps.db, d.decisionId)));
    for (const h of histories) {
      if (!h || decisions >= CSV_MAX_DECISIONS) continue;
      decisions++;
      // Times are exported as ISO-8601 with their offset: the time zone column is not needed.
      const v = viewOf(h, { commentsFor: 'none', texts: false, forum: undefined });
      const base = [
        v.decisionId,
        v.title,
        v.status,
        v.overdue ? 'yes' : 'no',
        v.forumId,
        v.sessionId,
        v.proposedAt,
        v.signOffDueAt,
        v.coSignedAt,
        v.revision,
        v.textHash,
      ];
      const sigs = v.signatures.length ? v.signatures : [undefined];
      for (const s of sigs) {
        rows.push(
          [
            ...base,
            s?.participantId,
            s?.constituency,
            s?.stance,
            s?.signedAt,
            s?.revision,
            s?.textHash,
            s ? (s.countsTowardCurrentText ? 'yes' : 'no') : undefined,
          ].map(safeCell),
        );
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && decisions < CSV_MAX_DECISIONS);
  return { csv: stringify(rows, { header: true, columns: [...CSV_COLUMNS] }), decisions, truncated: !!cursor };
}

export type AuditVerdict = { entries: number; chains: number } & (
  | { ok: true }
  | { ok: false; firstBrokenEntry: string; reason: string }
);

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

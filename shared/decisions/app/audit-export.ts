import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../runtime/store/db.js';
import { type DecisionQuery, getDecisionHistory, listDecisions } from '../adapters/decisions-repo.js';
import { viewOf } from '../domain/views.js';

/** The governance log as a CSV file: one row per signature. */

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
  deps: { db: Db },
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

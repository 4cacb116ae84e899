import { stringify } from 'csv-stringify/sync';
import type { Evaluation } from '../domain/indicators.js';
import { rungs } from '../domain/ladder.js';

/** Spreadsheet programs run cells that start with = + - @ (or a tab/CR) as formulas: neutralise them. */
const safeCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

export const EVALUATION_CSV_COLUMNS = ['section', 'id', 'label', 'value', 'unit', 'score', 'detail'] as const;

/**
 * The evaluation as one CSV table, a row per figure, so it opens in any spreadsheet: the
 * indicators (value, unit, score and the plain sentence), the overall score, the same-pool
 * figures, the ladder counts by subject, constituency and rung, the self-assessment (both views)
 * and the notes. An empty value is null: nothing to measure.
 */
export function evaluationCsv(e: Evaluation): string {
  const rows: unknown[][] = [];
  for (const i of e.indicators) rows.push(['indicator', i.id, i.label, i.value, i.unit, i.score, i.explanation]);
  rows.push(['overall', 'overallScore', 'Overall score (1–5)', e.overallScore, 'score', e.overallScore, '']);
  for (const [k, v] of Object.entries(e.samePool)) rows.push(['same-pool', k, '', v, '', '', '']);
  for (const subject of ['sessions', 'decisions'] as const) {
    for (const side of ['livedExperience', 'provider'] as const) {
      for (const r of rungs)
        rows.push([`ladder-${subject}-${side}`, r, '', e.ladder[subject][side][r], 'answers', '', '']);
    }
  }
  for (const s of e.selfAssessment) {
    rows.push([
      'self-assessment-lived-experience',
      s.action,
      '',
      s.livedExperience?.rating,
      '',
      '',
      s.livedExperience?.evidence,
    ]);
    rows.push(['self-assessment-provider', s.action, '', s.provider?.rating, '', '', s.provider?.evidence]);
  }
  for (const [i, n] of e.notes.entries()) rows.push(['note', String(i + 1), '', '', '', '', n]);
  return stringify([[...EVALUATION_CSV_COLUMNS], ...rows.map((r) => r.map(safeCell))], { record_delimiter: '\r\n' });
}

import { ValidationError } from '../../kernel/index.js';
import { type DecisionStatus, decisionStatuses } from '../domain/decisions.js';

/** Query-string parsing shared by the decision and audit routes: a bad value is a 400 naming it. */
export function parseStatus(raw: string | undefined): DecisionStatus | undefined {
  if (raw === undefined || raw === '') return undefined;
  if ((decisionStatuses as readonly string[]).includes(raw)) return raw as DecisionStatus;
  throw new ValidationError([{ path: 'status', message: `Choose one of: ${decisionStatuses.join(', ')}.` }]);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export function parseDateRange(query: Record<string, string>): { from?: string; to?: string } {
  const issues: { path: string; message: string }[] = [];
  const from = query.from || undefined;
  const to = query.to || undefined;
  if (from && !realDate(from)) issues.push({ path: 'from', message: 'Enter a date like 2026-03-01.' });
  if (to && !realDate(to)) issues.push({ path: 'to', message: 'Enter a date like 2026-03-31.' });
  if (!issues.length && from && to && from > to) {
    issues.push({ path: 'to', message: 'The end date must be the same as or after the start date.' });
  }
  if (issues.length) throw new ValidationError(issues);
  return { from, to };
}

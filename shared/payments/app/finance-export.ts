import { stringify } from 'csv-stringify/sync';
import { paymentsPayableBetween } from '../adapters/payments-repo.js';
import { type PaymentStatus, totalMinor } from '../domain/payments.js';
import type { PaymentDeps } from './deps.js';

/** The finance export's columns, in order (finance's import maps them by name). */
export const exportColumns = [
  'paymentId',
  'participantId',
  'payeeReference',
  'sessionId',
  'feeMinor',
  'expensesMinor',
  'totalMinor',
  'currency',
  'periodStart',
  'periodEnd',
  'status',
  'idempotencyKey',
  'payableOn',
  'feeTo',
] as const;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return) as a formula.
 * Such text cells are prefixed with a single quote so they show as text (OWASP CSV injection).
 */
export const defuseCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/**
 * One row per payment that became payable in [from, to] (its local date): due, issued, and declined
 * with expenses still to pay back. UTF-8 with a byte-order mark and CRLF line ends, so Excel and
 * LibreOffice both open it with € and £ intact.
 */
export async function exportCsv(from: string, to: string, deps: PaymentDeps): Promise<string> {
  const statuses: PaymentStatus[] = ['due', 'issued', 'declined'];
  const lists = await Promise.all(statuses.map((s) => paymentsPayableBetween(deps.db, s, from, to)));
  const rows = lists
    .flat()
    .filter((p) => totalMinor(p) > 0)
    .sort((a, b) => (a.payableAt ?? '').localeCompare(b.payableAt ?? '') || a.paymentId.localeCompare(b.paymentId))
    .map((p) => [
      p.paymentId,
      p.participantId,
      p.payeeReference,
      p.sessionId,
      p.feeMinor,
      p.expensesMinor,
      totalMinor(p),
      p.currency,
      p.period.start,
      p.period.end,
      p.status,
      p.paymentIdempotencyKey,
      p.payableOn ?? '',
      p.feeToCharity ? 'charity' : 'payee',
    ]);
  return stringify(rows, {
    header: true,
    columns: [...exportColumns],
    bom: true,
    record_delimiter: 'windows',
    cast: { string: (v) => defuseCell(v) },
  });
}

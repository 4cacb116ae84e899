import { stringify } from 'csv-stringify/sync';
import { paymentsPayableBetween } from '../adapters/payments-repo.js';
import { majorUnits } from '../domain/money.js';
import { financePeriod, type PaymentStatus, totalMinor } from '../domain/payments.js';
import type { PaymentDeps } from './deps.js';

/**
 * The finance export's columns, in order (finance's import maps them by name). Each amount is given
 * twice: in minor units (the integers the API uses) and, beside it, as a major-unit decimal ("75.00")
 * for people reading it in a spreadsheet.
 */
export const exportColumns = [
  'paymentId',
  'participantId',
  'payeeReference',
  'sessionId',
  'feeMinor',
  'feeMajor',
  'expensesMinor',
  'expensesMajor',
  'totalMinor',
  'totalMajor',
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
 * with expenses still to pay back. UTF-8 and CRLF line ends; with a byte-order mark by default, so
 * Excel opens it as UTF-8 with € and £ intact; `bom: false` for programs that read it (Python's
 * csv module, LibreOffice's import with a chosen character set), which would take the mark as part of
 * the first header (docs/finance.md).
 */
export async function exportCsv(
  from: string,
  to: string,
  deps: PaymentDeps,
  opts: { bom: boolean } = { bom: true },
): Promise<string> {
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
      majorUnits(p.feeMinor),
      p.expensesMinor,
      majorUnits(p.expensesMinor),
      totalMinor(p),
      majorUnits(totalMinor(p)),
      p.currency,
      financePeriod(p).start,
      financePeriod(p).end,
      p.status,
      p.paymentIdempotencyKey,
      p.payableOn ?? '',
      p.feeToCharity ? 'charity' : 'payee',
    ]);
  return stringify(rows, {
    header: true,
    columns: [...exportColumns],
    bom: opts.bom,
    record_delimiter: 'windows',
    cast: { string: (v) => defuseCell(v) },
  });
}

/** Finance's list at volume: totals by currency, and what one bulk mark-paid answered, in words. */

import type { IssuedMany } from './api-types.js';
import { money } from './app.js';

type Amounts = { totalMinor: number | null; currency: string };

/** "3 payments: €525.00" (one line per currency, euro first). */
export function totalsByCurrency(items: readonly Amounts[]): string[] {
  const by = new Map<string, { n: number; minor: number }>();
  for (const p of items) {
    const t = by.get(p.currency) ?? { n: 0, minor: 0 };
    t.n += 1;
    t.minor += p.totalMinor ?? 0;
    by.set(p.currency, t);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => `${t.n} ${t.n === 1 ? 'payment' : 'payments'}: ${money(t.minor, currency)}`);
}

/** What the bulk answer means: how many were marked, how many already were, and each refusal. */
export function issuedSummary(r: IssuedMany, financeRef: string, nameOf: (paymentId: string) => string): string {
  const issued = r.items.filter((i) => i.status === 'issued').length;
  const unchanged = r.items.filter((i) => i.status === 'unchanged').length;
  const refused = r.items.filter((i) => i.status === 'refused');
  const parts: string[] = [];
  if (issued)
    parts.push(`${issued} ${issued === 1 ? 'payment' : 'payments'} marked as paid with reference ${financeRef}.`);
  if (unchanged) parts.push(`${unchanged} ${unchanged === 1 ? 'was' : 'were'} already marked with that reference.`);
  for (const x of refused) parts.push(`${nameOf(x.paymentId)}: not marked. ${x.message ?? ''}`.trim());
  return parts.join(' ') || 'Nothing was marked.';
}

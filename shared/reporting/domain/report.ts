import * as z from 'zod/mini';
import { type Constituency, Currency, Id, IsoDate } from '../../kernel/index.js';
import { reportNotes } from './report-notes.js';

/**
 * The co-production report governance reads: presence at forums, decisions co-signed, payments made.
 * Pure: the use case (reporting/app/report.ts) reads the rows from the forums, decisions,
 * participants and payments contexts with Queries and BatchGets, and this counts them. The shapes
 * below are what the report needs of each (the owners' records fit them). Dates are inclusive
 * `YYYY-MM-DD`.
 */
export const ReportRange = z.object({ from: IsoDate, to: IsoDate });
export type ReportRange = z.infer<typeof ReportRange>;

export const MAX_REPORT_DAYS = 366;

export type ReportForum = {
  forumId: string;
  name: string;
  level: 'local' | 'area';
  areaId: string;
};
/**
 * A session as the forums context reports it: its date in the forum's time zone and, once held, who
 * attended (with their constituency) and whether the forum's lived-experience rule was met — the
 * forums' own rules decide both, so they mean here what they mean for the forum.
 */
export type ReportSession = {
  sessionId: string;
  status: 'scheduled' | 'cancelled' | 'held';
  localDate: string;
  attendees: readonly { constituency: Constituency; hours: number }[];
  presence?: 'met' | 'not-met';
};
export type ReportDecision = {
  decisionId: string;
  status: 'proposed' | 'co-signed' | 'objected' | 'overdue';
  proposedAt: string;
  coSignedAt?: string;
};

export type ReportPayment = {
  paymentId: string;
  status: 'due' | 'held' | 'issued' | 'failed' | 'declined';
  currency: Currency;
  feeMinor: number;
  expensesMinor: number;
  /** The forum-local day it became payable; absent while held (and when declined with nothing to pay). */
  payableOn?: string;
  createdAt: string;
  choice?: { option: PaymentChoice };
};

export type ReportInput = {
  range: ReportRange;
  generatedAt: string;
  forums: readonly { forum: ReportForum; sessions: readonly ReportSession[] }[];
  decisions: readonly ReportDecision[];
  /** Payments of the statuses due, issued, failed and declined read for the range (by payable day). */
  settled: readonly ReportPayment[];
  /** Payments held now, created in the range. */
  held: readonly ReportPayment[];
};

const Count = z.number().check(z.int(), z.nonnegative());
const Counts = z.object({
  sessionsHeld: Count,
  sessionsCancelled: Count,
  presenceMet: Count,
  presenceNotMet: Count,
  livedExperienceAttendances: Count,
  providerAttendances: Count,
  livedExperienceHours: z.number().check(z.nonnegative()),
});

export const ForumRow = z.object({
  forumId: Id,
  name: z.string(),
  level: z.enum(['local', 'area']),
  areaId: z.string(),
  ...Counts.shape,
});
export type ForumRow = z.infer<typeof ForumRow>;

const Money = z.object({ count: Count, totalMinor: z.number().check(z.int(), z.nonnegative()) });
/** How many of each choice people made on held payments, in the order the report lists them. */
const Choices = z.object({ full: Count, reduced: Count, charity: Count, 'expenses-only': Count, decline: Count });
export type PaymentChoice = keyof z.infer<typeof Choices>;

export const CurrencyRow = z.object({
  currency: Currency,
  fees: Money,
  expenses: Money,
  heldAwaitingChoice: Count,
  choices: Choices,
  issued: Count,
  failed: Count,
});
export type CurrencyRow = z.infer<typeof CurrencyRow>;

export const CoproductionReport = z.object({
  generatedAt: z.iso.datetime(),
  range: ReportRange,
  forums: z.array(ForumRow),
  totals: Counts,
  decisions: z.object({
    proposed: Count,
    coSigned: Count,
    objected: Count,
    overdue: Count,
    stillOpen: Count,
    medianDaysToCoSign: z.nullable(z.number().check(z.nonnegative())),
  }),
  payments: z.array(CurrencyRow),
  notes: z.array(z.string()),
});
export type CoproductionReport = z.infer<typeof CoproductionReport>;

const inRange = (date: string, r: ReportRange) => date >= r.from && date <= r.to;

/** Inclusive days from `from` to `to` (1 for a single day). */
export const daysInRange = (r: ReportRange) =>
  Math.round((Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / 86_400_000) + 1;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number) => sorted[i] ?? 0;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The counters of a forum row (and of the totals), all at zero. */
const zeroCounts = () => ({
  sessionsHeld: 0,
  sessionsCancelled: 0,
  presenceMet: 0,
  presenceNotMet: 0,
  livedExperienceAttendances: 0,
  providerAttendances: 0,
  livedExperienceHours: 0,
});

function forumRow(f: ReportInput['forums'][number], input: ReportInput): ForumRow {
  const row: ForumRow = {
    forumId: f.forum.forumId,
    name: f.forum.name,
    level: f.forum.level,
    areaId: f.forum.areaId,
    ...zeroCounts(),
  };
  for (const s of f.sessions) {
    if (!inRange(s.localDate, input.range)) continue;
    if (s.status === 'cancelled') row.sessionsCancelled += 1;
    if (s.status !== 'held') continue;
    row.sessionsHeld += 1;
    if (s.presence === 'met') row.presenceMet += 1;
    else row.presenceNotMet += 1;
    for (const a of s.attendees) {
      if (a.constituency === 'lived-experience') {
        row.livedExperienceAttendances += 1;
        row.livedExperienceHours += a.hours;
      } else row.providerAttendances += 1;
    }
  }
  return row;
}

const noChoices = (): Record<PaymentChoice, number> => ({
  full: 0,
  reduced: 0,
  charity: 0,
  'expenses-only': 0,
  decline: 0,
});

function currencyRows(input: ReportInput): CurrencyRow[] {
  const rows = new Map<Currency, CurrencyRow>();
  const row = (currency: Currency) => {
    let r = rows.get(currency);
    if (!r) {
      r = {
        currency,
        fees: { count: 0, totalMinor: 0 },
        expenses: { count: 0, totalMinor: 0 },
        heldAwaitingChoice: 0,
        choices: noChoices(),
        issued: 0,
        failed: 0,
      };
      rows.set(currency, r);
    }
    return r;
  };
  const seen = new Set<string>();
  for (const p of input.settled) {
    if (seen.has(p.paymentId)) continue;
    seen.add(p.paymentId);
    const day = p.payableOn ?? p.createdAt.slice(0, 10);
    if (!inRange(day, input.range)) continue;
    const r = row(p.currency);
    if (p.choice) r.choices[p.choice.option] += 1;
    if (p.payableOn === undefined) continue; // declined with nothing to pay
    if (p.feeMinor > 0) {
      r.fees.count += 1;
      r.fees.totalMinor += p.feeMinor;
    }
    if (p.expensesMinor > 0) {
      r.expenses.count += 1;
      r.expenses.totalMinor += p.expensesMinor;
    }
    if (p.status === 'issued') r.issued += 1;
    if (p.status === 'failed') r.failed += 1;
  }
  for (const p of input.held) {
    if (p.status === 'held' && inRange(p.createdAt.slice(0, 10), input.range)) row(p.currency).heldAwaitingChoice += 1;
  }
  return [...rows.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export function coproductionReport(input: ReportInput): CoproductionReport {
  const forums = input.forums
    .map((f) => forumRow(f, input))
    .sort((a, b) => a.name.localeCompare(b.name) || a.forumId.localeCompare(b.forumId));
  const totals = zeroCounts();
  for (const f of forums) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += f[k];
  totals.livedExperienceHours = round1(totals.livedExperienceHours);
  for (const f of forums) f.livedExperienceHours = round1(f.livedExperienceHours);

  const decisions = input.decisions.filter((d) => inRange(d.proposedAt.slice(0, 10), input.range));
  const count = (status: ReportDecision['status']) => decisions.filter((d) => d.status === status).length;
  const days = decisions.flatMap((d) =>
    d.status === 'co-signed' && d.coSignedAt
      ? [(Date.parse(d.coSignedAt) - Date.parse(d.proposedAt)) / 86_400_000]
      : [],
  );
  const med = median(days);

  return {
    generatedAt: input.generatedAt,
    range: input.range,
    forums,
    totals,
    decisions: {
      proposed: decisions.length,
      coSigned: count('co-signed'),
      objected: count('objected'),
      overdue: count('overdue'),
      stillOpen: decisions.length - count('co-signed'),
      medianDaysToCoSign: med === null ? null : round1(med),
    },
    payments: currencyRows(input),
    notes: [...reportNotes],
  };
}

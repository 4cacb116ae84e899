import type { Decision } from '../../decisions/domain/decisions.js';
import { attendedQuorum, type Forum, type Session, wallClock } from '../../forums/domain/forums.js';
import type { Constituency } from '../../kernel/index.js';
import type { Currency, PaymentOption, PaymentStatus } from '../../payments/domain/engine.js';

/**
 * The co-production report governance reads: presence at forums, decisions co-signed, payments made.
 * Pure: the use case (shared/app/report.ts) reads the rows with Queries and BatchGets and this
 * counts them. Dates are inclusive `YYYY-MM-DD`.
 */
export type ReportRange = { from: string; to: string };

export const MAX_REPORT_DAYS = 366;

export type ReportForum = Pick<Forum, 'forumId' | 'name' | 'level' | 'areaId' | 'timeZone' | 'quorum'>;
export type ReportSession = Pick<Session, 'sessionId' | 'status' | 'startsAt' | 'attendance'>;
export type ReportDecision = Pick<Decision, 'decisionId' | 'status' | 'proposedAt' | 'coSignedAt'>;
export type ReportPayment = {
  paymentId: string;
  status: PaymentStatus;
  currency: Currency;
  feeMinor: number;
  expensesMinor: number;
  /** The forum-local day it became payable; absent while held (and when declined with nothing to pay). */
  payableOn?: string;
  createdAt: string;
  choice?: { option: PaymentOption };
};

export type ReportInput = {
  range: ReportRange;
  generatedAt: string;
  forums: readonly { forum: ReportForum; sessions: readonly ReportSession[] }[];
  /** The constituency of every attendee whose record was found. */
  constituencies: ReadonlyMap<string, Constituency>;
  decisions: readonly ReportDecision[];
  /** Payments of the statuses due, issued, failed and declined read for the range (by payable day). */
  settled: readonly ReportPayment[];
  /** Payments held now, created in the range. */
  held: readonly ReportPayment[];
};

export type ForumRow = {
  forumId: string;
  name: string;
  level: 'local' | 'area';
  areaId: string;
  sessionsHeld: number;
  sessionsCancelled: number;
  presenceMet: number;
  presenceNotMet: number;
  livedExperienceAttendances: number;
  providerAttendances: number;
  livedExperienceHours: number;
};

export type Money = { count: number; totalMinor: number };
export type CurrencyRow = {
  currency: Currency;
  fees: Money;
  expenses: Money;
  heldAwaitingChoice: number;
  choices: Record<PaymentOption, number>;
  issued: number;
  failed: number;
};

export type CoproductionReport = {
  generatedAt: string;
  range: ReportRange;
  forums: ForumRow[];
  totals: Omit<ForumRow, 'forumId' | 'name' | 'level' | 'areaId'>;
  decisions: {
    proposed: number;
    coSigned: number;
    objected: number;
    overdue: number;
    stillOpen: number;
    medianDaysToCoSign: number | null;
  };
  payments: CurrencyRow[];
  notes: string[];
};

export const reportNotes = [
  'Forum sessions are counted by the date they started in the forum’s own time zone (Irish or UK time); sessions still scheduled are not counted.',
  'Lived-experience presence is the forum’s rule checked against who was recorded as attending a held session, providers included in the share.',
  'Attendances and hours are per person per held session, by the constituency on the person’s record; an attendee whose record no longer exists is not counted.',
  'Decisions are counted by the UTC date they were proposed, each once by its status now: co-signed, objected, overdue, or awaiting signatures. Still open is every one not co-signed.',
  'Days to co-sign run from the proposal to the co-sign-off, for decisions co-signed by now; the median of those.',
  'Payments are counted by the day they became payable (forum-local): due, issued or failed, and declined ones with expenses to pay back. Fees to a charity count as fees.',
  'Held awaiting a choice counts payments held now that were created in the range. Choices are those recorded on payments that became payable (or were declined) in the range.',
];

const inRange = (date: string, r: ReportRange) => date >= r.from && date <= r.to;

/** Inclusive days from `from` to `to` (1 for a single day). */
export const daysInRange = (r: ReportRange) =>
  Math.round((Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / 86_400_000) + 1;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
    if (!inRange(wallClock(s.startsAt, f.forum.timeZone).date, input.range)) continue;
    if (s.status === 'cancelled') row.sessionsCancelled += 1;
    if (s.status !== 'held') continue;
    row.sessionsHeld += 1;
    const attendees = (s.attendance ?? []).flatMap((a) => {
      const constituency = input.constituencies.get(a.participantId);
      return constituency ? [{ constituency, hours: a.hours }] : [];
    });
    if (attendedQuorum(f.forum.quorum, attendees).status === 'met') row.presenceMet += 1;
    else row.presenceNotMet += 1;
    for (const a of attendees) {
      if (a.constituency === 'lived-experience') {
        row.livedExperienceAttendances += 1;
        row.livedExperienceHours += a.hours;
      } else row.providerAttendances += 1;
    }
  }
  return row;
}

const noChoices = (): Record<PaymentOption, number> => ({
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

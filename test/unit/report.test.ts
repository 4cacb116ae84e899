import { describe, expect, it } from 'vitest';
import type { Constituency } from '../../shared/kernel/index.js';
import {
  coproductionReport,
  daysInRange,
  median,
  type ReportForum,
  type ReportInput,
  type ReportPayment,
  type ReportSession,
} from '../../shared/reporting/domain/report.js';

const forum: ReportForum = {
  forumId: 'f1',
  name: 'Waterford local forum',
  level: 'local',
  areaId: 'cho5-waterford',
};
/** Sessions as the forums context reports them: their local date, who attended (2 hours each), presence. */
const session = (
  sessionId: string,
  localDate: string,
  status: ReportSession['status'],
  who: string[] = [],
  presence?: 'met' | 'not-met',
): ReportSession => ({
  sessionId,
  localDate,
  status,
  attendees:
    status === 'held'
      ? who.flatMap((p) => {
          const constituency = constituencies.get(p);
          return constituency ? [{ constituency, hours: 2 }] : [];
        })
      : [],
  ...(presence ? { presence } : {}),
});
const constituencies = new Map<string, Constituency>([
  ['le1', 'lived-experience'],
  ['le2', 'lived-experience'],
  ['le3', 'lived-experience'],
  ['pr1', 'provider'],
  ['pr2', 'provider'],
]);
const payment = (over: Partial<ReportPayment>): ReportPayment => ({
  paymentId: Math.random().toString(36),
  status: 'due',
  currency: 'EUR',
  feeMinor: 5000,
  expensesMinor: 0,
  payableOn: '2026-03-05',
  createdAt: '2026-03-05T20:00:00.000Z',
  ...over,
});
const base = (over: Partial<ReportInput> = {}): ReportInput => ({
  range: { from: '2026-03-01', to: '2026-03-31' },
  generatedAt: '2026-04-01T09:00:00.000Z',
  forums: [],
  decisions: [],
  settled: [],
  held: [],
  ...over,
});

describe('co-production report', () => {
  it('counts sessions in the range by their forum-local date, presence as reported, attendances and hours', () => {
    const report = coproductionReport(
      base({
        forums: [
          {
            forum,
            sessions: [
              // Outside March in the forum's time zone (forums decides the local date; see forums-queries).
              session('s0', '2026-04-01', 'held', ['le1', 'le2'], 'met'),
              session('sx', '2026-02-28', 'held', ['le1', 'le2'], 'met'),
              session('s1', '2026-03-02', 'held', ['le1', 'le2', 'pr1'], 'met'),
              session('s2', '2026-03-09', 'held', ['le1', 'pr1', 'pr2'], 'not-met'),
              // An attendee with no record is not reported by forums, so not counted.
              session('s3', '2026-03-16', 'held', ['le1', 'le3', 'gone'], 'met'),
              session('s4', '2026-03-23', 'cancelled'),
              session('s5', '2026-03-30', 'scheduled'),
            ],
          },
        ],
      }),
    );
    expect(report.forums).toEqual([
      {
        forumId: 'f1',
        name: 'Waterford local forum',
        level: 'local',
        areaId: 'cho5-waterford',
        sessionsHeld: 3,
        sessionsCancelled: 1,
        presenceMet: 2,
        presenceNotMet: 1,
        livedExperienceAttendances: 5,
        providerAttendances: 3,
        livedExperienceHours: 10,
      },
    ]);
    expect(report.totals).toMatchObject({ sessionsHeld: 3, presenceMet: 2, livedExperienceHours: 10 });
  });

  it('lists a forum with no sessions in the range with zeros', () => {
    const report = coproductionReport(base({ forums: [{ forum, sessions: [] }] }));
    expect(report.forums[0]).toMatchObject({ sessionsHeld: 0, presenceMet: 0, presenceNotMet: 0 });
  });

  it('counts decisions by status now and the median days to co-sign', () => {
    const d = (decisionId: string, status: any, proposedAt: string, coSignedAt?: string) => ({
      decisionId,
      status,
      proposedAt,
      coSignedAt,
    });
    const report = coproductionReport(
      base({
        decisions: [
          d('a', 'co-signed', '2026-03-01T10:00:00.000Z', '2026-03-02T10:00:00.000Z'),
          d('b', 'co-signed', '2026-03-03T10:00:00.000Z', '2026-03-06T10:00:00.000Z'),
          d('c', 'co-signed', '2026-03-04T10:00:00.000Z', '2026-03-14T10:00:00.000Z'),
          d('e', 'objected', '2026-03-05T10:00:00.000Z'),
          d('f', 'overdue', '2026-03-06T10:00:00.000Z'),
          d('g', 'proposed', '2026-03-07T10:00:00.000Z'),
          d('out', 'proposed', '2026-04-01T10:00:00.000Z'),
        ],
      }),
    );
    expect(report.decisions).toEqual({
      proposed: 6,
      coSigned: 3,
      objected: 1,
      overdue: 1,
      stillOpen: 3,
      medianDaysToCoSign: 3,
    });
  });

  it('has no median when nothing was co-signed', () => {
    expect(coproductionReport(base()).decisions.medianDaysToCoSign).toBeNull();
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });

  it('sums payable fees and expenses per currency, held, choices, issued and failed', () => {
    const report = coproductionReport(
      base({
        settled: [
          payment({ paymentId: 'p1', feeMinor: 5000, expensesMinor: 1200 }),
          payment({ paymentId: 'p2', status: 'issued', feeMinor: 2500 }),
          payment({ paymentId: 'p3', status: 'failed', feeMinor: 2500, choice: { option: 'reduced' } }),
          payment({
            paymentId: 'p4',
            status: 'declined',
            feeMinor: 0,
            expensesMinor: 800,
            choice: { option: 'decline' },
          }),
          payment({
            paymentId: 'p5',
            status: 'declined',
            feeMinor: 0,
            expensesMinor: 0,
            payableOn: undefined,
            choice: { option: 'decline' },
          }),
          payment({ paymentId: 'p6', currency: 'GBP', feeMinor: 3000 }),
          payment({ paymentId: 'p7', payableOn: '2026-04-01' }),
          payment({ paymentId: 'p1', feeMinor: 5000, expensesMinor: 1200 }),
        ],
        held: [
          payment({ status: 'held', payableOn: undefined }),
          payment({ status: 'held', payableOn: undefined, currency: 'GBP' }),
        ],
      }),
    );
    expect(report.payments).toEqual([
      {
        currency: 'EUR',
        fees: { count: 3, totalMinor: 10000 },
        expenses: { count: 2, totalMinor: 2000 },
        heldAwaitingChoice: 1,
        choices: { full: 0, reduced: 1, charity: 0, 'expenses-only': 0, decline: 2 },
        issued: 1,
        failed: 1,
      },
      {
        currency: 'GBP',
        fees: { count: 1, totalMinor: 3000 },
        expenses: { count: 0, totalMinor: 0 },
        heldAwaitingChoice: 1,
        choices: { full: 0, reduced: 0, charity: 0, 'expenses-only': 0, decline: 0 },
        issued: 0,
        failed: 0,
      },
    ]);
  });

  it('says what it counts how, and counts days inclusively', () => {
    const report = coproductionReport(base());
    expect(report.notes.length).toBeGreaterThan(3);
    expect(report.range).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(daysInRange({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
    expect(daysInRange({ from: '2024-01-01', to: '2024-12-31' })).toBe(366);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type Evaluation,
  type EvaluationInput,
  evaluate,
  type IndicatorId,
  indicatorIds,
  type PaymentRecord,
} from '../../shared/evaluation/domain/indicators.js';
import { noAnswers } from '../../shared/evaluation/domain/ladder.js';
import { promptDaysBands, shareBands } from '../../shared/evaluation/domain/scoring.js';

const empty = (over: Partial<EvaluationInput> = {}): EvaluationInput => ({
  areaId: 'cho5-waterford',
  year: 2026,
  jurisdiction: 'IE',
  generatedAt: '2027-01-20T09:00:00+00:00',
  sessions: [],
  decisions: [],
  payments: [],
  attendances: { thisYear: [], lastYear: [] },
  staffActivities: [],
  providers: [],
  roles: [],
  ladder: { sessions: [], decisions: [] },
  selfAssessments: [],
  feedback: [],
  surveys: [],
  ...over,
});

const indicatorOf = (e: Evaluation, id: IndicatorId) => {
  const found = e.indicators.find((i) => i.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
};

const sessions = (met: number, notMet: number) =>
  Array.from({ length: met + notMet }, (_, i) => ({
    sessionId: `s${i}`,
    heldOn: `2026-0${1 + (i % 9)}-1${i % 10}`,
    presenceMet: i < met,
  }));

const people = (counts: number[], prefix = 'le') =>
  counts.map((attendances, i) => ({ participantId: `${prefix}${i}`, attendances }));

const payment = (over: Partial<PaymentRecord> & Pick<PaymentRecord, 'paymentId'>): PaymentRecord => ({
  status: 'issued',
  sessionHeldOn: '2026-03-02',
  ...over,
});

describe('the annual evaluation: its shape', () => {
  it('returns every indicator of the contract, in its order, with label, unit, thresholds and explanation', () => {
    // Prepare / Act
    const e = evaluate(empty());

    // Assess
    expect(Object.keys(e)).toEqual([
      'areaId',
      'year',
      'generatedAt',
      'indicators',
      'overallScore',
      'ladder',
      'samePool',
      'selfAssessment',
      'notes',
    ]);
    expect(e.indicators.map((i) => i.id)).toEqual([
      'presence',
      'co-signed',
      'days-to-co-sign',
      'days-to-pay',
      'holds-resolved',
      'same-pool',
      'new-participants',
      'feedback-closed',
      'feedback-days',
      'reported-back',
      'reflective-practice',
      'training',
      'lived-experience-roles',
      'experience-responses',
    ]);
    expect(indicatorIds).toHaveLength(14);
    for (const i of e.indicators) {
      expect(Object.keys(i)).toEqual(['id', 'label', 'value', 'unit', 'score', 'thresholds', 'explanation']);
      expect(i.thresholds).toHaveLength(5);
    }
    expect(indicatorOf(e, 'presence').thresholds).toEqual(shareBands);
    expect(indicatorOf(e, 'days-to-pay').thresholds).toEqual(promptDaysBands);
  });

  it('gives null values and scores, never a zero, where there is nothing to measure', () => {
    // Prepare / Act
    const e = evaluate(empty());

    // Assess
    for (const i of e.indicators) {
      expect(i.value, i.id).toBeNull();
      expect(i.score, i.id).toBeNull();
      expect(i.explanation, i.id).toMatch(/nothing to measure\.$/);
    }
    expect(e.overallScore).toBeNull();
    expect(e.samePool).toEqual({
      participants: 0,
      attendances: 0,
      top10PercentShare: null,
      peopleForHalf: null,
      newThisYear: 0,
      returningFromLastYear: 0,
    });
    expect(e.notes).toContain('There is nothing to score yet, so there is no overall score.');
  });
});

describe('the annual evaluation: presence and decisions', () => {
  it('gives the share of held sessions that had the lived-experience members asked for', () => {
    // Prepare: 8 of 10 met, plus one from 2025, one from 2027 and one read twice
    const year = sessions(8, 2);
    const input = empty({
      sessions: [
        ...year,
        year[9]!,
        { sessionId: 'old', heldOn: '2025-12-31', presenceMet: true },
        { sessionId: 'next', heldOn: '2027-01-01', presenceMet: false },
      ],
    });

    // Act
    const presence = indicatorOf(evaluate(input), 'presence');

    // Assess
    expect(presence.value).toBe(80);
    expect(presence.unit).toBe('percent');
    expect(presence.score).toBe(5);
    expect(presence.explanation).toBe('8 of 10 sessions held had the lived-experience members their forum asked for.');
  });

  it('notes how much each session moves the share when only a few were held', () => {
    // Prepare
    const input = empty({ sessions: sessions(2, 1) });

    // Act
    const e = evaluate(input);

    // Assess
    expect(indicatorOf(e, 'presence').value).toBe(66.7);
    expect(indicatorOf(e, 'presence').score).toBe(4);
    expect(e.notes).toContain('Only 3 sessions were held: each one moves the presence share by 33 points.');
  });

  it('gives the co-signed share and the median calendar days to co-sign over an even count', () => {
    // Prepare
    const input = empty({
      decisions: [
        // 28 March to 30 March in Dublin (23:30 UTC on the 29th is 00:30 summer time): 2 days
        {
          decisionId: 'd1',
          status: 'co-signed',
          proposedAt: '2026-03-28T12:00:00Z',
          coSignedAt: '2026-03-29T23:30:00Z',
        },
        {
          decisionId: 'd2',
          status: 'co-signed',
          proposedAt: '2026-03-02T18:00:00Z',
          coSignedAt: '2026-03-09T08:00:00Z',
        },
        {
          decisionId: 'd3',
          status: 'co-signed',
          proposedAt: '2026-05-10T12:00:00Z',
          coSignedAt: '2026-05-20T12:00:00Z',
        },
        {
          decisionId: 'd4',
          status: 'co-signed',
          proposedAt: '2026-06-01T09:00:00Z',
          coSignedAt: '2026-06-30T09:00:00Z',
        },
        { decisionId: 'd5', status: 'objected', proposedAt: '2026-07-01T09:00:00Z' },
        { decisionId: 'd6', status: 'proposed', proposedAt: '2026-12-20T09:00:00Z' },
        { decisionId: 'd7', status: 'overdue', proposedAt: '2026-08-01T09:00:00Z' },
        // proposed in 2025: another year's decision
        {
          decisionId: 'd8',
          status: 'co-signed',
          proposedAt: '2025-12-31T23:30:00Z',
          coSignedAt: '2026-01-02T10:00:00Z',
        },
      ],
    });

    // Act
    const e = evaluate(input);
    const coSigned = indicatorOf(e, 'co-signed');
    const days = indicatorOf(e, 'days-to-co-sign');

    // Assess: 4 of 7 = 57.1%; days 2, 7, 10, 29 → (7 + 10) / 2
    expect(coSigned.value).toBe(57.1);
    expect(coSigned.score).toBe(3);
    expect(coSigned.explanation).toBe(
      '4 of 7 decisions proposed in 2026 were co-signed by both lived-experience members and providers.',
    );
    expect(days.value).toBe(8.5);
    expect(days.unit).toBe('days');
    expect(days.score).toBe(4);
    expect(days.explanation).toBe(
      'The median time from proposing a decision to both sides co-signing it was 8.5 days, across 4 decisions.',
    );
    expect(e.notes).toContain(
      '1 decision proposed in 2026 is still waiting for signatures, so counted as not co-signed.',
    );
  });

  it('gives no days to co-sign when decisions were proposed but none is co-signed yet', () => {
    // Prepare
    const input = empty({ decisions: [{ decisionId: 'd1', status: 'proposed', proposedAt: '2026-05-01T09:00:00Z' }] });

    // Act
    const e = evaluate(input);

    // Assess
    expect(indicatorOf(e, 'co-signed').value).toBe(0);
    expect(indicatorOf(e, 'co-signed').score).toBe(1);
    expect(indicatorOf(e, 'days-to-co-sign').value).toBeNull();
    expect(indicatorOf(e, 'days-to-co-sign').explanation).toBe(
      'None of the 1 decision proposed in 2026 has been co-signed yet, so there was nothing to measure.',
    );
  });
});

describe('the annual evaluation: payments', () => {
  const issuedThree = [
    payment({ paymentId: 'p1', sessionHeldOn: '2026-03-02', issuedAt: '2026-03-09T10:00:00Z' }), // 7
    payment({ paymentId: 'p2', sessionHeldOn: '2026-03-02', issuedAt: '2026-03-20T10:00:00Z' }), // 18
    payment({ paymentId: 'p3', sessionHeldOn: '2026-04-06', issuedAt: '2026-04-10T10:00:00Z' }), // 4
  ];

  it('gives the median days from a session to its payment issued, over an odd count', () => {
    // Prepare
    const input = empty({
      payments: [
        ...issuedThree,
        payment({ paymentId: 'p4', status: 'due', sessionHeldOn: '2026-05-04' }),
        payment({ paymentId: 'p5', sessionHeldOn: '2025-12-15', issuedAt: '2026-01-05T10:00:00Z' }),
      ],
    });

    // Act
    const e = evaluate(input);
    const days = indicatorOf(e, 'days-to-pay');

    // Assess: 4, 7, 18
    expect(days.value).toBe(7);
    expect(days.score).toBe(5);
    expect(days.explanation).toBe(
      'The median time from a session to its payment being issued was 7 days, across 3 payments.',
    );
    expect(e.notes).toContain(
      '1 payment for sessions in 2026 has not been issued yet and is not in the median days to pay.',
    );
  });

  it('gives the median days to pay over an even count, on the local calendar', () => {
    // Prepare: 23:30 UTC on 30 June is 1 July in Dublin: 30 days from 1 June
    const input = empty({
      payments: [
        ...issuedThree,
        payment({ paymentId: 'p6', sessionHeldOn: '2026-06-01', issuedAt: '2026-06-30T23:30:00Z' }),
      ],
    });

    // Act
    const days = indicatorOf(evaluate(input), 'days-to-pay');

    // Assess: 4, 7, 18, 30 → (7 + 18) / 2
    expect(days.value).toBe(12.5);
    expect(days.score).toBe(4);
  });

  it('gives the share of held payments settled by the person’s choice within 14 days', () => {
    // Prepare
    const input = empty({
      payments: [
        payment({ paymentId: 'h1', heldAt: '2026-03-02T21:00:00Z', choiceRecordedAt: '2026-03-16T10:00:00Z' }), // 14 days
        payment({ paymentId: 'h2', heldAt: '2026-03-02T21:00:00Z', choiceRecordedAt: '2026-03-17T10:00:00Z' }), // 15 days
        payment({ paymentId: 'h3', status: 'held', heldAt: '2026-04-01T21:00:00Z' }), // never settled
        payment({ paymentId: 'h4', heldAt: '2026-04-01T21:00:00Z', choiceRecordedAt: '2026-04-03T10:00:00Z' }),
        payment({ paymentId: 'p5', issuedAt: '2026-03-09T10:00:00Z' }), // never held
      ],
    });

    // Act
    const holds = indicatorOf(evaluate(input), 'holds-resolved');

    // Assess
    expect(holds.value).toBe(50);
    expect(holds.score).toBe(3);
    expect(holds.explanation).toBe(
      '2 of 4 payments held for a benefit check were settled by the person’s choice within 14 days.',
    );
  });

  it('leaves out a hold still inside its 14 days while the year runs', () => {
    // Prepare: generated on 10 April; h2 was held 9 days ago
    const input = empty({
      generatedAt: '2026-04-10T12:00:00+00:00',
      payments: [
        payment({ paymentId: 'h1', heldAt: '2026-03-02T21:00:00Z', choiceRecordedAt: '2026-03-05T10:00:00Z' }),
        payment({ paymentId: 'h2', status: 'held', heldAt: '2026-04-01T21:00:00Z' }),
      ],
    });

    // Act
    const e = evaluate(input);

    // Assess
    expect(indicatorOf(e, 'holds-resolved').value).toBe(100);
    expect(e.notes).toContain('1 held payment is still within 14 days of being held and is not counted yet.');
    expect(e.notes[0]).toBe(
      '2026 is not over yet: these figures run to 10 April 2026, when this evaluation was made, and will change.',
    );
  });
});

describe('the annual evaluation: the same pool', () => {
  it('gives the top-10% share and the fewest people making half of all attendances on a skewed spread', () => {
    // Prepare: 20 people; the top 2 made 12 + 10 of 52 attendances
    const thisYear = people([12, 10, 8, 6, ...Array<number>(16).fill(1)]);

    // Act
    const e = evaluate(empty({ attendances: { thisYear, lastYear: [] } }));

    // Assess: 22 / 52 = 42.3%; 12 + 10 + 8 = 30 is the first to reach 26
    expect(e.samePool).toMatchObject({ participants: 20, attendances: 52, top10PercentShare: 42.3, peopleForHalf: 3 });
    const samePool = indicatorOf(e, 'same-pool');
    expect(samePool.value).toBe(42.3);
    expect(samePool.score).toBe(2);
    expect(samePool.explanation).toBe(
      'The 2 people who came most often (the top 10% of 20 people) made 42.3% of the 52 lived-experience attendances.',
    );
  });

  it('rounds the top 10% up: 11 people make a top tenth of 2', () => {
    // Prepare: 5 + 4 of 18
    const thisYear = people([5, 4, ...Array<number>(9).fill(1)]);

    // Act
    const e = evaluate(empty({ attendances: { thisYear, lastYear: [] } }));

    // Assess
    expect(e.samePool.top10PercentShare).toBe(50);
    expect(indicatorOf(e, 'same-pool').score).toBe(2);
  });

  it('counts at least one person as the top 10%, adds up a person’s rows and leaves out people at 0', () => {
    // Prepare
    const thisYear = [
      ...people([2, 1, 1]),
      { participantId: 'le0', attendances: 1 },
      { participantId: 'x', attendances: 0 },
    ];

    // Act
    const e = evaluate(empty({ attendances: { thisYear, lastYear: [] } }));

    // Assess: le0 made 3 of 5
    expect(e.samePool).toMatchObject({ participants: 3, attendances: 5, top10PercentShare: 60, peopleForHalf: 1 });
    expect(e.notes).toContain(
      'With fewer than 10 people taking part, the top 10% is still 1 person, so the same-pool share is high even when everyone comes equally often.',
    );
  });

  it('gives the share of this year’s lived-experience members who did not take part last year', () => {
    // Prepare: le1 and le3 came last year too; x came only last year
    const input = empty({
      attendances: {
        thisYear: people([3, 2, 2, 1, 1]),
        lastYear: [...people([0, 4, 0, 1]), { participantId: 'x', attendances: 2 }],
      },
    });

    // Act
    const e = evaluate(input);
    const fresh = indicatorOf(e, 'new-participants');

    // Assess
    expect(e.samePool.newThisYear).toBe(3);
    expect(e.samePool.returningFromLastYear).toBe(2);
    expect(fresh.value).toBe(60);
    expect(fresh.score).toBe(4);
    expect(fresh.explanation).toBe(
      '3 of the 5 lived-experience members who took part in 2026 had not taken part in 2025.',
    );
  });

  it('says in the notes when same-pool figures count fewer than 5 people, and does not hide the shares', () => {
    // Prepare
    const input = empty({ attendances: { thisYear: people([4, 1, 1]), lastYear: people([1]) } });

    // Act
    const e = evaluate(input);

    // Assess
    expect(e.samePool.participants).toBe(3);
    expect(indicatorOf(e, 'new-participants').value).toBe(66.7);
    expect(e.notes).toContain(
      'Some same-pool figures count fewer than 5 people (lived-experience members taking part: 3; people making half the attendances: 1; new this year: 2; returning from last year: 1), so people there could recognise who they describe: keep them within governance.',
    );
  });
});

describe('the annual evaluation: feedback', () => {
  it('gives the closed share, the median days raised to closed and the share reported back', () => {
    // Prepare
    const input = empty({
      feedback: [
        {
          feedbackId: 'f1',
          status: 'done',
          raisedAt: '2026-01-10T10:00:00Z',
          closedAt: '2026-01-20T10:00:00Z',
          reportedBackAt: '2026-02-01T19:00:00Z',
        }, // 10 days
        {
          feedbackId: 'f2',
          status: 'not-possible',
          raisedAt: '2026-02-01T10:00:00Z',
          closedAt: '2026-03-15T10:00:00Z',
        }, // 42
        {
          feedbackId: 'f3',
          status: 'done',
          raisedAt: '2026-03-01T10:00:00Z',
          closedAt: '2026-05-30T10:00:00Z',
          reportedBackAt: '2026-06-05T19:00:00Z',
        }, // 90
        { feedbackId: 'f4', status: 'considering', raisedAt: '2026-04-01T10:00:00Z' },
        { feedbackId: 'f5', status: 'raised', raisedAt: '2026-05-01T10:00:00Z' },
        {
          feedbackId: 'f6',
          status: 'done',
          raisedAt: '2025-12-01T10:00:00Z',
          closedAt: '2026-01-05T10:00:00Z',
          reportedBackAt: '2026-01-10T19:00:00Z',
        }, // raised in 2025
        {
          feedbackId: 'f7',
          status: 'done',
          raisedAt: '2026-06-01T10:00:00Z',
          closedAt: '2026-06-21T10:00:00Z',
          reportedBackAt: '2026-07-01T19:00:00Z',
        }, // 20
      ],
    });

    // Act
    const e = evaluate(input);
    const closed = indicatorOf(e, 'feedback-closed');
    const days = indicatorOf(e, 'feedback-days');
    const reported = indicatorOf(e, 'reported-back');

    // Assess: 4 of 6 closed; days 10, 20, 42, 90 → 31; 3 of 4 reported back
    expect([closed.value, closed.score]).toEqual([66.7, 4]);
    expect(closed.explanation).toBe(
      '4 of 6 feedback items raised in 2026 are closed: done, or not possible with the reason given.',
    );
    expect([days.value, days.score]).toEqual([31, 4]);
    expect([reported.value, reported.score]).toEqual([75, 4]);
    expect(reported.explanation).toBe(
      '3 of 4 closed feedback items were reported back at a forum (“you said, we did”).',
    );
  });

  it('gives no days or reported-back share when nothing raised is closed yet', () => {
    // Prepare
    const input = empty({ feedback: [{ feedbackId: 'f1', status: 'planned', raisedAt: '2026-04-01T10:00:00Z' }] });

    // Act
    const e = evaluate(input);

    // Assess
    expect(indicatorOf(e, 'feedback-closed').value).toBe(0);
    expect(indicatorOf(e, 'feedback-days').value).toBeNull();
    expect(indicatorOf(e, 'reported-back').value).toBeNull();
    expect(indicatorOf(e, 'reported-back').explanation).toBe(
      'None of the 1 feedback item raised in 2026 is closed yet, so there was nothing to measure.',
    );
  });
});

describe('the annual evaluation: staff practice', () => {
  it('counts a provider with one reflective-practice session short of two, and one with two as meeting it', () => {
    // Prepare
    const input = empty({
      providers: ['pr1', 'pr2'],
      staffActivities: [
        // pr1 listed twice in one session still attended it once
        {
          activityId: 'a1',
          kind: 'reflective-practice',
          date: '2026-02-10',
          attendees: ['pr1', 'pr1', 'pr2'],
          coFacilitators: ['le1'],
        },
        {
          activityId: 'a2',
          kind: 'reflective-practice',
          date: '2026-09-10',
          attendees: ['pr2', 'someone-else'],
          coFacilitators: [],
        },
        { activityId: 'a3', kind: 'reflective-practice', date: '2025-11-10', attendees: ['pr1'], coFacilitators: [] },
        {
          activityId: 'a4',
          kind: 'co-production-training',
          date: '2026-03-10',
          attendees: ['pr1'],
          coFacilitators: [],
        },
      ],
    });

    // Act
    const e = evaluate(input);
    const reflective = indicatorOf(e, 'reflective-practice');

    // Assess
    expect(reflective.value).toBe(50);
    expect(reflective.score).toBe(3);
    expect(reflective.explanation).toBe('1 of 2 providers had at least two reflective-practice sessions in 2026.');
    expect(e.notes).toContain(
      '1 of 3 staff training and reflective-practice sessions in 2026 was co-facilitated by someone with lived experience.',
    );
  });

  it('gives the share of providers with co-production training in the year', () => {
    // Prepare
    const input = empty({
      providers: ['pr1', 'pr2', 'pr3', 'pr4', 'pr5'],
      staffActivities: [
        {
          activityId: 't1',
          kind: 'co-production-training',
          date: '2026-02-10',
          attendees: ['pr1', 'pr2'],
          coFacilitators: [],
        },
        {
          activityId: 't2',
          kind: 'co-production-training',
          date: '2026-10-10',
          attendees: ['pr2'],
          coFacilitators: [],
        },
        {
          activityId: 't3',
          kind: 'co-production-training',
          date: '2025-10-10',
          attendees: ['pr4'],
          coFacilitators: [],
        },
        { activityId: 'r1', kind: 'reflective-practice', date: '2026-10-10', attendees: ['pr3'], coFacilitators: [] },
      ],
    });

    // Act
    const training = indicatorOf(evaluate(input), 'training');

    // Assess
    expect(training.value).toBe(40);
    expect(training.score).toBe(3);
    expect(training.explanation).toBe('2 of 5 providers had co-production training in 2026.');
  });
});

describe('the annual evaluation: lived-experience roles', () => {
  const roles: EvaluationInput['roles'] = [
    { roleId: 'r1', participantId: 'le1', role: 'peer-support-worker', from: '2025-01-01', fte: 0.5 },
    { roleId: 'r2', participantId: 'le2', role: 'area-lead', from: '2026-02-01', to: '2026-06-30', fte: 1 },
    { roleId: 'r3', participantId: 'le3', role: 'peer-educator', from: '2026-09-01', to: '2026-12-31', fte: 0.6 },
    { roleId: 'r4', participantId: 'le4', role: 'other', from: '2027-01-05', fte: 0.4 },
  ];

  it('counts the FTE in post on 31 December, leaving out a role that ended mid-year', () => {
    // Prepare / Act
    const fte = indicatorOf(evaluate(empty({ roles })), 'lived-experience-roles');

    // Assess: 0.5 + 0.6
    expect(fte.value).toBe(1.1);
    expect(fte.unit).toBe('fte');
    expect(fte.score).toBe(3);
    expect(fte.explanation).toBe('Lived-experience roles in post on 31 December 2026 came to 1.1 FTE (2 roles).');
  });

  it('counts the FTE in post on the day it is generated while the year runs', () => {
    // Prepare / Act
    const fte = indicatorOf(
      evaluate(empty({ roles, generatedAt: '2026-05-15T09:00:00+00:00' })),
      'lived-experience-roles',
    );

    // Assess: 0.5 + 1
    expect(fte.value).toBe(1.5);
    expect(fte.explanation).toBe('Lived-experience roles in post on 15 May 2026 came to 1.5 FTE (2 roles).');
  });
});

describe('the annual evaluation: experience responses', () => {
  it('adds up the responses to the year’s experience surveys', () => {
    // Prepare
    const input = empty({
      surveys: [
        { surveyId: 'sv1', responses: 12 },
        { surveyId: 'sv2', responses: 11 },
      ],
    });

    // Act
    const responses = indicatorOf(evaluate(input), 'experience-responses');

    // Assess
    expect([responses.value, responses.score]).toEqual([23, 4]);
    expect(responses.explanation).toBe('The 2 experience surveys of 2026 had 23 responses in all.');
  });

  it('gives a real zero when a survey ran and nobody answered', () => {
    // Prepare / Act
    const responses = indicatorOf(
      evaluate(empty({ surveys: [{ surveyId: 'sv1', responses: 0 }] })),
      'experience-responses',
    );

    // Assess
    expect([responses.value, responses.score]).toEqual([0, 1]);
  });
});

describe('the annual evaluation: ladder, self-assessment and overall score', () => {
  it('splits the ladder by constituency, sessions apart from decisions', () => {
    // Prepare
    const input = empty({
      ladder: {
        sessions: [
          { constituency: 'lived-experience', rung: 'consultation' },
          { constituency: 'provider', rung: 'co-design' },
          { constituency: 'provider', rung: 'co-design' },
        ],
        decisions: [{ constituency: 'lived-experience', rung: 'co-production' }],
      },
    });

    // Act
    const { ladder, notes } = evaluate(input);

    // Assess
    expect(ladder.sessions.livedExperience).toEqual({ ...noAnswers(), consultation: 1 });
    expect(ladder.sessions.provider).toEqual({ ...noAnswers(), 'co-design': 2 });
    expect(ladder.decisions.livedExperience).toEqual({ ...noAnswers(), 'co-production': 1 });
    expect(ladder.decisions.provider).toEqual(noAnswers());
    expect(notes).toContain(
      'Providers placed sessions 2 rungs higher on the ladder than lived-experience members did (the middle answers): staff may feel more is shared than members do.',
    );
  });

  it('takes the mean of the indicator scores and the self-assessment score, with one decimal', () => {
    // Prepare: presence 80% → 5; co-signed 1 of 2 → 3; 3 days to co-sign → 5; self-assessment in-place → 3.7
    const input = empty({
      sessions: sessions(4, 1),
      decisions: [
        {
          decisionId: 'd1',
          status: 'co-signed',
          proposedAt: '2026-03-02T18:00:00Z',
          coSignedAt: '2026-03-05T10:00:00Z',
        },
        { decisionId: 'd2', status: 'objected', proposedAt: '2026-04-02T18:00:00Z' },
      ],
      selfAssessments: [
        {
          action: 'remuneration',
          view: 'provider',
          rating: 'in-place',
          evidence: 'Paid within a week.',
          recordedAt: '2026-11-01T10:00:00Z',
        },
      ],
    });

    // Act
    const e = evaluate(input);

    // Assess: (5 + 3 + 5 + 3.7) / 4 = 4.175
    expect(e.indicators.map((i) => i.score).filter((s) => s !== null)).toEqual([5, 3, 5]);
    expect(e.overallScore).toBe(4.2);
    expect(e.notes).toContain(
      'The overall score is the mean of 3 indicator scores and the self-assessment score; 11 indicators had nothing to measure and are left out.',
    );
  });

  it('takes the mean of the indicator scores alone when nobody gave the self-assessment', () => {
    // Prepare: presence 5, co-signed 0 of 1 → 1
    const input = empty({
      sessions: sessions(1, 0),
      decisions: [{ decisionId: 'd1', status: 'objected', proposedAt: '2026-04-02T18:00:00Z' }],
    });

    // Act
    const e = evaluate(input);

    // Assess
    expect(e.overallScore).toBe(3);
    expect(e.notes).toContain('Nobody has given the self-assessment for 2026 yet, so it is not in the overall score.');
  });

  it('shows the self-assessment for all nine actions with both views side by side', () => {
    // Prepare
    const input = empty({
      selfAssessments: [
        {
          action: 'remuneration',
          view: 'provider',
          rating: 'embedded',
          evidence: 'Policy',
          recordedAt: '2026-11-01T10:00:00Z',
        },
        {
          action: 'remuneration',
          view: 'lived-experience',
          rating: 'planned',
          evidence: 'Late',
          recordedAt: '2026-11-02T10:00:00Z',
        },
      ],
    });

    // Act
    const e = evaluate(input);

    // Assess
    expect(e.selfAssessment).toHaveLength(9);
    expect(e.selfAssessment.find((r) => r.action === 'remuneration')).toEqual({
      action: 'remuneration',
      livedExperience: { rating: 'planned', evidence: 'Late' },
      provider: { rating: 'embedded', evidence: 'Policy' },
      flagged: true,
    });
    expect(e.notes).toContain(
      'The two views of the self-assessment are two or more levels apart on 1 action: remuneration.',
    );
  });

  it('says when the year has not started, with nothing measured', () => {
    // Prepare
    const input = empty({
      year: 2027,
      generatedAt: '2026-12-31T12:00:00+00:00',
      roles: [{ roleId: 'r1', participantId: 'le1', role: 'peer-support-worker', from: '2025-01-01', fte: 0.5 }],
    });

    // Act
    const e = evaluate(input);

    // Assess
    expect(e.notes[0]).toBe('2027 has not started yet, so there is nothing to measure.');
    expect(indicatorOf(e, 'lived-experience-roles').value).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CleanAnswers } from '../../shared/surveys/domain/answers.js';
import {
  experienceV1,
  type Instrument,
  qpr15ItemIds,
  qpr15V1,
  type StakeholderGroup,
  withLicensedWording,
} from '../../shared/surveys/domain/instruments.js';
import {
  aggregate,
  type Breakdown,
  csvField,
  type ResponseForResults,
  resultsCsv,
  type ScaleQuestionResult,
  type SurveyResults,
  type TextQuestionResult,
} from '../../shared/surveys/domain/results.js';
import { type Cell, cells, suppressedCells } from '../../shared/surveys/domain/suppression.js';
import { SurveyResultsView } from '../../shared/surveys/http/schemas.js';

// ---------------------------------------------------------------------------------------------
// An audit written apart from the algorithm: the shown figures satisfy
//   overall = lived-experience + provider,  lived-experience = service-user + family-member + carer.
// Any combination a·(first) + b·(second) whose hidden coefficients are all 0 or all 1 gives the
// sum of those hidden cells from shown figures alone. That sum must be 0 or at least 5.

const R1: Partial<Record<Cell, number>> = { overall: 1, 'lived-experience': -1, provider: -1 };
const R2: Partial<Record<Cell, number>> = {
  'lived-experience': 1,
  'service-user': -1,
  'family-member': -1,
  carer: -1,
};

function leaks(counts: Record<Cell, number>, hidden: ReadonlySet<Cell>): string[] {
  const found: string[] = [];
  for (let a = -2; a <= 2; a++)
    for (let b = -2; b <= 2; b++)
      for (const sign of [1, -1]) {
        const coef = (c: Cell) => sign * (a * (R1[c] ?? 0) + b * (R2[c] ?? 0));
        const onHidden = cells.filter((c) => hidden.has(c) && coef(c) !== 0);
        if (onHidden.length === 0 || !onHidden.every((c) => coef(c) === 1)) continue;
        const sum = onHidden.reduce((s, c) => s + counts[c], 0);
        if (sum > 0 && sum < 5) found.push(`${onHidden.join('+')} = ${sum}`);
      }
  return found;
}

const countsOf = (g: Record<StakeholderGroup, number>): Record<Cell, number> => ({
  overall: g['service-user'] + g['family-member'] + g.carer + g.provider,
  'lived-experience': g['service-user'] + g['family-member'] + g.carer,
  provider: g.provider,
  'service-user': g['service-user'],
  'family-member': g['family-member'],
  carer: g.carer,
});

// ---------------------------------------------------------------------------------------------

const fullExperience = (v: number): CleanAnswers => ({
  'exp-listened': v,
  'exp-influence': v,
  'exp-fair': v,
  'exp-accessible': v,
  'exp-recommend': v,
});
const respond = (
  stakeholderGroup: StakeholderGroup,
  answers: CleanAnswers,
  shareComments = false,
): ResponseForResults => ({ stakeholderGroup, answers, shareComments });

const scale = (r: SurveyResults, id: string) =>
  r.questions.find((q): q is ScaleQuestionResult => q.kind === 'scale' && q.questionId === id)!;
const comments = (r: SurveyResults) => r.questions.find((q): q is TextQuestionResult => q.kind === 'text')!;

const shownCells = (b: Breakdown<unknown>) => {
  const all: [string, unknown][] = [
    ['overall', b.overall],
    ...Object.entries(b.byConstituency).map(([k, v]): [string, unknown] => [`c:${k}`, v]),
    ...Object.entries(b.byStakeholderGroup).map(([k, v]): [string, unknown] => [`g:${k}`, v]),
  ];
  return all.filter(([, v]) => (v as { suppressed: boolean }).suppressed === false).map(([k]) => k);
};

describe('results for 4 carers and 6 service users', () => {
  // Prepare
  const responses = [
    ...[5, 4, 4, 3, 5, 2].map((v, i) =>
      respond('service-user', { ...fullExperience(v), 'exp-comments': `Service user comment ${i}` }, true),
    ),
    ...[1, 1, 2, 1].map((v, i) =>
      respond('carer', { ...fullExperience(v), 'exp-comments': `Carer comment ${i}` }, true),
    ),
  ];

  // Act
  const results = aggregate([experienceV1], responses);

  it('shows the service users’ figures', () => {
    expect(scale(results, 'exp-listened').figures.byStakeholderGroup['service-user']).toEqual({
      suppressed: false,
      count: 6,
      mean: 3.83,
      distribution: [
        { value: 1, label: 'Strongly disagree', count: 0 },
        { value: 2, label: 'Disagree', count: 1 },
        { value: 3, label: 'Neither agree nor disagree', count: 1 },
        { value: 4, label: 'Agree', count: 2 },
        { value: 5, label: 'Strongly agree', count: 2 },
      ],
    });
  });

  it('suppresses the carers', () => {
    expect(scale(results, 'exp-listened').figures.byStakeholderGroup.carer).toEqual({ suppressed: true });
    expect(results.responses.byStakeholderGroup.carer).toEqual({ suppressed: true });
  });

  it('leaves no way to recover the carers from the overall: overall and lived experience are hidden too', () => {
    for (const q of results.questions) {
      const b = q.kind === 'scale' ? q.figures : q.answered;
      expect(shownCells(b), q.questionId).toEqual(['g:service-user']);
    }
    expect(shownCells(results.responses)).toEqual(['g:service-user']);
    expect(JSON.stringify(results)).not.toContain('"count":10');
    expect(JSON.stringify(results)).not.toContain('"count":4');
  });

  it('shows shared comments from the service users and none from the carers', () => {
    const shown = comments(results).comments;

    expect([...shown].sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `Service user comment ${i}`));
    expect(shown.join(' ')).not.toContain('Carer');
  });

  it('lists comments in an order unrelated to when they were sent', () => {
    expect(comments(results).comments).not.toEqual([0, 1, 2, 3, 4, 5].map((i) => `Service user comment ${i}`));
  });

  it('matches the results response schema', () => {
    const view: import('zod').infer<typeof SurveyResultsView> = {
      status: 'closed',
      closesAt: '2026-03-31T17:00:00Z',
      ...results,
    };

    expect(SurveyResultsView.safeParse(view).success).toBe(true);
  });
});

describe('small-number suppression', () => {
  it('shows overall, constituencies and service users, and hides the small groups, when that gives nothing away', () => {
    // Prepare: 12 service users, 3 family members, 2 carers, 6 staff (the hidden 5 are a group of 5)
    const responses = [
      ...Array.from({ length: 12 }, () => respond('service-user', fullExperience(4))),
      ...Array.from({ length: 3 }, () => respond('family-member', fullExperience(3))),
      ...Array.from({ length: 2 }, () => respond('carer', fullExperience(2))),
      ...Array.from({ length: 6 }, () => respond('provider', fullExperience(5))),
    ];

    // Act
    const r = aggregate([experienceV1], responses);

    // Assess
    expect(shownCells(scale(r, 'exp-fair').figures)).toEqual([
      'overall',
      'c:lived-experience',
      'c:provider',
      'g:service-user',
      'g:provider',
    ]);
    expect(r.responses.overall).toEqual({ suppressed: false, count: 23 });
  });

  it('hides service users rather than lose the overall and the constituencies when that shows more', () => {
    // 12 service users, 2 family members, 1 carer, 6 staff: showing service users would give away 3 people
    const counts = countsOf({ 'service-user': 12, 'family-member': 2, carer: 1, provider: 6 });

    const hidden = suppressedCells(counts);

    expect([...hidden].sort()).toEqual(['carer', 'family-member', 'service-user']);
    expect(leaks(counts, hidden)).toEqual([]);
  });

  it('shows the provider stakeholder group exactly as the provider constituency', () => {
    const r = aggregate(
      [experienceV1],
      Array.from({ length: 7 }, () => respond('provider', fullExperience(3))),
    );

    expect(scale(r, 'exp-listened').figures.byStakeholderGroup.provider).toEqual(
      scale(r, 'exp-listened').figures.byConstituency.provider,
    );
  });

  it('suppresses a question where fewer than 5 in a group answered it, even if more responded', () => {
    // Prepare: 6 service users responded, only 3 answered the optional QPR item 1
    const qpr = withLicensedWording(
      qpr15V1,
      qpr15ItemIds.map((id) => `Item ${id}`),
    );
    const responses = Array.from({ length: 6 }, (_, i) =>
      respond('service-user', { ...fullExperience(4), ...(i < 3 ? { 'qpr15-01': 2 } : {}) }),
    );

    // Act
    const r = aggregate([experienceV1, qpr], responses);

    // Assess
    expect(scale(r, 'qpr15-01').figures.overall).toEqual({ suppressed: true });
    expect(scale(r, 'exp-listened').figures.overall).toMatchObject({ suppressed: false, count: 6 });
  });

  it('never leaks a hidden group of 1–4 by subtraction, whatever the group sizes', () => {
    fc.assert(
      fc.property(
        fc.record({
          'service-user': fc.nat(14),
          'family-member': fc.nat(14),
          carer: fc.nat(14),
          provider: fc.nat(14),
        }),
        (groups) => {
          const counts = countsOf(groups);
          const hidden = suppressedCells(counts);
          for (const c of cells) if (counts[c] < 5) expect(hidden.has(c)).toBe(true);
          expect(leaks(counts, hidden)).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('hides nothing but empty cells when every group has at least 5', () => {
    const counts = countsOf({ 'service-user': 5, 'family-member': 9, carer: 5, provider: 0 });

    expect([...suppressedCells(counts)]).toEqual(['provider']);
  });

  it('hides everything when fewer than 5 responded in all', () => {
    const r = aggregate([experienceV1], [respond('service-user', fullExperience(3))]);

    expect(shownCells(r.responses)).toEqual([]);
  });

  it('never shows a comment the person did not agree to share', () => {
    const responses = Array.from({ length: 6 }, (_, i) =>
      respond('service-user', { ...fullExperience(3), 'exp-comments': `Comment ${i}` }, i === 0),
    );

    expect(comments(aggregate([experienceV1], responses)).comments).toEqual(['Comment 0']);
  });
});

describe('the QPR-15 total', () => {
  const qpr: Instrument = withLicensedWording(
    qpr15V1,
    qpr15ItemIds.map((id) => `Item ${id}`),
  );
  const all = (v: number) => Object.fromEntries(qpr15ItemIds.map((id) => [id, v]));

  it('summarises complete sets of 0–60 scores by count, mean and band, leaving out incomplete ones', () => {
    // Prepare: five complete (totals 0, 15, 30, 45, 60) and one with an item skipped
    const responses = [0, 1, 2, 3, 4].map((v) => respond('service-user', { ...fullExperience(3), ...all(v) }));
    const { 'qpr15-15': _skip, ...partial } = all(4);
    responses.push(respond('service-user', { ...fullExperience(3), ...partial }));

    // Act
    const [total] = aggregate([experienceV1, qpr], responses).totals;

    // Assess
    expect(total).toMatchObject({ instrumentId: 'qpr-15', min: 0, max: 60 });
    expect(total!.figures.byStakeholderGroup['service-user']).toEqual({
      suppressed: false,
      count: 5,
      mean: 30,
      distribution: [
        { from: 0, to: 15, label: '0–15', count: 2 },
        { from: 16, to: 30, label: '16–30', count: 1 },
        { from: 31, to: 45, label: '31–45', count: 1 },
        { from: 46, to: 60, label: '46–60', count: 1 },
      ],
    });
  });

  it('suppresses the total when fewer than 5 completed it', () => {
    const responses = [0, 1, 2, 3].map((v) => respond('service-user', { ...fullExperience(3), ...all(v) }));
    responses.push(respond('service-user', fullExperience(3)));

    expect(aggregate([experienceV1, qpr], responses).totals[0]!.figures.overall).toEqual({ suppressed: true });
  });
});

describe('the CSV', () => {
  const responses = [
    ...Array.from({ length: 6 }, (_, i) =>
      respond('service-user', { ...fullExperience(4), 'exp-comments': `Secret words ${i}` }, true),
    ),
    ...Array.from({ length: 4 }, () => respond('carer', fullExperience(1))),
  ];
  const csv = resultsCsv(aggregate([experienceV1], responses));
  const lines = csv.trimEnd().split('\r\n');

  it('has one header and one row per figure, suppressed cells marked', () => {
    expect(lines[0]).toBe(
      'section,question_id,question,group_type,group,suppressed,count,mean,answer,answer_label,answer_count',
    );
    expect(lines).toContain(
      'question,exp-listened,People listened to what I had to say.,stakeholder-group,carer,yes,,,,,',
    );
    expect(lines).toContain(
      'question,exp-listened,People listened to what I had to say.,stakeholder-group,service-user,no,6,4,4,Agree,6',
    );
  });

  it('holds the aggregate only: no comments, no carer figures', () => {
    expect(csv).not.toContain('Secret words');
    expect(lines.filter((l) => l.includes(',carer,no,'))).toEqual([]);
  });

  it('quotes fields that need it and defuses spreadsheet formulas', () => {
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(3.5)).toBe('3.5');
  });
});

describe('what the results never contain', () => {
  it('carries no participant id, response key or date, even when given full stored responses', () => {
    // Prepare
    const stored = Array.from({ length: 6 }, (_, i) => ({
      surveyId: 'S1',
      responseKey: `key-${i}-abcdef`,
      participantId: `P-${i}`,
      anonymous: false,
      stakeholderGroup: 'service-user' as const,
      constituency: 'lived-experience' as const,
      answers: fullExperience(3),
      shareComments: false,
      enteredBy: 'self' as const,
      receivedOn: '2026-03-10',
    }));

    // Act
    const json = JSON.stringify(aggregate([experienceV1], stored)) + resultsCsv(aggregate([experienceV1], stored));

    // Assess
    for (const hidden of ['P-0', 'key-0', '2026-03-10']) expect(json).not.toContain(hidden);
  });
});

import { describe, expect, it } from 'vitest';
import { EVALUATION_CSV_COLUMNS, evaluationCsv } from '../../shared/evaluation/app/export.js';
import { evaluate } from '../../shared/evaluation/domain/indicators.js';

const evaluation = (over: Partial<Parameters<typeof evaluate>[0]> = {}) =>
  evaluate({
    areaId: 'cho5-waterford',
    year: 2026,
    jurisdiction: 'IE',
    generatedAt: '2027-01-20T09:00:00+00:00',
    sessions: [
      { sessionId: 's1', heldOn: '2026-03-02', presenceMet: true },
      { sessionId: 's2', heldOn: '2026-04-02', presenceMet: false },
    ],
    decisions: [],
    payments: [],
    attendances: { thisYear: [], lastYear: [] },
    staffActivities: [],
    providers: [],
    roles: [],
    ladder: { sessions: [{ constituency: 'lived-experience', rung: 'consultation' }], decisions: [] },
    selfAssessments: [
      {
        action: 'decision-making',
        view: 'provider',
        rating: 'embedded',
        evidence: '=HYPERLINK("http://evil")',
        recordedAt: '2026-06-01T10:00:00+00:00',
      },
    ],
    feedback: [],
    surveys: [],
    ...over,
  });

const rows = (csv: string) => csv.trimEnd().split('\r\n');

describe('the evaluation as CSV', () => {
  it('has one row per indicator with its value and score, an empty cell where there was nothing to measure', () => {
    // Prepare / Act
    const lines = rows(evaluationCsv(evaluation()));

    // Assess
    expect(lines[0]).toBe(EVALUATION_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe(
      'indicator,presence,Sessions with the lived-experience members asked for,50,percent,3,1 of 2 sessions held had the lived-experience members their forum asked for.',
    );
    expect(lines.find((l) => l.startsWith('indicator,co-signed,'))).toMatch(/^indicator,co-signed,[^,]+,,percent,,/);
  });

  it('counts the ladder per subject, side and rung, and keeps both self-assessment views', () => {
    const lines = rows(evaluationCsv(evaluation()));
    expect(lines).toContain('ladder-sessions-livedExperience,consultation,,1,answers,,');
    expect(lines).toContain('ladder-sessions-provider,consultation,,0,answers,,');
    expect(lines.filter((l) => l.startsWith('ladder-'))).toHaveLength(4 * 7);
    expect(lines).toContain('self-assessment-lived-experience,decision-making,,,,,');
  });

  it('neutralises a cell a spreadsheet would run as a formula', () => {
    const line = rows(evaluationCsv(evaluation())).find((l) =>
      l.startsWith('self-assessment-provider,decision-making'),
    );
    expect(line).toBe(`self-assessment-provider,decision-making,,embedded,,,"'=HYPERLINK(""http://evil"")"`);
  });
});

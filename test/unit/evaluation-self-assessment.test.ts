import { describe, expect, it } from 'vitest';
import {
  actions,
  type SelfAssessmentEntry,
  selfAssessmentRows,
  selfAssessmentScore,
} from '../../shared/evaluation/domain/self-assessment.js';

const entry = (over: Partial<SelfAssessmentEntry> & Pick<SelfAssessmentEntry, 'action' | 'view' | 'rating'>) => ({
  evidence: '',
  recordedAt: '2026-11-01T10:00:00Z',
  ...over,
});

const row = (rows: ReturnType<typeof selfAssessmentRows>, action: string) => rows.find((r) => r.action === action)!;

describe('the self-assessment of Table 3’s nine actions', () => {
  it('lists the nine actions in Table 3’s order, unrated ones with no views', () => {
    // Prepare / Act
    const rows = selfAssessmentRows([]);

    // Assess
    expect(rows.map((r) => r.action)).toEqual([
      'recovery-goals',
      'strategy-and-policy',
      'capacity-building',
      'remuneration',
      'decision-making',
      'experience-capture',
      'lived-experience-workforce',
      'evaluation',
      'reflective-practice',
    ]);
    expect(rows.every((r) => r.livedExperience === null && r.provider === null && !r.flagged)).toBe(true);
    expect(actions).toHaveLength(9);
  });

  it('flags two views exactly two levels apart, and three, but not one', () => {
    // Prepare
    const rows = selfAssessmentRows([
      entry({ action: 'remuneration', view: 'provider', rating: 'embedded' }),
      entry({ action: 'remuneration', view: 'lived-experience', rating: 'planned' }),
      entry({ action: 'decision-making', view: 'provider', rating: 'embedded' }),
      entry({ action: 'decision-making', view: 'lived-experience', rating: 'not-started' }),
      entry({ action: 'evaluation', view: 'provider', rating: 'embedded' }),
      entry({ action: 'evaluation', view: 'lived-experience', rating: 'in-place' }),
      entry({ action: 'recovery-goals', view: 'provider', rating: 'embedded' }),
    ]);

    // Act
    const flagged = rows.filter((r) => r.flagged).map((r) => r.action);

    // Assess
    expect(flagged).toEqual(['remuneration', 'decision-making']);
    expect(row(rows, 'recovery-goals').livedExperience).toBeNull();
  });

  it('keeps the latest answer of each view, whatever order they arrive in', () => {
    // Prepare
    const rows = selfAssessmentRows([
      entry({
        action: 'evaluation',
        view: 'lived-experience',
        rating: 'in-place',
        evidence: 'later',
        recordedAt: '2026-12-01T10:00:00Z',
      }),
      entry({
        action: 'evaluation',
        view: 'lived-experience',
        rating: 'not-started',
        evidence: 'first',
        recordedAt: '2026-03-01T10:00:00Z',
      }),
    ]);

    // Act
    const view = row(rows, 'evaluation').livedExperience;

    // Assess
    expect(view).toEqual({ rating: 'in-place', evidence: 'later' });
  });

  it('scores each view’s mean rating on 1–5, then weighs the two views equally', () => {
    // Prepare: lived experience (5 + 2⅓) / 2 = 3⅔; provider 5 → (3⅔ + 5) / 2 = 4⅓
    const rows = selfAssessmentRows([
      entry({ action: 'recovery-goals', view: 'lived-experience', rating: 'embedded' }),
      entry({ action: 'remuneration', view: 'lived-experience', rating: 'planned' }),
      entry({ action: 'recovery-goals', view: 'provider', rating: 'embedded' }),
    ]);

    // Act
    const score = selfAssessmentScore(rows);

    // Assess
    expect(score).toBe(4.3);
    expect(selfAssessmentScore(selfAssessmentRows([]))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { type Answers, totalScore, validateAnswers } from '../../shared/surveys/domain/answers.js';
import { experienceV1, qpr15ItemIds, qpr15V1 } from '../../shared/surveys/domain/instruments.js';

const serviceUser = { stakeholderGroup: 'service-user' } as const;
const carer = { stakeholderGroup: 'carer' } as const;
const experience: Answers = {
  'exp-listened': 4,
  'exp-influence': 3,
  'exp-fair': 5,
  'exp-accessible': 2,
  'exp-recommend': 4,
};
const both = [experienceV1, qpr15V1];
const issuesOf = (r: ReturnType<typeof validateAnswers>) => (r.ok ? [] : r.issues);

describe('answers to the experience questionnaire', () => {
  it('accepts every required answer and an optional comment, trimmed', () => {
    // Prepare
    const answers = { ...experience, 'exp-comments': '  The bus fare was paid on the day.\nThank you.  ' };

    // Act
    const r = validateAnswers([experienceV1], answers, carer);

    // Assess
    expect(r).toEqual({
      ok: true,
      answers: { ...experience, 'exp-comments': 'The bus fare was paid on the day.\nThank you.' },
    });
  });

  it('refuses a missing required answer, naming the question', () => {
    const { 'exp-fair': _left, ...rest } = experience;

    expect(issuesOf(validateAnswers([experienceV1], rest, carer))).toEqual([
      { path: 'answers.exp-fair', message: 'Answer this question, please.' },
    ]);
  });

  it.each([0, 6, -1, 2.5])('refuses %s as out of the 1–5 range, saying what the answers are', (value) => {
    const r = validateAnswers([experienceV1], { ...experience, 'exp-listened': value }, carer);

    expect(issuesOf(r)).toEqual([
      {
        path: 'answers.exp-listened',
        message: 'Choose one of the answers, from 1 (Strongly disagree) to 5 (Strongly agree).',
      },
    ]);
  });

  it('refuses text where a choice is expected, and a number where text is expected', () => {
    const r = validateAnswers([experienceV1], { ...experience, 'exp-listened': '4', 'exp-comments': 5 }, carer);

    expect(issuesOf(r).map((i) => i.path)).toEqual(['answers.exp-listened', 'answers.exp-comments']);
  });

  it('refuses a comment over 2,000 characters', () => {
    const r = validateAnswers([experienceV1], { ...experience, 'exp-comments': 'x'.repeat(2001) }, carer);

    expect(issuesOf(r)).toEqual([
      { path: 'answers.exp-comments', message: 'Your answer can be at most 2,000 characters.' },
    ]);
  });

  it.each(['\u202Ereversed', 'bell\u0007', 'isolate\u2067x\u2069', 'nul\u0000'])(
    'refuses a comment with a control or bidi character (%j)',
    (comment) => {
      const r = validateAnswers([experienceV1], { ...experience, 'exp-comments': comment }, carer);

      expect(issuesOf(r)[0]).toMatchObject({ path: 'answers.exp-comments' });
      expect(issuesOf(r)[0]!.message).toContain('Retype that part');
    },
  );

  it('treats a blank comment or null as skipped', () => {
    expect(validateAnswers([experienceV1], { ...experience, 'exp-comments': '   ' }, carer)).toEqual({
      ok: true,
      answers: experience,
    });
    expect(validateAnswers([experienceV1], { ...experience, 'exp-comments': null }, carer).ok).toBe(true);
  });

  it('refuses an answer to a question the survey does not have', () => {
    expect(issuesOf(validateAnswers([experienceV1], { ...experience, 'qpr15-01': 3 }, carer))).toEqual([
      { path: 'answers.qpr15-01', message: 'This survey has no question “qpr15-01”.' },
    ]);
  });
});

describe('answers to QPR-15', () => {
  const qpr = Object.fromEntries(qpr15ItemIds.map((id, i) => [id, i % 5]));

  it('accepts 0–4 from a service user and lets them skip any statement', () => {
    const { 'qpr15-07': _skipped, ...some } = qpr;

    expect(validateAnswers(both, { ...experience, ...qpr }, serviceUser).ok).toBe(true);
    expect(validateAnswers(both, { ...experience, ...some }, serviceUser).ok).toBe(true);
  });

  it.each([5, -1])('refuses %s as out of the 0–4 range', (value) => {
    const r = validateAnswers(both, { ...experience, 'qpr15-03': value }, serviceUser);

    expect(issuesOf(r)).toEqual([
      {
        path: 'answers.qpr15-03',
        message: 'Choose one of the answers, from 0 (Disagree strongly) to 4 (Agree strongly).',
      },
    ]);
  });

  it('refuses QPR-15 answers from someone who is not a service user, once, saying to leave them out', () => {
    const r = validateAnswers(both, { ...experience, ...qpr }, carer);

    expect(issuesOf(r)).toEqual([
      {
        path: 'answers.qpr15-01',
        message: 'The “Your own recovery” questions are for service users only. Leave them out.',
      },
    ]);
  });

  it('does not ask a carer for QPR-15 answers', () => {
    expect(validateAnswers(both, experience, carer).ok).toBe(true);
  });

  it('refuses an empty response', () => {
    expect(issuesOf(validateAnswers([qpr15V1], {}, serviceUser))).toEqual([
      { path: 'answers', message: 'Answer at least one question.' },
    ]);
  });

  it('totals a complete set 0–60, and gives no total for an incomplete one', () => {
    const all4 = Object.fromEntries(qpr15ItemIds.map((id) => [id, 4]));
    const { 'qpr15-15': _gone, ...fourteen } = all4;

    expect(totalScore(qpr15V1, all4)).toBe(60);
    expect(totalScore(qpr15V1, Object.fromEntries(qpr15ItemIds.map((id) => [id, 0])))).toBe(0);
    expect(totalScore(qpr15V1, fourteen)).toBeUndefined();
    expect(totalScore(experienceV1, experience as Record<string, number>)).toBeUndefined();
  });
});

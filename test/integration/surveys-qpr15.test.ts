import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

// Placeholders, not the authors' statements (which this repository does not hold): the stack
// reads them from SURVEYS_QPR15_WORDING at start, as a deployment would.
const placeholders = Array.from({ length: 15 }, (_, i) => `Placeholder statement ${i + 1}.`);
const clock = fixedClock('2026-03-10T10:00:00Z');
let stack: TestStack;
let coordinator: string;

beforeAll(async () => {
  process.env.SURVEYS_QPR15_WORDING = JSON.stringify(placeholders);
  try {
    stack = await startTestStack({ clock });
  } finally {
    delete process.env.SURVEYS_QPR15_WORDING;
  }
  coordinator = await stack.tokenFor(['coordinator']);
});
afterAll(() => stack.stop());

const experience = { 'exp-listened': 4, 'exp-influence': 4, 'exp-fair': 4, 'exp-accessible': 4, 'exp-recommend': 4 };
const qpr = (v: number) =>
  Object.fromEntries(placeholders.map((_, i) => [`qpr15-${String(i + 1).padStart(2, '0')}`, v]));

describe('QPR-15 with its wording supplied', () => {
  it('is asked of service users only, and its 0–60 total is reported for complete sets', async () => {
    const areaId = 'qpr-area';
    const created = await stack.api.createSurvey({
      token: coordinator,
      body: {
        areaId,
        year: 2026,
        title: 'Taking part and recovery',
        opensAt: '2026-03-01T09:00:00+00:00',
        closesAt: '2026-03-31T17:00:00+01:00',
        instruments: ['experience', 'qpr-15'],
      },
    });
    expect(created.status).toBe(201);
    const surveyId = created.json.surveyId;
    const recruit = async (stakeholderGroup: string) =>
      (
        await stack.call('POST', '/api/participants', {
          token: coordinator,
          body: participantBody({ areaId, stakeholderGroup }),
        })
      ).json.participantId as string;

    const survey = await stack.api.getSurvey({ token: coordinator, params: { id: surveyId } });
    expect(survey.json.instruments.map((i) => [i.id, i.version, i.audience])).toEqual([
      ['experience', 1, ['service-user', 'family-member', 'carer', 'provider']],
      ['qpr-15', 1, ['service-user']],
    ]);
    expect(survey.json.instruments[1]?.questions[0]).toMatchObject({
      text: 'Placeholder statement 1.',
      scale: { min: 0, max: 4 },
    });

    const carer = await stack.tokenFor(['member'], await recruit('carer'));
    const refused = await stack.call('POST', `/api/surveys/${surveyId}/responses`, {
      token: carer,
      body: { answers: { ...experience, ...qpr(2) }, anonymous: true },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.issues[0]).toEqual({
      path: 'answers.qpr15-01',
      message: 'The “Your own recovery” questions are for service users only. Leave them out.',
    });

    // Five complete sets (totals 60, 45, 30, 30, 15) and one with a statement skipped.
    for (const v of [4, 3, 2, 2, 1]) {
      const token = await stack.tokenFor(['member'], await recruit('service-user'));
      const res = await stack.call('POST', `/api/surveys/${surveyId}/responses`, {
        token,
        body: { answers: { ...experience, ...qpr(v) }, anonymous: true },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    const partial = { ...qpr(4), 'qpr15-07': null };
    const token = await stack.tokenFor(['member'], await recruit('service-user'));
    const res = await stack.call('POST', `/api/surveys/${surveyId}/responses`, {
      token,
      body: { answers: { ...experience, ...partial }, anonymous: true },
    });
    expect(res.status).toBe(201);

    clock.set('2026-04-01T09:00:00Z'); // results once the survey has closed
    const results = await stack.api.getSurveyResults({ token: coordinator, params: { id: surveyId } });
    const total = results.json.totals.find((t) => t.instrumentId === 'qpr-15');
    expect(total?.figures.byStakeholderGroup['service-user']).toEqual({
      suppressed: false,
      count: 5,
      mean: 36,
      distribution: [
        { from: 0, to: 15, label: '0–15', count: 1 },
        { from: 16, to: 30, label: '16–30', count: 2 },
        { from: 31, to: 45, label: '31–45', count: 1 },
        { from: 46, to: 60, label: '46–60', count: 1 },
      ],
    });
    const item7 = results.json.questions.find((q) => q.questionId === 'qpr15-07');
    expect(item7?.kind === 'scale' && item7.figures.byStakeholderGroup['service-user']).toMatchObject({ count: 5 });
    const item1 = results.json.questions.find((q) => q.questionId === 'qpr15-01');
    expect(item1?.kind === 'scale' && item1.figures.byStakeholderGroup['service-user']).toMatchObject({
      count: 6,
      mean: 2.67,
    });
  });
});

/**
 * The evaluation's feedback and survey figures come from the feedback and surveys contexts
 * (functions/evaluation-api/sources.ts binds the evaluation's port to them): a year in one area
 * with two feedback items (one done and reported back at the forum's next session) and five
 * survey responses, and the figures worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

const clock = fixedClock('2026-03-01T10:00:00.000Z');
const AREA = 'area-sources';
let stack: TestStack;
let coordinator: string;
let governance: string;

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
  governance = await stack.tokenFor(['governance']);
});
afterAll(() => stack.stop());

const indicator = (evaluation: { indicators: { id: string; value: number | null }[] }, id: string) =>
  evaluation.indicators.find((i) => i.id === id)?.value;

describe('the evaluation reads feedback and surveys from their contexts', () => {
  it('counts feedback closed, days to close, reported back, and survey responses', async () => {
    const forum = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody({ areaId: AREA }) });
    expect(forum.status).toBe(201);
    const members: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await stack.call('POST', '/api/participants', {
        token: coordinator,
        body: participantBody({ areaId: AREA, displayName: `Member ${i + 1}` }),
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      members.push(res.json.participantId);
    }
    const memberToken = await stack.tokenFor(['member'], members[0]);

    // Before: no feedback, no survey — nothing to measure, never a made-up zero.
    const before = await stack.call('GET', `/api/evaluations/${AREA}/2026`, { token: governance });
    expect(before.status).toBe(200);
    expect(indicator(before.json, 'feedback-closed')).toBeNull();
    expect(indicator(before.json, 'experience-responses')).toBeNull();

    // Two items raised on 1 March; the first is done on 4 March (3 days).
    const raised: string[] = [];
    for (const text of ['The room was too cold to think.', 'Could sessions start after school pick-up?']) {
      const res = await stack.call('POST', '/api/feedback', {
        token: memberToken,
        body: { forumId: forum.json.forumId, text },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      raised.push(res.json.feedbackId);
    }
    clock.set('2026-03-04T10:00:00.000Z');
    const done = await stack.call('POST', `/api/feedback/${raised[0]}/updates`, {
      token: coordinator,
      body: { status: 'done', note: 'The heating is now on an hour before every session.' },
    });
    expect(done.status, JSON.stringify(done.json)).toBe(200);

    // The forum's next session, on 10 March, hears it and is recorded held.
    const session = await stack.call('POST', `/api/forums/${forum.json.forumId}/sessions`, {
      token: coordinator,
      body: sessionBody(members, { startsAt: '2026-03-10T18:00:00+00:00' }),
    });
    expect(session.status, JSON.stringify(session.json)).toBe(201);
    clock.set('2026-03-10T21:00:00.000Z');
    const held = await stack.call('POST', `/api/sessions/${session.json.sessionId}/held`, {
      token: coordinator,
      body: { attendance: members.map((participantId) => ({ participantId, hours: 2 })) },
    });
    expect(held.status).toBe(202);
    await stack.settle();

    // Five responses to the year's survey.
    const survey = await stack.api.createSurvey({
      token: coordinator,
      body: {
        areaId: AREA,
        year: 2026,
        title: 'Taking part in 2026',
        opensAt: '2026-03-01T09:00:00+00:00',
        closesAt: '2026-03-31T17:00:00+01:00',
        instruments: ['experience'],
      },
    });
    expect(survey.status).toBe(201);
    for (const participantId of members) {
      const token = await stack.tokenFor(['member'], participantId);
      const res = await stack.call('POST', `/api/surveys/${survey.json.surveyId}/responses`, {
        token,
        body: {
          answers: { 'exp-listened': 4, 'exp-influence': 3, 'exp-fair': 4, 'exp-accessible': 5, 'exp-recommend': 4 },
          anonymous: true,
        },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }

    const after = await stack.call('GET', `/api/evaluations/${AREA}/2026`, { token: governance });
    expect(after.status).toBe(200);
    expect(indicator(after.json, 'feedback-closed')).toBe(50); // 1 of 2 closed
    expect(indicator(after.json, 'feedback-days')).toBe(3); // 1 → 4 March
    expect(indicator(after.json, 'reported-back')).toBe(100); // the one closed item was heard on 10 March
    expect(indicator(after.json, 'experience-responses')).toBe(5);
  });
});

import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, SessionHeld } from '../../events/index.js';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let coordinator: string;

beforeAll(async () => {
  stack = await startTestStack();
  coordinator = await stack.tokenFor(['coordinator']);
});
afterAll(() => stack?.stop());

const recruit = async (overrides: Record<string, unknown>) =>
  (await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) })).json
    .participantId as string;

describe('benefit projections when scheduling', () => {
  it('warns that attending would cross the weekly limit for a person near it, and not for others', async () => {
    // Prepare: Aoife (IE.DA) already has €150 due this week; Brian has no benefits.
    const aoife = await recruit({ displayName: 'Aoife', benefits: [{ scheme: 'IE.DA' }] });
    const brian = await recruit({ displayName: 'Brian', benefits: [] });
    await stack.bus.publish([
      buildEvent(
        SessionHeld,
        {
          sessionId: ulid(),
          forumId: 'earlier-forum',
          heldOn: '2026-03-02',
          startsAt: '2026-03-02T10:00:00+00:00',
          hourlyRateMinor: 2500,
          currency: 'EUR',
          attendance: [{ participantId: aoife, hours: 6, expensesMinor: 0, walkIn: false }],
        },
        { idempotencyKey: 'session-held:earlier', occurredAt: '2026-03-02T12:00:00+00:00' },
      ),
    ]);
    await stack.settle();
    const forum = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() });
    // Act: a two-hour session at €25 an hour on the Friday of the same week.
    const res = await stack.call('POST', `/api/forums/${forum.json.forumId}/sessions`, {
      token: coordinator,
      body: sessionBody([aoife, brian], { startsAt: '2026-03-06T18:00:00+00:00' }),
    });
    // Assess
    expect(res.status).toBe(201);
    const projections = res.json.warnings.filter((w: { kind: string }) => w.kind === 'benefit-projection');
    expect(projections).toEqual([
      {
        kind: 'benefit-projection',
        participantId: aoife,
        message: expect.stringContaining(
          'Attending this session would cross the Disability Allowance (or Blind Pension) weekly earnings limit for Aoife.',
        ),
      },
    ]);
  });

  it('projects each session at the rate in force on its date, not the forum’s rate today', async () => {
    // Prepare: €25 an hour, then €90 an hour from 1 April. Two hours at €90 (€180) cross the €165 weekly limit.
    const dara = await recruit({ displayName: 'Dara', benefits: [{ scheme: 'IE.DA' }] });
    const forum = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() });
    const forumId = forum.json.forumId;
    const rate = await stack.call('POST', `/api/forums/${forumId}/rates`, {
      token: coordinator,
      body: { hourlyRateMinor: 9000, effectiveFrom: '2026-04-01' },
    });
    // Act
    const march = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
      token: coordinator,
      body: sessionBody([dara], { startsAt: '2026-03-30T17:00:00+00:00' }),
    });
    const april = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
      token: coordinator,
      body: sessionBody([dara], { startsAt: '2026-04-06T17:00:00+00:00' }),
    });
    // Assess
    const projections = (res: { json: { warnings: { kind: string; message: string }[] } }) =>
      res.json.warnings.filter((w) => w.kind === 'benefit-projection');
    expect(rate.status).toBe(201);
    expect(projections(march)).toEqual([]);
    expect(projections(april)).toEqual([
      expect.objectContaining({
        participantId: dara,
        message: expect.stringContaining('weekly earnings limit for Dara'),
      }),
    ]);
  });

  it('does not warn when the session fits', async () => {
    const ciara = await recruit({ displayName: 'Ciara', benefits: [{ scheme: 'IE.DA' }] });
    const forum = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() });
    const res = await stack.call('POST', `/api/forums/${forum.json.forumId}/sessions`, {
      token: coordinator,
      body: sessionBody([ciara], { startsAt: '2026-03-13T18:00:00+00:00' }),
    });
    expect(res.json.warnings.filter((w: { kind: string }) => w.kind === 'benefit-projection')).toEqual([]);
  });
});

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
    const brian = await recruit({ displayName: 'Brian', benefits: [{ scheme: 'NONE' }] });
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

  /** €75 already paid on Monday 9 March (three hours at €25, held in another forum). */
  const heldMonday = async (participantId: string) => {
    await stack.bus.publish([
      buildEvent(
        SessionHeld,
        {
          sessionId: ulid(),
          forumId: 'earlier-forum',
          heldOn: '2026-03-09',
          startsAt: '2026-03-09T10:00:00+00:00',
          hourlyRateMinor: 2500,
          currency: 'EUR',
          attendance: [{ participantId, hours: 3, expensesMinor: 0, walkIn: false }],
        },
        { idempotencyKey: `session-held:monday:${participantId}`, occurredAt: '2026-03-09T13:00:00+00:00' },
      ),
    ]);
    await stack.settle();
  };
  /** A three-hour session at the forum's €25 an hour (€75). */
  const threeHours = (invitees: string[], startsAt: string) =>
    sessionBody(invitees, {
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 3 * 3600_000).toISOString().replace('Z', '+00:00'),
    });
  const projectionsOf = (res: { json: { warnings: { kind: string; message: string }[] } }) =>
    res.json.warnings.filter((w) => w.kind === 'benefit-projection');

  it('counts the person’s other sessions already planned in the same week', async () => {
    // Prepare: Monday €75 held; Wednesday €75 scheduled, not yet held.
    const aoife = await recruit({ displayName: 'Aoife', benefits: [{ scheme: 'IE.DA' }] });
    await heldMonday(aoife);
    const forum = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() });
    const forumId = forum.json.forumId;
    const wednesday = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
      token: coordinator,
      body: threeHours([aoife], '2026-03-11T18:00:00+00:00'),
    });
    // Act: Thursday, three hours at €25: Monday + Wednesday + Thursday = €225, over the €165 limit.
    const thursday = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
      token: coordinator,
      body: threeHours([aoife], '2026-03-12T18:00:00+00:00'),
    });
    // Assess
    expect(wednesday.status).toBe(201);
    expect(projectionsOf(wednesday)).toEqual([]);
    expect(thursday.status).toBe(201);
    expect(projectionsOf(thursday)).toEqual([
      {
        kind: 'benefit-projection',
        participantId: aoife,
        message: expect.stringContaining('weekly earnings limit for Aoife.'),
      },
    ]);
    const [warning] = projectionsOf(thursday);
    expect(warning?.message).toContain('Earnings this week would be €225.00.');
    expect(warning?.message).toContain('€165.00');
    expect(warning?.message).toContain('This includes 1 other planned session in the same week');
  });

  it('does not count another session once it is cancelled', async () => {
    const beth = await recruit({ displayName: 'Beth', benefits: [{ scheme: 'IE.DA' }] });
    await heldMonday(beth);
    const forum = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() });
    const forumId = forum.json.forumId;
    const wednesday = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
      token: coordinator,
      body: threeHours([beth], '2026-03-11T18:00:00+00:00'),
    });
    const cancelled = await stack.call('POST', `/api/sessions/${wednesday.json.sessionId}/cancel`, {
      token: coordinator,
    });
    // Act
    const thursday = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
      token: coordinator,
      body: threeHours([beth], '2026-03-12T18:00:00+00:00'),
    });
    // Assess: Monday + Thursday = €150, within the limit.
    expect(cancelled.status).toBeLessThan(300);
    expect(thursday.status).toBe(201);
    expect(projectionsOf(thursday)).toEqual([]);
  });

  it('does not count another planned session in the next week', async () => {
    const colm = await recruit({ displayName: 'Colm', benefits: [{ scheme: 'IE.DA' }] });
    await heldMonday(colm);
    const forum = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() });
    const forumId = forum.json.forumId;
    const nextWednesday = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
      token: coordinator,
      body: threeHours([colm], '2026-03-18T18:00:00+00:00'),
    });
    // Act
    const thursday = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
      token: coordinator,
      body: threeHours([colm], '2026-03-12T18:00:00+00:00'),
    });
    // Assess
    expect(nextWednesday.status).toBe(201);
    expect(thursday.status).toBe(201);
    expect(projectionsOf(thursday)).toEqual([]);
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

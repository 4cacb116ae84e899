/**
 * The IE.CA, IE.JA and UK.UC worked examples of /work/shared/domain/BENEFIT_RULES.md, run purely
 * through the HTTP API of the local stack as a coordinator would: recruit the person, create a forum
 * in the jurisdiction's currency, schedule each session, let the (injected) clock pass it, record
 * who attended, let the stack settle, and read the payment back.
 *
 * The clock only moves forward, so the scenarios use separate weeks in date order (vitest runs the
 * tests of a file one after another).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

const clock = fixedClock('2026-02-01T09:00:00+00:00');
let stack: TestStack;
let coordinator: string;

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
});
afterAll(async () => {
  await stack?.stop();
});

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const uk = { jurisdiction: 'UK', areaId: 'leeds' };

async function recruit(overrides: Record<string, unknown>): Promise<string> {
  const res = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.participantId;
}

async function createForum(overrides: Record<string, unknown>): Promise<string> {
  const res = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.forumId;
}

/**
 * Schedule a session of `hours` for one person while it is still ahead, move the clock past its end,
 * record them as attending for its whole length, let the stack settle, and return their payment as
 * GET /api/payments/{id} shows it (after checking the participant's list shows the same).
 */
async function attend(forumId: string, participantId: string, startsAt: string, hours: number) {
  const endsAt = Date.parse(startsAt) + hours * 3_600_000;
  expect(Date.parse(startsAt)).toBeGreaterThan(clock.now().getTime());
  const scheduled = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
    token: coordinator,
    body: sessionBody([participantId], { startsAt, endsAt: iso(endsAt) }),
  });
  expect(scheduled.status).toBe(201);
  const sessionId: string = scheduled.json.sessionId;

  clock.set(new Date(endsAt + 15 * 60_000));
  const held = await stack.call('POST', `/api/sessions/${sessionId}/held`, {
    token: coordinator,
    body: { attendance: [{ participantId, hours, expenses: [] }] },
  });
  expect(held.status).toBe(202);
  await stack.settle();

  const list = await stack.call('GET', `/api/payments?participantId=${participantId}&limit=100`, {
    token: coordinator,
  });
  expect(list.status).toBe(200);
  const mine = (list.json.items as any[]).filter((p) => p.sessionId === sessionId);
  expect(mine).toHaveLength(1);
  const one = await stack.call('GET', `/api/payments/${mine[0].paymentId}`, { token: coordinator });
  expect(one.status).toBe(200);
  expect(one.json).toEqual(mine[0]);
  return one.json;
}

describe('IE.CA, IE.JA and UK.UC worked examples through the HTTP API', () => {
  it('IE.CA: after 17 hours this week (9 h + 8 h) a 2-hour session is held on the 18.5-hour rule at €25/h', async () => {
    // Prepare
    const forumId = await createForum({ remuneration: { hourlyRateMinor: 2500, currency: 'EUR' } });
    const id = await recruit({ benefits: [{ scheme: 'IE.CA' }] });
    // Act: Mon 23, Tue 24 and Wed 25 February 2026 (one Monday–Sunday week)
    const mon = await attend(forumId, id, '2026-02-23T09:00:00+00:00', 9);
    const tue = await attend(forumId, id, '2026-02-24T09:00:00+00:00', 8);
    const wed = await attend(forumId, id, '2026-02-25T10:00:00+00:00', 2);
    // Assess
    expect([mon.status, mon.feeMinor, mon.currency]).toEqual(['due', 22500, 'EUR']);
    expect([tue.status, tue.feeMinor]).toEqual(['due', 20000]);
    expect(wed).toMatchObject({
      status: 'held',
      feeMinor: 5000,
      currency: 'EUR',
      period: { scheme: 'IE.CA', start: '2026-02-23', end: '2026-03-01' },
      reasons: [
        {
          scheme: 'IE.CA',
          rule: 'weekly-hours-limit',
          limitHours: 18.5,
          alreadyHours: 17,
          thisHours: 2,
          headroomHours: 1.5,
          avoidableByChoice: false,
        },
      ],
    });
    // €475 in the week is within the €625 income disregard: the hours are the only rule broken.
    expect(wed.reasons).toHaveLength(1);
  });

  it('IE.CA: the same hours at 1 cent an hour are held all the same (it is the hours, not the fee)', async () => {
    // Prepare
    const forumId = await createForum({ remuneration: { hourlyRateMinor: 1, currency: 'EUR' } });
    const id = await recruit({ benefits: [{ scheme: 'IE.CA' }] });
    // Act: Mon 2, Tue 3 and Wed 4 March 2026
    const mon = await attend(forumId, id, '2026-03-02T09:00:00+00:00', 9);
    const tue = await attend(forumId, id, '2026-03-03T09:00:00+00:00', 8);
    const wed = await attend(forumId, id, '2026-03-04T10:00:00+00:00', 2);
    // Assess
    expect([mon.status, mon.feeMinor]).toEqual(['due', 9]);
    expect([tue.status, tue.feeMinor]).toEqual(['due', 8]);
    expect(wed).toMatchObject({
      status: 'held',
      feeMinor: 2,
      period: { scheme: 'IE.CA', start: '2026-03-02', end: '2026-03-08' },
      reasons: [
        {
          scheme: 'IE.CA',
          rule: 'weekly-hours-limit',
          limitHours: 18.5,
          alreadyHours: 17,
          thisHours: 2,
          headroomHours: 1.5,
          avoidableByChoice: false,
        },
      ],
    });
    expect(wed.reasons).toHaveLength(1);
  });

  it('UK.UC with a £684 work allowance and start day 12: 11 and 12 March are in different assessment periods, and the total does not carry over', async () => {
    // Prepare: £50/h, so 8 h is £400; two such sessions (£800) in one period would pass £684.
    const forumId = await createForum({ ...uk, remuneration: { hourlyRateMinor: 5000, currency: 'GBP' } });
    const id = await recruit({
      ...uk,
      benefits: [{ scheme: 'UK.UC', workAllowanceMinor: 68400, assessmentPeriodStartDay: 12 }],
    });
    // Act
    const eleventh = await attend(forumId, id, '2026-03-11T09:00:00+00:00', 8);
    const twelfth = await attend(forumId, id, '2026-03-12T09:00:00+00:00', 8);
    const thirteenth = await attend(forumId, id, '2026-03-13T09:00:00+00:00', 8);
    // Assess
    expect(eleventh).toMatchObject({
      status: 'due',
      feeMinor: 40000,
      currency: 'GBP',
      period: { scheme: 'UK.UC', start: '2026-02-12', end: '2026-03-11' },
      reasons: [],
    });
    // A new period: the £400 of 11 March is not counted, so £400 is within £684.
    expect(twelfth).toMatchObject({
      status: 'due',
      feeMinor: 40000,
      period: { scheme: 'UK.UC', start: '2026-03-12', end: '2026-04-11' },
      reasons: [],
    });
    // Within the same period the total does run: £400 already + £400 > £684.
    expect(thirteenth).toMatchObject({
      status: 'held',
      feeMinor: 40000,
      period: { scheme: 'UK.UC', start: '2026-03-12', end: '2026-04-11' },
      reasons: [
        {
          scheme: 'UK.UC',
          rule: 'work-allowance',
          limitMinor: 68400,
          alreadyMinor: 40000,
          thisMinor: 40000,
          headroomMinor: 28400,
          avoidableByChoice: true,
        },
      ],
    });
  });

  it('IE.JA: two €15 sessions on the same day are one day worked, and the second is held (€30 > €20 that day)', async () => {
    // Prepare
    const forumId = await createForum({ remuneration: { hourlyRateMinor: 1500, currency: 'EUR' } });
    const id = await recruit({ benefits: [{ scheme: 'IE.JA' }] });
    // Act: Monday 16 March 2026, morning and afternoon
    const morning = await attend(forumId, id, '2026-03-16T10:00:00+00:00', 1);
    const afternoon = await attend(forumId, id, '2026-03-16T15:00:00+00:00', 1);
    // Assess
    expect([morning.status, morning.feeMinor, morning.currency]).toEqual(['due', 1500, 'EUR']);
    expect(afternoon).toMatchObject({
      status: 'held',
      feeMinor: 1500,
      period: { scheme: 'IE.JA', start: '2026-03-16', end: '2026-03-22' },
      reasons: [
        {
          scheme: 'IE.JA',
          rule: 'daily-earnings-disregard',
          limitMinor: 2000,
          alreadyMinor: 1500,
          thisMinor: 1500,
          headroomMinor: 500,
          avoidableByChoice: true,
        },
      ],
      options: ['expenses-only', 'decline', 'full'],
    });
    // Still one day worked: the days rule is not broken.
    expect(afternoon.reasons).toHaveLength(1);
  });

  it('IE.JA: one €15 session on each of Mon, Tue and Wed is due; a fourth day that week is held on days worked', async () => {
    // Prepare
    const forumId = await createForum({ remuneration: { hourlyRateMinor: 1500, currency: 'EUR' } });
    const id = await recruit({ benefits: [{ scheme: 'IE.JA' }] });
    // Act: Mon 23 to Thu 26 March 2026
    const payments = [];
    for (const day of ['23', '24', '25', '26']) {
      payments.push(await attend(forumId, id, `2026-03-${day}T10:00:00+00:00`, 1));
    }
    // Assess
    expect(payments.map((p) => [p.status, p.feeMinor])).toEqual([
      ['due', 1500],
      ['due', 1500],
      ['due', 1500],
      ['held', 1500],
    ]);
    expect(payments[3]).toMatchObject({
      period: { scheme: 'IE.JA', start: '2026-03-23', end: '2026-03-29' },
      reasons: [
        {
          scheme: 'IE.JA',
          rule: 'days-worked',
          limitDays: 3,
          alreadyDays: 3,
          thisDays: 1,
          headroomDays: 0,
          avoidableByChoice: true,
        },
      ],
    });
    expect(payments[3].reasons).toHaveLength(1);
  });
});

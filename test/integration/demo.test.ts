import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_AREA,
  DEMO_DECISION,
  DEMO_FORUM,
  type DemoResult,
  demoSignIn,
  seedDemo,
} from '../../shared/local/demo.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

/** Issue 9, "First run": `npm run demo` seeds, through the HTTP API, something to try in every role. */
let stack: TestStack;
let demo: DemoResult;
const clock = fixedClock('2026-03-10T12:00:00.000Z');

beforeAll(async () => {
  stack = await startTestStack({ clock });
  demo = await seedDemo(stack.url, { now: clock.now(), settle: () => stack.settle() });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const member = () =>
  stack.token({ sub: 'member-sam-rivers', groups: ['member'], participantId: demo.member.participantId });

describe('the demo data set', () => {
  it('gives the member a payment held for their choice, and a decision awaiting their signature', async () => {
    const token = await member();
    const payments = await stack.call('GET', '/api/payments', { token });
    expect(payments.status).toBe(200);
    const held = payments.json.items.filter((p: { status: string }) => p.status === 'held');
    expect(held).toHaveLength(1);
    expect(held[0].paymentId).toBe(demo.member.heldPaymentId);
    expect(held[0].options.length).toBeGreaterThan(1);

    const awaiting = await stack.call('GET', '/api/decisions?awaiting=me', { token });
    expect(awaiting.status).toBe(200);
    expect(awaiting.json.items.map((d: { title: string }) => d.title)).toEqual([DEMO_DECISION]);
    const decision = await stack.call('GET', `/api/decisions/${demo.decisionId}`, { token });
    expect(decision.status).toBe(200);
    expect(decision.json.status).toBe('proposed');
  });

  it('has past and upcoming sessions for the member, and payments for finance to make', async () => {
    const mine = await stack.call('GET', '/api/my/sessions', { token: await member() });
    expect(mine.status).toBe(200);
    const titles = JSON.stringify(mine.json);
    expect(titles).toContain('Peer support drop-in planning (demo)');

    const past = await stack.call('GET', `/api/sessions/${demo.sessions.past}`, {
      token: await stack.tokenFor(['coordinator']),
    });
    expect(past.json.status).toBe('held');
    const finance = await stack.tokenFor(['finance']);
    const due = await stack.call('GET', '/api/payments?status=due', { token: finance });
    // Niamh (Disability Allowance, within its limit) and Tomás (no benefits); the provider is not paid.
    expect(due.json.items).toHaveLength(2);
    expect(stack.bus.deadLetters).toEqual([]);
  });

  it('adds nothing twice when it runs again', async () => {
    const coordinator = await stack.tokenFor(['coordinator']);
    const count = async () => ({
      people: (await stack.call('GET', `/api/participants?areaId=${DEMO_AREA}&limit=100`, { token: coordinator })).json
        .items.length,
      forums: (await stack.call('GET', '/api/forums?limit=100', { token: coordinator })).json.items.filter(
        (f: { name: string }) => f.name === DEMO_FORUM,
      ).length,
      sessions: (await stack.call('GET', `/api/forums/${demo.forumId}/sessions?limit=100`, { token: coordinator })).json
        .items.length,
      decisions: (await stack.call('GET', '/api/decisions?limit=100', { token: coordinator })).json.items.length,
      payments: (await stack.call('GET', '/api/payments?status=due', { token: coordinator })).json.items.length,
      held: (await stack.call('GET', '/api/payments?status=held', { token: coordinator })).json.items.length,
    });
    const before = await count();
    expect(before).toEqual({ people: 5, forums: 1, sessions: 3, decisions: 1, payments: 2, held: 1 });
    // A day later, as someone running it again on the same data would.
    clock.advance(86_400_000);
    const again = await seedDemo(stack.url, { now: clock.now(), settle: () => stack.settle() });
    expect(again).toEqual(demo);
    expect(await count()).toEqual(before);
  });

  it('tells the newcomer how to sign in as each role', () => {
    const text = demoSignIn(stack.url, demo);
    for (const role of ['Coordinator', 'Finance', 'Governance', 'Member']) expect(text).toContain(role);
    expect(text).toContain(demo.member.participantId);
    expect(text).toContain(`${stack.url}/sign-in`);
  });
});

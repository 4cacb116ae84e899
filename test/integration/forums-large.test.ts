import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discardPreparedSession } from '../../shared/forums/app/invitation-sync.js';
import { planSession, sessionWrites } from '../../shared/forums/app/scheduling.js';
import { SessionInput } from '../../shared/forums/domain/commands.js';
import { sessionInvitees, sweepPreparingSessions } from '../../shared/forums/index.js';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

/**
 * Issue 11, goal 2: sessions of up to 500 invitees, scheduled, answered, moved, cancelled and
 * recorded as held, with no partial session visible while its invitations are being written.
 */
const clock = fixedClock('2026-02-20T10:00:00Z');
let stack: TestStack;
let coordinator: string;
let people: string[] = [];
let forumId: string;

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/** Run `fn` over `items`, `width` at a time, in order. */
async function inParallel<T, R>(items: readonly T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
  const forum = await stack.call('POST', '/api/forums', {
    token: coordinator,
    body: forumBody({ name: 'South East area forum', level: 'area' }),
  });
  forumId = forum.json.forumId;
  // 500 people with lived experience; no email, so 500 invitations are not also 500 messages.
  people = await inParallel(
    Array.from({ length: 500 }, (_, i) => i),
    8,
    async (i) => {
      const res = await stack.call('POST', '/api/participants', {
        token: coordinator,
        body: participantBody({ displayName: `Member ${i}`, contact: { phone: '+353 87 123 4567' } }),
      });
      expect(res.status).toBe(201);
      return res.json.participantId as string;
    },
  );
}, 300_000);
afterAll(() => stack.stop());

const schedule = (invitees: string[], startsAt: string, overrides: Record<string, unknown> = {}) =>
  stack.call('POST', `/api/forums/${forumId}/sessions`, {
    token: coordinator,
    body: sessionBody(invitees, { startsAt, endsAt: iso(Date.parse(startsAt) + 2 * HOUR), ...overrides }),
  });
const view = async (sessionId: string) => stack.call('GET', `/api/sessions/${sessionId}`, { token: coordinator });
const mySessions = async (participantId: string) => {
  const token = await stack.tokenFor(['member'], participantId);
  return (await stack.call('GET', '/api/my/sessions?when=upcoming&limit=50', { token })).json.items as {
    sessionId: string;
    startsAt: string;
  }[];
};

describe('large sessions', () => {
  it('schedules a 50-person session (no longer a 400)', async () => {
    const res = await schedule(people.slice(0, 50), '2026-04-06T10:00:00+00:00');

    expect(res.status).toBe(201);
    expect((await view(res.json.sessionId)).json.invitees).toHaveLength(50);
  });

  it('schedules 500 invitees, takes an RSVP, warns of clashes for all at once, moves it, records it held and pays all 500', async () => {
    // Act: schedule, answer, schedule a clashing session for two of them, move the large one.
    const startsAt = '2026-03-09T10:00:00+00:00';
    const scheduled = await schedule(people, startsAt);
    const sessionId = scheduled.json.sessionId as string;
    const answered = await stack.call('POST', `/api/sessions/${sessionId}/rsvp`, {
      token: await stack.tokenFor(['member'], people[7]),
      body: { participantId: people[7], response: 'yes' },
    });
    const clashing = await schedule([people[3]!, people[499]!], '2026-03-09T11:00:00+00:00');
    const movedTo = '2026-03-16T10:00:00+00:00';
    const moved = await stack.call('POST', `/api/sessions/${sessionId}/reschedule`, {
      token: coordinator,
      body: { startsAt: movedTo, endsAt: iso(Date.parse(movedTo) + 2 * HOUR) },
    });
    await stack.settle();

    // Assess: the session as scheduled, answered and moved.
    expect(scheduled.status).toBe(201);
    expect(answered.status).toBe(200);
    expect(clashing.json.warnings.filter((w: { kind: string }) => w.kind === 'clash')).toEqual([
      expect.objectContaining({ participantId: people[3], sessionId }),
      expect.objectContaining({ participantId: people[499], sessionId }),
    ]);
    expect(moved.status).toBe(200);
    const seen = (await view(sessionId)).json;
    expect(seen.invitees).toHaveLength(500);
    expect(seen.invitees.filter((i: { rsvp: string | null }) => i.rsvp === 'yes')).toHaveLength(1);
    expect(seen.startsAt).toBe(movedTo);
    const invitations = await sessionInvitees(sessionId, stack.deps);
    expect(invitations.every((i) => i.startsAt === movedTo && i.status === 'invited')).toBe(true);
    expect((await mySessions(people[250]!)).find((s) => s.sessionId === sessionId)?.startsAt).toBe(movedTo);

    // Act: record all 500 as held.
    clock.set('2026-03-16T13:00:00Z');
    const held = await stack.call('POST', `/api/sessions/${sessionId}/held`, {
      token: coordinator,
      body: { attendance: people.map((participantId) => ({ participantId, hours: 2 })) },
    });
    await stack.settle();

    // Assess: one payment each, all readable, each at 2 hours × €25.
    expect(held.status).toBe(202);
    const payments = await inParallel(people, 16, async (p) => {
      const res = await stack.call('GET', `/api/payments?participantId=${p}&limit=10`, { token: coordinator });
      return (res.json.items as { sessionId: string; feeMinor: number; status: string }[]).filter(
        (x) => x.sessionId === sessionId,
      );
    });
    expect(payments.map((p) => p.length)).toEqual(people.map(() => 1));
    expect(payments.flat().every((p) => p.feeMinor === 5000 && p.status === 'due')).toBe(true);
  }, 300_000);

  // 150 invitees: five chunks of invitations, the same path as 500 (scheduling, moving and holding
  // 500 are above; cancelling 500 more would add a minute to every run of the suite).
  it('cancels a large (150-invitee) session: every invitation cancelled, gone from everyone’s schedule', async () => {
    clock.set('2026-02-20T10:00:00Z');
    const { json } = await schedule(people.slice(0, 150), '2026-05-04T10:00:00+00:00');

    const cancelled = await stack.call('POST', `/api/sessions/${json.sessionId}/cancel`, { token: coordinator });
    await stack.settle();

    expect(cancelled.status).toBe(200);
    const invitations = await sessionInvitees(json.sessionId, stack.deps);
    expect(invitations).toHaveLength(150);
    expect(invitations.every((i) => i.status === 'cancelled')).toBe(true);
    expect((await mySessions(people[42]!)).map((s) => s.sessionId)).not.toContain(json.sessionId);
    const again = await schedule([people[42]!], '2026-05-04T10:30:00+00:00');
    expect(again.json.warnings.filter((w: { kind: string }) => w.kind === 'clash')).toEqual([]);
  }, 120_000);

  it('shows nothing of a session while it is being prepared, and the sweeper removes one left preparing', async () => {
    // Prepare: a 100-invitee session written up to, not including, its switch to live.
    clock.set('2026-02-20T10:00:00Z');
    const input = SessionInput.parse(sessionBody(people.slice(100, 200), { startsAt: '2026-06-01T10:00:00+00:00' }));
    const plan = await planSession(forumId, input, stack.deps);
    await sessionWrites(plan, stack.deps);
    const { sessionId } = plan.session;

    // Assess: the invitations exist, but the session is not there for anyone.
    expect(await sessionInvitees(sessionId, stack.deps)).toHaveLength(100);
    expect((await view(sessionId)).status).toBe(404);
    const rsvp = await stack.call('POST', `/api/sessions/${sessionId}/rsvp`, {
      token: coordinator,
      body: { participantId: people[100], response: 'yes' },
    });
    expect(rsvp.status).toBe(404);
    expect((await mySessions(people[150]!)).map((s) => s.sessionId)).not.toContain(sessionId);
    const list = await stack.call('GET', `/api/forums/${forumId}/sessions?limit=100`, { token: coordinator });
    expect(list.json.items.map((s: { sessionId: string }) => s.sessionId)).not.toContain(sessionId);
    const clash = await schedule([people[150]!], '2026-06-01T10:30:00+00:00');
    expect(clash.json.warnings.filter((w: { kind: string }) => w.kind === 'clash')).toEqual([]);

    // Act: the sweeper, before and after the preparation is stale.
    const early = await sweepPreparingSessions(stack.deps);
    clock.set('2026-02-20T10:11:00Z');
    const late = await sweepPreparingSessions(stack.deps);

    // Assess
    expect(early.discarded).toBe(0);
    expect(late.discarded).toBeGreaterThanOrEqual(1);
    expect(await sessionInvitees(sessionId, stack.deps)).toEqual([]);
    expect(await discardPreparedSession(sessionId, stack.deps)).toBe(false);
  }, 120_000);

  it('refuses a large session with someone who withdrew consent while it was prepared, and leaves nothing', async () => {
    // Prepare: planned (the invitee read with consent), then the invitee withdraws.
    clock.set('2026-02-20T10:00:00Z');
    const invitees = people.slice(300, 340);
    const input = SessionInput.parse(sessionBody(invitees, { startsAt: '2026-06-08T10:00:00+00:00' }));
    const plan = await planSession(forumId, input, stack.deps);
    const withdrawn = await stack.call('POST', `/api/participants/${invitees[35]}/consent-withdrawal`, {
      token: coordinator,
    });
    expect(withdrawn.status).toBe(200);

    // Act
    const err = await sessionWrites(plan, stack.deps).catch((e: unknown) => e);
    await discardPreparedSession(plan.session.sessionId, stack.deps);

    // Assess
    expect(err).toMatchObject({ issues: [{ path: 'invitees.35', message: expect.stringContaining('withdrawn') }] });
    expect(await sessionInvitees(plan.session.sessionId, stack.deps)).toEqual([]);
    expect((await view(plan.session.sessionId)).status).toBe(404);
  });
});

/**
 * GET /api/reports/coproduction through the local stack: recruit, a forum, sessions held with
 * attendance (one meeting the lived-experience rule, one not) and one cancelled, a decision
 * co-signed and one still open, payments due and held → the report's numbers, exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

const clock = fixedClock('2026-03-02T08:00:00.000Z');
let stack: TestStack;
let coordinator: string;
let governance: string;
let forumId: string;
const ids: Record<'a' | 'b' | 'c' | 'provider', string> = { a: '', b: '', c: '', provider: '' };
const memberTokens: Record<string, string> = {};

const iso = (s: string) => s.replace('Z', '+00:00');

async function recruit(overrides: Record<string, unknown>): Promise<string> {
  const res = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.participantId;
}

async function schedule(invitees: string[], startsAt: string, endsAt: string): Promise<string> {
  const res = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
    token: coordinator,
    body: sessionBody(invitees, { startsAt: iso(startsAt), endsAt: iso(endsAt) }),
  });
  expect(res.status).toBe(201);
  return res.json.sessionId;
}

async function held(sessionId: string, after: string, attendance: unknown[]) {
  clock.set(after);
  const res = await stack.call('POST', `/api/sessions/${sessionId}/held`, { token: coordinator, body: { attendance } });
  expect(res.status).toBe(202);
  await stack.settle();
}

const report = (query: string, token = governance) =>
  stack.call('GET', `/api/reports/coproduction?${query}`, { token });

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
  governance = await stack.tokenFor(['governance']);
  forumId = (await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() })).json.forumId;
  ids.a = await recruit({ benefits: [{ scheme: 'NONE' }] });
  ids.b = await recruit({ benefits: [{ scheme: 'NONE' }] });
  ids.c = await recruit({ benefits: [{ scheme: 'IE.DA' }] });
  ids.provider = await recruit({ stakeholderGroup: 'provider', benefits: undefined, payment: undefined });
  for (const [k, id] of Object.entries(ids)) memberTokens[k] = await stack.tokenFor(['member'], id);

  const met = await schedule([ids.a, ids.b, ids.provider], '2026-03-02T18:00:00Z', '2026-03-02T20:00:00Z');
  const notMet = await schedule([ids.c, ids.provider], '2026-03-03T10:00:00Z', '2026-03-03T18:00:00Z');
  const cancelled = await schedule([ids.a], '2026-03-04T18:00:00Z', '2026-03-04T20:00:00Z');
  // Out of range (April): not counted.
  await schedule([ids.a, ids.b], '2026-04-02T18:00:00Z', '2026-04-02T20:00:00Z');
  expect((await stack.call('POST', `/api/sessions/${cancelled}/cancel`, { token: coordinator, body: {} })).status).toBe(
    200,
  );

  // 2 of 3 with lived experience: met. Fees €50 + €50, expenses €12.40.
  await held(met, '2026-03-02T20:15:00.000Z', [
    { participantId: ids.a, hours: 2, expenses: [{ kind: 'travel', amountMinor: 1240, receiptRef: 'BUS-1' }] },
    { participantId: ids.b, hours: 2, expenses: [] },
    { participantId: ids.provider, hours: 2, expenses: [] },
  ]);
  // 1 of 2: not met. 7 h at €25 is €175, over IE.DA's €165 a week: held for a choice.
  await held(notMet, '2026-03-03T18:15:00.000Z', [
    { participantId: ids.c, hours: 7, expenses: [] },
    { participantId: ids.provider, hours: 8, expenses: [] },
  ]);

  clock.set('2026-03-05T09:00:00.000Z');
  const propose = async (title: string) => {
    const res = await stack.call('POST', '/api/decisions', {
      token: coordinator,
      body: { title, text: `${title}: the text.`, forumId, signOffDueAt: '2026-03-20T17:00:00+00:00' },
    });
    expect(res.status).toBe(201);
    return res.json.decisionId as string;
  };
  const cosigned = await propose('Drop-in hours');
  await propose('Newsletter');
  clock.advance(36 * 3_600_000);
  for (const who of ['provider', 'a']) {
    const res = await stack.call('POST', `/api/decisions/${cosigned}/signatures`, {
      token: memberTokens[who]!,
      body: { stance: 'approve' },
    });
    expect(res.status).toBe(201);
  }
}, 180_000);
afterAll(() => stack?.stop());

describe('GET /api/reports/coproduction', () => {
  it('counts sessions, presence, decisions and payments exactly', async () => {
    const res = await report('from=2026-03-01&to=2026-03-31');
    expect(res.status).toBe(200);
    expect(res.json.range).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(res.json.generatedAt).toBe('2026-03-06T21:00:00.000Z');
    expect(res.json.forums).toEqual([
      {
        forumId,
        name: 'Waterford local forum',
        level: 'local',
        areaId: 'cho5-waterford',
        sessionsHeld: 2,
        sessionsCancelled: 1,
        presenceMet: 1,
        presenceNotMet: 1,
        livedExperienceAttendances: 3,
        providerAttendances: 2,
        livedExperienceHours: 11,
      },
    ]);
    expect(res.json.decisions).toEqual({
      proposed: 2,
      coSigned: 1,
      objected: 0,
      overdue: 0,
      stillOpen: 1,
      medianDaysToCoSign: 1.5,
    });
    expect(res.json.payments).toEqual([
      {
        currency: 'EUR',
        fees: { count: 2, totalMinor: 10000 },
        expenses: { count: 1, totalMinor: 1240 },
        heldAwaitingChoice: 1,
        choices: { full: 0, reduced: 0, charity: 0, 'expenses-only': 0, decline: 0 },
        issued: 0,
        failed: 0,
      },
    ]);
    expect(res.json.notes.length).toBeGreaterThan(0);
  });

  it('counts nothing outside the range', async () => {
    const res = await report('from=2026-01-01&to=2026-02-28', await stack.tokenFor(['coordinator']));
    expect(res.status).toBe(200);
    expect(res.json.forums[0]).toMatchObject({ sessionsHeld: 0, sessionsCancelled: 0, presenceMet: 0 });
    expect(res.json.decisions.proposed).toBe(0);
    expect(res.json.payments).toEqual([]);
  });

  it('is for governance and coordinators only', async () => {
    expect((await report('from=2026-03-01&to=2026-03-31', memberTokens.a!)).status).toBe(403);
    expect((await report('from=2026-03-01&to=2026-03-31', await stack.tokenFor(['finance']))).status).toBe(403);
  });

  it('answers 400 naming the field for missing, bad, reversed or too long ranges', async () => {
    const paths = async (q: string) => {
      const res = await report(q);
      expect(res.status).toBe(400);
      return (res.json.issues as { path: string }[]).map((i) => i.path);
    };
    expect(await paths('')).toEqual(['from', 'to']);
    expect(await paths('from=2026-02-30&to=2026-03-31')).toEqual(['from']);
    expect(await paths('from=2026-03-01&to=31-03-2026')).toEqual(['to']);
    expect(await paths('to=2026-03-31')).toEqual(['from']);
    expect(await paths('from=2026-03-31&to=2026-03-01')).toEqual(['to']);
    expect(await paths('from=2025-01-01&to=2026-01-02')).toEqual(['to']);
    expect((await report('from=2025-01-01&to=2026-01-01')).status).toBe(200);
  });

  it('answers 400 on the field for a date that does not exist, never 500', async () => {
    const res = await report('from=2026-13-01&to=2026-03-31');
    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([{ path: 'from', message: 'Enter a date like 2026-03-01.' }]);
    const missing = await report('from=2026-13-01');
    expect(missing.status).toBe(400);
    expect(missing.json.issues.map((i: { path: string }) => i.path)).toEqual(['to', 'from']);
  });
});

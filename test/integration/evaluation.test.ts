/**
 * The annual evaluation through the local stack: a year (2026) of sessions, decisions, payments,
 * ladder answers, staff activities, roles and self-assessments in one area, and the indicators
 * worked out by hand from the same data (in the comments beside each). Also the 403s of the
 * issue's "Done when" and the 400s that name what to fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentIdFor } from '../../shared/payments/domain/payments.js';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

const clock = fixedClock('2025-10-01T09:00:00.000Z');
const AREA = 'cho5-waterford';
let stack: TestStack;
let coordinator: string;
let governance: string;
let finance: string;
let forumId: string;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const sessions: Record<string, string> = {};
const decisions: Record<string, string> = {};

const iso = (s: string) => s.replace('Z', '+00:00');
const consent = {
  given: true,
  capacityConfirmed: true,
  recordedAt: '2025-09-01T10:00:00+00:00',
  scopes: ['forums', 'payments', 'decisions', 'contact'],
};

async function recruit(name: string, overrides: Record<string, unknown> = {}) {
  const res = await stack.api.recruitParticipant({
    token: coordinator,
    body: participantBody({ displayName: name, consent, benefits: [{ scheme: 'NONE' }], ...overrides }),
  });
  expect(res.status).toBe(201);
  ids[name] = res.json.participantId;
  tokens[name] = await stack.tokenFor(['member'], res.json.participantId);
}
const provider = { stakeholderGroup: 'provider', benefits: undefined, payment: undefined };

async function schedule(name: string, invitees: string[], startsAt: string, endsAt: string) {
  const res = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
    token: coordinator,
    body: sessionBody(
      invitees.map((n) => ids[n]!),
      { startsAt: iso(startsAt), endsAt: iso(endsAt) },
    ),
  });
  expect(res.status).toBe(201);
  sessions[name] = res.json.sessionId;
}

async function held(name: string, at: string, attendance: [string, number][]) {
  clock.set(at);
  const res = await stack.call('POST', `/api/sessions/${sessions[name]}/held`, {
    token: coordinator,
    body: { attendance: attendance.map(([who, hours]) => ({ participantId: ids[who], hours, expenses: [] })) },
  });
  expect(res.status).toBe(202);
  await stack.settle();
}

async function propose(name: string, at: string, due: string) {
  clock.set(at);
  const res = await stack.call('POST', '/api/decisions', {
    token: coordinator,
    body: { title: `Decision ${name}`, text: `${name}: the text.`, forumId, signOffDueAt: iso(due) },
  });
  expect(res.status).toBe(201);
  decisions[name] = res.json.decisionId;
}

async function sign(decision: string, who: string[], at: string) {
  clock.set(at);
  for (const w of who) {
    const res = await stack.call('POST', `/api/decisions/${decisions[decision]}/signatures`, {
      token: tokens[w]!,
      body: { stance: 'approve' },
    });
    expect(res.status).toBe(201);
  }
  await stack.settle();
}

async function issue(session: string, who: string, at: string) {
  clock.set(at);
  const res = await stack.api.markPaymentIssued({
    token: finance,
    params: { id: paymentIdFor(sessions[session]!, ids[who]!) },
    body: { financeRef: `FIN-${session}-${who}` },
  });
  expect(res.status).toBe(200);
}

const activity = (overrides: Record<string, unknown>) => ({
  kind: 'reflective-practice',
  title: 'Team reflective practice on recovery',
  date: '2026-02-10',
  hours: 1.5,
  areaId: AREA,
  attendees: [],
  coFacilitators: [],
  ...overrides,
});

async function recordActivity(overrides: Record<string, unknown>) {
  const res = await stack.call('POST', '/api/staff-activities', { token: coordinator, body: activity(overrides) });
  expect(res.status).toBe(201);
  expect(res.json.activityId).toEqual(expect.any(String));
}

async function recordRole(who: string, body: Record<string, unknown>) {
  const res = await stack.call('POST', `/api/participants/${ids[who]}/roles`, { token: coordinator, body });
  expect(res.status).toBe(201);
  return res.json.roleId as string;
}

const ladder = (kind: 'sessions' | 'decisions', id: string, token: string, rung: string) =>
  stack.call('POST', `/api/${kind}/${id}/ladder`, { token, body: { rung } });

const assess = (action: string, token: string, rating: string, evidence = 'Minutes of the forum.', year = 2026) =>
  stack.call('PUT', `/api/evaluations/${AREA}/${year}/self-assessment/${action}`, {
    token,
    body: { rating, evidence },
  });

const evaluation = (year: number, token = governance, query = '') =>
  stack.call('GET', `/api/evaluations/${AREA}/${year}${query}`, { token });

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
  governance = await stack.tokenFor(['governance']);
  finance = await stack.tokenFor(['finance']);
  const forum = await stack.call('POST', '/api/forums', {
    token: coordinator,
    body: forumBody({ remuneration: { effectiveFrom: '2025-01-01' } }),
  });
  expect(forum.status).toBe(201);
  forumId = forum.json.forumId;
  for (const n of ['a', 'b', 'c']) await recruit(n);
  // d declares Disability Allowance: 7 hours at €25 (€175) is over its €165 a week, so it is held.
  await recruit('d', { benefits: [{ scheme: 'IE.DA' }] });
  for (const n of ['p1', 'p2', 'p3']) await recruit(n, provider);
  await recruit('kerry', { areaId: 'cho4-kerry' });

  // 2025: b attends once, so b is "returning" in 2026 and a, c, d are new.
  await schedule('S0', ['b', 'p1'], '2025-11-03T18:00:00Z', '2025-11-03T20:00:00Z');
  await held('S0', '2025-11-03T20:15:00.000Z', [
    ['b', 2],
    ['p1', 2],
  ]);
  await recordActivity({ date: '2025-12-01', attendees: [ids.p2] }); // 2025: not in 2026's figures

  clock.set('2026-02-01T09:00:00.000Z');
  await schedule('S1', ['a', 'b', 'p1'], '2026-03-02T18:00:00Z', '2026-03-02T20:00:00Z');
  await schedule('S2', ['a', 'p1'], '2026-03-03T10:00:00Z', '2026-03-03T12:00:00Z');
  await schedule('S3', ['a', 'c', 'd', 'p2'], '2026-06-01T10:00:00Z', '2026-06-01T18:00:00Z');
  await recordActivity({ date: '2026-02-10', attendees: [ids.p1, ids.p2], coFacilitators: [ids.a] });
  await recordActivity({ date: '2026-09-10', attendees: [ids.p1] });
  await recordActivity({ kind: 'co-production-training', date: '2026-04-01', hours: 3, attendees: [ids.p3] });
  await recordRole('a', { role: 'peer-support-worker', from: '2026-01-01', fte: 0.5 });
  await recordRole('b', { role: 'peer-educator', from: '2025-06-01', to: '2026-06-30', fte: 0.4 });
  await recordRole('c', { role: 'area-lead', from: '2026-10-01', fte: 0.6 });

  // S1: a, b with lived experience, p1 staff: 2 of 3 (≥ 2 and ≥ 30%) → met.
  await held('S1', '2026-03-02T20:15:00.000Z', [
    ['a', 2],
    ['b', 2],
    ['p1', 2],
  ]);
  // S2: only a → not met.
  await held('S2', '2026-03-03T12:15:00.000Z', [
    ['a', 2],
    ['p1', 2],
  ]);

  await propose('D1', '2026-03-05T09:00:00.000Z', '2026-03-20T17:00:00Z');
  await propose('D2', '2026-03-05T09:05:00.000Z', '2026-03-20T17:00:00Z'); // never co-signed
  await sign('D1', ['p1', 'a'], '2026-03-06T21:00:00.000Z'); // 1 day

  await issue('S1', 'a', '2026-03-09T12:00:00.000Z'); // 7 days
  await issue('S1', 'b', '2026-03-09T12:00:00.000Z'); // 7 days
  await issue('S2', 'a', '2026-03-13T12:00:00.000Z'); // 10 days

  // S3: a, c, d and p2: 3 of 4 → met. d's payment is held and no choice is ever recorded.
  await held('S3', '2026-06-01T18:15:00.000Z', [
    ['a', 2],
    ['c', 2],
    ['d', 7],
    ['p2', 8],
  ]);
  await propose('D3', '2026-06-02T09:00:00.000Z', '2026-06-30T17:00:00Z');
  await sign('D3', ['a', 'p2'], '2026-06-12T09:00:00.000Z'); // 10 days
  await issue('S3', 'a', '2026-06-21T12:00:00.000Z'); // 20 days; c's is never issued

  clock.set('2026-06-22T10:00:00.000Z');
}, 240_000);
afterAll(() => stack?.stop());

describe('ladder answers', () => {
  it('takes one answer per attendee of a held session, a second replacing the first', async () => {
    const first = await ladder('sessions', sessions.S2!, tokens.a!, 'engagement');
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ subject: 'session', subjectId: sessions.S2, rung: 'engagement' });
    expect((await ladder('sessions', sessions.S2!, tokens.a!, 'consultation')).status).toBe(200);
    expect((await ladder('sessions', sessions.S1!, tokens.a!, 'consultation')).status).toBe(200);
    expect((await ladder('sessions', sessions.S1!, tokens.b!, 'informing')).status).toBe(200);
    expect((await ladder('sessions', sessions.S1!, tokens.p1!, 'co-design')).status).toBe(200);
  });

  it('refuses a member who did not attend (403), and a session not yet held', async () => {
    const res = await ladder('sessions', sessions.S1!, tokens.c!, 'co-production');
    expect(res.status).toBe(403);
    expect(res.json.message).toMatch(/attending/);
    clock.set('2026-06-22T10:00:00.000Z');
    await schedule('later', ['a'], '2026-07-01T18:00:00Z', '2026-07-01T20:00:00Z');
    expect((await ladder('sessions', sessions.later!, tokens.a!, 'co-design')).status).toBe(403);
  });

  it('takes answers on a decision from those who signed it, and refuses anyone else (403)', async () => {
    expect((await ladder('decisions', decisions.D1!, tokens.a!, 'co-design')).status).toBe(200);
    expect((await ladder('decisions', decisions.D1!, tokens.p1!, 'co-production')).status).toBe(200);
    const res = await ladder('decisions', decisions.D1!, tokens.b!, 'co-design');
    expect(res.status).toBe(403);
    expect((await ladder('decisions', decisions.D1!, coordinator, 'co-design')).status).toBe(403);
  });

  it('answers 400 naming the rung, and 404 for a session that does not exist', async () => {
    const bad = await ladder('sessions', sessions.S1!, tokens.a!, 'partnership');
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0].path).toBe('rung');
    expect((await ladder('sessions', '01JZZZZZZZZZZZZZZZZZZZZZZZ', tokens.a!, 'co-design')).status).toBe(404);
  });

  it('lists a member’s sessions attended and decisions signed, newest first, with their answers', async () => {
    const res = await stack.api.myLadder({ token: tokens.a! });
    expect(res.status).toBe(200);
    expect(res.json.items.map((i) => [i.subject, i.on, i.rung])).toEqual([
      ['decision', '2026-06-02', null],
      ['session', '2026-06-01', null],
      ['decision', '2026-03-05', 'co-design'],
      ['session', '2026-03-03', 'consultation'],
      ['session', '2026-03-02', 'consultation'],
    ]);
    expect(res.json.items[2]?.title).toBe('Decision D1');
  });
});

describe('staff activities and roles', () => {
  it('refuses an attendee who is not a provider, naming them, and writes nothing', async () => {
    const res = await stack.call('POST', '/api/staff-activities', {
      token: coordinator,
      body: activity({ attendees: [ids.p1, ids.a] }),
    });
    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([{ path: 'attendees.1', message: expect.stringContaining(ids.a!) }]);
    expect(res.json.issues[0].message).toMatch(/not a provider/);
    const record = await stack.api.getParticipant({ token: coordinator, params: { id: ids.p1! } });
    expect(record.json.staffPractice).toEqual({ year: 2026, reflectivePractice: 2, coProductionTraining: 0 });
  });

  it('records one activity for two requests with the same Idempotency-Key', async () => {
    const body = activity({ kind: 'co-production-training', date: '2026-05-01', hours: 2, attendees: [ids.p3] });
    const headers = { 'idempotency-key': 'training-may-2026' };
    const [first, again] = await Promise.all([
      stack.call('POST', '/api/staff-activities', { token: coordinator, body, headers }),
      stack.call('POST', '/api/staff-activities', { token: coordinator, body, headers }),
    ]);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.json.activityId).toBe(first.json.activityId);
    const record = await stack.api.getParticipant({ token: coordinator, params: { id: ids.p3! } });
    expect(record.json.staffPractice).toEqual({ year: 2026, reflectivePractice: 0, coProductionTraining: 2 });
  });

  it('is for coordinators only', async () => {
    const res = await stack.call('POST', '/api/staff-activities', {
      token: tokens.p1!,
      body: activity({ attendees: [ids.p1] }),
    });
    expect(res.status).toBe(403);
    const role = await stack.call('POST', `/api/participants/${ids.a}/roles`, {
      token: tokens.a!,
      body: { role: 'peer-support-worker', from: '2026-01-01', fte: 0.5 },
    });
    expect(role.status).toBe(403);
    expect((await assess('evaluation', governance, 'embedded')).status).toBe(403);
  });

  it('lists a lived-experience member’s roles on their record, and refuses a role for a provider', async () => {
    const record = await stack.api.getParticipant({ token: tokens.b!, params: { id: ids.b! } });
    expect(record.status).toBe(200);
    expect(record.json.roles).toEqual([
      { roleId: expect.any(String), role: 'peer-educator', from: '2025-06-01', to: '2026-06-30', fte: 0.4 },
    ]);
    const res = await stack.call('POST', `/api/participants/${ids.p1}/roles`, {
      token: coordinator,
      body: { role: 'peer-support-worker', from: '2026-01-01', fte: 0.5 },
    });
    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('id');
    const bad = await stack.call('POST', `/api/participants/${ids.a}/roles`, {
      token: coordinator,
      body: { role: 'peer-support-worker', from: '2026-01-01', to: '2025-01-01', fte: 1.5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: { path: string }) => i.path).sort()).toEqual(['fte', 'to']);
  });
});

describe('self-assessment', () => {
  it('keeps the latest of each view, side by side', async () => {
    expect((await assess('decision-making', coordinator, 'embedded', 'Every decision goes to the forum.')).status).toBe(
      200,
    );
    expect((await assess('remuneration', coordinator, 'in-place')).status).toBe(200);
    expect((await assess('decision-making', tokens.a!, 'not-started')).status).toBe(200);
    const latest = await assess('decision-making', tokens.a!, 'planned', 'We sign, but the agenda is set for us.');
    expect(latest.status).toBe(200);
    expect(latest.json).toMatchObject({ view: 'lived-experience', rating: 'planned', year: 2026 });
    expect((await assess('remuneration', tokens.b!, 'in-place')).status).toBe(200);
    const mine = await stack.api.readSelfAssessment({ token: tokens.a!, params: { areaId: AREA, year: '2026' } });
    expect(mine.json.items.map((i) => [i.action, i.view, i.rating])).toEqual([
      ['decision-making', 'lived-experience', 'planned'],
      ['remuneration', 'lived-experience', 'in-place'],
    ]);
    const staff = await stack.api.readSelfAssessment({ token: coordinator, params: { areaId: AREA, year: '2026' } });
    expect(staff.json.items.map((i) => [i.action, i.rating])).toEqual([
      ['decision-making', 'embedded'],
      ['remuneration', 'in-place'],
    ]);
  });

  it('refuses a provider signed in as a member and a member of another area (403)', async () => {
    expect((await assess('evaluation', tokens.p1!, 'embedded')).status).toBe(403);
    expect((await assess('evaluation', tokens.kerry!, 'embedded')).status).toBe(403);
    const other = await stack.api.readSelfAssessment({ token: tokens.kerry!, params: { areaId: AREA, year: '2026' } });
    expect(other.status).toBe(403);
  });

  it('answers 400 naming an action that is not one of the nine', async () => {
    const res = await assess('tokenism', coordinator, 'embedded');
    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('action');
  });
});

describe('GET /api/evaluations/:areaId/:year', () => {
  it('gives the indicators worked out by hand', async () => {
    clock.set('2027-01-15T12:00:00.000Z');
    const res = await evaluation(2026);
    expect(res.status).toBe(200);
    const e = res.json;
    const ind = Object.fromEntries(
      (e.indicators as { id: string; value: number | null; score: number | null }[]).map((i) => [
        i.id,
        [i.value, i.score],
      ]),
    );
    expect(ind).toEqual({
      presence: [66.7, 4], // S1 and S3 met, S2 not: 2 of 3
      'co-signed': [66.7, 4], // D1 and D3 of D1, D2, D3
      'days-to-co-sign': [5.5, 5], // 1 and 10 days
      'days-to-pay': [8.5, 4], // 7, 7, 10, 20 days; c's not issued, d's held
      'holds-resolved': [0, 1], // d's hold, no choice in 14 days
      'same-pool': [50, 2], // a made 3 of the 6 lived-experience attendances (a 3, b 1, c 1, d 1)
      'new-participants': [75, 4], // a, c, d new; b attended in 2025
      'feedback-closed': [null, null], // nothing bound on this branch (functions/evaluation-api/sources.ts)
      'feedback-days': [null, null],
      'reported-back': [null, null],
      'reflective-practice': [33.3, 2], // p1 had 2 (2026-02-10, 2026-09-10); p2 1 in 2026; p3 none
      training: [33.3, 2], // p3 of p1, p2, p3
      'lived-experience-roles': [1.1, 3], // a 0.5 + c 0.6 on 31 December; b's ended 30 June
      'experience-responses': [null, null],
    });
    // Mean of 4, 4, 5, 4, 1, 2, 4, 2, 2, 3 and the self-assessment's 3.7 (views 4⅓ and 3) = 34.7 / 11.
    expect(e.overallScore).toBe(3.2);
    expect(e.samePool).toEqual({
      participants: 4,
      attendances: 6,
      top10PercentShare: 50,
      peopleForHalf: 1,
      newThisYear: 3,
      returningFromLastYear: 1,
    });
    const none = { coercion: 0, educating: 0, informing: 0, consultation: 0, engagement: 0, 'co-design': 0 };
    expect(e.ladder).toEqual({
      sessions: {
        livedExperience: { ...none, 'co-production': 0, consultation: 2, informing: 1 },
        provider: { ...none, 'co-production': 0, 'co-design': 1 },
      },
      decisions: {
        livedExperience: { ...none, 'co-production': 0, 'co-design': 1 },
        provider: { ...none, 'co-production': 1 },
      },
    });
    const rows = Object.fromEntries((e.selfAssessment as { action: string }[]).map((r) => [r.action, r]));
    expect(rows['decision-making']).toEqual({
      action: 'decision-making',
      livedExperience: { rating: 'planned', evidence: 'We sign, but the agenda is set for us.' },
      provider: { rating: 'embedded', evidence: 'Every decision goes to the forum.' },
      flagged: true,
    });
    expect(rows.remuneration).toMatchObject({ flagged: false });
    expect(rows.evaluation).toEqual({ action: 'evaluation', livedExperience: null, provider: null, flagged: false });
    expect(e.notes).toContain(
      '1 of 4 staff training and reflective-practice sessions in 2026 was co-facilitated by someone with lived experience.',
    );
  });

  it('is null where there is nothing, never a made-up zero', async () => {
    const res = await evaluation(2024, coordinator);
    expect(res.status).toBe(200);
    const measured = (res.json.indicators as { id: string; value: number | null }[]).filter((i) => i.value !== null);
    // Roles are recorded in the area and none was in post on 31 December 2024: a real zero.
    expect(measured.map((i) => [i.id, i.value])).toEqual([['lived-experience-roles', 0]]);
    expect(res.json.overallScore).toBe(1);
    expect(res.json.samePool.top10PercentShare).toBeNull();
  });

  it('is for governance and coordinators: members and finance are refused (403)', async () => {
    expect((await evaluation(2026, tokens.a!)).status).toBe(403);
    expect((await evaluation(2026, finance)).status).toBe(403);
    expect((await stack.call('GET', `/api/evaluations/${AREA}/2026/evaluation.csv`, { token: tokens.a! })).status).toBe(
      403,
    );
  });

  it('exports CSV (also by ?format=csv or Accept: text/csv) and JSON to save', async () => {
    const csv = await stack.call('GET', `/api/evaluations/${AREA}/2026?format=csv`, { token: governance });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('section,id,label,value,unit,score,detail');
    expect(lines[1]).toMatch(
      /^indicator,presence,Sessions with the lived-experience members asked for,66.7,percent,4,/,
    );
    expect(csv.text).toContain('ladder-sessions-livedExperience,consultation,,2,answers,,');
    const accept = await stack.call('GET', `/api/evaluations/${AREA}/2026`, {
      token: governance,
      headers: { accept: 'text/csv' },
    });
    expect(accept.text).toBe(csv.text);
    const json = await evaluation(2026, governance, '?format=json');
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="evaluation-${AREA}-2026.json"`);
    expect(json.json.overallScore).toBe(3.2);
  });

  it('answers 404 for an area nobody is in, and 400 naming a bad year', async () => {
    expect((await stack.call('GET', '/api/evaluations/nowhere/2026', { token: governance })).status).toBe(404);
    const bad = await stack.call('GET', `/api/evaluations/${AREA}/26`, { token: governance });
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0].path).toBe('year');
    const early = await stack.call('GET', `/api/evaluations/${AREA}/0999/evaluation.csv`, { token: governance });
    expect(early.status).toBe(400);
    expect(early.json.issues).toEqual([{ path: 'year', message: 'Choose a year from 2000 to 2100.' }]);
  });
});

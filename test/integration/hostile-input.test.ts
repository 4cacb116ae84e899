import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../functions/catalogue.js';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

/** Input the API does not accept answers 4xx naming what is wrong, never 5xx, and writes nothing. */
let stack: TestStack;
let coordinator: string;

beforeAll(async () => {
  stack = await startTestStack();
  coordinator = await stack.tokenFor(['coordinator']);
});
afterAll(() => stack.stop());

const participantCount = async () =>
  (await stack.api.listParticipants({ token: coordinator, query: { limit: '100' } })).json.items.length;

describe('hostile input', () => {
  it('refuses a JSON body sent as text/plain with 415 naming Content-Type, and writes nothing', async () => {
    const before = await participantCount();
    const res = await stack.call('POST', '/api/participants', {
      token: coordinator,
      body: JSON.stringify(participantBody()),
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect(res.json.issues).toEqual([{ path: 'Content-Type', message: expect.stringContaining('application/json') }]);
    expect(await participantCount()).toBe(before);
  });

  it('refuses a 3,000-character Idempotency-Key with 400 naming it, and writes nothing', async () => {
    const before = await participantCount();
    const res = await stack.call('POST', '/api/participants', {
      token: coordinator,
      body: participantBody(),
      headers: { 'idempotency-key': 'k'.repeat(3000) },
    });
    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toEqual(['Idempotency-Key']);
    expect(await participantCount()).toBe(before);
  });

  it('answers a path whose percent-escapes do not decode with 400, before authentication', async () => {
    const res = await stack.call('GET', '/api/participants/%ZZ');
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('validation');
  });

  it('refuses a member sign-in without a participant record the same way (403) on every route members may use', async () => {
    const unlinked = await stack.tokenFor(['member']);
    const memberRoutes = apiRoutes.filter((r) => r.roles !== 'public' && r.roles.includes('member'));
    expect(memberRoutes.length).toBeGreaterThan(5);
    for (const route of memberRoutes) {
      const path = route.path.replace(/\{\w+\}/g, '01JQ0000000000000000000001');
      const res = await stack.call(route.method, path, {
        token: unlinked,
        ...(route.method === 'GET' ? {} : { body: {} }),
      });
      expect(res.status, `${route.method} ${route.path}`).toBe(403);
      expect(res.json.message, `${route.method} ${route.path}`).toMatch(/not linked to a participant record/);
    }
  });

  it('sends X-Content-Type-Options: nosniff with JSON, calendar and CSV answers, and on errors', async () => {
    const finance = await stack.tokenFor(['finance']);
    const json = await stack.call('GET', '/api/participants?limit=1', { token: coordinator });
    const csv = await stack.call('GET', '/api/finance/export.csv?from=2026-01-01&to=2026-01-31', { token: finance });
    const notFound = await stack.call('GET', '/api/sessions/01JQ0000000000000000000001/calendar.ics', {
      token: coordinator,
    });
    const unauthorised = await stack.call('GET', '/api/participants');
    for (const res of [json, csv, notFound, unauthorised]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(csv.status).toBe(200);
    expect(notFound.status).toBe(404);
  });

  it('refuses hours that are not whole quarter hours, however small, with 400 naming them, and records nothing', async () => {
    const forum = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() });
    const person = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody() });
    const participantId = person.json.participantId as string;
    const session = await stack.call('POST', `/api/forums/${forum.json.forumId}/sessions`, {
      token: coordinator,
      body: sessionBody([participantId], {
        startsAt: '2026-01-05T18:00:00+00:00',
        endsAt: '2026-01-05T20:00:00+00:00',
      }),
    });
    const sessionId = session.json.sessionId as string;
    for (const hours of [1e-101, 1e-300, 0.1, 2.3, 0, -1]) {
      const res = await stack.call('POST', `/api/sessions/${sessionId}/held`, {
        token: coordinator,
        body: { attendance: [{ participantId, hours }] },
      });
      expect(res.status, `hours ${hours}`).toBe(400);
      expect(res.json.issues.map((i: { path: string }) => i.path)).toContain('attendance.0.hours');
    }
    const view = await stack.call('GET', `/api/sessions/${sessionId}`, { token: coordinator });
    expect(view.json.status).toBe('scheduled');
    const held = await stack.call('POST', `/api/sessions/${sessionId}/held`, {
      token: coordinator,
      body: { attendance: [{ participantId, hours: 2.25 }] },
    });
    expect(held.status).toBe(202);
  });

  it('refuses control and direction-override characters in forum and session text, naming the field', async () => {
    const forum = await stack.call('POST', '/api/forums', {
      token: coordinator,
      body: forumBody({ name: 'Forum\u202eevil' }),
    });
    expect(forum.status).toBe(400);
    expect(forum.json.issues.map((i: { path: string }) => i.path)).toEqual(['name']);
    const ok = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() });
    const person = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody() });
    for (const [field, body] of [
      ['title', { title: 'Plan\u0000ning' }],
      ['agenda.0', { agenda: ['Welcome\u001b[31m'] }],
      ['venue.name', { venue: { name: '\u200b\u200b', accessible: true } }],
    ] as const) {
      const res = await stack.call('POST', `/api/forums/${ok.json.forumId}/sessions`, {
        token: coordinator,
        body: sessionBody([person.json.participantId], body),
      });
      expect(res.status, field).toBe(400);
      expect(res.json.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
    const sessions = await stack.call('GET', `/api/forums/${ok.json.forumId}/sessions`, { token: coordinator });
    expect(sessions.json.items).toEqual([]);
  });
});

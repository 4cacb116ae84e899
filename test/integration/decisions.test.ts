import { createHash } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '../../events/define-event.js';
import {
  DecisionCoSigned,
  DecisionProposed,
  DecisionSigned,
  DecisionSignOffDue,
  DecisionSignOffOverdue,
  type EventContract,
} from '../../events/index.js';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

const clock = fixedClock('2026-03-02T09:00:00.000Z');
let stack: TestStack;
let coordinator: string;
let governance: string;
let livedExperience: { id: string; token: string };
let provider: { id: string; token: string };
let carer: { id: string; token: string };
let forumId: string;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const daysFromNow = (days: number) => new Date(clock.now().getTime() + days * 86_400_000).toISOString();

async function recruit(overrides: Record<string, unknown> = {}) {
  const res = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) });
  expect(res.status).toBe(201);
  const id = res.json.participantId as string;
  return { id, token: await stack.tokenFor(['member'], id) };
}

async function propose(overrides: Record<string, unknown> = {}) {
  const res = await stack.call('POST', '/api/decisions', {
    token: coordinator,
    body: {
      title: 'Evening drop-in',
      text: 'Open the drop-in until 21:00 on Thursdays.',
      forumId,
      signOffDueAt: daysFromNow(14),
      ...overrides,
    },
  });
  expect(res.status).toBe(201);
  return res.json.decisionId as string;
}

async function scheduleSession(invitees: string[], forum = forumId) {
  const res = await stack.call('POST', `/api/forums/${forum}/sessions`, {
    token: coordinator,
    body: sessionBody(invitees, { startsAt: daysFromNow(1).replace('Z', '+00:00') }),
  });
  expect(res.status).toBe(201);
  return res.json.sessionId as string;
}

const sign = (
  decisionId: string,
  token: string,
  body: Record<string, unknown> = { stance: 'approve' },
  headers: Record<string, string> = {},
) => stack.call('POST', `/api/decisions/${decisionId}/signatures`, { token, body, headers });
const awaiting = async (token: string) =>
  (await stack.call('GET', '/api/decisions?awaiting=me&limit=100', { token })).json.items.map(
    (d: { decisionId: string }) => d.decisionId,
  );
const read = (decisionId: string, token = coordinator) => stack.call('GET', `/api/decisions/${decisionId}`, { token });

/** Everything of one contract that reached the bus (a test-only rule with the contract's own pattern). */
function spy(contract: EventContract) {
  const seen: EventBridgeEvent<string, { data: { decisionId?: string } }>[] = [];
  stack.bus.subscribe({
    name: `test-spy:${contract.detailType}`,
    pattern: contract.pattern,
    target: async (e) => {
      seen.push(e as (typeof seen)[number]);
    },
  });
  return (decisionId: string) => seen.filter((e) => e.detail.data.decisionId === decisionId);
}

let coSignedFor: (id: string) => unknown[];
let overdueFor: (id: string) => unknown[];
let signedFor: (id: string) => { detail: { data: Record<string, unknown> } }[];

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
  governance = await stack.tokenFor(['governance']);
  forumId = (await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() })).json.forumId;
  livedExperience = await recruit({ displayName: 'Aoife', stakeholderGroup: 'service-user' });
  provider = await recruit({
    displayName: 'Dr Byrne',
    stakeholderGroup: 'provider',
    contact: { email: 'b@example.org' },
  });
  carer = await recruit({ displayName: 'Ciara', stakeholderGroup: 'carer', contact: { email: 'c@example.org' } });
  coSignedFor = spy(DecisionCoSigned);
  overdueFor = spy(DecisionSignOffOverdue);
  signedFor = spy(DecisionSigned) as unknown as typeof signedFor;
});
afterAll(() => stack.stop());

describe('proposing a decision', () => {
  it('creates it and reads it back in the contract shape, hashing the exact text', async () => {
    const text = 'Open the drop-in until 21:00 on Thursdays.\nReview in June. ';
    const sessionId = await scheduleSession([livedExperience.id]);
    const id = await propose({ text, sessionId });
    const res = await read(id);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      decisionId: id,
      status: 'proposed',
      title: 'Evening drop-in',
      text,
      textHash: sha256(text),
      forumId,
      sessionId,
      signatures: [],
    });
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const before = await stack.call('GET', '/api/audit/decisions?limit=100', { token: governance });
    const res = await stack.call('POST', '/api/decisions', {
      token: coordinator,
      body: { title: ' ', text: '', signOffDueAt: 'next week' },
    });
    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'forumId',
      'signOffDueAt',
      'text',
      'title',
    ]);
    const after = await stack.call('GET', '/api/audit/decisions?limit=100', { token: governance });
    expect(after.json.items).toHaveLength(before.json.items.length);
  });

  it('refuses a sign-off date in the past', async () => {
    const res = await stack.call('POST', '/api/decisions', {
      token: coordinator,
      body: { title: 'T', text: 'x', forumId, signOffDueAt: daysFromNow(-1) },
    });
    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toEqual(['signOffDueAt']);
  });

  it('refuses a forum or session that does not exist, or a session of another forum', async () => {
    const body = { title: 'T', text: 'x', signOffDueAt: daysFromNow(3) };
    const unknown = await stack.call('POST', '/api/decisions', {
      token: coordinator,
      body: { ...body, forumId: 'no-such-forum', sessionId: 'no-such-session' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.issues.map((i: { path: string }) => i.path)).toEqual(['forumId', 'sessionId']);
    const otherForum = (
      await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody({ name: 'Other' }) })
    ).json.forumId;
    const sessionId = await scheduleSession([carer.id]);
    const mismatch = await stack.call('POST', '/api/decisions', {
      token: coordinator,
      body: { ...body, forumId: otherForum, sessionId },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.issues).toEqual([{ path: 'sessionId', message: 'This session belongs to another forum.' }]);
  });

  it('creates one decision for two requests with the same Idempotency-Key, even at once', async () => {
    const body = { title: 'Once', text: 'Only once.', forumId, signOffDueAt: daysFromNow(3) };
    const headers = { 'idempotency-key': 'propose-once' };
    const [a, b] = await Promise.all([
      stack.call('POST', '/api/decisions', { token: coordinator, body, headers }),
      stack.call('POST', '/api/decisions', { token: coordinator, body, headers }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.json.decisionId).toBe(a.json.decisionId);
  });

  it('lets only coordinators propose', async () => {
    const res = await stack.call('POST', '/api/decisions', {
      token: livedExperience.token,
      body: { title: 'T', text: 'x', forumId, signOffDueAt: daysFromNow(1) },
    });
    expect(res.status).toBe(403);
  });
});

describe('hostile input (issue 10): 400 naming the field, nothing written', () => {
  const decisionCount = async () =>
    (await stack.call('GET', '/api/audit/decisions?limit=100', { token: governance })).json.items.length;
  const issuesOf = (res: { json: { issues: { path: string; message: string }[] } }) => res.json.issues;

  it.each([
    ['title', { title: 'Budget\u202E2026' }, /direction text is shown in/],
    ['title', { title: 'Budget\u0000' }, /hidden control character/],
    ['title', { title: 'Two\u2028lines' }, /one line/],
    ['title', { title: '\u200B\u200D\uFEFF' }, /Enter a short title/],
    ['title', { title: 't'.repeat(201) }, /at most 200 characters/],
    ['text', { text: 'Open late\u001b[31m' }, /hidden control character/],
    ['text', { text: '\u2066hidden\u2069' }, /direction text is shown in/],
    ['text', { text: '\u200B\u2060' }, /Enter the text of the decision/],
    ['text', { text: 'x'.repeat(20_001) }, /at most 20000 characters/],
    ['signOffDueAt', { signOffDueAt: '9999-12-31T17:00:00+00:00' }, /within the next year/],
    ['forumId', { forumId: 'f'.repeat(65) }, /./],
  ])('refuses a proposal with a bad %s', async (path, bad, message) => {
    const before = await decisionCount();
    const res = await stack.call('POST', '/api/decisions', {
      token: coordinator,
      body: { title: 'Evening drop-in', text: 'Open until 21:00.', forumId, signOffDueAt: daysFromNow(7), ...bad },
    });
    expect(res.status).toBe(400);
    expect(issuesOf(res).map((i) => i.path)).toEqual([path]);
    expect(issuesOf(res)[0]!.message).toMatch(message);
    expect(await decisionCount()).toBe(before);
  });

  it('takes a text of 20,000 characters, emoji counted as one, with line breaks and tabs', async () => {
    const text = `${'🙂'.repeat(9_999)}\n\t${'x'.repeat(9_999)}`;
    const id = await propose({ text });
    expect((await read(id)).json.text).toBe(text);
  });

  it('refuses an amendment with hidden characters, too long, or due too far ahead, and keeps the text', async () => {
    const id = await propose();
    for (const [body, path] of [
      [{ text: 'New\u202Etext' }, 'text'],
      [{ text: 'y'.repeat(20_001) }, 'text'],
      [{ text: 'New text.', signOffDueAt: daysFromNow(400) }, 'signOffDueAt'],
    ] as const) {
      const res = await stack.call('PATCH', `/api/decisions/${id}`, { token: coordinator, body });
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(issuesOf(res).map((i) => i.path)).toEqual([path]);
    }
    expect((await read(id)).json).toMatchObject({ revision: 1, text: 'Open the drop-in until 21:00 on Thursdays.' });
  });

  it('refuses a signature whose comment has hidden characters or is too long, and records no signature', async () => {
    const id = await propose();
    for (const comment of ['I agree\u0007', 'Fine \u202Eenif', 'c'.repeat(2_001)]) {
      const res = await sign(id, provider.token, { stance: 'approve', comment });
      expect(res.status).toBe(400);
      expect(issuesOf(res).map((i) => i.path)).toEqual(['comment']);
    }
    const bad = await sign(id, provider.token, { stance: 'maybe', textHash: 'abc' });
    expect(
      issuesOf(bad)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['stance', 'textHash']);
    expect((await read(id)).json.signatures).toEqual([]);
  });

  it('refuses a query it does not understand, naming it', async () => {
    for (const [path, field] of [
      ['/api/decisions?awaiting=you', 'awaiting'],
      ['/api/decisions?status=maybe', 'status'],
      ['/api/decisions?limit=1e3', 'limit'],
      [`/api/decisions?cursor=${'c'.repeat(3000)}`, 'cursor'],
      ['/api/audit/decisions?to=2026-02-30', 'to'],
      [`/api/reports/coproduction?from=${'2'.repeat(5000)}&to=2026-03-31`, 'from'],
    ] as const) {
      const res = await stack.call('GET', path, { token: governance });
      expect(res.status, path).toBe(400);
      expect(
        issuesOf(res).map((i) => i.path),
        path,
      ).toContain(field);
    }
  });
});

describe('co-sign-off', () => {
  it('stays proposed with a provider approval alone', async () => {
    const id = await propose();
    expect((await sign(id, provider.token)).status).toBe(201);
    const res = await read(id);
    expect(res.json.status).toBe('proposed');
    expect(res.json.signatures).toEqual([
      expect.objectContaining({
        participantId: provider.id,
        constituency: 'provider',
        stance: 'approve',
        textHash: res.json.textHash,
      }),
    ]);
  });

  it('becomes co-signed with a lived-experience approval added, and DecisionCoSigned is routed once', async () => {
    const id = await propose();
    await sign(id, provider.token);
    const res = await sign(id, livedExperience.token, { stance: 'approve', comment: 'Good for people who work.' });
    expect(res.status).toBe(201);
    expect(res.json.status).toBe('co-signed');
    await stack.settle();
    expect((await read(id)).json.status).toBe('co-signed');
    expect(coSignedFor(id)).toHaveLength(1);
    expect(signedFor(id)).toHaveLength(2);
  });

  it('takes the constituency from the participant record, never from the request', async () => {
    const id = await propose();
    const res = await sign(id, carer.token, { stance: 'approve', constituency: 'provider' });
    expect(res.status).toBe(400);
    const ok = await sign(id, carer.token, { stance: 'approve' });
    expect(ok.json.signature.constituency).toBe('lived-experience');
    expect((await read(id)).json.status).toBe('proposed');
  });

  it('answers 409 to a second signature by the same person', async () => {
    const id = await propose();
    expect((await sign(id, provider.token)).status).toBe(201);
    const again = await sign(id, provider.token, { stance: 'object' });
    expect(again.status).toBe(409);
    expect(again.json.error).toBe('conflict');
    expect((await read(id)).json.signatures).toHaveLength(1);
  });

  it('lands only one of two signatures sent by the same person at the same moment', async () => {
    const id = await propose();
    const results = await Promise.all([sign(id, carer.token), sign(id, carer.token), sign(id, carer.token)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const res = await read(id);
    expect(res.json.signatures).toHaveLength(1);
    expect(res.json.approvals).toEqual({ livedExperience: 1, provider: 0 });
  });

  it('co-signs exactly once when both constituencies approve at the same moment', async () => {
    const id = await propose();
    const [a, b] = await Promise.all([sign(id, provider.token), sign(id, livedExperience.token)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    await stack.settle();
    expect((await read(id)).json.status).toBe('co-signed');
    expect(coSignedFor(id)).toHaveLength(1);
  });

  it.each([['coordinator'], ['finance'], ['governance']])('refuses to let a %s token sign (403)', async (role) => {
    const id = await propose();
    const token = await stack.tokenFor([role], provider.id);
    const res = await sign(id, token);
    expect(res.status).toBe(403);
    expect((await read(id)).json.signatures).toHaveLength(0);
  });

  it('refuses a member who withdrew consent, saying why', async () => {
    const id = await propose();
    const gone = await recruit({ displayName: 'Withdrawn' });
    await stack.call('POST', `/api/participants/${gone.id}/consent-withdrawal`, { token: coordinator });
    const res = await sign(id, gone.token);
    expect(res.status).toBe(403);
    expect(res.json.message).toMatch(/withdrawn your consent/);
  });

  it('refuses a member without consent for decisions, saying why', async () => {
    const id = await propose();
    const scoped = await recruit({
      consent: { given: true, capacityConfirmed: true, recordedAt: '2026-01-10T10:00:00+00:00', scopes: ['forums'] },
    });
    const res = await sign(id, scoped.token);
    expect(res.status).toBe(403);
    expect(res.json.message).toMatch(/not agreed to sign off decisions/);
  });

  it('records an objection and leaves the decision open to amendment', async () => {
    const id = await propose();
    const res = await sign(id, livedExperience.token, { stance: 'object', comment: 'Too late for carers.' });
    expect(res.json.status).toBe('objected');
    const amended = await stack.call('PATCH', `/api/decisions/${id}`, {
      token: coordinator,
      body: { text: 'Open until 20:00 on Thursdays.' },
    });
    expect(amended.json.status).toBe('proposed');
  });

  it('answers 404 for a decision that does not exist', async () => {
    expect((await read('nope')).status).toBe(404);
    expect((await sign('nope', provider.token)).status).toBe(404);
    const patch = await stack.call('PATCH', '/api/decisions/nope', { token: coordinator, body: { text: 'x' } });
    expect(patch.status).toBe(404);
  });
});

describe('amending', () => {
  it('returns a decision to proposed, and signatures on the earlier text no longer count', async () => {
    const id = await propose();
    await sign(id, provider.token);
    await sign(id, livedExperience.token);
    expect((await read(id)).json.status).toBe('co-signed');

    const res = await stack.call('PATCH', `/api/decisions/${id}`, {
      token: coordinator,
      body: { text: 'Open the drop-in until 22:00 on Thursdays.' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: 'proposed',
      revision: 2,
      textHash: sha256('Open the drop-in until 22:00 on Thursdays.'),
      approvals: { livedExperience: 0, provider: 0 },
    });
    expect(res.json.signatures).toHaveLength(2);
    expect(res.json.signatures.every((s: { countsTowardCurrentText: boolean }) => !s.countsTowardCurrentText)).toBe(
      true,
    );

    // The provider approves the new text: one constituency is not enough.
    expect((await sign(id, provider.token)).status).toBe(201);
    expect((await read(id)).json.status).toBe('proposed');
  });

  it('answers 409 when the member signs a text that has since been amended', async () => {
    const id = await propose();
    const seen = (await read(id, livedExperience.token)).json.textHash;
    await stack.call('PATCH', `/api/decisions/${id}`, { token: coordinator, body: { text: 'New wording.' } });
    const res = await sign(id, livedExperience.token, { stance: 'approve', textHash: seen });
    expect(res.status).toBe(409);
    expect(res.json.message).toMatch(/changed after you opened it/);
  });

  it('refuses an amendment that changes nothing', async () => {
    const id = await propose({ text: 'Same.' });
    const res = await stack.call('PATCH', `/api/decisions/${id}`, { token: coordinator, body: { text: 'Same.' } });
    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('text');
  });
});

describe('lists', () => {
  it('shows a member the decisions awaiting their signature until they sign', async () => {
    const id = await propose({ title: 'Awaiting test' });
    const before = await stack.call('GET', '/api/decisions?awaiting=me&limit=100', { token: carer.token });
    expect(before.json.items.map((d: { decisionId: string }) => d.decisionId)).toContain(id);
    await sign(id, carer.token);
    const after = await stack.call('GET', '/api/decisions?awaiting=me&limit=100', { token: carer.token });
    expect(after.json.items.map((d: { decisionId: string }) => d.decisionId)).not.toContain(id);
  });

  it('shows a coordinator every decision, filtered by status', async () => {
    const id = await propose();
    await sign(id, provider.token);
    await sign(id, livedExperience.token);
    const cosigned = await stack.call('GET', '/api/decisions?status=co-signed&limit=100', { token: coordinator });
    expect(cosigned.json.items.map((d: { decisionId: string }) => d.decisionId)).toContain(id);
    expect(cosigned.json.items.every((d: { status: string }) => d.status === 'co-signed')).toBe(true);
    const bad = await stack.call('GET', '/api/decisions?status=maybe', { token: coordinator });
    expect(bad.status).toBe(400);
  });

  it('shows other members’ comments to the coordinator but not to another member', async () => {
    const id = await propose();
    await sign(id, livedExperience.token, { stance: 'object', comment: 'Private reason.' });
    const asCoordinator = await read(id);
    expect(asCoordinator.json.signatures[0].comment).toBe('Private reason.');
    const asOther = await read(id, carer.token);
    expect(asOther.json.signatures[0].comment).toBeUndefined();
    const asSelf = await read(id, livedExperience.token);
    expect(asSelf.json.signatures[0].comment).toBe('Private reason.');
  });
});

describe('who may read, list and sign', () => {
  let donegalServiceUser: { id: string; token: string };
  let donegalProvider: { id: string; token: string };
  beforeAll(async () => {
    donegalServiceUser = await recruit({
      displayName: 'Dara',
      stakeholderGroup: 'service-user',
      areaId: 'cho1-donegal',
    });
    donegalProvider = await recruit({
      displayName: 'Dr Doherty',
      stakeholderGroup: 'provider',
      areaId: 'cho1-donegal',
    });
  });

  it('refuses two members from an unrelated area, never invited, who try to co-sign a Waterford decision', async () => {
    const id = await propose({ title: 'Waterford only' });
    for (const outsider of [donegalServiceUser, donegalProvider]) {
      const res = await sign(id, outsider.token);
      expect(res.status).toBe(403);
      expect(res.json.message).toMatch(/forum’s area/);
      expect(await awaiting(outsider.token)).not.toContain(id);
      expect((await read(id, outsider.token)).status).toBe(403);
    }
    const res = await read(id);
    expect(res.json).toMatchObject({ status: 'proposed', signatures: [] });
  });

  it('lets only the invitees of the decision’s session list, read and sign it, as soon as the session is scheduled', async () => {
    const sessionId = await scheduleSession([livedExperience.id, provider.id]);
    const id = await propose({ title: 'Session decision', sessionId });
    // The carer is in the forum's area but was not invited to the session.
    const uninvited = await sign(id, carer.token);
    expect(uninvited.status).toBe(403);
    expect(uninvited.json.message).toMatch(/invited to the session/);
    expect(await awaiting(carer.token)).not.toContain(id);
    expect((await read(id, carer.token)).status).toBe(403);

    expect(await awaiting(livedExperience.token)).toContain(id);
    expect((await read(id, livedExperience.token)).status).toBe(200);
    expect((await sign(id, livedExperience.token)).status).toBe(201);
    expect((await sign(id, provider.token)).json.status).toBe('co-signed');
  });

  it('lets an invitee from another area sign a decision taken at a session they were invited to', async () => {
    const sessionId = await scheduleSession([donegalProvider.id]);
    const id = await propose({ sessionId });
    expect(await awaiting(donegalProvider.token)).toContain(id);
    expect((await sign(id, donegalProvider.token)).status).toBe(201);
  });

  it('falls back to the forum’s area for a decision without a session', async () => {
    const id = await propose({ title: 'Area decision' });
    expect(await awaiting(carer.token)).toContain(id);
    expect((await sign(id, carer.token)).status).toBe(201);
    const donegalForum = (
      await stack.call('POST', '/api/forums', {
        token: coordinator,
        body: forumBody({ name: 'Donegal forum', areaId: 'cho1-donegal' }),
      })
    ).json.forumId as string;
    const elsewhere = await propose({ title: 'Donegal decision', forumId: donegalForum });
    expect(await awaiting(carer.token)).not.toContain(elsewhere);
    expect((await sign(elsewhere, carer.token)).status).toBe(403);
    expect(await awaiting(donegalServiceUser.token)).toContain(elsewhere);
    expect((await sign(elsewhere, donegalServiceUser.token)).status).toBe(201);
  });

  it('keeps full access for coordinators and governance', async () => {
    const sessionId = await scheduleSession([provider.id]);
    const id = await propose({ sessionId });
    expect((await read(id, coordinator)).status).toBe(200);
    expect((await read(id, governance)).status).toBe(200);
    const all = await stack.call('GET', '/api/decisions?limit=100', { token: coordinator });
    expect(all.json.items.map((d: { decisionId: string }) => d.decisionId)).toContain(id);
  });
});

describe('signing with an Idempotency-Key', () => {
  it('replays the first 201 when the same signature is sent again with the same key, and records it once', async () => {
    const id = await propose();
    const key = { 'idempotency-key': 'sign-once' };
    const first = await sign(id, provider.token, { stance: 'approve', comment: 'Yes.' }, key);
    expect(first.status).toBe(201);
    const again = await sign(id, provider.token, { stance: 'approve', comment: 'Yes.' }, key);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await stack.settle();
    expect((await read(id)).json.signatures).toHaveLength(1);
    expect(signedFor(id)).toHaveLength(1);
  });

  it('replays for a duplicate sent at the same moment with the same key', async () => {
    const id = await propose();
    const key = { 'idempotency-key': 'sign-at-once' };
    const [a, b] = await Promise.all([
      sign(id, carer.token, { stance: 'approve' }, key),
      sign(id, carer.token, { stance: 'approve' }, key),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.json).toEqual(a.json);
    expect((await read(id)).json.signatures).toHaveLength(1);
  });

  it('still answers 409 to a second signature with another key, without a key, or to another body with the same key', async () => {
    const id = await propose();
    expect((await sign(id, livedExperience.token, { stance: 'approve' }, { 'idempotency-key': 'k1' })).status).toBe(
      201,
    );
    expect((await sign(id, livedExperience.token, { stance: 'approve' }, { 'idempotency-key': 'k2' })).status).toBe(
      409,
    );
    expect((await sign(id, livedExperience.token, { stance: 'approve' })).status).toBe(409);
    const otherBody = await sign(id, livedExperience.token, { stance: 'object' }, { 'idempotency-key': 'k1' });
    expect(otherBody.status).toBe(409);
    expect((await read(id)).json.signatures).toHaveLength(1);
  });

  it('keeps amending as it was: a PATCH answers 200 with the new revision', async () => {
    const id = await propose();
    const res = await stack.call('PATCH', `/api/decisions/${id}`, {
      token: coordinator,
      body: { text: 'New words.' },
      headers: { 'idempotency-key': 'amend-1' },
    });
    expect(res.status).toBe(200);
    expect(res.json.revision).toBe(2);
  });
});

describe('what goes on the bus', () => {
  it('publishes DecisionSigned without the signer’s constituency', async () => {
    const id = await propose();
    await sign(id, carer.token);
    await stack.settle();
    const [event] = signedFor(id);
    expect(event?.detail.data).toMatchObject({ decisionId: id, participantId: carer.id, stance: 'approve' });
    expect(event?.detail.data).not.toHaveProperty('constituency');
  });
});

describe('time zone', () => {
  it('names the forum’s time zone in the decision and in lists', async () => {
    const id = await propose();
    expect((await read(id)).json.timeZone).toBe('Europe/Dublin');
    const ukForum = (
      await stack.call('POST', '/api/forums', {
        token: coordinator,
        body: forumBody({ name: 'Derry forum', remuneration: { hourlyRateMinor: 2000, currency: 'GBP' } }),
      })
    ).json.forumId as string;
    const uk = await propose({ forumId: ukForum });
    expect((await read(uk)).json.timeZone).toBe('Europe/London');
    const list = await stack.call('GET', '/api/decisions?limit=100', { token: coordinator });
    const item = list.json.items.find((d: { decisionId: string }) => d.decisionId === uk);
    expect(item.timeZone).toBe('Europe/London');
    expect(await awaiting(carer.token)).toContain(id);
    const mine = await stack.call('GET', '/api/decisions?awaiting=me&limit=100', { token: carer.token });
    expect(mine.json.items.find((d: { decisionId: string }) => d.decisionId === id).timeZone).toBe('Europe/Dublin');
  });
});

describe('asking members to sign (issue 9)', () => {
  let area: string;
  let other: string;
  const asked = (decisionId: string) =>
    stack.mailbox.sent.filter(
      (m) => m.text.includes(`/decisions/view?id=${decisionId}`) && !m.subject.includes('waiting for your sign-off'),
    );
  const member = (o: Record<string, unknown>) => recruit({ areaId: area, ...o });

  beforeAll(async () => {
    area = `area-${Date.now().toString(36)}`;
    other = (
      await stack.call('POST', '/api/forums', {
        token: coordinator,
        body: forumBody({ name: 'Asking forum', areaId: area }),
      })
    ).json.forumId;
  });

  it('writes once to each invitee of the session who may be contacted, in plain words, with a link to the decision', async () => {
    const reachable = await member({ displayName: 'Siobhán', contact: { email: 'siobhan@example.org' } });
    const staff = await member({
      displayName: 'Dr Walsh',
      stakeholderGroup: 'provider',
      contact: { email: 'w@example.org' },
    });
    const noContact = await member({
      displayName: 'Pádraig',
      consent: {
        given: true,
        capacityConfirmed: true,
        recordedAt: '2026-01-10T10:00:00+00:00',
        scopes: ['forums', 'decisions'],
      },
    });
    const noEmail = await member({ displayName: 'Nuala', contact: { phone: '+353 87 000 0000' } });
    const notInvited = await member({ displayName: 'Eamon', contact: { email: 'e@example.org' } });
    const sessionId = await scheduleSession([reachable.id, staff.id, noContact.id, noEmail.id], other);
    const id = await propose({ forumId: other, sessionId, title: 'Quiet room' });
    await stack.settle();

    const messages = asked(id);
    expect(messages.map((m) => m.participantId).sort()).toEqual([reachable.id, staff.id].sort());
    const mine = messages.find((m) => m.participantId === reachable.id)!;
    expect(mine).toMatchObject({ to: 'siobhan@example.org', subject: 'Please read and sign: Quiet room' });
    expect(mine.text).toMatch(/^Hello Siobhán,/);
    expect(mine.text).toContain('you are one of the people who can sign it: "Quiet room"');
    expect(mine.text).toContain(`${stack.url}/decisions/view?id=${id}`);
    expect(messages.some((m) => m.participantId === notInvited.id)).toBe(false);

    // The same event again (a redelivery) writes to nobody a second time.
    const d = (await read(id)).json;
    await stack.bus.publish([
      buildEvent(
        DecisionProposed,
        { decisionId: id, forumId: other, sessionId, textHash: d.textHash, signOffDueAt: d.signOffDueAt },
        { idempotencyKey: 'test:proposed-again', occurredAt: clock.now().toISOString() },
      ),
    ]);
    await stack.settle();
    expect(asked(id)).toHaveLength(2);
  });

  it('asks again when the wording changes, telling an earlier signer their signature no longer counts', async () => {
    const signer = await member({ displayName: 'Róisín', contact: { email: 'r@example.org' } });
    const waiting = await member({ displayName: 'Tadhg', contact: { email: 't@example.org' } });
    const sessionId = await scheduleSession([signer.id, waiting.id], other);
    const id = await propose({ forumId: other, sessionId, title: 'Peer café' });
    await stack.settle();
    expect(
      asked(id)
        .map((m) => m.participantId)
        .sort(),
    ).toEqual([signer.id, waiting.id].sort());
    expect((await sign(id, signer.token)).status).toBe(201);

    const res = await stack.call('PATCH', `/api/decisions/${id}`, {
      token: coordinator,
      body: { text: 'Open the café on Fridays too.' },
    });
    expect(res.status).toBe(200);
    await stack.settle();
    const again = asked(id).filter((m) => m.subject === 'The wording has changed: Peer café');
    expect(again.map((m) => m.participantId).sort()).toEqual([signer.id, waiting.id].sort());
    expect(again.find((m) => m.participantId === signer.id)!.text).toContain(
      'You signed the earlier wording. That signature does not count for the new wording',
    );
    expect(again.find((m) => m.participantId === waiting.id)!.text).toContain(
      'You can read the new wording and sign it.',
    );
  });

  it('asks the members of the forum’s area for a decision without a session, and nobody from elsewhere', async () => {
    const local = await member({ displayName: 'Fionn', contact: { email: 'f@example.org' } });
    const elsewhere = await recruit({
      displayName: 'Gráinne',
      areaId: `${area}-north`,
      contact: { email: 'g@example.org' },
    });
    const id = await propose({ forumId: other, title: 'Newsletter' });
    await stack.settle();
    const to = asked(id).map((m) => m.participantId);
    expect(to).toContain(local.id);
    expect(to).not.toContain(elsewhere.id);
    expect(to.every((p) => p !== elsewhere.id)).toBe(true);
  });
});

describe('sign-off due date', () => {
  it('raises DecisionSignOffOverdue when the clock passes the due date, and reminds invitees who have not signed', async () => {
    // A real session: its ForumSessionScheduled tells the decisions context who was invited.
    const sessionId = await scheduleSession([livedExperience.id, provider.id, carer.id]);
    const id = await propose({ sessionId, signOffDueAt: daysFromNow(7) });
    const cosigned = await propose({ signOffDueAt: daysFromNow(7) });
    await sign(id, provider.token);
    await sign(cosigned, provider.token);
    await sign(cosigned, livedExperience.token);
    await stack.settle();

    // Not yet due: nothing happens.
    clock.set(daysFromNow(6));
    await stack.scheduler.tick();
    await stack.settle();
    expect((await read(id)).json.status).toBe('proposed');

    clock.set(daysFromNow(1.01));
    await stack.scheduler.tick();
    await stack.settle();

    expect((await read(id)).json).toMatchObject({ status: 'overdue', overdue: true });
    expect(overdueFor(id)).toHaveLength(1);
    expect((await read(cosigned)).json.status).toBe('co-signed');
    expect(overdueFor(cosigned)).toHaveLength(0);
    const remindersOf = (decisionId: string) =>
      stack.mailbox.sent.filter((m) => m.text.includes(decisionId) && m.subject.includes('waiting for your sign-off'));
    const reminded = remindersOf(id).map((m) => m.participantId);
    // The provider signed; the service user and the carer did not (both have contact consent and email).
    expect(reminded.sort()).toEqual([livedExperience.id, carer.id].sort());

    // A second firing of the same check changes nothing and sends nothing more.
    await stack.bus.publish([
      buildEvent(
        DecisionSignOffDue,
        { decisionId: id, signOffDueAt: (await read(id)).json.signOffDueAt },
        { idempotencyKey: 'test:again', occurredAt: clock.now().toISOString() },
      ),
    ]);
    await stack.settle();
    expect(overdueFor(id)).toHaveLength(1);
    expect(remindersOf(id)).toHaveLength(2);
    expect(stack.bus.deadLetters).toEqual([]);
  });
});

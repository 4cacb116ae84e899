import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantBody } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let coordinator: string;

beforeAll(async () => {
  stack = await startTestStack();
  coordinator = await stack.tokenFor(['coordinator']);
});
afterAll(() => stack.stop());

describe('participants API', () => {
  it('answers health without a token', async () => {
    const res = await stack.api.health({});
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
  });

  it('recruits a valid participant and reads it back', async () => {
    const created = await stack.api.recruitParticipant({ token: coordinator, body: participantBody() });
    expect(created.status).toBe(201);
    const read = await stack.api.getParticipant({ token: coordinator, params: { id: created.json.participantId } });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      displayName: 'Aoife',
      constituency: 'lived-experience',
      consent: { status: 'given', capacityConfirmed: true },
    });
  });

  it('refuses a participant without capacity confirmed, naming the field, and writes nothing', async () => {
    const before = await stack.call('GET', '/api/participants?limit=100', { token: coordinator });
    const body = participantBody({
      consent: {
        given: true,
        capacityConfirmed: false,
        recordedAt: '2026-01-10T10:00:00+00:00',
        scopes: ['forums'],
      },
    });
    const res = await stack.call('POST', '/api/participants', { token: coordinator, body });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('validation');
    expect(res.json.issues.map((i: { path: string }) => i.path)).toContain('consent.capacityConfirmed');
    const after = await stack.call('GET', '/api/participants?limit=100', { token: coordinator });
    expect(after.json.items).toHaveLength(before.json.items.length);
  });

  it('refuses a benefit from the wrong jurisdiction', async () => {
    const res = await stack.call('POST', '/api/participants', {
      token: coordinator,
      body: participantBody({ benefits: [{ scheme: 'UK.UC', assessmentPeriodStartDay: 12 }] }),
    });
    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('benefits.0.scheme');
  });

  it('creates one participant for two requests with the same Idempotency-Key, even at once', async () => {
    const body = participantBody({ displayName: 'Once Only' });
    const headers = { 'idempotency-key': 'recruit-once-only' };
    const [a, b] = await Promise.all([
      stack.call('POST', '/api/participants', { token: coordinator, body, headers }),
      stack.call('POST', '/api/participants', { token: coordinator, body, headers }),
    ]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.participantId).toBe(a.json.participantId);
    const list = await stack.call('GET', '/api/participants?limit=100', { token: coordinator });
    expect(list.json.items.filter((p: { displayName: string }) => p.displayName === 'Once Only')).toHaveLength(1);
  });

  it('answers 409 when an Idempotency-Key is reused for a different request', async () => {
    const headers = { 'idempotency-key': 'reused-key' };
    await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(), headers });
    const res = await stack.call('POST', '/api/participants', {
      token: coordinator,
      body: participantBody({ displayName: 'Someone else' }),
      headers,
    });
    expect(res.status).toBe(409);
  });

  it('answers 401 without a token and 403 for finance', async () => {
    expect((await stack.call('POST', '/api/participants', { body: participantBody() })).status).toBe(401);
    const finance = await stack.tokenFor(['finance']);
    expect((await stack.call('POST', '/api/participants', { token: finance, body: participantBody() })).status).toBe(
      403,
    );
  });

  it('lets a member read only itself', async () => {
    const a = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody() });
    const b = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody() });
    const member = await stack.tokenFor(['member'], a.json.participantId);
    expect((await stack.call('GET', `/api/participants/${a.json.participantId}`, { token: member })).status).toBe(200);
    expect((await stack.call('GET', `/api/participants/${b.json.participantId}`, { token: member })).status).toBe(403);
    const withdrawOther = await stack.call('POST', `/api/participants/${b.json.participantId}/consent-withdrawal`, {
      token: member,
    });
    expect(withdrawOther.status).toBe(403);
    expect(withdrawOther.json.message).toBe('You can only withdraw consent on your own record.');
  });

  it('paginates the list with a cursor', async () => {
    for (let i = 0; i < 3; i++) {
      await stack.call('POST', '/api/participants', {
        token: coordinator,
        body: participantBody({ areaId: 'page-area' }),
      });
    }
    const first = await stack.call('GET', '/api/participants?limit=2&areaId=page-area', {
      token: coordinator,
    });
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await stack.call(
      'GET',
      `/api/participants?limit=2&areaId=page-area&cursor=${first.json.nextCursor}`,
      {
        token: coordinator,
      },
    );
    expect(second.json.items).toHaveLength(1);
    const ids = [...first.json.items, ...second.json.items].map((p: { participantId: string }) => p.participantId);
    expect(new Set(ids).size).toBe(3);
  });

  it('withdraws consent once: a repeat changes nothing and emits no second event', async () => {
    const { json } = await stack.call('POST', '/api/participants', {
      token: coordinator,
      body: participantBody(),
    });
    const path = `/api/participants/${json.participantId}/consent-withdrawal`;
    const first = await stack.call('POST', path, { token: coordinator });
    const second = await stack.call('POST', path, { token: coordinator });
    expect(first.status).toBe(200);
    expect(first.json.consent.status).toBe('withdrawn');
    expect(second.json.consent.withdrawnAt).toBe(first.json.consent.withdrawnAt);
    await stack.settle();
    const withdrawn = stack.bus.delivered.filter((d) => d.detailType === 'ParticipantConsentWithdrawn');
    expect(new Set(withdrawn.map((d) => d.eventId)).size).toBeLessThanOrEqual(1);
  });
});

describe('ParticipantRecruited through the outbox', () => {
  it('reaches its consumer once, also when the first publish fails', async () => {
    stack.bus.failNextPublishes = 1;
    const { json } = await stack.api.recruitParticipant({ token: coordinator, body: participantBody() });
    await stack.settle(); // the first relay attempt fails; the event stays in the outbox
    await stack.settle(); // the next attempt publishes it
    const deliveries = stack.bus.delivered.filter((d) => d.subscription === 'welcome-task:ParticipantRecruited');
    const tasks = await stack.api.listTasks({ token: coordinator, query: { limit: '100' } });
    const mine = tasks.json.items.filter((t) => t.participantId === json.participantId);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.links[0]?.name).toBe('Citizens Information');
    expect(deliveries.length).toBeGreaterThan(0);
    expect(stack.bus.deadLetters).toHaveLength(0);
  });
});

describe('welcome-task consumer', () => {
  it('records one task when the same event is delivered twice, even at once', async () => {
    const { json } = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody() });
    await stack.settle();
    const { buildEvent, ParticipantRecruited } = await import('../../events/index.js');
    const again = buildEvent(
      ParticipantRecruited,
      {
        participantId: json.participantId,
        areaId: 'cho5-waterford',
        jurisdiction: 'IE',
        consentScopes: ['forums'],
      },
      { idempotencyKey: `participant-recruited:${json.participantId}`, occurredAt: '2026-03-02T18:00:00+00:00' },
    );
    await stack.bus.publish([again, { ...again, eventId: `${again.eventId}-dup` }]);
    await stack.settle();
    const tasks = await stack.call('GET', '/api/tasks?limit=100', { token: coordinator });
    expect(
      tasks.json.items.filter((t: { participantId: string }) => t.participantId === json.participantId),
    ).toHaveLength(1);
  });

  it('sends an event that fails validation to the dead-letter list with its reason, without retrying', async () => {
    const before = stack.bus.deadLetters.length;
    await stack.bus.publish([
      {
        eventId: 'bad-1',
        source: 'coproduce.participants',
        detailType: 'ParticipantRecruited',
        detail: {
          metadata: { version: 1, idempotencyKey: 'k', correlationId: 'c', occurredAt: '2026-03-02T18:00:00+00:00' },
          data: { participantId: 'p', displayName: 'Leaked name' },
        } as never,
      },
    ]);
    await stack.settle();
    const dead = stack.bus.deadLetters.slice(before);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.subscription).toBe('welcome-task:ParticipantRecruited');
    expect(dead[0]!.reason).toMatch(/ParseError/);
    expect(dead[0]!.attempts).toBe(1);
  });
});

describe('dead letters', () => {
  it('redrives a dead-lettered event to its subscription once the consumer can take it again', async () => {
    // Prepare: a bus whose only consumer fails until it is "fixed".
    const { LocalEventBus } = await import('../../shared/local/bus.js');
    const bus = new LocalEventBus({ db: stack.deps.db, retryDelayMs: 1 });
    let failing = true;
    let handled = 0;
    bus.subscribe({
      name: 'probe',
      pattern: { source: ['coproduce.participants'] },
      target: async () => {
        if (failing) throw new Error('consumer down');
        handled++;
      },
    });
    await bus.publish([
      {
        eventId: 'probe-1',
        source: 'coproduce.participants',
        detailType: 'ParticipantConsentWithdrawn',
        detail: {
          metadata: { version: 1, idempotencyKey: 'k', correlationId: 'c', occurredAt: '2026-03-02T18:00:00+00:00' },
          data: { participantId: 'p-probe', withdrawnAt: '2026-03-02T18:00:00+00:00' },
        },
      },
    ]);
    await bus.idle();
    expect(bus.deadLetters).toHaveLength(1);
    expect(bus.deadLetters[0]!.attempts).toBe(3);

    failing = false;
    expect(bus.redrive()).toBe(1);
    await bus.idle();
    expect(handled).toBe(1);
    expect(bus.deadLetters).toHaveLength(0);
  });

  it('offers the redrive over HTTP in the local stack only to signed-in callers', async () => {
    expect((await stack.call('POST', '/api/dev/dead-letters/redrive')).status).toBe(401);
    const res = await stack.call('POST', '/api/dev/dead-letters/redrive', { token: coordinator });
    expect(res.status).toBe(200);
    expect(res.json.redriven).toEqual(expect.any(Number));
  });
});

describe('pagination cursors', () => {
  it('answers 400 on cursor for a forged cursor and for a cursor from another list', async () => {
    const forged = Buffer.from(JSON.stringify({ pk: 'PARTICIPANT#x', sk: 'PROFILE', hack: 1 })).toString('base64url');
    const a = await stack.call('GET', `/api/participants?cursor=${forged}`, { token: coordinator });
    expect(a.status).toBe(400);
    expect(a.json.issues[0].path).toBe('cursor');

    for (let i = 0; i < 2; i++) {
      await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody() });
    }
    await stack.settle();
    const tasks = await stack.call('GET', '/api/tasks?limit=1', { token: coordinator });
    expect(tasks.json.nextCursor).toEqual(expect.any(String));
    const b = await stack.call('GET', `/api/participants?areaId=cho5-waterford&cursor=${tasks.json.nextCursor}`, {
      token: coordinator,
    });
    expect(b.status).toBe(400);
    expect(b.json.issues[0].path).toBe('cursor');
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

const clock = fixedClock('2026-02-20T10:00:00Z');
let stack: TestStack;
let coordinator: string;

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
});
afterAll(() => stack.stop());
beforeEach(() => clock.set('2026-02-20T10:00:00Z'));

async function recruit(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.participantId;
}

async function createForum(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.forumId;
}

async function schedule(forumId: string, invitees: string[], overrides: Record<string, unknown>): Promise<string> {
  const res = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
    token: coordinator,
    body: sessionBody(invitees, overrides),
  });
  expect(res.status).toBe(201);
  return res.json.sessionId;
}

const mine = (token: string, query: string) => stack.call('GET', `/api/my/sessions?${query}`, { token });
const ids = (res: { json: { items: { sessionId: string }[] } }) => res.json.items.map((i) => i.sessionId);

describe('GET /api/my/sessions', () => {
  it('lists only the member’s own live invitations, upcoming and past split by the clock', async () => {
    const forumId = await createForum();
    const [me, other] = [await recruit({ displayName: 'Aoife' }), await recruit({ displayName: 'Brian' })];

    const soon = await schedule(forumId, [me, other], {
      title: 'Spring planning',
      startsAt: '2026-03-02T18:00:00+00:00',
      endsAt: '2026-03-02T20:00:00+00:00',
      venue: { name: 'Library', accessible: false },
    });
    const later = await schedule(forumId, [me], { title: 'Summer review', startsAt: '2026-06-10T17:00:00+00:00' });
    const earlier = await schedule(forumId, [me], { title: 'Winter review', startsAt: '2026-01-15T18:00:00+00:00' });
    const notMine = await schedule(forumId, [other], { title: 'Not mine', startsAt: '2026-03-05T18:00:00+00:00' });
    const cancelled = await schedule(forumId, [me], { title: 'Called off', startsAt: '2026-04-01T18:00:00+00:00' });
    expect((await stack.call('POST', `/api/sessions/${cancelled}/cancel`, { token: coordinator })).status).toBe(200);

    const member = await stack.tokenFor(['member'], me);
    const answered = await stack.call('POST', `/api/sessions/${soon}/rsvp`, {
      token: member,
      body: { participantId: me, response: 'maybe' },
    });
    expect(answered.status).toBe(200);

    const upcoming = await mine(member, 'when=upcoming');
    expect(upcoming.status).toBe(200);
    expect(ids(upcoming)).toEqual([soon, later]);
    expect(upcoming.json.nextCursor).toBeNull();
    expect(upcoming.json.items[0]).toEqual({
      sessionId: soon,
      forumId,
      forumName: 'Waterford local forum',
      title: 'Spring planning',
      startsAt: '2026-03-02T18:00:00+00:00',
      endsAt: '2026-03-02T20:00:00+00:00',
      timeZone: 'Europe/Dublin',
      venue: { name: 'Library', accessible: false },
      status: 'scheduled',
      rsvp: 'maybe',
    });
    expect(ids(await mine(member, ''))).toEqual([soon, later]);
    const past = await mine(member, 'when=past');
    expect(ids(past)).toEqual([earlier]);
    expect(past.json.items[0]).toMatchObject({ title: 'Winter review', rsvp: null, status: 'scheduled' });

    // The other invitee sees their own sessions only.
    const theirs = await mine(await stack.tokenFor(['member'], other), 'when=upcoming');
    expect(ids(theirs)).toEqual([soon, notMine]);

    // Time moves on: the first session is now past, latest first.
    clock.set('2026-03-03T09:00:00Z');
    expect(ids(await mine(member, 'when=upcoming'))).toEqual([later]);
    expect(ids(await mine(member, 'when=past'))).toEqual([soon, earlier]);

    // Pages follow the cursor.
    const first = await mine(member, 'when=past&limit=1');
    expect(ids(first)).toEqual([soon]);
    const second = await mine(member, `when=past&limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`);
    expect(ids(second)).toEqual([earlier]);
  });

  it('refuses a coordinator, a member without a participant record, a bad `when` and a bad limit', async () => {
    const member = await stack.tokenFor(['member'], await recruit());

    const asCoordinator = await mine(coordinator, 'when=upcoming');
    const unlinked = await mine(await stack.tokenFor(['member']), 'when=upcoming');
    const badWhen = await mine(member, 'when=soon');
    const badLimit = await mine(member, 'limit=51');
    const badCursor = await mine(member, 'cursor=nonsense');

    expect(asCoordinator.status).toBe(403);
    expect(unlinked.status).toBe(403);
    expect(badWhen.status).toBe(400);
    expect(badWhen.json.issues[0].path).toBe('when');
    expect(badLimit.json.issues[0].path).toBe('limit');
    expect(badCursor.json.issues[0].path).toBe('cursor');
  });
});

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEvent } from '../../events/define-event.js';
import { SessionReminderDue } from '../../events/forums.js';
import {
  NoticeSendItem,
  ReminderSendItem,
  reminderSendKey,
  sessionNoticeKey,
} from '../../shared/forums/adapters/sends-repo.js';
import {
  forumById,
  forumsByIds,
  invitationOf,
  plannedSessionsOf,
  sessionById,
  sessionInvitees,
  sessionsForReport,
} from '../../shared/forums/index.js';
import { parseItem } from '../../shared/runtime/store/item.js';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

/** What the forums context answers other contexts (shared/forums/index.ts), and its send records. */
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
async function schedule(forumId: string, invitees: string[], startsAt: string): Promise<string> {
  const res = await stack.call('POST', `/api/forums/${forumId}/sessions`, {
    token: coordinator,
    body: sessionBody(invitees, { startsAt }),
  });
  expect(res.status).toBe(201);
  return res.json.sessionId;
}
const held = async (sessionId: string, attendance: unknown[]) =>
  expect(
    (await stack.call('POST', `/api/sessions/${sessionId}/held`, { token: coordinator, body: { attendance } })).status,
  ).toBe(202);

describe('what forums answers other contexts', () => {
  it('finds a forum, a session, an invitation and a session’s invitees by id, and nothing for unknown ids', async () => {
    // Prepare: a session with two invitees, one of whom then withdraws consent.
    const forumId = await createForum();
    const [stays, leaves] = [await recruit(), await recruit({ displayName: 'Brian' })];
    const sessionId = await schedule(forumId, [stays, leaves], '2026-03-02T18:00:00+00:00');
    await stack.call('POST', `/api/participants/${leaves}/consent-withdrawal`, { token: coordinator });
    await stack.settle();
    const deps = stack.deps;

    // Act
    const [forum, session, invitation, invitees, byIds] = await Promise.all([
      forumById(forumId, deps),
      sessionById(sessionId, deps),
      invitationOf(sessionId, stays, deps),
      sessionInvitees(sessionId, deps),
      forumsByIds([forumId, forumId, 'no-such-forum'], deps),
    ]);

    // Assess
    expect(forum).toMatchObject({ forumId, areaId: 'cho5-waterford', timeZone: 'Europe/Dublin' });
    expect(forum).not.toHaveProperty('version');
    expect(session).toMatchObject({ sessionId, forumId, status: 'scheduled' });
    expect(session).not.toHaveProperty('version');
    expect(invitation).toMatchObject({ sessionId, participantId: stays, status: 'invited', rsvp: null });
    expect(invitees.map((i) => [i.participantId, i.status]).sort()).toEqual(
      [
        [stays, 'invited'],
        [leaves, 'dropped'],
      ].sort(),
    );
    expect([...byIds.keys()]).toEqual([forumId]);
    expect(await forumById('no-such-forum', deps)).toBeUndefined();
    expect(await sessionById('no-such-session', deps)).toBeUndefined();
    expect(await invitationOf(sessionId, 'not-invited', deps)).toBeUndefined();
  });

  it('gives the report each forum’s sessions by their local date, with who attended and whether presence was met', async () => {
    // Prepare: 23:30 UTC on 30 June is 1 July in Dublin; one session in June, one cancelled in July.
    const forumId = await createForum({ name: 'Report forum' });
    const [aoife, brian, staff] = [
      await recruit(),
      await recruit({ displayName: 'Brian' }),
      await recruit({ stakeholderGroup: 'provider', payment: undefined, benefits: undefined }),
    ];
    const july = await schedule(forumId, [aoife, brian, staff], '2026-06-30T23:30:00+00:00');
    const june = await schedule(forumId, [aoife], '2026-06-30T18:00:00+00:00');
    const cancelled = await schedule(forumId, [aoife], '2026-07-02T18:00:00+00:00');
    await stack.call('POST', `/api/sessions/${cancelled}/cancel`, { token: coordinator });
    clock.set('2026-07-03T09:00:00Z');
    await held(july, [
      { participantId: aoife, hours: 2 },
      { participantId: staff, hours: 2 },
    ]);
    await held(june, [{ participantId: aoife, hours: 2 }]);

    // Act
    const report = await sessionsForReport({ from: '2026-07-01', to: '2026-07-31' }, stack.deps);

    // Assess: 1 of the 2 who attended has lived experience, and the forum needs 2.
    const mine = report.find((f) => f.forum.forumId === forumId);
    expect(mine?.forum.name).toBe('Report forum');
    expect(mine?.sessions.map((s) => s.sessionId).sort()).toEqual([july, cancelled].sort());
    expect(mine?.sessions.find((s) => s.sessionId === july)).toEqual({
      sessionId: july,
      status: 'held',
      startsAt: '2026-06-30T23:30:00+00:00',
      localDate: '2026-07-01',
      attendees: expect.arrayContaining([
        { participantId: aoife, constituency: 'lived-experience', hours: 2 },
        { participantId: staff, constituency: 'provider', hours: 2 },
      ]),
      presence: 'not-met',
    });
    expect(mine?.sessions.find((s) => s.sessionId === cancelled)).toMatchObject({
      status: 'cancelled',
      localDate: '2026-07-02',
      attendees: [],
    });
  });

  it('gives a person’s other planned sessions with the currency and the rate in force on each date', async () => {
    // Prepare: €25 until 31 March, €27.50 from 1 April; one session each side, one cancelled, one held.
    const forumId = await createForum();
    await stack.call('POST', `/api/forums/${forumId}/rates`, {
      token: coordinator,
      body: { hourlyRateMinor: 2750, effectiveFrom: '2026-04-01' },
    });
    const aoife = await recruit();
    const march = await schedule(forumId, [aoife], '2026-03-30T18:00:00+00:00');
    const april = await schedule(forumId, [aoife], '2026-04-02T18:00:00+00:00');
    const thisOne = await schedule(forumId, [aoife], '2026-04-03T18:00:00+00:00');
    const called = await schedule(forumId, [aoife], '2026-04-04T18:00:00+00:00');
    await stack.call('POST', `/api/sessions/${called}/cancel`, { token: coordinator });
    const earlier = await schedule(forumId, [aoife], '2026-02-19T18:00:00+00:00');
    await held(earlier, [{ participantId: aoife, hours: 2 }]);

    // Act
    const planned = (
      await plannedSessionsOf(
        [{ participantId: aoife, window: { from: '2026-02-01T00:00:00.000Z', to: '2026-04-30T23:59:59.999Z' } }],
        stack.deps,
        { sessionId: thisOne },
      )
    ).get(aoife);

    // Assess
    expect(planned).toEqual([
      {
        sessionId: march,
        forumId,
        startsAt: '2026-03-30T18:00:00+00:00',
        endsAt: '2026-03-30T20:00:00.000+00:00',
        localDate: '2026-03-30',
        currency: 'EUR',
        hourlyRateMinor: 2500,
      },
      {
        sessionId: april,
        forumId,
        startsAt: '2026-04-02T18:00:00+00:00',
        endsAt: '2026-04-02T20:00:00.000+00:00',
        localDate: '2026-04-02',
        currency: 'EUR',
        hourlyRateMinor: 2750,
      },
    ]);
  });
});

describe('send records', () => {
  it('keeps each invitation notice and reminder send as its item schema says', async () => {
    // Prepare
    const forumId = await createForum();
    const aoife = await recruit({ contact: { email: 'aoife@example.org' } });
    const startsAt = '2026-03-12T18:00:00+00:00';
    const sessionId = await schedule(forumId, [aoife], startsAt);
    await stack.settle();
    await stack.bus.publish([
      buildEvent(
        SessionReminderDue,
        { sessionId, leadMinutes: 120, startsAt },
        { idempotencyKey: `reminder:${sessionId}`, occurredAt: '2026-03-12T16:00:00+00:00' },
      ),
    ]);
    await stack.settle();
    const read = async (key: { pk: string; sk: string }) =>
      (await stack.deps.db.doc.send(new GetCommand({ TableName: stack.deps.db.table, Key: key }))).Item;

    // Act
    const notice = await read(sessionNoticeKey(sessionId, 'invited', aoife));
    const reminder = await read(reminderSendKey(sessionId, 120, startsAt, aoife));

    // Assess
    expect(notice && parseItem(NoticeSendItem, notice)).toMatchObject({
      sessionId,
      kind: 'invited',
      startsAt,
      participantId: aoife,
      state: 'sent',
    });
    expect(reminder && parseItem(ReminderSendItem, reminder)).toMatchObject({
      sessionId,
      leadMinutes: 120,
      startsAt,
      participantId: aoife,
      state: 'sent',
    });
  });
});

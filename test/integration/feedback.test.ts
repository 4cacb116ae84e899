import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, FeedbackUpdated, SessionHeld } from '../../events/index.js';
import { feedbackOfAreaYear } from '../../shared/feedback/index.js';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

/**
 * Issue 13, "you said, we did" — the feedback half of "Done when", through the HTTP API of the
 * local stack: raised by a member, planned with a linked decision, done with a note, heard at the
 * forum's next session and marked reported back when it is held; one message per change.
 */
const clock = fixedClock('2026-03-02T09:00:00.000Z');
let stack: TestStack;
let coordinator: string;
let governance: string;
let aoife: { id: string; token: string };
let brid: { id: string; token: string };
let forumId: string;
let otherForumId: string;

const at = (days: number, hours = 0) =>
  new Date(Date.parse('2026-03-02T18:00:00.000Z') + days * 86_400_000 + hours * 3600_000)
    .toISOString()
    .replace('Z', '+00:00');

async function recruit(name: string, overrides: Record<string, unknown> = {}) {
  const res = await stack.api.recruitParticipant({
    token: coordinator,
    body: participantBody({
      displayName: name,
      contact: { email: `${name.toLowerCase()}@example.org` },
      ...overrides,
    }),
  });
  expect(res.status).toBe(201);
  const id = res.json.participantId as string;
  return { id, token: await stack.tokenFor(['member'], id) };
}

async function createForum(overrides: Record<string, unknown> = {}) {
  const res = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.forumId as string;
}

async function schedule(forum: string, invitees: string[], startsAt: string) {
  const res = await stack.call('POST', `/api/forums/${forum}/sessions`, {
    token: coordinator,
    body: sessionBody(invitees, { startsAt }),
  });
  expect(res.status).toBe(201);
  return res.json.sessionId as string;
}

async function propose(forum: string) {
  const res = await stack.call('POST', '/api/decisions', {
    token: coordinator,
    body: {
      title: 'Step-free entrance',
      text: 'Move the forum to the ground-floor room until the ramp is fixed.',
      forumId: forum,
      signOffDueAt: at(14),
    },
  });
  expect(res.status).toBe(201);
  return res.json.decisionId as string;
}

const raise = (token: string, body: Record<string, unknown>) => stack.call('POST', '/api/feedback', { token, body });
const update = (id: string, body: Record<string, unknown>) =>
  stack.call('POST', `/api/feedback/${id}/updates`, { token: coordinator, body });
const list = async (token: string, query: Record<string, string> = {}) => {
  const res = await stack.api.listFeedback({ token, query: { forumId, limit: 100, ...query } });
  expect(res.status).toBe(200);
  return res.json.items;
};
const allItems = async () => (await stack.api.listFeedback({ token: coordinator, query: { limit: 100 } })).json.items;
const mailFor = (email: string, words: string) =>
  stack.mailbox.sent.filter((m) => m.to === email && m.text.includes(words));

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
  governance = await stack.tokenFor(['governance']);
  aoife = await recruit('Aoife');
  brid = await recruit('Brid');
  forumId = await createForum();
  otherForumId = await createForum({ name: 'Cork local forum', areaId: 'cho4-cork' });
});
afterAll(() => stack.stop());

describe('you said, we did: the whole loop', () => {
  const words = 'The hall is hard to get into with a wheelchair: the ramp at the side door is broken.';
  let feedbackId: string;
  let next: string;
  let later: string;
  let decisionId: string;

  it('a member raises an item for themselves at a forum of their area', async () => {
    next = await schedule(forumId, [aoife.id, brid.id], at(1));
    later = await schedule(forumId, [aoife.id, brid.id], at(8));
    const res = await stack.api.raiseFeedback({ token: aoife.token, body: { forumId, text: words } });
    expect(res.status).toBe(201);
    feedbackId = res.json.feedbackId;
    const [item] = (await list(aoife.token)).filter((i) => i.feedbackId === feedbackId);
    expect(item).toMatchObject({ status: 'raised', raisedBy: aoife.id, text: words, closedAt: null, updates: [] });
  });

  it('a coordinator moves it to planned with a decision of the same forum, then done with a note', async () => {
    decisionId = await propose(forumId);
    const planned = await stack.api.updateFeedback({
      token: coordinator,
      params: { id: feedbackId },
      body: { status: 'planned', note: 'We asked estates to fix the ramp.', decisionId },
    });
    expect(planned.status).toBe(200);
    expect(planned.json).toMatchObject({ status: 'planned', decisionIds: [decisionId], raisedBy: aoife.id });

    const done = await stack.api.updateFeedback({
      token: coordinator,
      params: { id: feedbackId },
      body: { status: 'done', note: 'The ramp was fixed on 10 March and the side door is open again.' },
    });
    expect(done.status).toBe(200);
    expect(done.json.status).toBe('done');
    expect(done.json.closedAt).not.toBeNull();
    expect(done.json.updates.map((u) => u.status)).toEqual(['planned', 'done']);
  });

  it('appears on the forum’s next scheduled session only, without who raised it', async () => {
    const onNext = await stack.api.getSession({ token: brid.token, params: { id: next } });
    expect(onNext.status).toBe(200);
    expect(onNext.json.youSaidWeDid).toEqual([
      {
        feedbackId,
        text: words,
        status: 'done',
        note: 'The ramp was fixed on 10 March and the side door is open again.',
      },
    ]);
    expect(JSON.stringify(onNext.json.youSaidWeDid)).not.toContain(aoife.id);
    const onLater = await stack.api.getSession({ token: coordinator, params: { id: later } });
    expect(onLater.json.youSaidWeDid).toEqual([]);
  });

  it('tells the member once per change, even when an update’s event is delivered again', async () => {
    await stack.settle();
    await stack.bus.publish([
      buildEvent(
        FeedbackUpdated,
        { feedbackId, forumId, updateNumber: 2, previousStatus: 'planned', status: 'done' },
        { idempotencyKey: `feedback-updated:${feedbackId}:2`, occurredAt: clock.now().toISOString() },
      ),
    ]);
    await stack.settle();
    const sent = mailFor('aoife@example.org', 'the ramp at the side door is broken');
    expect(sent.map((m) => m.subject)).toEqual(['We plan to act on what you said', 'What you said: it is done']);
    expect(sent[1]?.text).toContain('What we did: The ramp was fixed on 10 March');
    expect(sent[1]?.text).toContain('Waterford local forum');
    expect(mailFor('brid@example.org', 'the ramp')).toEqual([]);
    expect(stack.bus.deadLetters).toEqual([]);
  });

  it('is marked reported back when that session is held, and the next one hears nothing again', async () => {
    clock.set(at(1, 2));
    const held = await stack.call('POST', `/api/sessions/${next}/held`, {
      token: coordinator,
      body: { attendance: [{ participantId: aoife.id, hours: 2 }] },
    });
    expect(held.status).toBe(202);
    await stack.settle();
    const [item] = (await list(coordinator)).filter((i) => i.feedbackId === feedbackId);
    expect(item?.reportedBackAt).toBe(new Date(at(1)).toISOString().replace('Z', '+00:00'));
    const onLater = await stack.api.getSession({ token: coordinator, params: { id: later } });
    expect(onLater.json.youSaidWeDid).toEqual([]);
    const onHeld = await stack.api.getSession({ token: coordinator, params: { id: next } });
    expect(onHeld.json.youSaidWeDid).toEqual([]);
    expect(stack.bus.deadLetters).toEqual([]);
  });

  it('marks nothing twice when SessionHeld is delivered again', async () => {
    const before = (await list(coordinator)).find((i) => i.feedbackId === feedbackId);
    await stack.bus.publish([
      buildEvent(
        SessionHeld,
        {
          sessionId: next,
          forumId,
          heldOn: '2026-03-03',
          startsAt: at(1),
          hourlyRateMinor: 2500,
          currency: 'EUR',
          attendance: [],
        },
        { idempotencyKey: `session-held:${next}:again`, occurredAt: at(1, 2) },
      ),
    ]);
    await stack.settle();
    expect((await list(coordinator)).find((i) => i.feedbackId === feedbackId)).toEqual(before);
  });

  it('a closed item changes only by being reopened with considering and a note', async () => {
    const refused = await update(feedbackId, { status: 'planned', note: 'Let us plan it again.' });
    expect(refused.status).toBe(409);
    const reopened = await update(feedbackId, {
      status: 'considering',
      note: 'The ramp broke again, so we are looking at it again.',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.json).toMatchObject({ status: 'considering', closedAt: null, reportedBackAt: null });
    await stack.settle();
    expect(mailFor('aoife@example.org', 'the ramp at the side door is broken').map((m) => m.subject)).toEqual([
      'We plan to act on what you said',
      'What you said: it is done',
      'We are looking again at what you said',
    ]);
  });
});

describe('who is told', () => {
  it('nobody is emailed about an item of someone who did not agree to be contacted, or of no one', async () => {
    const consent = { ...participantBody().consent, scopes: ['forums', 'payments', 'decisions'] };
    const eve = await recruit('Eve', { consent });
    const hers = await stack.api.raiseFeedback({ token: eve.token, body: { forumId, text: 'Quieter room, please.' } });
    const nobodys = await raise(coordinator, { forumId, text: 'Comments box: quieter room.' });
    for (const id of [hers.json.feedbackId, nobodys.json.feedbackId]) {
      expect((await update(id, { status: 'considering' })).status).toBe(200);
    }
    await stack.settle();
    expect(
      stack.mailbox.sent.filter((m) => m.text.includes('quieter room') || m.text.includes('Quieter room')),
    ).toEqual([]);
    expect(stack.bus.deadLetters).toEqual([]);
  });
});

describe('who sees who raised it', () => {
  it('governance and other members see the item without raisedBy; the coordinator and the person see it', async () => {
    const res = await stack.api.raiseFeedback({
      token: aoife.token,
      body: { forumId, text: 'Please send the papers a week before.' },
    });
    expect(res.status).toBe(201);
    const id = res.json.feedbackId;
    const seenBy = async (token: string) => (await list(token)).find((i) => i.feedbackId === id);
    const gov = await seenBy(governance);
    expect(gov).toBeDefined();
    expect(gov).not.toHaveProperty('raisedBy');
    const govAll = (await stack.api.listFeedback({ token: governance, query: { limit: 100 } })).json.items;
    expect(govAll.length).toBeGreaterThan(0);
    expect(govAll.every((i) => !('raisedBy' in i))).toBe(true);
    expect(await seenBy(brid.token)).not.toHaveProperty('raisedBy');
    expect((await seenBy(aoife.token))?.raisedBy).toBe(aoife.id);
    expect((await seenBy(coordinator))?.raisedBy).toBe(aoife.id);
  });

  it('a member from another area who was invited to one of its sessions may raise there', async () => {
    const dara = await recruit('Dara', { areaId: 'cho4-cork' });
    const sessionId = await schedule(forumId, [dara.id], at(20));
    const withSession = await raise(dara.token, { forumId, sessionId, text: 'Could we have a hearing loop?' });
    expect(withSession.status).toBe(201);
    const without = await raise(dara.token, { forumId, text: 'And captions on the screen, please.' });
    expect(without.status).toBe(201);
  });

  it('a member outside the forum sees only their own items there', async () => {
    const cara = await recruit('Cara', { areaId: 'cho4-cork' });
    const theirs = await list(cara.token);
    expect(theirs).toEqual([]);
  });

  it('lists open or closed items only, when asked', async () => {
    const open = await list(coordinator, { status: 'open' });
    const closed = await list(coordinator, { status: 'closed' });
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((i) => !['done', 'not-possible'].includes(i.status))).toBe(true);
    expect(closed.every((i) => ['done', 'not-possible'].includes(i.status))).toBe(true);
  });
});

describe('the evaluation’s figures (feedbackOfAreaYear)', () => {
  it('lists the area’s items of the year with their statuses and times, and nothing of other areas or years', async () => {
    const records = await feedbackOfAreaYear(stack.deps, { areaId: 'cho5-waterford', year: 2026 });
    const items = await allItems();
    const waterford = items.filter((i) => i.forumId === forumId);
    expect(records.map((r) => r.feedbackId).sort()).toEqual(waterford.map((i) => i.feedbackId).sort());
    const first = waterford.find((i) => i.closedAt !== null || i.updates.length > 0);
    const record = records.find((r) => r.feedbackId === first?.feedbackId);
    expect(record).toEqual({
      feedbackId: first?.feedbackId,
      status: first?.status,
      raisedAt: first?.raisedAt,
      closedAt: first?.closedAt,
      reportedBackAt: first?.reportedBackAt,
    });
    expect(await feedbackOfAreaYear(stack.deps, { areaId: 'cho5-waterford', year: 2025 })).toEqual([]);
    expect(await feedbackOfAreaYear(stack.deps, { areaId: 'cho4-cork', year: 2026 })).toEqual([]);
  });
});

describe('refusals write nothing', () => {
  let itemId: string;
  beforeAll(async () => {
    const res = await stack.api.raiseFeedback({ token: brid.token, body: { forumId, text: 'More tea, please.' } });
    itemId = res.json.feedbackId;
  });

  it('done without a note → 400 naming note', async () => {
    const before = await allItems();
    const res = await update(itemId, { status: 'done' });
    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toEqual(['note']);
    expect(await allItems()).toEqual(before);
  });

  it('raising for someone else → 403', async () => {
    const before = await allItems();
    const res = await raise(brid.token, { forumId, text: 'Aoife says the room is cold.', raisedBy: aoife.id });
    expect(res.status).toBe(403);
    expect(await allItems()).toEqual(before);
  });

  it('a member raising at a forum they do not take part in → 403', async () => {
    const res = await raise(brid.token, { forumId: otherForumId, text: 'Cork should meet in the evening.' });
    expect(res.status).toBe(403);
  });

  it.each([
    ['text', { forumId: undefined, text: '   ' }, ['forumId', 'text']],
    ['an unknown forum', { forumId: 'NOSUCHFORUM', text: 'Hello there' }, ['forumId']],
    ['an unknown field', { text: 'Hello', who: 'me' }, ['(body)']],
    ['text too long', { text: 'a'.repeat(2001) }, ['text']],
  ])('bad input (%s) → 400 naming the field, nothing written', async (_what, body, paths) => {
    const before = await allItems();
    const res = await raise(brid.token, { forumId, ...body });
    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path).sort()).toEqual(paths);
    expect(await allItems()).toEqual(before);
  });

  it('a session of another forum, or a decision of another forum → 400 naming it', async () => {
    const elsewhere = await schedule(otherForumId, [aoife.id], at(3));
    const res = await raise(coordinator, { forumId, sessionId: elsewhere, text: 'From the other forum.' });
    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toEqual(['sessionId']);
    const before = await allItems();
    const decision = await propose(otherForumId);
    const linked = await update(itemId, { status: 'planned', decisionId: decision });
    expect(linked.status).toBe(400);
    expect(linked.json.issues.map((i: { path: string }) => i.path)).toEqual(['decisionId']);
    const missing = await update(itemId, { status: 'planned', decisionId: 'NOSUCHDECISION' });
    expect(missing.status).toBe(400);
    expect(await allItems()).toEqual(before);
  });

  it('only coordinators update items (a member → 403), and an unknown item → 404', async () => {
    const member = await stack.call('POST', `/api/feedback/${itemId}/updates`, {
      token: brid.token,
      body: { status: 'considering' },
    });
    expect(member.status).toBe(403);
    expect((await update('NOSUCHITEM', { status: 'considering' })).status).toBe(404);
  });

  it('a coordinator raises one from a comments box (no one named) or for a person', async () => {
    const anonymous = await raise(coordinator, { forumId, text: 'From the comments box: more evening sessions.' });
    expect(anonymous.status).toBe(201);
    const forBrid = await raise(coordinator, { forumId, text: 'Brid asked for large print.', raisedBy: brid.id });
    expect(forBrid.status).toBe(201);
    const items = await list(coordinator);
    expect(items.find((i) => i.feedbackId === anonymous.json.feedbackId)?.raisedBy).toBeNull();
    expect(items.find((i) => i.feedbackId === forBrid.json.feedbackId)?.raisedBy).toBe(brid.id);
    const unknown = await raise(coordinator, { forumId, text: 'Hello', raisedBy: 'NOSUCHPERSON' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.issues.map((i: { path: string }) => i.path)).toEqual(['raisedBy']);
  });
});

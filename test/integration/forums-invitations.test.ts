import type { EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForumSessionScheduled } from '../../events/forums.js';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

const clock = fixedClock('2026-02-20T10:00:00Z');
let stack: TestStack;
let coordinator: string;
const scheduled: EventBridgeEvent<string, any>[] = [];

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
  stack.bus.subscribe({
    name: 'probe:ForumSessionScheduled',
    pattern: ForumSessionScheduled.pattern,
    target: async (e) => {
      scheduled.push(e);
    },
  });
});
afterAll(() => stack.stop());

async function recruit(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.participantId;
}
async function createForum(): Promise<string> {
  const res = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() });
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
const mailFor = (sessionId: string, subject: string) =>
  stack.mailbox.sent.filter((m) => m.text.includes(`id=${sessionId}`) && m.subject.startsWith(subject));
const noContact = {
  consent: { given: true, capacityConfirmed: true, recordedAt: '2026-01-10T10:00:00+00:00', scopes: ['forums'] },
};

describe('session invitations', () => {
  it('invites each invitee who agreed to be contacted, once, even when the event arrives again', async () => {
    const forumId = await createForum();
    const aoife = await recruit({ displayName: 'Aoife Walsh', contact: { email: 'aoife@example.org' } });
    const brian = await recruit({ displayName: 'Brian Power', contact: { email: 'brian@example.org' } });
    const ciaran = await recruit({ displayName: 'Ciarán', contact: { email: 'ciaran@example.org' }, ...noContact });
    const dara = await recruit({ displayName: 'Dara', contact: { phone: '+353 87 000 0000' } });

    const sessionId = await schedule(forumId, [aoife, brian, ciaran, dara], '2026-03-10T18:00:00+00:00');
    await stack.settle();
    const first = mailFor(sessionId, 'Invitation:');
    const event = scheduled.find((e) => e.detail.data.sessionId === sessionId);
    await Promise.all([stack.bus.publish([event as any]), stack.bus.publish([event as any])]);
    await stack.settle();

    expect(first.map((m) => m.to).sort()).toEqual(['aoife@example.org', 'brian@example.org']);
    expect(mailFor(sessionId, 'Invitation:')).toHaveLength(2);
    const toAoife = first.find((m) => m.participantId === aoife)!;
    expect(toAoife.text).toContain(`/sessions/view?id=${sessionId}`);
    expect(toAoife.text).toContain('Tuesday 10 March 2026, 18:00 to 20:00 (Irish time)');
    expect(toAoife.text).toContain('Community Hall, Waterford (accessible venue)');
    expect(toAoife.text).toContain('- Crisis care pathway');
    expect(toAoife.text).toContain('Hello Aoife Walsh');
    expect(toAoife.text).not.toContain('Brian');
    expect(toAoife.text).not.toContain('brian@example.org');
    expect(stack.mailbox.sent.filter((m) => m.participantId === ciaran || m.participantId === dara)).toEqual([]);
    expect(stack.bus.deadLetters).toEqual([]);
  });

  it('tells those who have not declined that the session moved, and then that it was cancelled', async () => {
    const forumId = await createForum();
    const aoife = await recruit({ displayName: 'Aoife Walsh', contact: { email: 'aoife@example.org' } });
    const brian = await recruit({ displayName: 'Brian Power', contact: { email: 'brian@example.org' } });
    const ciaran = await recruit({ displayName: 'Ciarán', contact: { email: 'ciaran@example.org' }, ...noContact });
    const sessionId = await schedule(forumId, [aoife, brian, ciaran], '2026-03-11T18:00:00+00:00');
    const rsvp = await stack.call('POST', `/api/sessions/${sessionId}/rsvp`, {
      token: coordinator,
      body: { participantId: brian, response: 'no' },
    });
    expect(rsvp.status).toBe(200);
    await stack.settle();

    const moved = await stack.call('POST', `/api/sessions/${sessionId}/reschedule`, {
      token: coordinator,
      body: { startsAt: '2026-03-18T18:00:00+00:00', endsAt: '2026-03-18T20:00:00+00:00' },
    });
    await stack.settle();
    const cancel = await stack.call('POST', `/api/sessions/${sessionId}/cancel`, { token: coordinator });
    await stack.settle();

    expect([moved.status, cancel.status]).toEqual([200, 200]);
    const movedMail = mailFor(sessionId, 'Session moved:');
    expect(movedMail.map((m) => m.to)).toEqual(['aoife@example.org']);
    expect(movedMail[0]!.text).toContain('Wednesday 18 March 2026, 18:00 to 20:00 (Irish time)');
    expect(movedMail[0]!.text).toContain(`/sessions/view?id=${sessionId}`);
    const cancelled = mailFor(sessionId, 'Cancelled:');
    expect(cancelled.map((m) => m.to)).toEqual(['aoife@example.org']);
    expect(cancelled[0]!.text).toContain('has been cancelled');
    expect(cancelled[0]!.text).not.toContain('Brian');
    expect(stack.mailbox.sent.filter((m) => m.participantId === ciaran)).toEqual([]);
    expect(stack.bus.deadLetters).toEqual([]);
  });
});

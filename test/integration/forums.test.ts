import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildEvent } from '../../events/define-event.js';
import { SessionHeld, SessionReminderDue, SessionRsvpRecorded } from '../../events/forums.js';
import { forumKey, putNewForum } from '../../shared/forums/adapters/forums-repo.js';
import { explainRateFailure, planForumRate } from '../../shared/forums/app/rates.js';
import { ForumInput } from '../../shared/forums/domain/commands.js';
import { newForum } from '../../shared/forums/domain/forums.js';
import { ConflictError } from '../../shared/kernel/errors.js';
import { transact } from '../../shared/runtime/store/db.js';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

const clock = fixedClock('2026-02-20T10:00:00Z');
let stack: TestStack;
let coordinator: string;
const seen: Record<string, EventBridgeEvent<string, any>[]> = { SessionHeld: [], SessionRsvpRecorded: [] };

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
  // Probes: what the bus routes, as any rule for these contracts would receive it.
  for (const contract of [SessionHeld, SessionRsvpRecorded]) {
    stack.bus.subscribe({
      name: `probe:${contract.detailType}`,
      pattern: contract.pattern,
      target: async (e) => {
        seen[contract.detailType]!.push(e);
      },
    });
  }
});
afterAll(() => stack.stop());
beforeEach(() => clock.set('2026-02-20T10:00:00Z'));

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

async function recruit(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.participantId;
}
const provider = (o: Record<string, unknown> = {}) =>
  recruit({ stakeholderGroup: 'provider', payment: undefined, benefits: undefined, displayName: 'Dr Byrne', ...o });

async function createForum(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.forumId;
}

async function schedule(forumId: string, invitees: string[], overrides: Record<string, unknown> = {}) {
  return stack.call('POST', `/api/forums/${forumId}/sessions`, {
    token: coordinator,
    body: sessionBody(invitees, overrides),
  });
}

const view = async (sessionId: string, token = coordinator) =>
  (await stack.call('GET', `/api/sessions/${sessionId}`, { token })).json;
const rsvp = (sessionId: string, participantId: string, response: string, token = coordinator) =>
  stack.call('POST', `/api/sessions/${sessionId}/rsvp`, { token, body: { participantId, response } });

describe('forums', () => {
  it('creates a forum and reads it back with the time zone of its jurisdiction', async () => {
    const ie = await createForum();
    const uk = await createForum({
      name: 'Belfast area forum',
      level: 'area',
      remuneration: { hourlyRateMinor: 2000, currency: 'GBP' },
    });

    const readIe = await stack.call('GET', `/api/forums/${ie}`, { token: coordinator });
    const readUk = await stack.call('GET', `/api/forums/${uk}`, { token: coordinator });
    const list = await stack.call('GET', '/api/forums?limit=100', { token: coordinator });

    expect(readIe.json).toMatchObject({
      jurisdiction: 'IE',
      timeZone: 'Europe/Dublin',
      reminders: { leadMinutes: [2880, 120] },
    });
    expect(readUk.json).toMatchObject({ jurisdiction: 'UK', timeZone: 'Europe/London', level: 'area' });
    expect(list.json.items.map((f: { forumId: string }) => f.forumId)).toEqual(expect.arrayContaining([ie, uk]));
  });

  it('refuses a forum with bad fields, naming each, and writes nothing', async () => {
    const before = await stack.call('GET', '/api/forums?limit=100', { token: coordinator });

    const res = await stack.call('POST', '/api/forums', {
      token: coordinator,
      body: forumBody({
        remuneration: { hourlyRateMinor: 25.5, currency: 'EUR' },
        quorum: { minLivedExperienceMembers: 0, minLivedExperienceShare: 1.5 },
        jurisdiction: 'UK',
      }),
    });

    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining([
        'remuneration.hourlyRateMinor',
        'quorum.minLivedExperienceMembers',
        'quorum.minLivedExperienceShare',
      ]),
    );
    const after = await stack.call('GET', '/api/forums?limit=100', { token: coordinator });
    expect(after.json.items).toHaveLength(before.json.items.length);
  });

  it('refuses a forum whose currency does not match where it meets', async () => {
    const res = await stack.call('POST', '/api/forums', {
      token: coordinator,
      body: forumBody({ jurisdiction: 'UK' }),
    });

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([{ path: 'remuneration.currency', message: expect.stringContaining('pounds') }]);
  });

  it('schedules nothing in a stored forum whose currency and jurisdiction disagree', async () => {
    // Prepare: a forum paying euro but recorded as in the UK (the API refuses to create one; stored data may hold one).
    const good = newForum(ForumInput.parse(forumBody()), `bad-${Date.now()}`, '2026-01-01T00:00:00+00:00');
    const bad = { ...good, jurisdiction: 'UK' as const, timeZone: 'Europe/London' as const };
    await transact(stack.deps.db, [putNewForum(stack.deps.db, bad)]);

    // Act
    const res = await schedule(bad.forumId, [await recruit()]);

    // Assess
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('pays in EUR but is recorded as being in UK');
  });

  it('answers 404 for an unknown forum and 403 for a member', async () => {
    const member = await stack.tokenFor(['member'], 'someone');

    expect((await stack.call('GET', '/api/forums/nope', { token: coordinator })).status).toBe(404);
    expect((await schedule('nope', ['x'])).status).toBe(404);
    expect((await stack.call('GET', '/api/forums', { token: member })).status).toBe(403);
  });
});

describe('scheduling a session', () => {
  it('creates a session with three invitees and reports a clash and a quorum shortfall', async () => {
    const forumId = await createForum({ quorum: { minLivedExperienceMembers: 1, minLivedExperienceShare: 0 } });
    const [aoife, brian, byrne] = [await recruit(), await recruit({ displayName: 'Brian' }), await provider()];
    const first = await schedule(forumId, [aoife], { title: 'Earlier session' });
    expect(first.json.warnings).toEqual([]);

    // Overlaps the earlier session for Aoife; 2 of the 3 have lived experience and this forum asks for 3.
    const strictForum = await createForum({ quorum: { minLivedExperienceMembers: 3, minLivedExperienceShare: 0.5 } });
    const res = await schedule(strictForum, [aoife, brian, byrne], {
      startsAt: '2026-03-02T19:00:00+00:00',
      venue: { name: 'Upstairs room', accessible: false },
    });

    expect(res.status).toBe(201);
    expect(res.json.sessionId).toEqual(expect.any(String));
    const kinds = res.json.warnings.map((w: { kind: string }) => w.kind);
    expect(kinds).toEqual(['venue-not-accessible', 'quorum-shortfall', 'clash']);
    const clash = res.json.warnings.find((w: { kind: string }) => w.kind === 'clash');
    expect(clash).toMatchObject({ participantId: aoife, sessionId: first.json.sessionId });
    expect(clash.message).toContain('Aoife');
    expect(clash.message).toContain('Earlier session');
    const shortfall = res.json.warnings.find((w: { kind: string }) => w.kind === 'quorum-shortfall');
    expect(shortfall.message).toContain('2 of 3 people would have lived experience');

    const session = await view(res.json.sessionId);
    expect(session.invitees.map((i: { participantId: string }) => i.participantId)).toEqual(
      expect.arrayContaining([aoife, brian, byrne]),
    );
    expect(session.warnings.map((w: { kind: string }) => w.kind)).toEqual(kinds);
  });

  it('does not call back-to-back sessions a clash', async () => {
    const forumId = await createForum();
    const p = await recruit();
    await schedule(forumId, [p], { startsAt: '2026-03-03T18:00:00+00:00' });

    const next = await schedule(forumId, [p, await recruit()], { startsAt: '2026-03-03T20:00:00+00:00' });

    expect(next.json.warnings).toEqual([]);
  });

  it('refuses an invitee who withdrew consent, naming them, and writes nothing', async () => {
    const forumId = await createForum();
    const ok = await recruit();
    const gone = await recruit({ displayName: 'Ciarán' });
    await stack.call('POST', `/api/participants/${gone}/consent-withdrawal`, { token: coordinator });

    const res = await schedule(forumId, [ok, gone]);

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([
      { path: 'invitees.1', message: 'Ciarán has withdrawn consent and cannot be invited.' },
    ]);
    const sessions = await stack.call('GET', `/api/forums/${forumId}/sessions`, { token: coordinator });
    expect(sessions.json.items).toEqual([]);
  });

  it('refuses an invitee without consent to forums, and an unknown one', async () => {
    const forumId = await createForum();
    const noForums = await recruit({
      displayName: 'Dara',
      consent: { given: true, capacityConfirmed: true, recordedAt: '2026-01-10T10:00:00+00:00', scopes: ['payments'] },
    });

    const res = await schedule(forumId, [noForums, 'no-such-person']);

    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([
      { path: 'invitees.0', message: 'Dara has not agreed to be invited to forums.' },
      { path: 'invitees.1', message: expect.stringContaining('could not find') },
    ]);
  });

  it('refuses an end before the start and a session longer than 12 hours', async () => {
    const forumId = await createForum();
    const p = await recruit();

    const backwards = await schedule(forumId, [p], { endsAt: '2026-03-02T17:00:00+00:00' });
    const long = await schedule(forumId, [p], { endsAt: '2026-03-03T07:00:00+00:00' });

    expect(backwards.status).toBe(400);
    expect(backwards.json.issues[0].path).toBe('endsAt');
    expect(long.json.issues[0].message).toContain('at most 12 hours');
  });

  it('creates one session for two requests with the same Idempotency-Key', async () => {
    const forumId = await createForum();
    const p = await recruit();
    const headers = { 'idempotency-key': 'schedule-once' };
    const body = sessionBody([p]);

    const [a, b] = await Promise.all([
      stack.call('POST', `/api/forums/${forumId}/sessions`, { token: coordinator, body, headers }),
      stack.call('POST', `/api/forums/${forumId}/sessions`, { token: coordinator, body, headers }),
    ]);

    expect(b.json.sessionId).toBe(a.json.sessionId);
    const sessions = await stack.call('GET', `/api/forums/${forumId}/sessions`, { token: coordinator });
    expect(sessions.json.items).toHaveLength(1);
  });
});

describe('RSVPs and the quorum', () => {
  it('moves the quorum status between at risk, met and not met as answers come in', async () => {
    const forumId = await createForum(); // at least 2 with lived experience, and 30%
    const [le1, le2, staff] = [await recruit(), await recruit({ displayName: 'Brian' }), await provider()];
    const { json } = await schedule(forumId, [le1, le2, staff]);
    const status = async () => (await view(json.sessionId)).quorum.status;
    const before = seen.SessionRsvpRecorded!.length;

    const initially = await status();
    await rsvp(json.sessionId, staff, 'yes');
    await rsvp(json.sessionId, le1, 'yes');
    const oneYes = await status();
    await rsvp(json.sessionId, le2, 'yes');
    const twoYes = await status();
    await rsvp(json.sessionId, le2, 'no');
    const oneDeclined = await status();

    expect([initially, oneYes, twoYes, oneDeclined]).toEqual(['at-risk', 'at-risk', 'met', 'not-met']);
    await stack.settle();
    expect(seen.SessionRsvpRecorded!.length - before).toBe(4);
    const session = await view(json.sessionId);
    expect(session.invitees.find((i: { participantId: string }) => i.participantId === le2).rsvp).toBe('no');
    expect(session.quorum.explanation).toContain('Not met');
  });

  it('records a repeated answer once and emits no second event', async () => {
    const forumId = await createForum();
    const p = await recruit();
    const { json } = await schedule(forumId, [p]);
    await stack.settle();
    const before = seen.SessionRsvpRecorded!.length;

    const first = await rsvp(json.sessionId, p, 'maybe');
    const again = await rsvp(json.sessionId, p, 'maybe');

    expect([first.status, again.status]).toEqual([200, 200]);
    await stack.settle();
    expect(seen.SessionRsvpRecorded!.length - before).toBe(1);
  });

  it('lets a member answer for themself only, and see only their own invitation', async () => {
    const forumId = await createForum();
    const [me, other] = [await recruit(), await recruit({ displayName: 'Brian' })];
    const { json } = await schedule(forumId, [me, other]);
    const member = await stack.tokenFor(['member'], me);

    const mine = await rsvp(json.sessionId, me, 'yes', member);
    const theirs = await rsvp(json.sessionId, other, 'yes', member);
    const seenByMember = await view(json.sessionId, member);

    expect(mine.status).toBe(200);
    expect(theirs.status).toBe(403);
    expect(seenByMember.invitees).toEqual([expect.objectContaining({ participantId: me, rsvp: 'yes' })]);
    expect(seenByMember.warnings).toEqual([]);
  });

  it('refuses an answer from someone not invited, and for an unknown session', async () => {
    const forumId = await createForum();
    const { json } = await schedule(forumId, [await recruit()]);

    const stranger = await rsvp(json.sessionId, await recruit(), 'yes');
    const unknown = await rsvp('no-such-session', 'x', 'yes');
    const bad = await rsvp(json.sessionId, 'x', 'perhaps');

    expect(stranger.status).toBe(400);
    expect(stranger.json.issues[0].path).toBe('participantId');
    expect(unknown.status).toBe(404);
    expect(bad.json.issues[0].path).toBe('response');
  });
});

describe('the calendar invite', () => {
  it('parses as iCalendar with the forum time zone, the venue, a link back, the organizer and no attendee addresses', async () => {
    const forumId = await createForum({ name: 'Waterford local forum' });
    const invitees = [await recruit(), await recruit({ contact: { email: 'brian@example.org' } })];
    // 2 July: Irish summer time (UTC+1), so 17:00 UTC is 18:00 in Waterford.
    const { json } = await schedule(forumId, invitees, { startsAt: '2026-07-02T17:00:00+00:00' });

    const res = await stack.call('GET', `/api/sessions/${json.sessionId}/calendar.ics`, { token: coordinator });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    const zone = calendar.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.zone?.tzid).toBe('Europe/Dublin');
    expect(res.text).toContain('DTSTART;TZID=Europe/Dublin:20260702T180000');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-07-02T17:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-07-02T19:00:00.000Z');
    expect(event.summary).toBe('Waterford local forum: Spring planning');
    expect(event.location).toBe('Community Hall, Waterford');
    expect(event.component.getFirstPropertyValue('url')).toBe(`${stack.url}/sessions/view?id=${json.sessionId}`);
    expect(event.attendees).toEqual([]);
    // Nobody invited is named; the organizer (RFC 5546 asks for one) is the coordinators' mailbox.
    expect(res.text).not.toMatch(/ATTENDEE|brian@example\.org/i);
    expect(event.component.getFirstPropertyValue('organizer')).toBe(`mailto:${stack.deps.config.coordinatorEmail}`);
  });

  it('keeps the wall-clock time in winter (GMT) and raises SEQUENCE when the session moves', async () => {
    const forumId = await createForum();
    const { json } = await schedule(forumId, [await recruit()], { startsAt: '2026-03-02T18:00:00+00:00' });

    await stack.call('POST', `/api/sessions/${json.sessionId}/reschedule`, {
      token: coordinator,
      body: { startsAt: '2026-03-09T18:30:00+00:00', endsAt: '2026-03-09T20:30:00+00:00' },
    });
    const res = await stack.call('GET', `/api/sessions/${json.sessionId}/calendar.ics`, { token: coordinator });

    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(res.text)).getFirstSubcomponent('vevent')!);
    expect(res.text).toContain('DTSTART;TZID=Europe/Dublin:20260309T183000');
    expect(event.sequence).toBe(1);
  });

  it('is refused to a member who is not invited', async () => {
    const forumId = await createForum();
    const { json } = await schedule(forumId, [await recruit()]);
    const outsider = await stack.tokenFor(['member'], await recruit());

    const res = await stack.call('GET', `/api/sessions/${json.sessionId}/calendar.ics`, { token: outsider });

    expect(res.status).toBe(403);
  });
});

describe('recording a session as held', () => {
  async function heldSession() {
    const forumId = await createForum();
    const [aoife, staff, walkIn] = [await recruit(), await provider(), await recruit({ displayName: 'Walk-in Wendy' })];
    const { json } = await schedule(forumId, [aoife, staff], { startsAt: '2026-03-02T18:00:00+00:00' });
    return { forumId, sessionId: json.sessionId as string, aoife, staff, walkIn };
  }
  const held = (sessionId: string, attendance: unknown[]) =>
    stack.call('POST', `/api/sessions/${sessionId}/held`, { token: coordinator, body: { attendance } });

  it('answers 202, routes SessionHeld once with rate and attendance, and a repeat emits nothing', async () => {
    const { forumId, sessionId, aoife, staff, walkIn } = await heldSession();
    clock.set('2026-03-02T20:05:00Z');
    const attendance = [
      {
        participantId: aoife,
        hours: 3,
        expenses: [
          { kind: 'travel', amountMinor: 1240, receiptRef: 'R-1' },
          { kind: 'childcare', amountMinor: 2000, receiptRef: 'Creche invoice 14' },
        ],
      },
      { participantId: staff, hours: 2 },
      { participantId: walkIn, hours: 2.5, expenses: [{ kind: 'subsistence', amountMinor: 0 }] },
    ];
    const before = seen.SessionHeld!.length;

    const first = await held(sessionId, attendance);
    await stack.settle();
    const again = await held(sessionId, [...attendance].reverse());
    await stack.settle();

    expect(first.status).toBe(202);
    expect(first.json).toEqual({ sessionId });
    expect(again.status).toBe(202);
    const mine = seen.SessionHeld!.slice(before).filter((e) => e.detail.data.sessionId === sessionId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.detail.data).toEqual({
      sessionId,
      forumId,
      heldOn: '2026-03-02',
      startsAt: '2026-03-02T18:00:00+00:00',
      hourlyRateMinor: 2500,
      currency: 'EUR',
      attendance: expect.arrayContaining([
        { participantId: aoife, hours: 3, expensesMinor: 3240, walkIn: false },
        { participantId: staff, hours: 2, expensesMinor: 0, walkIn: false },
        { participantId: walkIn, hours: 2.5, expensesMinor: 0, walkIn: true },
      ]),
    });
    expect(JSON.stringify(mine[0]!.detail)).not.toMatch(/Aoife|Wendy|example\.org|R-1|Creche/);
    const session = await view(sessionId);
    expect(session.status).toBe('held');
    // Presence is now a fact: 2 of the 3 who attended have lived experience (Aoife and the walk-in).
    expect(session.quorum).toMatchObject({ basis: 'attendance', status: 'met', livedExperienceYes: 2, totalYes: 3 });
  });

  it('records only one SessionHeld when the same attendance is sent twice at once', async () => {
    const { sessionId, aoife } = await heldSession();
    clock.set('2026-03-02T20:05:00Z');
    const before = seen.SessionHeld!.length;

    const results = await Promise.all([
      held(sessionId, [{ participantId: aoife, hours: 2 }]),
      held(sessionId, [{ participantId: aoife, hours: 2 }]),
    ]);
    await stack.settle();

    expect(results.map((r) => r.status)).toEqual([202, 202]);
    expect(seen.SessionHeld!.slice(before).filter((e) => e.detail.data.sessionId === sessionId)).toHaveLength(1);
  });

  it('answers 409 to different attendance for a session already held', async () => {
    const { sessionId, aoife } = await heldSession();
    clock.set('2026-03-02T20:05:00Z');
    await held(sessionId, [{ participantId: aoife, hours: 2 }]);

    const res = await held(sessionId, [{ participantId: aoife, hours: 3 }]);

    expect(res.status).toBe(409);
  });

  it('refuses a session that has not started yet, and a cancelled one', async () => {
    const { sessionId, aoife } = await heldSession();
    const early = await held(sessionId, [{ participantId: aoife, hours: 2 }]);
    await stack.call('POST', `/api/sessions/${sessionId}/cancel`, { token: coordinator });
    clock.set('2026-03-02T20:05:00Z');

    const cancelled = await held(sessionId, [{ participantId: aoife, hours: 2 }]);

    expect(early.status).toBe(409);
    expect(early.json.message).toContain('has not started yet');
    expect(cancelled.status).toBe(409);
  });

  it('refuses too many hours, a negative expense and an unknown attendee, naming the fields, and records nothing', async () => {
    const { sessionId, aoife, staff } = await heldSession();
    clock.set('2026-03-02T20:05:00Z');

    const res = await held(sessionId, [
      { participantId: aoife, hours: 4.25, expenses: [{ kind: 'travel', amountMinor: -5 }] },
      { participantId: staff, hours: 0 },
    ]);
    const tooLong = await held(sessionId, [
      { participantId: aoife, hours: 4.25 },
      { participantId: 'nobody', hours: 1 },
    ]);

    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toEqual([
      'attendance.0.expenses.0.amountMinor',
      'attendance.1.hours',
    ]);
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.issues).toEqual([
      { path: 'attendance.0.hours', message: expect.stringContaining('At most 4 hours') },
      { path: 'attendance.1.participantId', message: 'We could not find this participant.' },
    ]);
    expect((await view(sessionId)).status).toBe('scheduled');
  });

  it('refuses an expense without a receipt reference, one over 500.00 and more than 10 lines, and records nothing', async () => {
    // Prepare
    const { sessionId, aoife, walkIn } = await heldSession();
    clock.set('2026-03-02T20:05:00Z');
    const receipted = (n: number) =>
      Array.from({ length: n }, (_, j) => ({ kind: 'travel', amountMinor: 100, receiptRef: `T-${j}` }));

    // Act
    const res = await held(sessionId, [
      {
        participantId: aoife,
        hours: 2,
        expenses: [
          { kind: 'travel', amountMinor: 1240 },
          { kind: 'other', amountMinor: 1_000_000, receiptRef: 'R-9' },
        ],
      },
      { participantId: walkIn, hours: 2, expenses: receipted(11) },
    ]);

    // Assess
    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([
      { path: 'attendance.0.expenses.0.receiptRef', message: expect.stringMatching(/^Enter the receipt reference/) },
      { path: 'attendance.0.expenses.1.amountMinor', message: expect.stringContaining('at most 500.00') },
      { path: 'attendance.1.expenses', message: expect.stringContaining('at most 10 expenses') },
    ]);
    expect((await view(sessionId)).status).toBe('scheduled');
    expect((await held(sessionId, [{ participantId: aoife, hours: 2, expenses: receipted(10) }])).status).toBe(202);
  });
});

describe('reminders', () => {
  // Reminders only: invitations and moved/cancelled messages are test/integration/forums-invitations.test.ts.
  const mailFor = (sessionId: string) =>
    stack.mailbox.sent.filter((m) => m.subject.startsWith('Reminder:') && m.text.includes(`id=${sessionId}`));

  it('sends each invitee who has not declined one reminder 48 h and 2 h before, never without contact consent', async () => {
    const forumId = await createForum();
    const yes = await recruit({ displayName: 'Aoife', contact: { email: 'aoife@example.org' } });
    const declined = await recruit({ displayName: 'Brian', contact: { email: 'brian@example.org' } });
    const noContact = await recruit({
      displayName: 'Ciarán',
      contact: { email: 'ciaran@example.org' },
      consent: { given: true, capacityConfirmed: true, recordedAt: '2026-01-10T10:00:00+00:00', scopes: ['forums'] },
    });
    const noEmail = await recruit({ displayName: 'Dara', contact: { phone: '+353 87 000 0000' } });
    const startsAt = Date.parse('2026-03-10T18:00:00Z');
    const { json } = await schedule(forumId, [yes, declined, noContact, noEmail], { startsAt: iso(startsAt) });
    await rsvp(json.sessionId, declined, 'no');
    await stack.settle();

    const pending = (await stack.scheduler.pending()).filter((s) => s.name.includes(json.sessionId));
    clock.set(new Date(startsAt - 48 * HOUR - 60_000));
    await stack.scheduler.tick();
    await stack.settle();
    const beforeItsTime = mailFor(json.sessionId).length;
    clock.set(new Date(startsAt - 48 * HOUR));
    await stack.scheduler.tick();
    await stack.settle();
    const at48 = mailFor(json.sessionId);
    clock.set(new Date(startsAt - 2 * HOUR));
    await stack.scheduler.tick();
    await stack.settle();
    const at2 = mailFor(json.sessionId);

    expect(pending.map((s) => [s.name, s.at]).sort()).toEqual([
      [`session-reminder-${json.sessionId}-120m`, '2026-03-10T16:00:00.000Z'],
      [`session-reminder-${json.sessionId}-2880m`, '2026-03-08T18:00:00.000Z'],
    ]);
    expect(beforeItsTime).toBe(0);
    expect(at48.map((m) => m.to)).toEqual(['aoife@example.org']);
    expect(at48[0]).toMatchObject({ participantId: yes, subject: expect.stringContaining('Spring planning') });
    expect(at48[0]!.text).toContain('Tuesday 10 March 2026, 18:00 to 20:00 (Irish time)');
    expect(at2.map((m) => m.to)).toEqual(['aoife@example.org', 'aoife@example.org']);
  });

  it('sends nothing twice when the same reminder arrives twice, even at once', async () => {
    const forumId = await createForum();
    const p = await recruit();
    const startsAt = '2026-03-11T18:00:00+00:00';
    const { json } = await schedule(forumId, [p], { startsAt });
    const due = buildEvent(
      SessionReminderDue,
      { sessionId: json.sessionId, leadMinutes: 2880, startsAt },
      {
        idempotencyKey: `session-reminder:${json.sessionId}:2880:${startsAt}`,
        occurredAt: '2026-03-09T18:00:00+00:00',
      },
    );

    await Promise.all([stack.bus.publish([due]), stack.bus.publish([due])]);
    await stack.settle();
    await stack.bus.publish([due]);
    await stack.settle();

    expect(mailFor(json.sessionId)).toHaveLength(1);
    expect(stack.bus.deadLetters).toEqual([]);
  });

  it('sends no reminder for a cancelled session, and removes its schedules', async () => {
    const forumId = await createForum();
    const startsAt = '2026-03-12T18:00:00+00:00';
    const { json } = await schedule(forumId, [await recruit()], { startsAt });
    await stack.settle();
    const scheduled = (await stack.scheduler.pending()).filter((s) => s.name.includes(json.sessionId));

    const cancel = await stack.call('POST', `/api/sessions/${json.sessionId}/cancel`, { token: coordinator });
    const again = await stack.call('POST', `/api/sessions/${json.sessionId}/cancel`, { token: coordinator });
    await stack.settle();
    const remaining = (await stack.scheduler.pending()).filter((s) => s.name.includes(json.sessionId));
    clock.set('2026-03-12T17:00:00Z');
    await stack.scheduler.tick();
    // Even a reminder already on its way when the session was cancelled sends nothing.
    await stack.bus.publish([
      buildEvent(
        SessionReminderDue,
        { sessionId: json.sessionId, leadMinutes: 120, startsAt },
        { idempotencyKey: 'late', occurredAt: '2026-03-12T16:00:00+00:00' },
      ),
    ]);
    await stack.settle();

    expect(scheduled).toHaveLength(2);
    expect([cancel.status, cancel.json.status, again.status]).toEqual([200, 'cancelled', 200]);
    expect(remaining).toEqual([]);
    expect(mailFor(json.sessionId)).toEqual([]);
  });

  it('moves the reminders with a reschedule and ignores one for the old time', async () => {
    const forumId = await createForum();
    const oldStart = '2026-03-13T18:00:00+00:00';
    const { json } = await schedule(forumId, [await recruit()], { startsAt: oldStart });
    await stack.settle();

    const moved = await stack.call('POST', `/api/sessions/${json.sessionId}/reschedule`, {
      token: coordinator,
      body: { startsAt: '2026-03-20T18:00:00+00:00', endsAt: '2026-03-20T20:00:00+00:00' },
    });
    await stack.settle();
    const pending = (await stack.scheduler.pending()).filter((s) => s.name.includes(json.sessionId));
    await stack.bus.publish([
      buildEvent(
        SessionReminderDue,
        { sessionId: json.sessionId, leadMinutes: 2880, startsAt: oldStart },
        { idempotencyKey: 'stale', occurredAt: '2026-03-11T18:00:00+00:00' },
      ),
    ]);
    await stack.settle();

    expect(moved.status).toBe(200);
    expect(pending.map((s) => s.at).sort()).toEqual(['2026-03-18T18:00:00.000Z', '2026-03-20T16:00:00.000Z']);
    expect(mailFor(json.sessionId)).toEqual([]);
  });

  it('refuses to move a held or cancelled session', async () => {
    const forumId = await createForum();
    const { json } = await schedule(forumId, [await recruit()]);
    await stack.call('POST', `/api/sessions/${json.sessionId}/cancel`, { token: coordinator });

    const res = await stack.call('POST', `/api/sessions/${json.sessionId}/reschedule`, {
      token: coordinator,
      body: { startsAt: '2026-03-20T18:00:00+00:00', endsAt: '2026-03-20T20:00:00+00:00' },
    });

    expect(res.status).toBe(409);
  });
});

describe('consent withdrawn', () => {
  it('drops the participant from sessions that have not started, and from their reminders and quorum', async () => {
    const forumId = await createForum();
    const [stays, leaves] = [
      await recruit(),
      await recruit({ displayName: 'Brian', contact: { email: 'brian@example.org' } }),
    ];
    const earlier = await schedule(forumId, [stays, leaves], { startsAt: '2026-02-20T09:00:00+00:00' });
    const later = await schedule(forumId, [stays, leaves], { startsAt: '2026-03-14T18:00:00+00:00' });
    await rsvp(later.json.sessionId, leaves, 'yes');

    await stack.call('POST', `/api/participants/${leaves}/consent-withdrawal`, { token: coordinator });
    await stack.settle();
    const after = await view(later.json.sessionId);
    const past = await view(earlier.json.sessionId);
    await stack.bus.publish([
      buildEvent(
        SessionReminderDue,
        { sessionId: later.json.sessionId, leadMinutes: 120, startsAt: '2026-03-14T18:00:00+00:00' },
        { idempotencyKey: 'after-withdrawal', occurredAt: '2026-03-14T16:00:00+00:00' },
      ),
    ]);
    await stack.settle();

    const leaver = (s: any) => s.invitees.find((i: { participantId: string }) => i.participantId === leaves);
    expect(leaver(after).status).toBe('dropped');
    expect(after.quorum.livedExperienceYes).toBe(0);
    expect(leaver(past).status).toBe('invited');
    // Invited before leaving; no reminder after.
    expect(stack.mailbox.sent.filter((m) => m.participantId === leaves && m.subject.startsWith('Reminder:'))).toEqual(
      [],
    );
    expect(stack.bus.deadLetters).toEqual([]);
  });
});

describe('forum rates', () => {
  const addRate = (forumId: string, body: unknown, headers: Record<string, string> = {}) =>
    stack.call('POST', `/api/forums/${forumId}/rates`, { token: coordinator, body, headers });
  const readForum = async (forumId: string) =>
    (await stack.call('GET', `/api/forums/${forumId}`, { token: coordinator })).json;
  const recordHeld = (sessionId: string, attendance: unknown[]) =>
    stack.call('POST', `/api/sessions/${sessionId}/held`, { token: coordinator, body: { attendance } });
  const heldEventOf = (sessionId: string) => seen.SessionHeld!.find((e) => e.detail.data.sessionId === sessionId);
  const paymentOf = async (participantId: string, sessionId: string) =>
    (
      await stack.call('GET', `/api/payments?participantId=${participantId}&limit=100`, { token: coordinator })
    ).json.items.find((p: { sessionId: string }) => p.sessionId === sessionId);

  it('pays a session held before a rate change at the old rate and one after at the new rate, by the forum’s local date', async () => {
    // Prepare: €25 an hour since 1 January; €27.50 from 1 July. 23:30 UTC on 30 June is already 1 July in Dublin.
    const forumId = await createForum();
    const aoife = await recruit();
    const added = await addRate(forumId, { hourlyRateMinor: 2750, effectiveFrom: '2026-07-01' });
    const before = await schedule(forumId, [aoife], { startsAt: '2026-06-30T18:00:00+00:00' });
    const after = await schedule(forumId, [aoife], { startsAt: '2026-06-30T23:30:00+00:00' });
    clock.set('2026-07-01T03:00:00Z');

    // Act
    const heldBefore = await recordHeld(before.json.sessionId, [{ participantId: aoife, hours: 2 }]);
    const heldAfter = await recordHeld(after.json.sessionId, [{ participantId: aoife, hours: 2 }]);
    await stack.settle();

    // Assess
    expect(added.status).toBe(201);
    expect(added.json).toEqual({
      forumId,
      rate: { effectiveFrom: '2026-07-01', hourlyRateMinor: 2750, currency: 'EUR' },
      rates: [
        { effectiveFrom: '2026-07-01', hourlyRateMinor: 2750 },
        { effectiveFrom: '2026-01-01', hourlyRateMinor: 2500 },
      ],
    });
    expect([heldBefore.status, heldAfter.status]).toEqual([202, 202]);
    expect(heldEventOf(before.json.sessionId)?.detail.data).toMatchObject({
      heldOn: '2026-06-30',
      hourlyRateMinor: 2500,
    });
    expect(heldEventOf(after.json.sessionId)?.detail.data).toMatchObject({
      heldOn: '2026-07-01',
      hourlyRateMinor: 2750,
    });
    expect((await paymentOf(aoife, before.json.sessionId)).feeMinor).toBe(5000);
    expect((await paymentOf(aoife, after.json.sessionId)).feeMinor).toBe(5500);
  });

  it('shows the rate in force today as remuneration and the history newest first', async () => {
    const forumId = await createForum();
    await addRate(forumId, { hourlyRateMinor: 2750, effectiveFrom: '2026-03-01' });
    await addRate(forumId, { hourlyRateMinor: 3000, effectiveFrom: '2027-01-01' });

    const feb = await readForum(forumId);
    clock.set('2026-03-01T00:30:00Z');
    const mar = await readForum(forumId);
    const list = await stack.call('GET', '/api/forums?limit=100', { token: coordinator });

    expect(feb.remuneration).toEqual({ hourlyRateMinor: 2500, currency: 'EUR' });
    expect(mar.remuneration).toEqual({ hourlyRateMinor: 2750, currency: 'EUR' });
    expect(mar.rates.map((r: { effectiveFrom: string }) => r.effectiveFrom)).toEqual([
      '2027-01-01',
      '2026-03-01',
      '2026-01-01',
    ]);
    expect(list.json.items.find((f: { forumId: string }) => f.forumId === forumId).remuneration.hourlyRateMinor).toBe(
      2750,
    );
    expect(mar).not.toHaveProperty('lastHeldOn');
  });

  it('refuses a rate from the date of a held session or earlier, and the same date twice, and keeps the history', async () => {
    // Prepare: a session held on 2 March.
    const forumId = await createForum();
    const aoife = await recruit();
    const { json } = await schedule(forumId, [aoife], { startsAt: '2026-03-02T18:00:00+00:00' });
    clock.set('2026-03-02T20:05:00Z');
    expect((await recordHeld(json.sessionId, [{ participantId: aoife, hours: 2 }])).status).toBe(202);

    // Act
    const onTheDay = await addRate(forumId, { hourlyRateMinor: 2750, effectiveFrom: '2026-03-02' });
    const before = await addRate(forumId, { hourlyRateMinor: 2750, effectiveFrom: '2026-02-01' });
    const dayAfter = await addRate(forumId, { hourlyRateMinor: 2750, effectiveFrom: '2026-03-03' });
    const sameDate = await addRate(forumId, { hourlyRateMinor: 2800, effectiveFrom: '2026-03-03' });

    // Assess
    expect(onTheDay.status).toBe(409);
    expect(onTheDay.json).toEqual({
      error: 'conflict',
      message:
        'A session of this forum on 2 March 2026 has already been recorded as held and paid at the rate in force then. A new rate must start after 2 March 2026.',
    });
    expect(before.status).toBe(409);
    expect(dayAfter.status).toBe(201);
    expect(sameDate.status).toBe(409);
    expect(sameDate.json.message).toContain('already has a rate from 3 March 2026');
    expect((await readForum(forumId)).rates).toEqual([
      { effectiveFrom: '2026-03-03', hourlyRateMinor: 2750 },
      { effectiveFrom: '2026-01-01', hourlyRateMinor: 2500 },
    ]);
  });

  it('finds sessions held before the forum kept the date it was last held on', async () => {
    // Prepare: a held session, then the forum as it was stored before `lastHeldOn` existed.
    const forumId = await createForum();
    const aoife = await recruit();
    const { json } = await schedule(forumId, [aoife], { startsAt: '2026-03-02T18:00:00+00:00' });
    clock.set('2026-03-02T20:05:00Z');
    await recordHeld(json.sessionId, [{ participantId: aoife, hours: 2 }]);
    await stack.deps.db.doc.send(
      new UpdateCommand({
        TableName: stack.deps.db.table,
        Key: forumKey(forumId),
        UpdateExpression: 'REMOVE lastHeldOn',
      }),
    );

    // Act
    const res = await addRate(forumId, { hourlyRateMinor: 2750, effectiveFrom: '2026-03-01' });

    // Assess
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('on 2 March 2026 has already been recorded as held');
  });

  it('still refuses a rate on or before the lastHeldOn a forum kept before recordings stopped writing it', async () => {
    // Prepare: a forum as recordings before issue 10 left it (no held session in its index).
    const forumId = await createForum();
    await stack.deps.db.doc.send(
      new UpdateCommand({
        TableName: stack.deps.db.table,
        Key: forumKey(forumId),
        UpdateExpression: 'SET lastHeldOn = :d',
        ExpressionAttributeValues: { ':d': '2026-02-10' },
      }),
    );

    // Act
    const onIt = await addRate(forumId, { hourlyRateMinor: 2750, effectiveFrom: '2026-02-10' });
    const after = await addRate(forumId, { hourlyRateMinor: 2750, effectiveFrom: '2026-02-11' });

    // Assess
    expect(onIt.status).toBe(409);
    expect(onIt.json.message).toContain('10 February 2026');
    expect(after.status).toBe(201);
  });

  it('fails a rate whose forum changed between its read and its write (a session held meanwhile)', async () => {
    // Prepare: the rate is planned (forum read) before the session is recorded as held.
    const forumId = await createForum();
    const aoife = await recruit();
    const { json } = await schedule(forumId, [aoife], { startsAt: '2026-03-02T18:00:00+00:00' });
    clock.set('2026-03-02T20:05:00Z');
    const plan = await planForumRate(forumId, { hourlyRateMinor: 2750, effectiveFrom: '2026-03-01' }, stack.deps);
    await recordHeld(json.sessionId, [{ participantId: aoife, hours: 2 }]);

    // Act
    const err = await transact(stack.deps.db, plan.items).then(() => undefined, explainRateFailure);

    // Assess
    expect(err).toBeInstanceOf(ConflictError);
    expect((await readForum(forumId)).rates).toHaveLength(1);
  });

  it('records two sessions of one forum held at once, each at its own date’s rate', async () => {
    // Prepare: both recordings read the forum at the same version; one of them has to read it again.
    const forumId = await createForum();
    const aoife = await recruit();
    await addRate(forumId, { hourlyRateMinor: 2750, effectiveFrom: '2026-03-03' });
    const mon = await schedule(forumId, [aoife], { startsAt: '2026-03-02T18:00:00+00:00' });
    const tue = await schedule(forumId, [aoife], { startsAt: '2026-03-03T18:00:00+00:00' });
    clock.set('2026-03-03T20:05:00Z');

    // Act
    const results = await Promise.all([
      recordHeld(mon.json.sessionId, [{ participantId: aoife, hours: 2 }]),
      recordHeld(tue.json.sessionId, [{ participantId: aoife, hours: 2 }]),
    ]);
    await stack.settle();

    // Assess
    expect(results.map((r) => r.status)).toEqual([202, 202]);
    expect(heldEventOf(mon.json.sessionId)?.detail.data.hourlyRateMinor).toBe(2500);
    expect(heldEventOf(tue.json.sessionId)?.detail.data.hourlyRateMinor).toBe(2750);
    expect((await addRate(forumId, { hourlyRateMinor: 3000, effectiveFrom: '2026-03-03' })).status).toBe(409);
  });

  it('adds a rate once for two requests with the same Idempotency-Key, and refuses the key with another body', async () => {
    const forumId = await createForum();
    const body = { hourlyRateMinor: 2750, effectiveFrom: '2027-01-01' };
    const key = { 'idempotency-key': `rate-${forumId}` };

    const first = await addRate(forumId, body, key);
    const again = await addRate(forumId, body, key);
    const other = await addRate(forumId, { ...body, hourlyRateMinor: 2800 }, key);

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(other.status).toBe(409);
    expect((await readForum(forumId)).rates).toHaveLength(2);
  });

  it('refuses a rate that is not a whole number or is negative and a bad date, naming the fields; 404 and 403', async () => {
    const forumId = await createForum();
    const member = await stack.tokenFor(['member'], 'someone');

    const fraction = await addRate(forumId, { hourlyRateMinor: 27.5, effectiveFrom: '2027-02-30' });
    const negative = await addRate(forumId, { hourlyRateMinor: -100, effectiveFrom: '2027-01-01' });
    const unknown = await addRate('no-such-forum', { hourlyRateMinor: 2750, effectiveFrom: '2027-01-01' });
    const asMember = await stack.call('POST', `/api/forums/${forumId}/rates`, {
      token: member,
      body: { hourlyRateMinor: 2750, effectiveFrom: '2027-01-01' },
    });

    expect(fraction.status).toBe(400);
    expect(fraction.json.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'effectiveFrom',
      'hourlyRateMinor',
    ]);
    expect(negative.json.issues).toEqual([{ path: 'hourlyRateMinor', message: 'The rate cannot be negative.' }]);
    expect(unknown.status).toBe(404);
    expect(asMember.status).toBe(403);
    expect((await readForum(forumId)).rates).toHaveLength(1);
  });

  it('warns and refuses to record a session dated before the forum’s first rate, until an earlier rate is added', async () => {
    // Prepare: a forum set up today (20 February) without a date: its rate starts today. A session on the 19th.
    const forumId = await createForum({ remuneration: { effectiveFrom: undefined } });
    const aoife = await recruit();
    const scheduled = await schedule(forumId, [aoife], { startsAt: '2026-02-19T18:00:00+00:00' });

    // Act
    const refused = await recordHeld(scheduled.json.sessionId, [{ participantId: aoife, hours: 2 }]);
    const earlier = await addRate(forumId, { hourlyRateMinor: 2000, effectiveFrom: '2026-02-01' });
    const recorded = await recordHeld(scheduled.json.sessionId, [{ participantId: aoife, hours: 2 }]);
    await stack.settle();

    // Assess
    expect(scheduled.json.warnings).toEqual(
      expect.arrayContaining([
        {
          kind: 'no-rate',
          message: expect.stringContaining(
            'no hourly rate in force on 19 February 2026 (its first rate starts on 20 February 2026)',
          ),
        },
      ]),
    );
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('This forum has no hourly rate in force on 19 February 2026');
    expect(earlier.status).toBe(201);
    expect(recorded.status).toBe(202);
    expect(heldEventOf(scheduled.json.sessionId)?.detail.data.hourlyRateMinor).toBe(2000);
  });

  it('reads a forum stored before rates had dates as one rate from its creation, and adds to it', async () => {
    // Prepare: the item as the code before rates stored it (one undated rate, no version).
    const {
      rates: _r,
      remuneration: _m,
      ...forum
    } = newForum(ForumInput.parse(forumBody()), `legacy-${Date.now()}`, '2026-01-10T09:00:00+00:00');
    await stack.deps.db.doc.send(
      new PutCommand({
        TableName: stack.deps.db.table,
        Item: {
          ...forumKey(forum.forumId),
          entity: 'forum',
          ...forum,
          remuneration: { hourlyRateMinor: 2200, currency: 'EUR' },
          gsi1pk: 'FORUMS',
          gsi1sk: `2026-01-10T09:00:00.000Z#${forum.forumId}`,
        },
      }),
    );
    const aoife = await recruit();
    const { json } = await schedule(forum.forumId, [aoife], { startsAt: '2026-02-02T18:00:00+00:00' });

    // Act
    const read = await readForum(forum.forumId);
    const held = await recordHeld(json.sessionId, [{ participantId: aoife, hours: 2 }]);
    const added = await addRate(forum.forumId, { hourlyRateMinor: 2750, effectiveFrom: '2026-04-01' });
    await stack.settle();

    // Assess
    expect(read.rates).toEqual([{ effectiveFrom: '2026-01-10', hourlyRateMinor: 2200 }]);
    expect(read.remuneration).toEqual({ hourlyRateMinor: 2200, currency: 'EUR' });
    expect(held.status).toBe(202);
    expect(heldEventOf(json.sessionId)?.detail.data.hourlyRateMinor).toBe(2200);
    expect(added.status).toBe(201);
    expect((await readForum(forum.forumId)).rates).toEqual([
      { effectiveFrom: '2026-04-01', hourlyRateMinor: 2750 },
      { effectiveFrom: '2026-01-10', hourlyRateMinor: 2200 },
    ]);
  });
});

import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { ForumItem } from '../../shared/forums/adapters/forums-repo.js';
import { recordSessionHeld } from '../../shared/forums/app/attendance.js';
import { sessionCalendar } from '../../shared/forums/app/calendar.js';
import { reminderRecipients } from '../../shared/forums/app/notices.js';
import { ForumInput, HeldInput, RateInput, SessionInput } from '../../shared/forums/domain/commands.js';
import {
  attendanceFingerprint,
  attendedQuorum,
  forumJurisdiction,
  forumView,
  type Invitation,
  maxHoursFor,
  newForum,
  overlaps,
  projectedQuorumShortfall,
  type QuorumMember,
  quorumStatus,
  reminderScheduleName,
  reminderTimes,
  type Session,
} from '../../shared/forums/domain/forums.js';
import { reminderMessage } from '../../shared/forums/domain/messages.js';
import { addRate, type HourlyRate, rateOn } from '../../shared/forums/domain/rates.js';
import { wallClock } from '../../shared/forums/domain/time.js';
import { noRateMessage } from '../../shared/forums/domain/wording.js';
import { ConflictError, fixedClock } from '../../shared/kernel/index.js';
import type { Participant } from '../../shared/participants/index.js';
import { MalformedItemError, parseItem } from '../../shared/runtime/store/item.js';

const rule = { minLivedExperienceMembers: 2, minLivedExperienceShare: 0.3 };
const le = (rsvp: QuorumMember['rsvp']): QuorumMember => ({ constituency: 'lived-experience', rsvp });
const staff = (rsvp: QuorumMember['rsvp']): QuorumMember => ({ constituency: 'provider', rsvp });

describe('presence at a held session', () => {
  const attended = (...c: ('lived-experience' | 'provider')[]) => c.map((constituency) => ({ constituency }));

  it('is met when enough of those who attended have lived experience, in number and as a share', () => {
    const view = attendedQuorum(rule, attended('lived-experience', 'lived-experience', 'provider'));
    expect(view).toMatchObject({ status: 'met', basis: 'attendance', livedExperienceYes: 2, totalYes: 3 });
    expect(view.explanation).toContain('2 of the 3 people who attended have lived experience');
  });

  it('is not met when too few attended, whatever the answers said, and is never at risk', () => {
    expect(attendedQuorum(rule, attended('lived-experience', 'provider')).status).toBe('not-met');
    expect(
      attendedQuorum(rule, attended('lived-experience', 'lived-experience', ...Array(5).fill('provider'))).status,
    ).toBe('not-met');
    expect(attendedQuorum(rule, []).status).toBe('not-met');
  });
});

describe('quorum status', () => {
  it('is met when enough people with lived experience said yes, in number and as a share', () => {
    const view = quorumStatus(rule, [le('yes'), le('yes'), staff('yes'), staff('yes'), staff('yes')]);

    expect(view).toMatchObject({ status: 'met', livedExperienceYes: 2, totalYes: 5 });
  });

  it('is not met when the share of lived experience is too low, even with enough people', () => {
    const view = quorumStatus(rule, [le('yes'), le('yes'), ...Array.from({ length: 5 }, () => staff('yes'))]);

    expect(view.status).toBe('not-met');
  });

  it('counts a share exactly on the line as met (3 of 10 is 30%)', () => {
    const members = [le('yes'), le('yes'), le('yes'), ...Array.from({ length: 7 }, () => staff('yes'))];

    expect(quorumStatus(rule, members).status).toBe('met');
  });

  it('is at risk when maybes and people yet to answer could still meet it', () => {
    expect(quorumStatus(rule, [le('yes'), le('maybe'), staff('yes')]).status).toBe('at-risk');
    expect(quorumStatus(rule, [le(null), le(null), staff(null)]).status).toBe('at-risk');
  });

  it('is not met when even every undecided person with lived experience would not be enough', () => {
    const view = quorumStatus(rule, [le('yes'), le('no'), staff('yes'), staff('maybe')]);

    expect(view.status).toBe('not-met');
    expect(view.explanation).toContain('Invite more people with lived experience');
  });

  it('is not met with nobody coming', () => {
    expect(quorumStatus(rule, [le('no'), staff('no')]).status).toBe('not-met');
  });
});

describe('projected quorum at scheduling', () => {
  it('warns when the invitees could not meet the rule even if all came', () => {
    const w = projectedQuorumShortfall(rule, [
      { constituency: 'lived-experience' },
      { constituency: 'provider' },
      { constituency: 'provider' },
    ]);

    expect(w).toMatchObject({ kind: 'quorum-shortfall', message: expect.stringContaining('1 of 3 people') });
  });

  it('says nothing when everyone invited coming would meet the rule', () => {
    expect(
      projectedQuorumShortfall(rule, [{ constituency: 'lived-experience' }, { constituency: 'lived-experience' }]),
    ).toBeUndefined();
  });
});

describe('clashes', () => {
  const at = (start: string, end: string) => ({
    startsAt: `2026-03-02T${start}:00+00:00`,
    endsAt: `2026-03-02T${end}:00+00:00`,
  });

  it('finds overlapping sessions and lets back-to-back ones be', () => {
    expect(overlaps(at('18:00', '20:00'), at('19:00', '21:00'))).toBe(true);
    expect(overlaps(at('18:00', '20:00'), at('18:30', '19:00'))).toBe(true);
    expect(overlaps(at('18:00', '20:00'), at('20:00', '21:00'))).toBe(false);
    expect(overlaps(at('18:00', '20:00'), at('16:00', '18:00'))).toBe(false);
  });

  it('compares instants, not text, across offsets', () => {
    expect(
      overlaps(
        { startsAt: '2026-07-02T18:00:00+01:00', endsAt: '2026-07-02T20:00:00+01:00' },
        { startsAt: '2026-07-02T18:30:00+00:00', endsAt: '2026-07-02T19:00:00+00:00' },
      ),
    ).toBe(true);
  });
});

describe('reminder times', () => {
  it('schedules each lead before the start and skips those already passed', () => {
    const times = reminderTimes('2026-03-10T18:00:00+00:00', [2880, 120], new Date('2026-03-09T12:00:00Z'));

    expect(times).toEqual([{ leadMinutes: 120, at: '2026-03-10T16:00:00.000Z' }]);
  });

  it('names schedules within EventBridge Scheduler limits, one per session and lead', () => {
    const name = reminderScheduleName('01JABCDEFGHJKMNPQRSTVWXYZ0', 2880);

    expect(name).toMatch(/^[0-9a-zA-Z\-_.]{1,64}$/);
    expect(name).not.toBe(reminderScheduleName('01JABCDEFGHJKMNPQRSTVWXYZ0', 120));
  });
});

describe('wall-clock time in the forum time zone', () => {
  it('follows Irish and UK summer time', () => {
    expect(wallClock('2026-07-02T17:00:00+00:00', 'Europe/Dublin')).toEqual({
      date: '2026-07-02',
      ics: '20260702T180000',
    });
    expect(wallClock('2026-01-15T23:30:00+00:00', 'Europe/London')).toEqual({
      date: '2026-01-15',
      ics: '20260115T233000',
    });
    expect(wallClock('2026-03-29T23:30:00+00:00', 'Europe/London').date).toBe('2026-03-30');
  });
});

const forumInputBase = {
  name: 'Forum',
  level: 'local',
  areaId: 'a',
  remuneration: { hourlyRateMinor: 2500, currency: 'GBP' },
  quorum: { minLivedExperienceMembers: 2, minLivedExperienceShare: 0.3 },
};

describe('forum input', () => {
  const base = {
    name: 'Forum',
    level: 'local',
    areaId: 'a',
    remuneration: { hourlyRateMinor: 2500, currency: 'GBP' },
    quorum: { minLivedExperienceMembers: 2, minLivedExperienceShare: 0.3 },
  };

  it('derives the jurisdiction and time zone from the currency', () => {
    const forum = newForum(ForumInput.parse(base), 'f1', '2026-01-01T00:00:00+00:00');

    expect(forum).toMatchObject({ jurisdiction: 'UK', timeZone: 'Europe/London' });
  });

  it('takes a forum’s jurisdiction from what it stores, and gives none when its currency and jurisdiction disagree', () => {
    // Prepare: a forum stored before it had a jurisdiction, consistent ones, and inconsistent ones.
    const eur = { remuneration: { currency: 'EUR' as const } };
    const gbp = { remuneration: { currency: 'GBP' as const } };
    // Act + Assess
    expect(forumJurisdiction(eur)).toBe('IE');
    expect(forumJurisdiction(gbp)).toBe('UK');
    expect(forumJurisdiction({ ...gbp, jurisdiction: 'UK', timeZone: 'Europe/London' })).toBe('UK');
    expect(forumJurisdiction({ ...eur, jurisdiction: 'UK' })).toBeUndefined();
    expect(forumJurisdiction({ ...eur, jurisdiction: 'IE', timeZone: 'Europe/London' })).toBeUndefined();
  });

  it('refuses a time zone that does not match the jurisdiction', () => {
    const r = ForumInput.safeParse({ ...base, timeZone: 'Europe/Dublin' });

    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['timeZone']);
  });
});

describe('session input', () => {
  const body = {
    title: 'T',
    startsAt: '2026-03-02T18:00:00+00:00',
    endsAt: '2026-03-02T20:00:00+00:00',
    venue: { name: 'Hall', accessible: true },
    agenda: [],
    invitees: ['a', 'b'],
  };

  it('refuses the same invitee twice and a time without an offset', () => {
    const r = SessionInput.safeParse({ ...body, startsAt: '2026-03-02T18:00:00', invitees: ['a', 'a'] });

    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['startsAt', 'invitees.1']);
  });

  it('accepts 500 invitees and refuses 501', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);

    const fits = SessionInput.safeParse({ ...body, invitees: ids(500) });
    const over = SessionInput.safeParse({ ...body, invitees: ids(501) });

    expect(fits.success).toBe(true);
    expect(over.error?.issues[0]?.message).toContain('at most 500');
  });
});

describe('attendance', () => {
  it('allows the session length plus two hours of travel', () => {
    expect(maxHoursFor({ startsAt: '2026-03-02T18:00:00+00:00', endsAt: '2026-03-02T20:30:00+00:00' })).toBe(4.5);
  });

  it('refuses zero hours, hours not in quarter hours, negative and fractional expenses, and unknown kinds', () => {
    const r = HeldInput.safeParse({
      attendance: [
        { participantId: 'a', hours: 0 },
        { participantId: 'b', hours: 1.1 },
        {
          participantId: 'c',
          hours: 1,
          expenses: [
            { kind: 'travel', amountMinor: -1 },
            { kind: 'taxi', amountMinor: 100 },
            { kind: 'other', amountMinor: 10.5 },
          ],
        },
      ],
    });

    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'attendance.0.hours',
      'attendance.1.hours',
      'attendance.2.expenses.0.amountMinor',
      'attendance.2.expenses.1.kind',
      'attendance.2.expenses.2.amountMinor',
    ]);
  });

  it('asks for a receipt reference for every expense with an amount, and caps a line and the lines per person', () => {
    // Prepare
    const line = (amountMinor: number, receiptRef?: string) => ({
      kind: 'travel',
      amountMinor,
      ...(receiptRef === undefined ? {} : { receiptRef }),
    });
    // Act
    const r = HeldInput.safeParse({
      attendance: [
        { participantId: 'a', hours: 1, expenses: [line(1240), line(500, '  '), line(0), line(50_000, 'R-2')] },
        { participantId: 'b', hours: 1, expenses: [line(50_001, 'R-3')] },
        { participantId: 'c', hours: 1, expenses: Array.from({ length: 11 }, (_, i) => line(100, `R-${i}`)) },
      ],
    });
    // Assess: no receipt (or a blank one) is refused at the receipt; nothing to pay back needs none.
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['attendance.0.expenses.0.receiptRef', expect.stringContaining('receipt')],
      ['attendance.0.expenses.1.receiptRef', expect.stringContaining('receipt')],
      ['attendance.1.expenses.0.amountMinor', expect.stringContaining('500')],
      ['attendance.2.expenses', expect.stringContaining('10')],
    ]);
  });

  it('fingerprints the same attendance alike in any order, and different attendance differently', () => {
    const a = { participantId: 'a', hours: 2, walkIn: false, expenses: [{ kind: 'travel' as const, amountMinor: 5 }] };
    const b = { participantId: 'b', hours: 1, walkIn: true, expenses: [] };

    expect(attendanceFingerprint([a, b])).toBe(attendanceFingerprint([b, a]));
    expect(attendanceFingerprint([a, b])).not.toBe(attendanceFingerprint([a, { ...b, hours: 1.5 }]));
  });
});

const session: Session = {
  sessionId: 'S1',
  forumId: 'F1',
  title: 'Spring planning',
  startsAt: '2026-03-02T18:00:00+00:00',
  endsAt: '2026-03-02T20:00:00+00:00',
  venue: { name: 'Hall; Main St, Waterford', accessible: false },
  agenda: ['Welcome'],
  status: 'scheduled',
  reminders: { leadMinutes: [2880, 120] },
  sequence: 0,
  createdAt: '2026-02-01T00:00:00+00:00',
  updatedAt: '2026-02-01T00:00:00+00:00',
};

describe('calendar invite', () => {
  it('marks a cancelled session CANCELLED and escapes the venue text', () => {
    const text = sessionCalendar(
      { ...session, status: 'cancelled' },
      { name: 'Forum', timeZone: 'Europe/London' },
      {
        publicBaseUrl: 'https://coproduce.example/',
        organizerEmail: 'coordinators@example.org',
        now: new Date('2026-02-01T00:00:00Z'),
      },
    );

    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.location).toBe('Hall; Main St, Waterford');
    expect(text).toContain('DTSTAMP:20260201T000000Z');
    expect(text).toContain('URL:https://coproduce.example/sessions/view?id=S1');
    // RFC 5546: a cancellation is a newer revision, sent as CANCEL with an organizer.
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.sequence).toBe(session.sequence + 1);
    expect(event.component.getFirstPropertyValue('organizer')).toBe('mailto:coordinators@example.org');
  });

  it('publishes a scheduled session at its own sequence, in the forum time zone', () => {
    const text = sessionCalendar(
      { ...session, sequence: 3 },
      { name: 'Forum', timeZone: 'Europe/Dublin' },
      {
        publicBaseUrl: 'https://coproduce.example/',
        organizerEmail: 'c@example.org',
        now: new Date('2026-02-01T00:00:00Z'),
      },
    );
    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(event.sequence).toBe(3);
    expect(text).toContain('DTSTART;TZID=Europe/Dublin:20260302T180000');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('folds long lines at 75 octets, never inside a character, and escapes text (RFC 5545)', () => {
    const title = 'Cúram agus áit: pleanáil an earraigh, le ceisteanna; agus freagraí '.repeat(3);
    const text = sessionCalendar(
      { ...session, title, agenda: ['Fáilte, agus tae', 'Line one\nline two'] },
      { name: 'Fóram Phort Láirge', timeZone: 'Europe/Dublin' },
      {
        publicBaseUrl: 'https://coproduce.example/',
        organizerEmail: 'c@example.org',
        now: new Date('2026-02-01T00:00:00Z'),
      },
    );
    const encoder = new TextEncoder();
    const lines = text.split('\r\n');
    for (const line of lines) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(text).not.toContain('\uFFFD');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(`Fóram Phort Láirge: ${title}`);
    expect(event.description).toContain('1. Fáilte, agus tae');
    expect(event.description).toContain('2. Line one\nline two');
  });
});

describe('reminder recipients and message', () => {
  const person = (id: string, o: Partial<Participant> = {}): Participant =>
    ({
      participantId: id,
      displayName: id,
      contact: { email: `${id}@example.org` },
      consent: { status: 'given', scopes: ['forums', 'contact'] },
      ...o,
    }) as Participant;
  const inv = (id: string, o: Partial<Invitation> = {}): Invitation =>
    ({ participantId: id, status: 'invited', rsvp: null, ...o }) as Invitation;

  it('leaves out those who declined, were dropped, have no contact consent or no email', () => {
    const people = new Map([
      ['ok', person('ok')],
      ['maybe', person('maybe')],
      ['declined', person('declined')],
      ['dropped', person('dropped')],
      ['noScope', person('noScope', { consent: { status: 'given', scopes: ['forums'] } as Participant['consent'] })],
      [
        'withdrawn',
        person('withdrawn', { consent: { status: 'withdrawn', scopes: ['contact'] } as Participant['consent'] }),
      ],
      ['noEmail', person('noEmail', { contact: { phone: '+353 1 000 0000' } })],
    ]);
    const invitations = [
      inv('ok'),
      inv('maybe', { rsvp: 'maybe' }),
      inv('declined', { rsvp: 'no' }),
      inv('dropped', { status: 'dropped' }),
      inv('noScope'),
      inv('withdrawn'),
      inv('noEmail'),
      inv('unknown'),
    ];

    const ids = reminderRecipients(invitations, people).map((r) => r.participant.participantId);

    expect(ids).toEqual(['ok', 'maybe']);
  });

  it('says what, when in the forum time zone, where, and how to change the answer', () => {
    const m = reminderMessage(
      session,
      { name: 'Forum', timeZone: 'Europe/Dublin' },
      { displayName: 'Aoife' },
      { rsvp: 'maybe' },
      'https://x.example',
    );

    expect(m.subject).toBe('Reminder: Spring planning, Monday 2 March 2026, 18:00 to 20:00 (Irish time)');
    expect(m.text).toContain('Hello Aoife');
    expect(m.text).toContain('not marked as accessible');
    expect(m.text).toContain('Your answer: you said maybe.');
    expect(m.text).toContain('https://x.example/sessions/view?id=S1');
  });
});

describe('forum rates', () => {
  const r = (effectiveFrom: string, hourlyRateMinor: number): HourlyRate => ({ effectiveFrom, hourlyRateMinor });
  const history = [r('2026-01-01', 2500), r('2027-01-01', 2750)];

  it('pays the old rate the day before a change, and the new one on the day and after', () => {
    expect(rateOn(history, '2026-12-31')?.hourlyRateMinor).toBe(2500);
    expect(rateOn(history, '2027-01-01')?.hourlyRateMinor).toBe(2750);
    expect(rateOn(history, '2027-01-02')?.hourlyRateMinor).toBe(2750);
  });

  it('picks the latest rate already started among several future ones, in whatever order they are kept', () => {
    const rates = [r('2028-01-01', 3000), r('2026-01-01', 2500), r('2027-07-01', 2900), r('2027-01-01', 2750)];

    expect(rateOn(rates, '2026-06-30')?.hourlyRateMinor).toBe(2500);
    expect(rateOn(rates, '2027-06-30')?.hourlyRateMinor).toBe(2750);
    expect(rateOn(rates, '2027-07-01')?.hourlyRateMinor).toBe(2900);
    expect(rateOn(rates, '2099-01-01')?.hourlyRateMinor).toBe(3000);
  });

  it('has no rate in force before the first one starts, and says so in plain words', () => {
    expect(rateOn(history, '2025-12-31')).toBeUndefined();
    expect(rateOn([], '2026-03-02')).toBeUndefined();
    expect(noRateMessage(history, '2025-12-31')).toBe(
      "This forum has no hourly rate in force on 31 December 2025, so the session cannot be paid. Its first rate starts on 1 January 2026. Add a rate from 31 December 2025 or earlier on the forum's page, then record attendance again.",
    );
  });

  it('adds a rate in date order, but never a second one for the same date', () => {
    const added = addRate(history, r('2026-07-01', 2600), undefined);
    const again = addRate(history, r('2027-01-01', 2800), undefined);

    expect(added).toEqual({ ok: true, rates: [history[0], r('2026-07-01', 2600), history[1]] });
    expect(again).toEqual({ ok: false, reason: expect.stringContaining('already has a rate from 1 January 2027') });
  });

  it('refuses a rate from the day of a held session or earlier, and allows one from the day after', () => {
    expect(addRate(history, r('2026-03-02', 2600), '2026-03-02')).toEqual({
      ok: false,
      reason: expect.stringContaining('A new rate must start after 2 March 2026'),
    });
    expect(addRate(history, r('2026-02-01', 2600), '2026-03-02').ok).toBe(false);
    expect(addRate(history, r('2026-03-03', 2600), '2026-03-02').ok).toBe(true);
  });

  it('starts a new forum’s rate on its local creation date, or on the date given', () => {
    const body = {
      name: 'Forum',
      level: 'local',
      areaId: 'a',
      remuneration: { hourlyRateMinor: 2500, currency: 'EUR' },
      quorum: { minLivedExperienceMembers: 2, minLivedExperienceShare: 0.3 },
    };
    // 23:30 UTC on 30 June is 00:30 on 1 July in Dublin.
    const created = newForum(ForumInput.parse(body), 'f1', '2026-06-30T23:30:00+00:00');
    const dated = newForum(
      ForumInput.parse({ ...body, remuneration: { ...body.remuneration, effectiveFrom: '2026-01-01' } }),
      'f2',
      '2026-06-30T23:30:00+00:00',
    );

    expect(created).toMatchObject({
      remuneration: { currency: 'EUR' },
      rates: [{ effectiveFrom: '2026-07-01', hourlyRateMinor: 2500 }],
    });
    expect(dated.rates).toEqual([{ effectiveFrom: '2026-01-01', hourlyRateMinor: 2500 }]);
  });

  it('reads a forum stored before rates had dates as one rate from its creation date', () => {
    // Prepare: the item as the code before dated rates stored it (one undated rate, no version).
    const stored = {
      pk: 'FORUM#old',
      sk: 'FORUM',
      entity: 'forum',
      forumId: 'old',
      name: 'Forum',
      level: 'local',
      areaId: 'a',
      jurisdiction: 'UK',
      timeZone: 'Europe/London',
      remuneration: { hourlyRateMinor: 2200, currency: 'GBP' },
      quorum: { minLivedExperienceMembers: 2, minLivedExperienceShare: 0.3 },
      reminders: { leadMinutes: [2880, 120] },
      createdAt: '2025-06-30T23:30:00+00:00',
      gsi1pk: 'FORUMS',
      gsi1sk: '2025-06-30T23:30:00.000Z#old',
    };

    // Act
    const forum = parseItem(ForumItem, stored);

    // Assess: 23:30 UTC on 30 June is 00:30 on 1 July in London; version 0 (never versioned).
    expect(forum).toEqual({
      forumId: 'old',
      name: 'Forum',
      level: 'local',
      areaId: 'a',
      jurisdiction: 'UK',
      timeZone: 'Europe/London',
      remuneration: { currency: 'GBP' },
      rates: [{ effectiveFrom: '2025-07-01', hourlyRateMinor: 2200 }],
      quorum: { minLivedExperienceMembers: 2, minLivedExperienceShare: 0.3 },
      reminders: { leadMinutes: [2880, 120] },
      createdAt: '2025-06-30T23:30:00+00:00',
      version: 0,
    });
  });

  it('reads a forum stored in the current shape as it is', () => {
    const forum = newForum(ForumInput.parse(forumInputBase), 'new', '2026-01-01T00:00:00+00:00');

    expect(parseItem(ForumItem, { pk: 'FORUM#new', sk: 'FORUM', entity: 'forum', version: 3, ...forum })).toEqual({
      ...forum,
      version: 3,
    });
  });

  it('refuses a malformed stored forum, naming its key', () => {
    const forum = newForum(ForumInput.parse(forumInputBase), 'bad', '2026-01-01T00:00:00+00:00');
    const item = { pk: 'FORUM#bad', sk: 'FORUM', entity: 'forum', version: 1, ...forum, timeZone: 'Mars/Olympus' };

    expect(() => parseItem(ForumItem, item)).toThrow(MalformedItemError);
    expect(() => parseItem(ForumItem, item)).toThrow(/pk=FORUM#bad sk=FORUM .*timeZone/);
  });

  it('shows the rate in force today in remuneration, the history newest first, and the first rate before it starts', () => {
    const forum = { ...newForum(ForumInput.parse(forumInputBase), 'f', '2026-01-01T00:00:00+00:00'), rates: history };

    expect(forumView(forum, '2026-11-26')).toMatchObject({
      remuneration: { hourlyRateMinor: 2500, currency: 'GBP' },
      rates: [history[1], history[0]],
    });
    expect(forumView(forum, '2027-01-01').remuneration.hourlyRateMinor).toBe(2750);
    expect(forumView(forum, '2025-06-01').remuneration.hourlyRateMinor).toBe(2500);
    expect(forumView(forum, '2026-11-26')).not.toHaveProperty('lastHeldOn');
  });

  it('refuses a rate that is not a whole number or is negative, and a date that is not a real date, naming each field', () => {
    const paths = (body: unknown) => RateInput.safeParse(body).error?.issues.map((i) => i.path.join('.'));

    expect(paths({ hourlyRateMinor: 27.5, effectiveFrom: '2027-01-01' })).toEqual(['hourlyRateMinor']);
    expect(paths({ hourlyRateMinor: -1, effectiveFrom: '2027-01-01' })).toEqual(['hourlyRateMinor']);
    expect(paths({ hourlyRateMinor: 2750, effectiveFrom: '2027-02-30' })).toEqual(['effectiveFrom']);
    expect(paths({ hourlyRateMinor: 2750, effectiveFrom: '1/1/2027' })).toEqual(['effectiveFrom']);
    expect(paths({ hourlyRateMinor: 2750, effectiveFrom: '2027-01-01', currency: 'GBP' })).toEqual(['']);
    expect(RateInput.safeParse({ hourlyRateMinor: 0, effectiveFrom: '2028-02-29' }).success).toBe(true);
  });
});

describe('recording a session as held while the forum keeps changing', () => {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  const ddb = mockClient(doc);
  const deps = { db: { doc, table: 'T' }, clock: fixedClock('2026-03-02T21:00:00Z') };
  const forum = newForum(
    ForumInput.parse({ ...forumInputBase, remuneration: { hourlyRateMinor: 2500, currency: 'EUR' } }),
    'F1',
    '2026-01-01T00:00:00+00:00',
  );
  const aoife = {
    participantId: 'P1',
    displayName: 'Aoife',
    stakeholderGroup: 'service-user',
    constituency: 'lived-experience',
    areaId: 'a',
    jurisdiction: 'IE',
    consent: {
      given: true,
      capacityConfirmed: true,
      recordedAt: '2026-01-01T00:00:00+00:00',
      scopes: ['forums'],
      status: 'given',
    },
    payment: { preference: 'ask' },
    benefits: [],
    payeeReference: 'CP-P1',
    createdAt: '2026-01-01T00:00:00+00:00',
  };

  beforeEach(() => {
    ddb.reset();
    ddb.on(GetCommand, { Key: { pk: 'SESSION#S1', sk: 'SESSION' } }).resolves({
      Item: { pk: 'SESSION#S1', sk: 'SESSION', entity: 'session', version: 1, ...session },
    });
    ddb.on(GetCommand, { Key: { pk: 'FORUM#F1', sk: 'FORUM' } }).resolves({
      Item: { pk: 'FORUM#F1', sk: 'FORUM', entity: 'forum', version: 4, ...forum },
    });
    ddb.on(BatchGetCommand).resolves({
      Responses: { T: [{ pk: 'PARTICIPANT#P1', sk: 'PROFILE', entity: 'participant', version: 1, ...aoife }] },
    });
    ddb.on(QueryCommand).resolves({ Items: [] });
    // Every attempt: the session's version moved on (a rate added near its date) while it stayed scheduled.
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
  });

  it('reads the session and the forum again and tries three times in all, then answers that the session changed', async () => {
    const err = await recordSessionHeld(
      'S1',
      HeldInput.parse({ attendance: [{ participantId: 'P1', hours: 2 }] }),
      deps,
    ).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toBe('This session changed while you were saving. Please reload it and try again.');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(3);
    expect(ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems).toHaveLength(2);
    expect(ddb.commandCalls(GetCommand, { Key: { pk: 'FORUM#F1', sk: 'FORUM' } })).toHaveLength(3);
  });
});

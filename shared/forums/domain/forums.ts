import { z } from 'zod';
import { Currency, Id, Jurisdiction } from '../../../events/common.js';
import type { Constituency } from '../../kernel/index.js';
import { EffectiveFrom, type HourlyRate, HourlyRateMinor, newestFirst, rateShownOn } from './rates.js';

/**
 * Forums and their sessions: the pure rules. No I/O here — the use cases in shared/app/forums*.ts
 * read and write, these functions decide.
 */

export const forumTimeZones = { IE: 'Europe/Dublin', UK: 'Europe/London' } as const;
export type ForumTimeZone = (typeof forumTimeZones)[keyof typeof forumTimeZones];
const currencyOf = { IE: 'EUR', UK: 'GBP' } as const;
const jurisdictionOfCurrency = { EUR: 'IE', GBP: 'UK' } as const;

/** 48 hours and 2 hours before the start, unless the forum or the session says otherwise. */
export const DEFAULT_REMINDER_LEADS_MINUTES = [48 * 60, 2 * 60] as const;
/** A session is a meeting: one sitting of at most 12 hours (this also bounds the clash query). */
export const MAX_SESSION_MINUTES = 12 * 60;
/**
 * Each invitee costs two items in the scheduling transaction (the invitation and a check that their
 * consent still holds), and a DynamoDB transaction holds at most 100 items.
 */
export const MAX_INVITEES = 45;
/**
 * Hours claimed may exceed the session's length by this much. Involvement-payment guidance (e.g.
 * NIHR's) counts travel to and from the venue and preparation (reading the papers) as involvement
 * time; two hours covers a return journey across a health area or an hour of each. More than that is
 * almost always a typing error (30 instead of 3), which is what this check is for.
 */
export const TRAVEL_MARGIN_HOURS = 2;

const ReminderLeads = z
  .array(
    z
      .number()
      .int('Use whole minutes.')
      .min(5, 'A reminder needs at least 5 minutes before the start.')
      .max(14 * 24 * 60, 'Reminders can be at most 14 days before the start.'),
  )
  .max(5, 'Choose at most 5 reminders.')
  .refine((a) => new Set(a).size === a.length, 'Each reminder time can be chosen once.');

export const ForumInput = z
  .strictObject({
    name: z.string().trim().min(1, 'Enter a name for the forum.').max(120),
    level: z.enum(['local', 'area'], 'Choose whether this is a local or an area forum.'),
    areaId: z.string().trim().min(1, 'Enter the area.').max(64),
    remuneration: z.strictObject({
      hourlyRateMinor: HourlyRateMinor,
      currency: Currency,
      /** The first day this rate applies; the forum's creation date (its local date) when left out. */
      effectiveFrom: EffectiveFrom.optional(),
    }),
    quorum: z.strictObject({
      minLivedExperienceMembers: z
        .number('Enter how many people with lived experience must attend.')
        .int('Enter a whole number.')
        .min(1, 'At least one person with lived experience must attend.')
        .max(100),
      minLivedExperienceShare: z
        .number('Enter the share as a number from 0 to 1, for example 0.3 for 30%.')
        .min(0, 'Enter a share from 0 to 1.')
        .max(1, 'Enter a share from 0 to 1, for example 0.3 for 30%.'),
    }),
    /** Where the forum meets. Derived from the currency when left out (EUR: Ireland, GBP: the UK). */
    jurisdiction: Jurisdiction.optional(),
    /** Derived from the jurisdiction when left out. */
    timeZone: z.enum(['Europe/Dublin', 'Europe/London']).optional(),
    reminders: z.strictObject({ leadMinutes: ReminderLeads }).optional(),
  })
  .superRefine((f, ctx) => {
    const j = f.jurisdiction ?? jurisdictionOfCurrency[f.remuneration.currency];
    if (currencyOf[j] !== f.remuneration.currency) {
      ctx.addIssue({
        code: 'custom',
        path: ['remuneration', 'currency'],
        message: `A forum in ${j === 'IE' ? 'Ireland pays in euro (EUR)' : 'the UK pays in pounds (GBP)'}.`,
      });
    }
    if (f.timeZone && f.timeZone !== forumTimeZones[j]) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeZone'],
        message: `A forum in ${j === 'IE' ? 'Ireland' : 'the UK'} uses ${forumTimeZones[j]}.`,
      });
    }
  });
export type ForumInput = z.infer<typeof ForumInput>;

/**
 * Where a forum pays, from what it stores: its currency always, and its jurisdiction and time zone
 * when present (they are derived from the currency at creation). Undefined when they disagree: such
 * a forum's fees cannot be checked against anyone's benefit rules until it is corrected.
 */
export function forumJurisdiction(forum: {
  remuneration: { currency: 'EUR' | 'GBP' };
  jurisdiction?: 'IE' | 'UK';
  timeZone?: string;
}): 'IE' | 'UK' | undefined {
  const j = jurisdictionOfCurrency[forum.remuneration.currency];
  if (forum.jurisdiction !== undefined && forum.jurisdiction !== j) return undefined;
  if (forum.timeZone !== undefined && forum.timeZone !== forumTimeZones[j]) return undefined;
  return j;
}

const countryName = { IE: 'Ireland', UK: 'the UK' } as const;
const currencyWords = { IE: 'euro', UK: 'pounds' } as const;

/**
 * Why someone from another jurisdiction cannot be paid by this forum: their fee would be in the
 * forum's currency but checked against their own country's benefit rules (euro against a £20 limit).
 */
export const otherJurisdictionMessage = (
  p: { displayName: string; jurisdiction: 'IE' | 'UK' },
  forum: 'IE' | 'UK',
  doing: string,
) =>
  `${p.displayName} is registered in ${countryName[p.jurisdiction]}, but this forum is in ${countryName[forum]} and pays in ${currencyWords[forum]}, so their payment could not be checked against their benefit rules. They cannot be ${doing} here. If their record is wrong, correct it first.`;

export type Forum = {
  forumId: string;
  name: string;
  level: 'local' | 'area';
  areaId: string;
  jurisdiction: 'IE' | 'UK';
  timeZone: ForumTimeZone;
  /** The currency is fixed for the forum's life; the rate is in `rates`. */
  remuneration: { currency: 'EUR' | 'GBP' };
  /** Every hourly rate the forum has had or will have, oldest first (rates.ts). */
  rates: HourlyRate[];
  /** The latest local date on which a session of this forum was recorded as held (rates start after it). */
  lastHeldOn?: string;
  quorum: QuorumRule;
  reminders: { leadMinutes: number[] };
  createdAt: string;
};

export type QuorumRule = { minLivedExperienceMembers: number; minLivedExperienceShare: number };

export function newForum(input: ForumInput, forumId: string, createdAt: string): Forum {
  const jurisdiction = input.jurisdiction ?? jurisdictionOfCurrency[input.remuneration.currency];
  const timeZone = forumTimeZones[jurisdiction];
  const { hourlyRateMinor, currency, effectiveFrom } = input.remuneration;
  return {
    forumId,
    name: input.name,
    level: input.level,
    areaId: input.areaId,
    jurisdiction,
    timeZone,
    remuneration: { currency },
    rates: [{ effectiveFrom: effectiveFrom ?? wallClock(createdAt, timeZone).date, hourlyRateMinor }],
    quorum: input.quorum,
    reminders: { leadMinutes: input.reminders?.leadMinutes ?? [...DEFAULT_REMINDER_LEADS_MINUTES] },
    createdAt,
  };
}

/**
 * A forum as stored, whatever its age: forums stored before rates had effective dates hold one
 * `remuneration.hourlyRateMinor`, which has been in force since the forum's creation (local date).
 */
export function forumFromStored(
  stored: Omit<Forum, 'rates' | 'remuneration'> & {
    remuneration: { currency: 'EUR' | 'GBP'; hourlyRateMinor?: number };
    rates?: HourlyRate[];
  },
): Forum {
  const { hourlyRateMinor, currency } = stored.remuneration;
  const timeZone = stored.timeZone ?? forumTimeZones[jurisdictionOfCurrency[currency]];
  const rates =
    stored.rates ??
    (hourlyRateMinor === undefined
      ? []
      : [{ effectiveFrom: wallClock(stored.createdAt, timeZone).date, hourlyRateMinor }]);
  return { ...stored, remuneration: { currency }, rates };
}

export type ForumView = Omit<Forum, 'rates' | 'lastHeldOn' | 'remuneration'> & {
  /** The contract's shape: the rate in force today (or, before the first rate starts, that one). */
  remuneration: { hourlyRateMinor?: number; currency: 'EUR' | 'GBP' };
  /** Every rate, newest first. */
  rates: HourlyRate[];
};

/** The forum's local date at an instant. */
export const forumDate = (forum: Pick<Forum, 'timeZone'>, at: Date) => wallClock(at.toISOString(), forum.timeZone).date;

/** How the API shows a forum on `today` (its local date): that day's rate in `remuneration`, and the history. */
export function forumView(forum: Forum, today: string): ForumView {
  const { rates, lastHeldOn: _held, remuneration, ...rest } = forum;
  const shown = rateShownOn(rates, today);
  return {
    ...rest,
    remuneration: shown ? { hourlyRateMinor: shown.hourlyRateMinor, currency: remuneration.currency } : remuneration,
    rates: newestFirst(rates),
  };
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

/** Checks shared by scheduling and rescheduling: the end follows the start, within one sitting. */
function checkTimes(t: { startsAt: string; endsAt: string }, ctx: z.RefinementCtx) {
  const minutes = minutesBetween(t.startsAt, t.endsAt);
  if (!(minutes > 0)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The end must be after the start.' });
  } else if (minutes > MAX_SESSION_MINUTES) {
    ctx.addIssue({
      code: 'custom',
      path: ['endsAt'],
      message: `A session can last at most ${MAX_SESSION_MINUTES / 60} hours. Schedule longer events as several sessions.`,
    });
  }
}

const SessionTimes = {
  startsAt: z.iso.datetime({ offset: true, error: 'Enter the start as a date and time with its offset.' }),
  endsAt: z.iso.datetime({ offset: true, error: 'Enter the end as a date and time with its offset.' }),
};

export const SessionInput = z
  .strictObject({
    title: z.string().trim().min(1, 'Enter a title for the session.').max(150),
    ...SessionTimes,
    venue: z.strictObject({
      name: z.string().trim().min(1, 'Enter where the session takes place.').max(200),
      accessible: z.boolean('Say whether the venue is accessible.'),
    }),
    agenda: z.array(z.string().trim().min(1, 'Remove the empty agenda item.').max(300)).max(30),
    invitees: z
      .array(Id)
      .min(1, 'Invite at least one person.')
      .max(MAX_INVITEES, `Invite at most ${MAX_INVITEES} people to one session.`),
    reminders: z.strictObject({ leadMinutes: ReminderLeads }).optional(),
  })
  .superRefine((s, ctx) => {
    checkTimes(s, ctx);
    const seen = new Set<string>();
    s.invitees.forEach((id, i) => {
      if (seen.has(id)) {
        ctx.addIssue({ code: 'custom', path: ['invitees', i], message: 'This person is already on the list.' });
      }
      seen.add(id);
    });
  });
export type SessionInput = z.infer<typeof SessionInput>;

export const RescheduleInput = z.strictObject(SessionTimes).superRefine(checkTimes);
export type RescheduleInput = z.infer<typeof RescheduleInput>;

export const RsvpResponse = z.enum(['yes', 'no', 'maybe'], 'Choose yes, no or maybe.');
export type RsvpResponse = z.infer<typeof RsvpResponse>;
export const RsvpInput = z.strictObject({ participantId: Id, response: RsvpResponse });

export const expenseKinds = ['travel', 'childcare', 'subsistence', 'other'] as const;
/**
 * The most one expense line can pay back: €500 or £500. Expenses are paid back at cost against a
 * receipt (BENEFIT_RULES.md): a return journey across a health area by train or taxi, a day's
 * childcare or a night's accommodation fits well under it. A larger line is far more likely an amount
 * typed in euro instead of cents (50000 for 500.00) or a fee relabelled as expenses, which is fraud
 * and would hide earnings from the benefit rules. Larger real costs go through the organisation's
 * own expenses process.
 */
export const MAX_EXPENSE_MINOR = 50_000;
/** Lines per attendee for one session: travel both ways, childcare, food, and a few to spare. */
export const MAX_EXPENSE_LINES = 10;
export const Expense = z
  .strictObject({
    kind: z.enum(expenseKinds, 'Choose what the expense was for.'),
    amountMinor: z
      .number('Enter the amount.')
      .int('Enter the amount in cents or pence, a whole number.')
      .min(0, 'The amount cannot be negative.')
      .max(
        MAX_EXPENSE_MINOR,
        `One expense can be at most ${(MAX_EXPENSE_MINOR / 100).toFixed(2)}. Check the amount is in cents or pence; larger costs go through your organisation's own expenses process.`,
      ),
    receiptRef: z.string().trim().max(64, 'Keep the receipt reference to 64 characters.').optional(),
  })
  .superRefine((e, ctx) => {
    // Expenses are paid back at cost, against a receipt: never as a way to pay for time.
    if (e.amountMinor > 0 && !e.receiptRef) {
      ctx.addIssue({
        code: 'custom',
        path: ['receiptRef'],
        message:
          'Enter the receipt reference, for example the number on the receipt or ticket. Expenses are paid back only against a receipt.',
      });
    }
  });
export type Expense = z.infer<typeof Expense>;

export const HeldInput = z
  .strictObject({
    attendance: z
      .array(
        z.strictObject({
          participantId: Id,
          hours: z
            .number('Enter the hours.')
            .positive('Hours must be more than 0.')
            .multipleOf(0.25, 'Enter hours in quarter hours, for example 2.5 or 2.75.'),
          expenses: z
            .array(Expense)
            .max(
              MAX_EXPENSE_LINES,
              `Record at most ${MAX_EXPENSE_LINES} expenses for one person. Put costs of the same kind on one line.`,
            )
            .default([]),
        }),
      )
      .min(1, 'Record at least one person who attended.')
      .max(200),
  })
  .superRefine((h, ctx) => {
    const seen = new Set<string>();
    h.attendance.forEach((a, i) => {
      if (seen.has(a.participantId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['attendance', i, 'participantId'],
          message: 'This person is listed twice.',
        });
      }
      seen.add(a.participantId);
    });
  });
export type HeldInput = z.infer<typeof HeldInput>;

export type SessionStatus = 'scheduled' | 'cancelled' | 'held';

export type Warning = {
  kind: 'clash' | 'venue-not-accessible' | 'quorum-shortfall' | 'starts-in-the-past' | 'no-rate' | (string & {});
  participantId?: string;
  /** The other session, for a clash. */
  sessionId?: string;
  message: string;
};

export type AttendanceEntry = {
  participantId: string;
  hours: number;
  expenses: Expense[];
  expensesMinor: number;
  walkIn: boolean;
};

export type Session = {
  sessionId: string;
  forumId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  venue: { name: string; accessible: boolean };
  agenda: string[];
  status: SessionStatus;
  reminders: { leadMinutes: number[] };
  /** Bumped on every reschedule: the calendar invite's SEQUENCE, so calendars replace the old time. */
  sequence: number;
  createdAt: string;
  updatedAt: string;
  cancelledAt?: string;
  heldAt?: string;
  attendance?: AttendanceEntry[];
  attendanceHash?: string;
};

export type InvitationStatus = 'invited' | 'dropped' | 'cancelled';
export type Invitation = {
  sessionId: string;
  participantId: string;
  forumId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  status: InvitationStatus;
  rsvp: RsvpResponse | null;
  rsvpAt?: string;
  /** Token subject of whoever recorded the answer (the member, or a coordinator for them). */
  rsvpBy?: string;
  rsvpVersion: number;
};

/** Two half-open intervals [start, end) overlap: back-to-back sessions do not clash. */
export function overlaps(a: { startsAt: string; endsAt: string }, b: { startsAt: string; endsAt: string }): boolean {
  return Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);
}

/** ISO-8601 UTC with milliseconds: sorts as text in time order (index sort keys). */
export const sortableTime = (iso: string) => new Date(iso).toISOString();

/** Every reminder whose time is still to come: `at` = the start minus the lead. */
export function reminderTimes(
  startsAt: string,
  leadMinutes: readonly number[],
  now: Date,
): { leadMinutes: number; at: string }[] {
  return leadMinutes
    .map((lead) => ({ leadMinutes: lead, at: new Date(Date.parse(startsAt) - lead * 60_000).toISOString() }))
    .filter((r) => Date.parse(r.at) > now.getTime());
}

/**
 * One schedule per session and lead, named deterministically: a reschedule upserts the same names
 * (the schedule moves), a cancel removes them. Fits EventBridge Scheduler's 64-character alphabet.
 */
export const reminderScheduleName = (sessionId: string, leadMinutes: number) =>
  `session-reminder-${sessionId}-${leadMinutes}m`;

/** The most hours one attendee may claim for this session (its length plus the travel margin). */
export const maxHoursFor = (s: { startsAt: string; endsAt: string }) =>
  minutesBetween(s.startsAt, s.endsAt) / 60 + TRAVEL_MARGIN_HOURS;

export const sumExpenses = (expenses: readonly Expense[]) => expenses.reduce((t, e) => t + e.amountMinor, 0);

/**
 * A stable fingerprint of what was recorded, so recording the same attendance again is recognised as
 * a replay (no-op) and different attendance as a conflict, whatever the order it was sent in.
 */
export function attendanceFingerprint(attendance: readonly Omit<AttendanceEntry, 'expensesMinor'>[]): string {
  const canonical = [...attendance]
    .sort((a, b) => a.participantId.localeCompare(b.participantId))
    .map((a) => ({
      p: a.participantId,
      h: a.hours,
      w: a.walkIn,
      e: a.expenses
        .map((e) => [e.kind, e.amountMinor, e.receiptRef ?? ''] as const)
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
    }));
  return JSON.stringify(canonical);
}

/** Wall-clock parts of an instant in a time zone (for calendar invites, messages and `heldOn`). */
export function wallClock(iso: string, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}${parts.minute}${parts.second}`;
  return { date, ics: `${date.replaceAll('-', '')}T${time}` };
}

const zoneNames: Record<string, string> = { 'Europe/Dublin': 'Irish time', 'Europe/London': 'UK time' };

/** "Monday 2 March 2026, 18:00 to 20:00 (Irish time)": for messages and warnings. */
export function describeTimes(s: { startsAt: string; endsAt: string }, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-IE', { timeZone, dateStyle: 'full' }).format(new Date(s.startsAt));
  const t = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(iso),
    );
  return `${day}, ${t(s.startsAt)} to ${t(s.endsAt)} (${zoneNames[timeZone] ?? timeZone})`;
}

// ---- Quorum ------------------------------------------------------------------------------------

export type QuorumMember = { constituency: Constituency; rsvp: RsvpResponse | null };
export type QuorumStatus = 'met' | 'at-risk' | 'not-met';
export type QuorumView = {
  status: QuorumStatus;
  /** Before the session: from the answers (RSVPs). Once held: from who actually attended. */
  basis?: 'attendance';
  rule: QuorumRule;
  /** Yes answers from people with lived experience, and from everyone. */
  livedExperienceYes: number;
  totalYes: number;
  /** Lived-experience invitees who said maybe or have not answered yet: who could still make it. */
  livedExperienceUndecided: number;
  explanation: string;
};

/** `count / total` is at least `share`, in integer arithmetic (0.3 of 10 is 3, exactly). */
const shareAtLeast = (count: number, total: number, share: number) =>
  total > 0 && count * 10_000 >= Math.round(share * 10_000) * total;

const satisfies = (rule: QuorumRule, le: number, total: number) =>
  le >= rule.minLivedExperienceMembers && shareAtLeast(le, total, rule.minLivedExperienceShare);

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/**
 * The lived-experience quorum from the answers so far, against the forum's rule. Only invitees who
 * are still invited count (not those dropped after withdrawing consent).
 *
 * - met: the people who said yes already satisfy the rule: at least `minLivedExperienceMembers` of
 *   them have lived experience AND they are at least `minLivedExperienceShare` of everyone who said yes.
 * - at-risk: not met yet, but it could be: if every lived-experience invitee who said maybe or has
 *   not answered came, and no one else beyond those who said yes, the rule would be satisfied.
 * - not-met: even that best case falls short — invite more people with lived experience.
 */
export function quorumStatus(rule: QuorumRule, members: readonly QuorumMember[]): QuorumView {
  const yes = members.filter((m) => m.rsvp === 'yes');
  const livedExperienceYes = yes.filter((m) => m.constituency === 'lived-experience').length;
  const totalYes = yes.length;
  const livedExperienceUndecided = members.filter(
    (m) => m.constituency === 'lived-experience' && (m.rsvp === 'maybe' || m.rsvp === null),
  ).length;
  const need = `This forum needs at least ${people(rule.minLivedExperienceMembers)} with lived experience, and at least ${pct(rule.minLivedExperienceShare)} of those attending.`;
  const sofar =
    totalYes === 0
      ? 'Nobody has said yes yet.'
      : `${livedExperienceYes} of the ${people(totalYes)} who said yes ${livedExperienceYes === 1 ? 'has' : 'have'} lived experience.`;
  const undecided =
    livedExperienceUndecided === 1
      ? 'the 1 person with lived experience who said maybe or has not answered comes'
      : `enough of the ${livedExperienceUndecided} people with lived experience who said maybe or have not answered come`;
  if (satisfies(rule, livedExperienceYes, totalYes)) {
    return {
      status: 'met',
      rule,
      livedExperienceYes,
      totalYes,
      livedExperienceUndecided,
      explanation: `Met. ${sofar} ${need}`,
    };
  }
  const bestLe = livedExperienceYes + livedExperienceUndecided;
  if (satisfies(rule, bestLe, totalYes + livedExperienceUndecided)) {
    return {
      status: 'at-risk',
      rule,
      livedExperienceYes,
      totalYes,
      livedExperienceUndecided,
      explanation: `At risk: not met yet. ${sofar} It can still be met if ${undecided}. ${need}`,
    };
  }
  return {
    status: 'not-met',
    rule,
    livedExperienceYes,
    totalYes,
    livedExperienceUndecided,
    explanation: `Not met, even if everyone with lived experience who might come does. ${sofar} ${need} Invite more people with lived experience.`,
  };
}

/**
 * At scheduling: would the quorum be met if everyone invited came? The projection counts every
 * invitee as attending (staff who are invited are expected to come), so a list with too few people
 * with lived experience — in number or as a share — is flagged before anyone is asked.
 */
export function projectedQuorumShortfall(
  rule: QuorumRule,
  invitees: readonly { constituency: Constituency }[],
): Warning | undefined {
  const le = invitees.filter((i) => i.constituency === 'lived-experience').length;
  if (satisfies(rule, le, invitees.length)) return undefined;
  return {
    kind: 'quorum-shortfall',
    message: `Even if everyone invited comes, ${le} of ${people(invitees.length)} would have lived experience. This forum needs at least ${people(rule.minLivedExperienceMembers)} with lived experience, and at least ${pct(rule.minLivedExperienceShare)} of those attending.`,
  };
}

/**
 * Once a session is held, presence is a fact, not a forecast: the rule against who attended
 * (providers included in the total, as they are in the share). Met or not met; never at risk.
 */
export function attendedQuorum(rule: QuorumRule, attendees: readonly { constituency: Constituency }[]): QuorumView {
  const total = attendees.length;
  const le = attendees.filter((a) => a.constituency === 'lived-experience').length;
  const need = `This forum needs at least ${people(rule.minLivedExperienceMembers)} with lived experience, and at least ${pct(rule.minLivedExperienceShare)} of those attending.`;
  const fact =
    total === 0
      ? 'Nobody was recorded as attending.'
      : `${le} of the ${people(total)} who attended ${le === 1 ? 'has' : 'have'} lived experience.`;
  const met = satisfies(rule, le, total);
  return {
    status: met ? 'met' : 'not-met',
    basis: 'attendance',
    rule,
    livedExperienceYes: le,
    totalYes: total,
    livedExperienceUndecided: 0,
    explanation: `${met ? 'Met at the session.' : 'Not met at the session.'} ${fact} ${need}`,
  };
}

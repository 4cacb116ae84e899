import * as z from 'zod/mini';
import {
  type Constituency,
  Currency,
  Id,
  IsoDate,
  IsoDateTime,
  Jurisdiction,
  jurisdictionOfCurrency,
  MinorUnits,
  TimeZone,
  timeZoneOf,
} from '../../kernel/index.js';
import type { ForumInput } from './commands.js';
import { DEFAULT_REMINDER_LEADS_MINUTES, expenseKinds, TRAVEL_MARGIN_HOURS } from './limits.js';
import { HourlyRate, newestFirst, rateShownOn } from './rates.js';
import { minutesBetween, wallClock } from './time.js';
import type { ForumView, QuorumView } from './views.js';
import { answersExplanation, attendanceExplanation, projectedShortfallMessage } from './wording.js';

/**
 * Forums and their sessions: the entities (as the context keeps them, and as their item schemas
 * parse them) and the pure rules. No I/O here: the use cases in app/ read and write, these decide.
 */

export {
  DEFAULT_REMINDER_LEADS_MINUTES,
  expenseKinds,
  MAX_EXPENSE_LINES,
  MAX_EXPENSE_MINOR,
  MAX_INVITEES,
  MAX_SESSION_EXPENSE_LINES,
  MAX_SESSION_MINUTES,
  TRAVEL_MARGIN_HOURS,
} from './limits.js';

// ---- Forums ------------------------------------------------------------------------------------

export const ForumLevel = z.enum(['local', 'area']);
export const QuorumRule = z.object({
  minLivedExperienceMembers: z.number().check(z.int(), z.gte(1)),
  minLivedExperienceShare: z.number().check(z.gte(0), z.lte(1)),
});
export type QuorumRule = z.infer<typeof QuorumRule>;
export const ReminderLeads = z.object({ leadMinutes: z.array(z.number().check(z.int(), z.positive())) });

export const Forum = z.object({
  forumId: Id,
  name: z.string(),
  level: ForumLevel,
  areaId: z.string().check(z.minLength(1)),
  jurisdiction: Jurisdiction,
  timeZone: TimeZone,
  /** The currency is fixed for the forum's life; the rate is in `rates`. */
  remuneration: z.object({ currency: Currency }),
  /** Every hourly rate the forum has had or will have, oldest first (rates.ts). */
  rates: z.array(HourlyRate),
  /** The latest local date on which a session of this forum was recorded as held (rates start after it). */
  lastHeldOn: z.optional(IsoDate),
  quorum: QuorumRule,
  reminders: ReminderLeads,
  createdAt: IsoDateTime,
});
export type Forum = z.infer<typeof Forum>;

export function newForum(input: ForumInput, forumId: string, createdAt: string): Forum {
  const jurisdiction = input.jurisdiction ?? jurisdictionOfCurrency[input.remuneration.currency];
  const timeZone = timeZoneOf[jurisdiction];
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
 * Where a forum pays, from what it stores: its currency always, and its jurisdiction and time zone
 * when present (they are derived from the currency at creation). Undefined when they disagree: such
 * a forum's fees cannot be checked against anyone's benefit rules until it is corrected.
 */
export function forumJurisdiction(forum: {
  remuneration: { currency: Currency };
  jurisdiction?: Jurisdiction;
  timeZone?: string;
}): Jurisdiction | undefined {
  const j = jurisdictionOfCurrency[forum.remuneration.currency];
  if (forum.jurisdiction !== undefined && forum.jurisdiction !== j) return undefined;
  if (forum.timeZone !== undefined && forum.timeZone !== timeZoneOf[j]) return undefined;
  return j;
}

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

// ---- Sessions, invitations, attendance -----------------------------------------------------------

export const SessionStatus = z.enum(['scheduled', 'cancelled', 'held']);
export type SessionStatus = z.infer<typeof SessionStatus>;
export const Venue = z.object({ name: z.string(), accessible: z.boolean() });

/** An expense line as recorded (the request's checks are in commands.ts `Expense`). */
export const ExpenseLine = z.object({
  kind: z.enum(expenseKinds),
  amountMinor: MinorUnits,
  receiptRef: z.optional(z.string()),
});
export type ExpenseLine = z.infer<typeof ExpenseLine>;

export const AttendanceEntry = z.object({
  participantId: Id,
  hours: z.number().check(z.positive()),
  expenses: z.array(ExpenseLine),
  expensesMinor: MinorUnits,
  walkIn: z.boolean(),
});
export type AttendanceEntry = z.infer<typeof AttendanceEntry>;

export const Session = z.object({
  sessionId: Id,
  forumId: Id,
  title: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  venue: Venue,
  agenda: z.array(z.string()),
  status: SessionStatus,
  reminders: ReminderLeads,
  /** Bumped on every reschedule: the calendar invite's SEQUENCE, so calendars replace the old time. */
  sequence: z.number().check(z.int(), z.nonnegative()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  cancelledAt: z.optional(IsoDateTime),
  heldAt: z.optional(IsoDateTime),
  /** Once held: who attended (the RSVPs are the invitations'). */
  attendance: z.optional(z.array(AttendanceEntry)),
  /** Fingerprint of `attendance` (attendanceFingerprint): a replay is recognised, a different one refused. */
  attendanceHash: z.optional(z.string()),
});
export type Session = z.infer<typeof Session>;

export const InvitationStatus = z.enum(['invited', 'dropped', 'cancelled']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;
export const RsvpResponse = z.enum(['yes', 'no', 'maybe']);
export type RsvpResponse = z.infer<typeof RsvpResponse>;

/** One per invitee: ids, the session's title and times (its schedule index), and their answer. */
export const Invitation = z.object({
  sessionId: Id,
  participantId: Id,
  forumId: Id,
  title: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  /** `dropped`: withdrew consent, no longer counted or reminded; `cancelled`: the session was. */
  status: InvitationStatus,
  rsvp: z.nullable(RsvpResponse),
  rsvpAt: z.optional(IsoDateTime),
  /** Token subject of whoever recorded the answer (the member, or a coordinator for them). */
  rsvpBy: z.optional(z.string()),
  rsvpVersion: z.number().check(z.int(), z.nonnegative()),
  droppedAt: z.optional(IsoDateTime),
});
export type Invitation = z.infer<typeof Invitation>;

/** A warning beside a scheduling answer or a session view; `kind` names its source. */
export const Warning = z.object({
  /** 'clash', 'venue-not-accessible', 'quorum-shortfall', 'starts-in-the-past', 'no-rate', and the payments context's. */
  kind: z.string(),
  participantId: z.optional(Id),
  /** The other session, for a clash. */
  sessionId: z.optional(Id),
  message: z.string(),
});
export type Warning = z.infer<typeof Warning>;

/** Two half-open intervals [start, end) overlap: back-to-back sessions do not clash. */
export function overlaps(a: { startsAt: string; endsAt: string }, b: { startsAt: string; endsAt: string }): boolean {
  return Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);
}

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

export const sumExpenses = (expenses: readonly ExpenseLine[]) => expenses.reduce((t, e) => t + e.amountMinor, 0);

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

// ---- Quorum ------------------------------------------------------------------------------------

export type QuorumMember = { constituency: Constituency; rsvp: RsvpResponse | null };

/** `count / total` is at least `share`, in integer arithmetic (0.3 of 10 is 3, exactly). */
const shareAtLeast = (count: number, total: number, share: number) =>
  total > 0 && count * 10_000 >= Math.round(share * 10_000) * total;

const satisfies = (rule: QuorumRule, le: number, total: number) =>
  le >= rule.minLivedExperienceMembers && shareAtLeast(le, total, rule.minLivedExperienceShare);

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
  const counts = { livedExperienceYes, totalYes, livedExperienceUndecided };
  const status = satisfies(rule, livedExperienceYes, totalYes)
    ? 'met'
    : satisfies(rule, livedExperienceYes + livedExperienceUndecided, totalYes + livedExperienceUndecided)
      ? 'at-risk'
      : 'not-met';
  return { status, rule, ...counts, explanation: answersExplanation(status, counts, rule) };
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
  return { kind: 'quorum-shortfall', message: projectedShortfallMessage(le, invitees.length, rule) };
}

/**
 * Once a session is held, presence is a fact, not a forecast: the rule against who attended
 * (providers included in the total, as they are in the share). Met or not met; never at risk.
 */
export function attendedQuorum(rule: QuorumRule, attendees: readonly { constituency: Constituency }[]): QuorumView {
  const total = attendees.length;
  const le = attendees.filter((a) => a.constituency === 'lived-experience').length;
  const met = satisfies(rule, le, total);
  return {
    status: met ? 'met' : 'not-met',
    basis: 'attendance',
    rule,
    livedExperienceYes: le,
    totalYes: total,
    livedExperienceUndecided: 0,
    explanation: attendanceExplanation(met, { livedExperience: le, total }, rule),
  };
}

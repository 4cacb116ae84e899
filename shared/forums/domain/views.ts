import * as z from 'zod/mini';
import { Constituency, Currency, Id, IsoDateTime, MinorUnits, StakeholderGroup, TimeZone } from '../../kernel/index.js';
import {
  AttendanceEntry,
  Forum,
  InvitationStatus,
  QuorumRule,
  RsvpResponse,
  Session,
  SessionStatus,
  Venue,
  Warning,
} from './forums.js';
import { HourlyRate } from './rates.js';

/** How the API shows forums and sessions: the read models the use cases build and the routes answer. */

/** A forum on a given day: the rate in force that day in `remuneration`, and every rate, newest first. */
export const ForumView = z.extend(z.omit(Forum, { rates: true, lastHeldOn: true, remuneration: true }), {
  /** The contract's shape: the rate in force today (or, before the first rate starts, that one). */
  remuneration: z.object({ hourlyRateMinor: z.optional(MinorUnits), currency: Currency }),
  rates: z.array(HourlyRate),
});
export type ForumView = z.infer<typeof ForumView>;

export const QuorumStatus = z.enum(['met', 'at-risk', 'not-met']);
export const QuorumView = z.object({
  status: QuorumStatus,
  /** Before the session: from the answers (RSVPs). Once held: from who actually attended. */
  basis: z.optional(z.literal('attendance')),
  rule: QuorumRule,
  /** Yes answers from people with lived experience, and from everyone (once held: who attended). */
  livedExperienceYes: z.number().check(z.int(), z.nonnegative()),
  totalYes: z.number().check(z.int(), z.nonnegative()),
  /** Lived-experience invitees who said maybe or have not answered yet: who could still make it. */
  livedExperienceUndecided: z.number().check(z.int(), z.nonnegative()),
  explanation: z.string(),
});
export type QuorumView = z.infer<typeof QuorumView>;

export const InviteeView = z.object({
  participantId: Id,
  displayName: z.string(),
  stakeholderGroup: z.nullable(StakeholderGroup),
  constituency: z.nullable(Constituency),
  /** `dropped`: withdrew consent, no longer counted or reminded. */
  status: InvitationStatus,
  rsvp: z.nullable(RsvpResponse),
  rsvpAt: z.nullable(IsoDateTime),
});
export type InviteeView = z.infer<typeof InviteeView>;

/** A session with its forum, invitees, answers, quorum and (while still to come) warnings. */
/**
 * One item of "You said, we did" on the forum's next scheduled session: what was said, what became
 * of it and the closing note — never who said it (the feedback context fills it in).
 */
export const YouSaidWeDidEntry = z.object({
  feedbackId: Id,
  text: z.string().check(z.minLength(1), z.maxLength(4000)),
  status: z.enum(['done', 'not-possible']),
  note: z.string().check(z.maxLength(4000)),
});
export type YouSaidWeDidEntry = z.infer<typeof YouSaidWeDidEntry>;

export const SessionView = z.extend(z.omit(Session, { attendance: true, attendanceHash: true }), {
  attendance: z.optional(z.array(z.extend(AttendanceEntry, { displayName: z.string() }))),
  forum: z.pick(ForumView, {
    forumId: true,
    name: true,
    level: true,
    areaId: true,
    timeZone: true,
    remuneration: true,
    quorum: true,
  }),
  timeZone: TimeZone,
  invitees: z.array(InviteeView),
  quorum: QuorumView,
  warnings: z.array(Warning),
  calendarUrl: z.string(),
  /** On the forum's next scheduled session: the closed feedback items it is to hear about. */
  youSaidWeDid: z.optional(z.array(YouSaidWeDidEntry).check(z.maxLength(500))),
});
export type SessionView = z.infer<typeof SessionView>;

/** One of a member's own sessions (`GET /api/my/sessions`). */
export const MySessionItem = z.object({
  sessionId: Id,
  forumId: Id,
  forumName: z.string(),
  title: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  timeZone: TimeZone,
  venue: Venue,
  status: SessionStatus,
  rsvp: z.nullable(RsvpResponse),
});
export type MySessionItem = z.infer<typeof MySessionItem>;

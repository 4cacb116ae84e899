import type { Clock } from '../../kernel/index.js';
import type { Participant } from '../../participants/index.js';
import { benefitProjections } from '../../payments/index.js';
import type { Db } from '../../runtime/store/db.js';
import { type BatchRead, memoReads, scheduleEntries } from '../adapters/schedule-repo.js';
import { getSessionsAndForums } from '../adapters/sessions-repo.js';
import { type Forum, MAX_SESSION_MINUTES, overlaps, projectedQuorumShortfall, type Warning } from '../domain/forums.js';
import { rateOn } from '../domain/rates.js';
import { wallClock } from '../domain/time.js';
import {
  clashMessage,
  noRateWarningMessage,
  startsInThePastMessage,
  venueNotAccessibleMessage,
} from '../domain/wording.js';
import { plannedSessionsOf } from './queries.js';

/** What every warning source sees: the forum, the session as it would be, and its invitees. */
export type WarningContext = {
  forum: Forum;
  session: { sessionId: string; startsAt: string; endsAt: string; venue: { name: string; accessible: boolean } };
  /** Invitees who are (or would be) invited, in the order they were listed. */
  invitees: Participant[];
};
export type WarningDeps = { db: Db; clock: Clock };
/** What a source is given: the deps, and one BatchGet shared by all sources of one call (memoReads). */
type SourceDeps = WarningDeps & { read: BatchRead };

/**
 * One source of scheduling warnings. To add one (e.g. benefit projections: "attending this session
 * would cross <rule> for <person>"), write a source and append it to `warningSources`: scheduling,
 * rescheduling and the session view all go through `schedulingWarnings`.
 */
export type WarningSource = (ctx: WarningContext, deps: SourceDeps) => Promise<Warning[]>;

const startsInThePast: WarningSource = async (ctx, deps) =>
  Date.parse(ctx.session.startsAt) <= deps.clock.now().getTime()
    ? [{ kind: 'starts-in-the-past', message: startsInThePastMessage }]
    : [];

const venueNotAccessible: WarningSource = async (ctx) =>
  ctx.session.venue.accessible
    ? []
    : [{ kind: 'venue-not-accessible', message: venueNotAccessibleMessage(ctx.session.venue.name) }];

/** No hourly rate is in force on the session's date: recording it as held will be refused until one is. */
const noRateInForce: WarningSource = async (ctx) => {
  const date = wallClock(ctx.session.startsAt, ctx.forum.timeZone).date;
  if (rateOn(ctx.forum.rates, date)) return [];
  return [{ kind: 'no-rate', message: noRateWarningMessage(ctx.forum.rates, date) }];
};

const quorumShortfall: WarningSource = async (ctx) => {
  const w = projectedQuorumShortfall(ctx.forum.quorum, ctx.invitees);
  return w ? [w] : [];
};

/**
 * Invitees already invited to another session at an overlapping time, for all invitees at once: one
 * BatchGet of their schedule months over the sessions starting within the longest possible session
 * before this one ends (schedule-repo.ts), then one of those sessions, whose own status and times
 * decide (cancelled sessions, sessions still being prepared and dropped invitations never clash).
 */
const clashes: WarningSource = async (ctx, deps) => {
  const from = new Date(Date.parse(ctx.session.startsAt) - MAX_SESSION_MINUTES * 60_000).toISOString();
  const entries = await scheduleEntries(
    ctx.invitees.map((p) => ({ participantId: p.participantId, from, to: ctx.session.endsAt })),
    deps.read,
  );
  const others = [...entries.values()].flat().filter((e) => e.sessionId !== ctx.session.sessionId);
  const { sessions } = await getSessionsAndForums(
    deps.db,
    others.map((e) => e.sessionId),
    [],
    deps.read,
  );
  return ctx.invitees.flatMap((p) =>
    (entries.get(p.participantId) ?? []).flatMap((e): Warning[] => {
      const other = sessions.get(e.sessionId);
      if (!other || other.sessionId === ctx.session.sessionId || other.status === 'cancelled') return [];
      if (!overlaps(other, ctx.session)) return [];
      return [
        {
          kind: 'clash',
          participantId: p.participantId,
          sessionId: other.sessionId,
          message: clashMessage(p.displayName, other, ctx.forum.timeZone),
        },
      ];
    }),
  );
};

/**
 * Benefit projections (the payments context decides them): the session at the rate in force on its
 * date, and for each invitee payments asks about, their other sessions still scheduled in the window
 * it names, handed over in one batch (plannedSessionsOf: a BatchGet of their schedule months, then
 * one of those sessions and their forums, shared with the clash source), each at the rate its forum
 * has in force on its own date. Payments reads only its own ledgers.
 */
const benefitProjectionWarnings: WarningSource = (ctx, deps) =>
  benefitProjections(
    {
      session: {
        sessionId: ctx.session.sessionId,
        startsAt: ctx.session.startsAt,
        endsAt: ctx.session.endsAt,
        hourlyRateMinor: rateOn(ctx.forum.rates, wallClock(ctx.session.startsAt, ctx.forum.timeZone).date)
          ?.hourlyRateMinor,
        currency: ctx.forum.remuneration.currency,
      },
      invitees: ctx.invitees,
      planned: (reads) =>
        plannedSessionsOf(reads, deps, { sessionId: ctx.session.sessionId, knownForum: ctx.forum, read: deps.read }),
    },
    deps,
  );

export const warningSources: WarningSource[] = [
  startsInThePast,
  venueNotAccessible,
  noRateInForce,
  quorumShortfall,
  clashes,
  benefitProjectionWarnings,
];

/** Every warning for a session as it would be scheduled, from every source, in source order. */
export async function schedulingWarnings(ctx: WarningContext, deps: WarningDeps): Promise<Warning[]> {
  const shared = { ...deps, read: memoReads(deps.db) };
  const lists = await Promise.all(warningSources.map((source) => source(ctx, shared)));
  return lists.flat();
}

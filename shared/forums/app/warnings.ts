import type { Clock } from '../../kernel/index.js';
import type { Participant } from '../../participants/index.js';
import { benefitProjections } from '../../payments/index.js';
import type { Db } from '../../runtime/store/db.js';
import { participantInvitations } from '../adapters/invitations-repo.js';
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

/**
 * One source of scheduling warnings. To add one (e.g. benefit projections: "attending this session
 * would cross <rule> for <person>"), write a source and append it to `warningSources`: scheduling,
 * rescheduling and the session view all go through `schedulingWarnings`.
 */
export type WarningSource = (ctx: WarningContext, deps: WarningDeps) => Promise<Warning[]>;

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
 * Invitees already invited to another session at an overlapping time: one Query per invitee on the
 * participant's schedule index (gsi2), bounded to sessions starting within the longest possible
 * session before this one ends. Cancelled sessions and dropped invitations are not in the index.
 */
const clashes: WarningSource = async (ctx, deps) => {
  const from = new Date(Date.parse(ctx.session.startsAt) - MAX_SESSION_MINUTES * 60_000).toISOString();
  const found = await Promise.all(
    ctx.invitees.map(async (p) => {
      const theirs = await participantInvitations(deps.db, p.participantId, { from, to: ctx.session.endsAt });
      return theirs
        .filter(
          (inv) => inv.sessionId !== ctx.session.sessionId && inv.status === 'invited' && overlaps(inv, ctx.session),
        )
        .map(
          (inv): Warning => ({
            kind: 'clash',
            participantId: p.participantId,
            sessionId: inv.sessionId,
            message: clashMessage(p.displayName, inv, ctx.forum.timeZone),
          }),
        );
    }),
  );
  return found.flat();
};

/**
 * Benefit projections (the payments context decides them): the session at the rate in force on its
 * date, and for each invitee payments asks about, their other sessions still scheduled in the window
 * it names — one Query per invitee on the schedule index (gsi2), then one BatchGet of those sessions
 * and their forums — each at the rate its forum has in force on its own date.
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
      planned: (reads) => plannedSessionsOf(reads, deps, { sessionId: ctx.session.sessionId, knownForum: ctx.forum }),
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
  const lists = await Promise.all(warningSources.map((source) => source(ctx, deps)));
  return lists.flat();
}

import type { Clock } from '../../kernel/index.js';
import type { Participant } from '../../participants/index.js';
import { benefitProjections, type PlannedSession } from '../../payments/index.js';
import type { Db } from '../../runtime/store/db.js';
import { getSessionsAndForums, participantInvitations } from '../adapters/forums-repo.js';
import {
  describeTimes,
  type Forum,
  MAX_SESSION_MINUTES,
  overlaps,
  projectedQuorumShortfall,
  type Warning,
  wallClock,
} from '../domain/forums.js';
import { describeDate, oldestFirst, rateOn } from '../domain/rates.js';

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
    ? [
        {
          kind: 'starts-in-the-past',
          message:
            'This session starts in the past. No reminders will be sent; you can record who attended straight away.',
        },
      ]
    : [];

const venueNotAccessible: WarningSource = async (ctx) =>
  ctx.session.venue.accessible
    ? []
    : [
        {
          kind: 'venue-not-accessible',
          message: `${ctx.session.venue.name} is not marked as accessible. Check that everyone invited can get in and around, or choose another venue.`,
        },
      ];

/** No hourly rate is in force on the session's date: recording it as held will be refused until one is. */
const noRateInForce: WarningSource = async (ctx) => {
  const date = wallClock(ctx.session.startsAt, ctx.forum.timeZone).date;
  if (rateOn(ctx.forum.rates, date)) return [];
  const first = oldestFirst(ctx.forum.rates)[0];
  return [
    {
      kind: 'no-rate',
      message: `This forum has no hourly rate in force on ${describeDate(date)}${first ? ` (its first rate starts on ${describeDate(first.effectiveFrom)})` : ''}. Add a rate from that date or earlier before recording who attended, or nobody can be paid.`,
    },
  ];
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
            message: `${p.displayName} is also invited to “${inv.title}” at an overlapping time (${describeTimes(inv, ctx.forum.timeZone)}).`,
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
      planned: async (reads) => {
        const theirs = await Promise.all(
          reads.map(async ({ participantId, window }) => ({
            participantId,
            invitations: (await participantInvitations(deps.db, participantId, window)).filter(
              (inv) => inv.sessionId !== ctx.session.sessionId && inv.status === 'invited',
            ),
          })),
        );
        const all = theirs.flatMap((t) => t.invitations);
        const sessionIds = [...new Set(all.map((inv) => inv.sessionId))];
        const forumIds = [...new Set(all.map((inv) => inv.forumId))].filter((id) => id !== ctx.forum.forumId);
        // One BatchGet holds 100 keys: sessions first, then the other forums they belong to.
        const keys = [...sessionIds.map((id) => ({ session: id })), ...forumIds.map((id) => ({ forum: id }))];
        const batches = await Promise.all(
          Array.from({ length: Math.ceil(keys.length / 100) }, (_, i) => keys.slice(i * 100, i * 100 + 100)).map(
            (chunk) =>
              getSessionsAndForums(
                deps.db,
                chunk.flatMap((k) => ('session' in k ? [k.session] : [])),
                chunk.flatMap((k) => ('forum' in k ? [k.forum] : [])),
              ),
          ),
        );
        const sessions = new Map(batches.flatMap((b) => [...b.sessions]));
        const forums = new Map(batches.flatMap((b) => [...b.forums]));
        const plannedOf = (sessionId: string): PlannedSession[] => {
          const session = sessions.get(sessionId);
          if (session?.status !== 'scheduled') return [];
          const forum = session.forumId === ctx.forum.forumId ? ctx.forum : forums.get(session.forumId);
          if (!forum) return [];
          const rate = rateOn(forum.rates, wallClock(session.startsAt, forum.timeZone).date);
          return [
            {
              sessionId: session.sessionId,
              startsAt: session.startsAt,
              endsAt: session.endsAt,
              hourlyRateMinor: rate?.hourlyRateMinor,
              currency: forum.remuneration.currency,
            },
          ];
        };
        return new Map(theirs.map((t) => [t.participantId, t.invitations.flatMap((inv) => plannedOf(inv.sessionId))]));
      },
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

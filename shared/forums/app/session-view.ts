import { type Actor, ForbiddenError } from '../../kernel/index.js';
import { getParticipants } from '../../participants/index.js';
import type { Db } from '../../runtime/store/db.js';
import { getInvitation, getInvitations } from '../adapters/invitations-repo.js';
import { attendedQuorum, forumView, quorumStatus, type Session } from '../domain/forums.js';
import { forumDate } from '../domain/time.js';
import type { InviteeView, SessionView, YouSaidWeDidEntry } from '../domain/views.js';
import { type ForumDeps, readForum, readSession } from './forums.js';
import { schedulingWarnings } from './warnings.js';

/**
 * What the forum is to hear at this session ("You said, we did"): closed feedback items not yet
 * reported back, when this is the forum's next scheduled session (else none). Bound by the
 * forums-api handler to the feedback context (forums may not import feedback).
 */
export type YouSaidWeDidPort = (session: {
  forumId: string;
  sessionId: string;
  status: Session['status'];
  startsAt: string;
}) => Promise<YouSaidWeDidEntry[]>;

/**
 * The session with its invitees, their answers and the quorum status. Warnings are computed live
 * while the session is still to come (clashes change as other sessions are scheduled). A member
 * sees only their own invitation: other invitees' names are not theirs to see.
 */
export async function viewSession(
  sessionId: string,
  actor: Actor,
  deps: ForumDeps & { youSaidWeDid?: YouSaidWeDidPort },
): Promise<SessionView> {
  const session = await readSession(sessionId, deps);
  const [forum, invitations, youSaidWeDid] = await Promise.all([
    readForum(session.forumId, deps),
    getInvitations(deps.db, sessionId),
    deps.youSaidWeDid?.(session),
  ]);
  const isCoordinator = actor.roles.includes('coordinator');
  if (!isCoordinator && !invitations.some((i) => i.participantId === actor.participantId)) {
    throw new ForbiddenError('You can only see sessions you are invited to.');
  }
  const participants = await getParticipants(deps.db, [
    ...invitations.map((i) => i.participantId),
    ...(session.attendance ?? []).map((a) => a.participantId),
  ]);
  const invitees: InviteeView[] = invitations.map((inv) => {
    const p = participants.get(inv.participantId);
    const withdrawn =
      p?.consent.status === 'withdrawn' && Date.parse(p.consent.withdrawnAt ?? '') < Date.parse(session.startsAt);
    // The session's own status first: a large session's invitations follow a cancel a moment later.
    const status = session.status === 'cancelled' && inv.status === 'invited' ? 'cancelled' : inv.status;
    return {
      participantId: inv.participantId,
      displayName: p?.displayName ?? 'Former participant',
      stakeholderGroup: p?.stakeholderGroup ?? null,
      constituency: p?.constituency ?? null,
      // A withdrawal the consumer has not processed yet already counts here.
      status: status === 'invited' && (withdrawn || !p) ? 'dropped' : status,
      rsvp: inv.rsvp,
      rsvpAt: inv.rsvpAt ?? null,
    };
  });
  const counted = invitees.flatMap((i) =>
    i.status === 'invited' && i.constituency !== null ? [{ ...i, constituency: i.constituency }] : [],
  );
  const quorum =
    session.status === 'held' && session.attendance
      ? attendedQuorum(
          forum.quorum,
          session.attendance.flatMap((a) => {
            const p = participants.get(a.participantId);
            return p ? [{ constituency: p.constituency }] : [];
          }),
        )
      : quorumStatus(forum.quorum, counted);
  const upcoming = session.status === 'scheduled' && Date.parse(session.startsAt) > deps.clock.now().getTime();
  const warnings =
    upcoming && isCoordinator
      ? await schedulingWarnings(
          { forum, session, invitees: counted.flatMap((i) => participants.get(i.participantId) ?? []) },
          deps,
        )
      : [];
  const { remuneration } = forumView(forum, forumDate(forum, deps.clock.now()));
  const { quorum: rule, forumId, name, level, areaId, timeZone } = forum;
  const { attendance, attendanceHash: _hash, version: _version, ...rest } = session;
  return {
    ...rest,
    forum: { forumId, name, level, areaId, timeZone, remuneration, quorum: rule },
    timeZone,
    invitees: isCoordinator ? invitees : invitees.filter((i) => i.participantId === actor.participantId),
    ...(attendance
      ? {
          attendance: attendance
            .filter((a) => isCoordinator || a.participantId === actor.participantId)
            .map((a) => ({
              ...a,
              displayName: participants.get(a.participantId)?.displayName ?? 'Former participant',
            })),
        }
      : {}),
    quorum,
    warnings,
    calendarUrl: `/api/sessions/${encodeURIComponent(sessionId)}/calendar.ics`,
    ...(youSaidWeDid ? { youSaidWeDid } : {}),
  };
}

/** Members may read a session (its calendar invite) only when they are invited to it. */
export async function assertMayReadSession(sessionId: string, actor: Actor, deps: { db: Db }) {
  if (actor.roles.includes('coordinator')) return;
  const inv = actor.participantId ? await getInvitation(deps.db, sessionId, actor.participantId) : undefined;
  if (!inv) throw new ForbiddenError('You can only see sessions you are invited to.');
}

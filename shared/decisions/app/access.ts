import { type Actor, ForbiddenError, hasRole } from '../../kernel/index.js';
import { getParticipant, type Participant } from '../../participants/index.js';
import type { Db } from '../../runtime/store/db.js';
import { type Decision, mayTakePart } from '../domain/decisions.js';
import { type Forum, getForum, getForums, getInvitation } from './forums-port.js';

/**
 * Who may read and sign which decision. Coordinators and governance see and manage every decision;
 * everyone else (members) only the decisions they are signatories-to-be of (mayTakePart).
 */
export const mayReadEveryDecision = (actor: Actor) => hasRole(actor, 'coordinator', 'governance');

/** The member's participant record, or 403 saying why there is none. */
export async function memberOf(actor: Actor, db: Db, what: 'sign' | 'see'): Promise<Participant> {
  const participantId = actor.participantId;
  if (!participantId) {
    throw new ForbiddenError(`Your sign-in is not linked to a participant record, so you cannot ${what} decisions.`);
  }
  const participant = await getParticipant(db, participantId);
  if (!participant) {
    throw new ForbiddenError(`We could not find your participant record, so you cannot ${what} decisions.`);
  }
  return participant;
}

/**
 * Whether the member is one of the decision's signatories-to-be (see mayTakePart). The invitation
 * is read from the forums context's own item (a consistent Get), written in the same transaction
 * as the session: it is there the moment the session exists. The DECISIONSESSION copy that
 * decision-reminders keeps from ForumSessionScheduled arrives through the bus, later (or, if its
 * delivery dead-letters, never), so it must not decide who may sign.
 */
export async function assertMayTakePart(
  d: Pick<Decision, 'forumId' | 'sessionId'>,
  member: Participant,
  db: Db,
  forumRead?: Forum,
) {
  const verdict = mayTakePart(d, member, {
    invitation: d.sessionId ? await getInvitation(db, d.sessionId, member.participantId) : undefined,
    forum: d.sessionId ? undefined : (forumRead ?? (await getForum(db, d.forumId))),
  });
  if (!verdict.ok) throw new ForbiddenError(verdict.message);
}

/**
 * The decisions of a page this member may take part in: one Get per distinct session (their
 * invitation) and per distinct forum (its area), read in parallel.
 */
export async function takingPart<D extends Pick<Decision, 'decisionId' | 'forumId' | 'sessionId'>>(
  decisions: readonly D[],
  member: Participant,
  forums: Map<string, Forum>,
  db: Db,
): Promise<D[]> {
  const sessionIds = [...new Set(decisions.flatMap((d) => (d.sessionId ? [d.sessionId] : [])))];
  const invitations = new Map(
    await Promise.all(
      sessionIds.map(async (sid) => [sid, await getInvitation(db, sid, member.participantId)] as const),
    ),
  );
  return decisions.filter(
    (d) =>
      mayTakePart(d, member, {
        invitation: d.sessionId ? invitations.get(d.sessionId) : undefined,
        forum: forums.get(d.forumId),
      }).ok,
  );
}

/** The forums of these decisions, by id (one BatchGet). */
export const forumsOf = (db: Db, forumIds: readonly string[]): Promise<Map<string, Forum>> => getForums(db, forumIds);

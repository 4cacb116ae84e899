import { decisionById } from '../../decisions/index.js';
import {
  type Forum,
  forumById,
  forumSessionsStarting,
  invitationOf,
  invitedToForum,
  sessionById,
} from '../../forums/index.js';
import { getParticipant, hasConsentFor, type Participant } from '../../participants/index.js';
import type { Db } from '../../runtime/store/db.js';

/**
 * What the feedback context reads from the others, through their index only: the forum (its area,
 * name and time zone), its sessions, a member's invitations, the participant who raised an item,
 * and the decision an update links.
 */
export type { Forum, Participant };
export { hasConsentFor };
export const getForum = (db: Db, forumId: string) => forumById(forumId, { db });
export const getSession = (db: Db, sessionId: string) => sessionById(sessionId, { db });
export const getPerson = (db: Db, participantId: string) => getParticipant(db, participantId);
export const getDecisionForum = (db: Db, decisionId: string) => decisionById(decisionId, { db });
export const sessionsStarting = (db: Db, forumId: string, range: { from: string; to: string }) =>
  forumSessionsStarting(forumId, range, { db });

/**
 * Whether a member takes part in a forum, as the contract says: in the forum's area, or invited to
 * one of its sessions (the session named, or any other: a live invitation, not dropped or cancelled).
 */
export async function takesPartIn(
  member: Pick<Participant, 'participantId' | 'areaId'>,
  forum: Pick<Forum, 'forumId' | 'areaId'>,
  db: Db,
  sessionId?: string,
): Promise<boolean> {
  if (member.areaId === forum.areaId) return true;
  if (sessionId) {
    const inv = await invitationOf(sessionId, member.participantId, { db });
    if (inv && inv.forumId === forum.forumId && inv.status === 'invited') return true;
  }
  return invitedToForum(member.participantId, forum.forumId, { db });
}

import { type Forum, forumById, forumsByIds, invitationOf, sessionById, sessionInvitees } from '../../forums/index.js';
import type { Db } from '../../runtime/store/db.js';

/**
 * What the decisions context reads from the forums context, through its index: the forum (its area
 * and time zone), the session a decision names, and a member's invitation to it.
 */
export type { Forum };
export const getForum = (db: Db, forumId: string) => forumById(forumId, { db });
export const getForums = (db: Db, forumIds: readonly string[]) => forumsByIds(forumIds, { db });
export const getSession = (db: Db, sessionId: string) => sessionById(sessionId, { db });
export const getInvitation = (db: Db, sessionId: string, participantId: string) =>
  invitationOf(sessionId, participantId, { db });
/** Every invitation to a session (the forums context's own items): who may sign a decision taken there. */
export const getInvitations = (db: Db, sessionId: string) => sessionInvitees(sessionId, { db });

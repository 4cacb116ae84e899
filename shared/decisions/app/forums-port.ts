/**
 * What the decisions context reads from the forums context: the forum (its area and time zone), the
 * session a decision names, and a member's invitation to it. The forums context has no index.ts
 * yet (it is being converted); until it has, every read of it goes through this one file, so that
 * switching to its index is a change here only.
 */
export { getForum, getInvitation, getSession } from '../../forums/adapters/forums-repo.js';
export type { Forum } from '../../forums/domain/forums.js';

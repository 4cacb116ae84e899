/**
 * Everything the co-production report reads from other contexts, in one place. Forums and payments
 * have no index.ts yet (they are being converted): until they have, their reads come from their
 * current files through this file only, so that switching to their index is a change here only.
 */
export { decisionsForReport } from '../../decisions/index.js';
export { forumSessionsBetween, listAllForums } from '../../forums/adapters/forums-repo.js';
export { attendedQuorum, wallClock } from '../../forums/domain/forums.js';
export { getParticipants } from '../../participants/index.js';
export { paymentsPayableBetween } from '../../payments/adapters/payments-repo.js';

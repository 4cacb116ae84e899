/** Everything the evaluation reads from other contexts, in one place, through their index. */
export { decisionSigners, decisionsForReport } from '../../decisions/index.js';
export { forumById, sessionById, sessionsForReport } from '../../forums/index.js';
export { getParticipant, getParticipants, participantsInArea } from '../../participants/index.js';
export { paymentsOfAttendances } from '../../payments/index.js';

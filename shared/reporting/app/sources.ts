/** Everything the co-production report reads from other contexts, in one place, through their index. */
export { decisionsForReport } from '../../decisions/index.js';
export { sessionsForReport } from '../../forums/index.js';
export { paymentsForReport } from '../../payments/index.js';

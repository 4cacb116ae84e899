import type { Clock } from '../../kernel/index.js';
import type { Db } from '../../runtime/store/db.js';

/** What the feedback API and the SessionHeld consumer need: the table and the clock. */
export type FeedbackDeps = { db: Db; clock: Clock };

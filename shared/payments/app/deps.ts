import type { Clock } from '../../kernel/index.js';
import type { Db } from '../../runtime/store/db.js';

/** What the payments use cases need: the table and the clock. */
export type PaymentDeps = { db: Db; clock: Clock };

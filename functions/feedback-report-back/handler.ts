import { SessionHeld } from '../../events/index.js';
import { type FeedbackDeps, markReportedBackAt } from '../../shared/feedback/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { eventConsumer } from '../../shared/runtime/events/consumer.js';

/** On SessionHeld: the forum heard its "You said, we did" list, so those items are marked reported back (idempotent). */
export const buildHandler = (deps: FeedbackDeps) =>
  eventConsumer(SessionHeld, async ({ data }) => {
    await markReportedBackAt(data, deps);
  });

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

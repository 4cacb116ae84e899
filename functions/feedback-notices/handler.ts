import { FeedbackUpdated } from '../../events/index.js';
import { type FeedbackNoticeDeps, sendFeedbackNotice } from '../../shared/feedback/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { eventConsumer } from '../../shared/runtime/events/consumer.js';
import { sesNotifierFromEnv } from '../../shared/runtime/ses-notifier.js';

/** On FeedbackUpdated: tells the person who raised the item (with contact consent and an email) what changed, once per change. */
export const buildHandler = (deps: FeedbackNoticeDeps) =>
  eventConsumer(FeedbackUpdated, async ({ data }) => {
    await sendFeedbackNotice(data, deps);
  });

export const handler = buildHandler({ db: mainDb(), clock: systemClock, notifier: sesNotifierFromEnv() });

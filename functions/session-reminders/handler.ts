import { SessionReminderDue } from '../../events/index.js';
import { type NoticeDeps, sendSessionReminders } from '../../shared/forums/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb, publicUrlConfig } from '../../shared/runtime/aws.js';
import { eventConsumer } from '../../shared/runtime/events/consumer.js';
import { sesNotifierFromEnv } from '../../shared/runtime/ses-notifier.js';

export const buildHandler = (deps: NoticeDeps) =>
  eventConsumer(SessionReminderDue, async ({ data }) => {
    await sendSessionReminders(data, deps);
  });

export const handler = buildHandler({
  db: mainDb(),
  clock: systemClock,
  notifier: sesNotifierFromEnv(),
  config: publicUrlConfig(),
});

import { SessionReminderDue } from '../../events/index.js';
import { type ReminderDeps, sendSessionReminders } from '../../shared/forums/app/reminders.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb, publicUrlConfig } from '../../shared/runtime/aws.js';
import { eventConsumer } from '../../shared/runtime/events/consumer.js';
import { sesNotifierFromEnv } from '../../shared/runtime/ses-notifier.js';

export const buildHandler = (deps: ReminderDeps) =>
  eventConsumer(SessionReminderDue, async ({ data }) => {
    await sendSessionReminders(data, deps);
  });

export const handler = buildHandler({
  db: mainDb(),
  clock: systemClock,
  notifier: sesNotifierFromEnv(),
  config: publicUrlConfig(),
});

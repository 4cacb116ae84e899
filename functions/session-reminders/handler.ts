import { SessionReminderDue } from '../../events/index.js';
import { sesNotifierFromEnv } from '../../shared/adapters/ses-notifier.js';
import { type ReminderDeps, sendSessionReminders } from '../../shared/app/forums-reminders.js';
import { mainDb, publicUrlConfig } from '../../shared/runtime/aws.js';
import { systemClock } from '../../shared/runtime/clock.js';
import { eventConsumer } from '../../shared/runtime/consumer.js';

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

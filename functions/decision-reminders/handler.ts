import { DecisionSignOffOverdue, ForumSessionScheduled } from '../../events/index.js';
import { type ReminderDeps, recordSessionInvitees, remindSigners } from '../../shared/decisions/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb, publicUrlConfig } from '../../shared/runtime/aws.js';
import { eventConsumer, eventRouter } from '../../shared/runtime/events/consumer.js';
import { logger } from '../../shared/runtime/logger.js';
import { sesNotifierFromEnv } from '../../shared/runtime/ses-notifier.js';

export const buildHandler = (deps: ReminderDeps) =>
  eventRouter([
    [ForumSessionScheduled, eventConsumer(ForumSessionScheduled, ({ data }) => recordSessionInvitees(data, deps))],
    [
      DecisionSignOffOverdue,
      eventConsumer(DecisionSignOffOverdue, async ({ data }) => {
        logger.info('Sign-off reminders', { decisionId: data.decisionId, sent: await remindSigners(data, deps) });
      }),
    ],
  ]);

export const handler = buildHandler({
  db: mainDb(),
  clock: systemClock,
  notifier: sesNotifierFromEnv(),
  config: publicUrlConfig(),
});

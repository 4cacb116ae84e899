import {
  DecisionAmended,
  DecisionProposed,
  DecisionSignOffOverdue,
  ForumSessionScheduled,
} from '../../events/index.js';
import { askToSign, type ReminderDeps, recordSessionInvitees, remindSigners } from '../../shared/decisions/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb, publicUrlConfig } from '../../shared/runtime/aws.js';
import { eventConsumer, eventRouter } from '../../shared/runtime/events/consumer.js';
import { logger } from '../../shared/runtime/logger.js';
import { sesNotifierFromEnv } from '../../shared/runtime/ses-notifier.js';

export const buildHandler = (deps: ReminderDeps) =>
  eventRouter([
    [ForumSessionScheduled, eventConsumer(ForumSessionScheduled, ({ data }) => recordSessionInvitees(data, deps))],
    [
      DecisionProposed,
      eventConsumer(DecisionProposed, async ({ data }) => {
        logger.info('Asked to sign', { decisionId: data.decisionId, revision: 1, sent: await askToSign(data, deps) });
      }),
    ],
    [
      DecisionAmended,
      eventConsumer(DecisionAmended, async ({ data }) => {
        const sent = await askToSign(data, deps);
        logger.info('Asked to sign', { decisionId: data.decisionId, revision: data.revision, sent });
      }),
    ],
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

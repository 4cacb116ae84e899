import { ForumSessionScheduled, SessionCancelled, SessionRescheduled } from '../../events/index.js';
import { type ReminderScheduleDeps, reconcileReminderSchedules } from '../../shared/forums/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { awsSchedulerFromEnv } from '../../shared/runtime/aws-scheduler.js';
import { eventConsumer, eventRouter } from '../../shared/runtime/events/consumer.js';

/** Three subscriptions, one use case: each contract is still parsed by its own schema. */
export const buildHandler = (deps: ReminderScheduleDeps) => {
  const reconcile = async ({ data }: { data: { sessionId: string } }) => {
    await reconcileReminderSchedules(data.sessionId, deps);
  };
  return eventRouter([
    [ForumSessionScheduled, eventConsumer(ForumSessionScheduled, reconcile)],
    [SessionRescheduled, eventConsumer(SessionRescheduled, reconcile)],
    [SessionCancelled, eventConsumer(SessionCancelled, reconcile)],
  ]);
};

export const handler = buildHandler({ db: mainDb(), clock: systemClock, scheduler: awsSchedulerFromEnv() });

import { ForumSessionScheduled, SessionCancelled, SessionRescheduled } from '../../events/index.js';
import { type ReminderScheduleDeps, reconcileReminderSchedules } from '../../shared/forums/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { awsSchedulerFromEnv } from '../../shared/runtime/aws-scheduler.js';
import { eventConsumer, eventRouter } from '../../shared/runtime/events/consumer.js';

/** Three subscriptions, one use case: each contract is still parsed by its own schema. */
export const buildHandler = (deps: ReminderScheduleDeps) =>
  eventRouter([
    [ForumSessionScheduled, eventConsumer(ForumSessionScheduled, (d) => reconcile(d.data.sessionId, deps))],
    [SessionRescheduled, eventConsumer(SessionRescheduled, (d) => reconcile(d.data.sessionId, deps))],
    [SessionCancelled, eventConsumer(SessionCancelled, (d) => reconcile(d.data.sessionId, deps))],
  ]);

const reconcile = async (sessionId: string, deps: ReminderScheduleDeps) => {
  await reconcileReminderSchedules(sessionId, deps);
};

export const handler = buildHandler({ db: mainDb(), clock: systemClock, scheduler: awsSchedulerFromEnv() });

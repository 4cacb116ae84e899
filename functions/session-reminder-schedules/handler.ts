import { ForumSessionScheduled, SessionCancelled, SessionRescheduled } from '../../events/index.js';
import { reconcileReminderSchedules } from '../../shared/forums/app/reminders.js';
import { type Clock, systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { awsSchedulerFromEnv } from '../../shared/runtime/aws-scheduler.js';
import type { SchedulerPort } from '../../shared/runtime/deps.js';
import { eventConsumer, eventRouter } from '../../shared/runtime/events/consumer.js';
import type { Db } from '../../shared/runtime/store/db.js';

type Route = Parameters<typeof eventRouter>[0][number];

/** Three subscriptions, one use case: each contract is still parsed by its own schema. */
export const buildHandler = (deps: { db: Db; clock: Clock; scheduler: SchedulerPort }) =>
  eventRouter(
    [ForumSessionScheduled, SessionRescheduled, SessionCancelled].map(
      (contract): Route => [
        contract,
        eventConsumer(contract, async ({ data }) => {
          await reconcileReminderSchedules(data.sessionId, deps);
        }) as unknown as Route[1],
      ],
    ),
  );

export const handler = buildHandler({ db: mainDb(), clock: systemClock, scheduler: awsSchedulerFromEnv() });

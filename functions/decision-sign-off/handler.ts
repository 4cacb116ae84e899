import { DecisionAmended, DecisionProposed, DecisionSignOffDue } from '../../events/index.js';
import { raiseOverdue, type SignOffDeps, scheduleSignOffCheck } from '../../shared/decisions/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { auditDb, mainDb } from '../../shared/runtime/aws.js';
import { awsSchedulerFromEnv } from '../../shared/runtime/aws-scheduler.js';
import { eventConsumer, eventRouter } from '../../shared/runtime/events/consumer.js';
import { logger } from '../../shared/runtime/logger.js';

export const buildHandler = (deps: SignOffDeps) =>
  eventRouter([
    [
      DecisionProposed,
      eventConsumer(DecisionProposed, async ({ data }) => void (await scheduleSignOffCheck(data, deps))),
    ],
    [
      DecisionAmended,
      eventConsumer(DecisionAmended, async ({ data }) => void (await scheduleSignOffCheck(data, deps))),
    ],
    [
      DecisionSignOffDue,
      eventConsumer(DecisionSignOffDue, async ({ data }) => {
        logger.info('Sign-off check', { decisionId: data.decisionId, outcome: await raiseOverdue(data, deps) });
      }),
    ],
  ]);

export const handler = buildHandler({
  db: mainDb(),
  auditDb: auditDb(),
  clock: systemClock,
  scheduler: awsSchedulerFromEnv(),
});

import { ParticipantRecruited } from '../../events/index.js';
import type { Db } from '../../shared/adapters/db.js';
import { recordWelcomeTask } from '../../shared/app/tasks.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { type Clock, systemClock } from '../../shared/runtime/clock.js';
import { eventConsumer } from '../../shared/runtime/consumer.js';

export const buildHandler = (deps: { db: Db; clock: Clock }) =>
  eventConsumer(ParticipantRecruited, async ({ data }) => {
    await recordWelcomeTask(data, deps);
  });

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

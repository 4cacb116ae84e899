import { ParticipantRecruited } from '../../events/index.js';
import { type Clock, systemClock } from '../../shared/kernel/index.js';
import { recordWelcomeTask } from '../../shared/participants/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { eventConsumer } from '../../shared/runtime/events/consumer.js';
import type { Db } from '../../shared/runtime/store/db.js';

export const buildHandler = (deps: { db: Db; clock: Clock }) =>
  eventConsumer(ParticipantRecruited, async ({ data }) => {
    await recordWelcomeTask(data, deps);
  });

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

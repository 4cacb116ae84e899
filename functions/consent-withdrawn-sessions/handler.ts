import { ParticipantConsentWithdrawn } from '../../events/index.js';
import { dropFromFutureSessions } from '../../shared/forums/index.js';
import { type Clock, systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { eventConsumer } from '../../shared/runtime/events/consumer.js';
import type { Db } from '../../shared/runtime/store/db.js';

export const buildHandler = (deps: { db: Db; clock: Clock }) =>
  eventConsumer(ParticipantConsentWithdrawn, async ({ data }) => {
    await dropFromFutureSessions(data, deps);
  });

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

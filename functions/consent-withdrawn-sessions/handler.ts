import { ParticipantConsentWithdrawn } from '../../events/index.js';
import type { Db } from '../../shared/adapters/db.js';
import { dropFromFutureSessions } from '../../shared/app/forums-consent.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { type Clock, systemClock } from '../../shared/runtime/clock.js';
import { eventConsumer } from '../../shared/runtime/consumer.js';

export const buildHandler = (deps: { db: Db; clock: Clock }) =>
  eventConsumer(ParticipantConsentWithdrawn, async ({ data }) => {
    await dropFromFutureSessions(data, deps);
  });

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

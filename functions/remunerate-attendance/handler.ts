import { SessionHeld } from '../../events/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { type PaymentDeps, remunerateSession } from '../../shared/payments/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { eventConsumer } from '../../shared/runtime/events/consumer.js';

/** On SessionHeld: one payment per lived-experience attendee (due, held or settled by preference). */
export const buildHandler = (deps: PaymentDeps) =>
  eventConsumer(SessionHeld, async (detail) => {
    await remunerateSession(detail, deps);
  });

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

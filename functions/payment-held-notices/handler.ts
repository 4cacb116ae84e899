import { PaymentHeld } from '../../events/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { coordinatorEmailConfig, type HeldNoticeDeps, sendPaymentHeldNotices } from '../../shared/payments/index.js';
import { mainDb, publicUrlConfig } from '../../shared/runtime/aws.js';
import { eventConsumer } from '../../shared/runtime/events/consumer.js';
import { sesNotifierFromEnv } from '../../shared/runtime/ses-notifier.js';

/** On PaymentHeld: tells the person (with contact consent and an email) and the coordinators, each once. */
export const buildHandler = (deps: HeldNoticeDeps) =>
  eventConsumer(PaymentHeld, async ({ data }) => {
    await sendPaymentHeldNotices(data, deps);
  });

export const handler = buildHandler({
  db: mainDb(),
  clock: systemClock,
  notifier: sesNotifierFromEnv(),
  config: { ...publicUrlConfig(), ...coordinatorEmailConfig() },
});

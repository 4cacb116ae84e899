import { PaymentDue } from '../../events/index.js';
import { type Clock, systemClock } from '../../shared/kernel/index.js';
import { deliverToFinance, financeWebhookFromEnv } from '../../shared/payments/index.js';
import type { AppConfig } from '../../shared/runtime/deps.js';
import { eventConsumer } from '../../shared/runtime/events/consumer.js';

/** On PaymentDue: POST it, signed the Standard Webhooks way, to the finance webhook when one is configured; a non-2xx throws and is retried. */
export const buildHandler = (deps: { config: Pick<AppConfig, 'financeWebhook'>; clock: Clock }) =>
  eventConsumer(PaymentDue, async (detail) => {
    await deliverToFinance(detail, deps.config.financeWebhook, deps.clock);
  });

export const handler = buildHandler({ config: { financeWebhook: financeWebhookFromEnv() }, clock: systemClock });

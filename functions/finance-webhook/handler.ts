import { PaymentDue } from '../../events/index.js';
import { deliverToFinance, financeWebhookFromEnv } from '../../shared/payments/index.js';
import type { AppConfig } from '../../shared/runtime/deps.js';
import { eventConsumer } from '../../shared/runtime/events/consumer.js';

/** On PaymentDue: POST it, HMAC-signed, to the finance webhook when one is configured; a non-2xx throws and is retried. */
export const buildHandler = (deps: { config: Pick<AppConfig, 'financeWebhook'> }) =>
  eventConsumer(PaymentDue, async (detail) => {
    await deliverToFinance(detail, deps.config.financeWebhook);
  });

export const handler = buildHandler({ config: { financeWebhook: financeWebhookFromEnv() } });

import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { DetailOf } from '../../../events/define-event.js';
import type { PaymentDue } from '../../../events/payments.js';
import { readEnv } from '../../runtime/env.js';

/** Where PaymentDue is POSTed for finance, and the shared secret that signs each body. */
export type FinanceWebhookConfig = { url: string; secret: string };

export const SIGNATURE_HEADER = 'x-coproduce-signature';
export const IDEMPOTENCY_HEADER = 'x-coproduce-idempotency-key';

/** `sha256=<hex>` of HMAC-SHA256 over the exact bytes sent; finance recomputes it and compares in constant time. */
export const signBody = (rawBody: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;

export class FinanceWebhookError extends Error {
  override name = 'FinanceWebhookError';
}

/**
 * POST one PaymentDue detail to the finance webhook, signed. Anything but a 2xx throws, so the bus
 * retries it (and dead-letters it after its retries): delivery is at least once, and finance
 * dedupes on `data.paymentIdempotencyKey` (also sent as a header). Without a URL it does nothing.
 */
export async function deliverToFinance(
  detail: DetailOf<typeof PaymentDue>,
  config: FinanceWebhookConfig | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<'sent' | 'not-configured'> {
  if (!config) return 'not-configured';
  const body = JSON.stringify(detail);
  const res = await fetchImpl(config.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signBody(body, config.secret),
      [IDEMPOTENCY_HEADER]: detail.data.paymentIdempotencyKey,
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) {
    throw new FinanceWebhookError(
      `Finance webhook answered ${res.status} for ${detail.data.paymentId}; it will be retried.`,
    );
  }
  return 'sent';
}

/** FINANCE_WEBHOOK_URL (optional) and, when it is set, FINANCE_WEBHOOK_SECRET (required, at least 16 characters). */
export function financeWebhookFromEnv(env: NodeJS.ProcessEnv = process.env): FinanceWebhookConfig | undefined {
  const { FINANCE_WEBHOOK_URL: url } = readEnv({ FINANCE_WEBHOOK_URL: z.url().optional() }, env);
  if (!url) return undefined;
  const { FINANCE_WEBHOOK_SECRET: secret } = readEnv({ FINANCE_WEBHOOK_SECRET: z.string().min(16) }, env);
  return { url, secret };
}

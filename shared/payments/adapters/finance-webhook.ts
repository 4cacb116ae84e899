import { createHmac } from 'node:crypto';
import * as z from 'zod/mini';
import type { DetailOf } from '../../../events/define-event.js';
import type { PaymentDue } from '../../../events/payments.js';
import type { Clock } from '../../kernel/index.js';
import { readEnv } from '../../runtime/env.js';

/**
 * Where PaymentDue is POSTed for finance, and the shared secret that signs each delivery: a Standard
 * Webhooks secret, `whsec_` + base64 of the key bytes (24 to 64 bytes), or — the older form, still
 * accepted — any passphrase of 16 characters or more, whose UTF-8 bytes are the key.
 */
export type FinanceWebhookConfig = { url: string; secret: string };

/** Standard Webhooks headers (https://www.standardwebhooks.com). */
export const ID_HEADER = 'webhook-id';
export const TIMESTAMP_HEADER = 'webhook-timestamp';
export const SIGNATURE_HEADER = 'webhook-signature';
/** The payment's key finance dedupes on (also in the body as data.paymentIdempotencyKey). */
export const IDEMPOTENCY_HEADER = 'x-coproduce-idempotency-key';

const SECRET_PREFIX = 'whsec_';

/** The HMAC key of a secret: the base64-decoded bytes after `whsec_`, or a passphrase's UTF-8 bytes. */
export function signingKey(secret: string): Buffer {
  return secret.startsWith(SECRET_PREFIX)
    ? Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/**
 * `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`: the Standard Webhooks signature. The id
 * and the timestamp are signed with the exact bytes sent, so a receiver that checks the timestamp is
 * recent can refuse a replayed delivery, and one that remembers ids can refuse a repeat.
 */
export const signDelivery = (id: string, timestampSeconds: number, rawBody: string, secret: string) =>
  `v1,${createHmac('sha256', signingKey(secret)).update(`${id}.${timestampSeconds}.${rawBody}`, 'utf8').digest('base64')}`;

export class FinanceWebhookError extends Error {
  override name = 'FinanceWebhookError';
}

/**
 * POST one PaymentDue detail to the finance webhook, signed the Standard Webhooks way. Anything but
 * a 2xx throws, so the bus retries it (and dead-letters it after its retries): delivery is at least
 * once. Every attempt has the same `webhook-id` (the event's idempotency key) and its own
 * `webhook-timestamp` (when it is sent); finance dedupes payments on `data.paymentIdempotencyKey`
 * (also sent as a header). Without a URL it does nothing.
 */
export async function deliverToFinance(
  detail: DetailOf<typeof PaymentDue>,
  config: FinanceWebhookConfig | undefined,
  clock: Clock,
  fetchImpl: typeof fetch = fetch,
): Promise<'sent' | 'not-configured'> {
  if (!config) return 'not-configured';
  const body = JSON.stringify(detail);
  const id = detail.metadata.idempotencyKey;
  const timestamp = Math.floor(clock.now().getTime() / 1000);
  const res = await fetchImpl(config.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [ID_HEADER]: id,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signDelivery(id, timestamp, body, config.secret),
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

const WebhookSecret = z
  .string()
  .check(
    z.refine(
      (s) =>
        s.startsWith(SECRET_PREFIX)
          ? /^[A-Za-z0-9+/]+={0,2}$/.test(s.slice(SECRET_PREFIX.length)) &&
            signingKey(s).length >= 24 &&
            signingKey(s).length <= 64
          : s.length >= 16,
      'Use whsec_ followed by the base64 of 24 to 64 random bytes (e.g. whsec_$(openssl rand -base64 32)), or a passphrase of 16 characters or more.',
    ),
  );

/** FINANCE_WEBHOOK_URL (optional) and, when it is set, FINANCE_WEBHOOK_SECRET (required: whsec_… or 16+ characters). */
export function financeWebhookFromEnv(env: NodeJS.ProcessEnv = process.env): FinanceWebhookConfig | undefined {
  const { FINANCE_WEBHOOK_URL: url } = readEnv({ FINANCE_WEBHOOK_URL: z.optional(z.url()) }, env);
  if (!url) return undefined;
  const { FINANCE_WEBHOOK_SECRET: secret } = readEnv({ FINANCE_WEBHOOK_SECRET: WebhookSecret }, env);
  return { url, secret };
}

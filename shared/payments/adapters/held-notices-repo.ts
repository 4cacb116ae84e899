import * as z from 'zod/mini';
import type { AppConfig } from '../../runtime/deps.js';
import { readEnv } from '../../runtime/env.js';
import type { SendClaim } from '../../runtime/store/send-claims.js';

/**
 * "Sent at most once" records of the held-payment notices (docs/data-model.md, "Payments"): one per
 * payment for the person and one for the coordinators, in the payment's partition beside it.
 * runtime/store/send-claims.ts claims, marks and releases them. Ids and times only.
 */

export type HeldNoticeAudience = 'member' | 'coordinators';

/** Kept for 180 days after the hold (DynamoDB TTL): long after any redelivery of PaymentHeld. */
const RETENTION_SECONDS = 180 * 24 * 3600;

export const heldNoticeClaim = (
  p: { paymentId: string; participantId: string; createdAt: string },
  audience: HeldNoticeAudience,
): SendClaim => ({
  key: { pk: `PAYMENT#${p.paymentId}`, sk: `NOTICE#held#${audience}` },
  entity: 'payment-notice-send',
  attributes: { paymentId: p.paymentId, participantId: p.participantId, audience },
  expiresAt: Math.floor(Date.parse(p.createdAt) / 1000) + RETENTION_SECONDS,
});

/** Lambda wiring: COORDINATOR_EMAIL, set by the CDK construct for `access.coordinatorEmail`; fails fast without it. */
export const coordinatorEmailConfig = (env: NodeJS.ProcessEnv = process.env): Pick<AppConfig, 'coordinatorEmail'> => ({
  coordinatorEmail: readEnv({ COORDINATOR_EMAIL: z.email() }, env).COORDINATOR_EMAIL,
});

/** The local stack's default, so `npm start` shows coordinator notices in the mailbox without any setup. */
export const LOCAL_COORDINATOR_EMAIL = 'coordinators@example.org';

/** Locally: COORDINATOR_EMAIL when set (it must be an address), otherwise LOCAL_COORDINATOR_EMAIL. */
export const localCoordinatorEmail = (env: NodeJS.ProcessEnv = process.env): string =>
  readEnv({ COORDINATOR_EMAIL: z.optional(z.email()) }, env).COORDINATOR_EMAIL ?? LOCAL_COORDINATOR_EMAIL;

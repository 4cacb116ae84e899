import * as z from 'zod/mini';
import { Id, IsoDateTime } from '../../kernel/index.js';
import { defineItem } from '../../runtime/store/item.js';
import type { SendClaim } from '../../runtime/store/send-claims.js';

/**
 * "Asked once" records of the messages asking members to sign (docs/data-model.md, "Decisions"):
 * one per decision, revision and person, in a partition of their own (`DECISIONNOTICE#<id>`), so
 * reading a decision's history never reads them. runtime/store/send-claims.ts claims, marks and
 * releases them. Kept until 90 days after the sign-off due date (DynamoDB TTL).
 */
const RETENTION_SECONDS = 90 * 24 * 3600;

export const SignRequestSend = z.object({
  decisionId: Id,
  revision: z.number().check(z.int(), z.positive()),
  participantId: Id,
});
export const SignRequestSendItem = defineItem({
  entity: 'decision-sign-request',
  schema: z.extend(SignRequestSend, {
    state: z.enum(['sending', 'sent']),
    claimedAt: IsoDateTime,
    sentAt: z.optional(IsoDateTime),
    expiresAt: z.number().check(z.int()),
  }),
});

export function signRequestClaim(
  d: { decisionId: string; revision: number; signOffDueAt: string },
  participantId: string,
): SendClaim {
  return {
    key: {
      pk: `DECISIONNOTICE#${d.decisionId}`,
      sk: `SIGN#${String(d.revision).padStart(4, '0')}#${participantId}`,
    },
    attributes: { decisionId: d.decisionId, revision: d.revision, participantId },
    entity: SignRequestSendItem.entity,
    expiresAt: Math.floor(Date.parse(d.signOffDueAt) / 1000) + RETENTION_SECONDS,
  };
}

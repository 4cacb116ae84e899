import * as z from 'zod/mini';
import { Id, IsoDateTime } from './common.js';
import { defineEvent } from './define-event.js';

const source = 'coproduce.decisions' as const;
const Sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/));

export const DecisionProposed = defineEvent({
  source,
  detailType: 'DecisionProposed',
  description: 'A decision was proposed for co-sign-off.',
  data: z.strictObject({
    decisionId: Id,
    forumId: Id,
    sessionId: z.optional(Id),
    /** SHA-256 (hex) of the exact UTF-8 text as stored; see shared/domain/decisions.ts textHash. */
    textHash: Sha256Hex,
    signOffDueAt: IsoDateTime,
  }),
});

export const DecisionAmended = defineEvent({
  source,
  detailType: 'DecisionAmended',
  description: 'The text of a decision changed; earlier signatures no longer count.',
  data: z.strictObject({
    decisionId: Id,
    /** 1 for the proposed text, +1 for each amendment: signatures count only toward their revision. */
    revision: z.number().check(z.int(), z.gte(2)),
    textHash: Sha256Hex,
    previousTextHash: Sha256Hex,
    /** The sign-off due date after the amendment (it may move with it). */
    signOffDueAt: IsoDateTime,
  }),
});

export const DecisionSigned = defineEvent({
  source,
  detailType: 'DecisionSigned',
  description: 'A member approved or objected to the current text of a decision.',
  /**
   * No constituency: it would say that the signer uses mental health services or is a carer. No
   * consumer needs it; the audit entry (written in the same transaction, not from the bus) keeps it.
   */
  data: z.strictObject({
    decisionId: Id,
    participantId: Id,
    stance: z.enum(['approve', 'object']),
    textHash: Sha256Hex,
    revision: z.number().check(z.int(), z.gte(1)),
    signedAt: IsoDateTime,
  }),
});

export const DecisionCoSigned = defineEvent({
  source,
  detailType: 'DecisionCoSigned',
  description: 'Both constituencies approved the current text: the decision counts.',
  data: z.strictObject({ decisionId: Id, textHash: Sha256Hex, revision: z.number().check(z.int(), z.gte(1)) }),
});

export const DecisionObjected = defineEvent({
  source,
  detailType: 'DecisionObjected',
  description: 'A member objected to the current text; it stays open to amendment and re-signing.',
  data: z.strictObject({
    decisionId: Id,
    textHash: Sha256Hex,
    revision: z.number().check(z.int(), z.gte(1)),
    participantId: Id,
  }),
});

export const DecisionSignOffOverdue = defineEvent({
  source,
  detailType: 'DecisionSignOffOverdue',
  description: 'The sign-off due date passed without co-sign-off.',
  data: z.strictObject({ decisionId: Id, signOffDueAt: IsoDateTime, textHash: Sha256Hex }),
});

/**
 * Internal: raised by a one-time schedule (EventBridge Scheduler in AWS, the local scheduler
 * locally) at a decision's sign-off due date. The sign-off function checks the decision and, if it
 * is still not co-signed, turns it into DecisionSignOffOverdue. Not published through the outbox
 * and not part of the audit log: only the transition it causes is.
 */
export const DecisionSignOffDue = defineEvent({
  source,
  detailType: 'DecisionSignOffDue',
  description: 'A decision reached its sign-off due date (scheduled check; internal).',
  data: z.strictObject({ decisionId: Id, signOffDueAt: IsoDateTime }),
});

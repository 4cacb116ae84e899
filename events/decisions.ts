import { z } from 'zod';
import { Constituency, Id, IsoDateTime } from './common.js';
import { defineEvent } from './define-event.js';

const source = 'coproduce.decisions' as const;
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const DecisionProposed = defineEvent({
  source,
  detailType: 'DecisionProposed',
  description: 'A decision was proposed for co-sign-off.',
  data: z.strictObject({
    decisionId: Id,
    forumId: Id,
    sessionId: Id.optional(),
    textHash: Sha256Hex,
    signOffDueAt: IsoDateTime,
  }),
});

export const DecisionAmended = defineEvent({
  source,
  detailType: 'DecisionAmended',
  description: 'The text of a decision changed; earlier signatures no longer count.',
  data: z.strictObject({ decisionId: Id, textHash: Sha256Hex, previousTextHash: Sha256Hex }),
});

export const DecisionSigned = defineEvent({
  source,
  detailType: 'DecisionSigned',
  description: 'A member approved or objected to the current text of a decision.',
  data: z.strictObject({
    decisionId: Id,
    participantId: Id,
    constituency: Constituency,
    stance: z.enum(['approve', 'object']),
    textHash: Sha256Hex,
  }),
});

export const DecisionCoSigned = defineEvent({
  source,
  detailType: 'DecisionCoSigned',
  description: 'Both constituencies approved the current text: the decision counts.',
  data: z.strictObject({ decisionId: Id, textHash: Sha256Hex }),
});

export const DecisionObjected = defineEvent({
  source,
  detailType: 'DecisionObjected',
  description: 'A member objected to the current text; it stays open to amendment and re-signing.',
  data: z.strictObject({ decisionId: Id, textHash: Sha256Hex, participantId: Id }),
});

export const DecisionSignOffOverdue = defineEvent({
  source,
  detailType: 'DecisionSignOffOverdue',
  description: 'The sign-off due date passed without co-sign-off.',
  data: z.strictObject({ decisionId: Id, signOffDueAt: IsoDateTime }),
});

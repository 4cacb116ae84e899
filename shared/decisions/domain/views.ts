import * as z from 'zod/mini';
import { Id, IsoDateTime } from '../../kernel/index.js';
import { Decision, type DecisionHistory, DecisionStatus, Signature, TextRevision } from './decisions.js';

/**
 * What people are shown of a decision: the summary in lists, the whole view with its history, and
 * the receipt of a signature. Pure: the use cases read the decision and its forum and call these.
 */

const Count = z.number().check(z.int(), z.nonnegative());

export const DecisionSummary = z.extend(
  z.pick(Decision, {
    decisionId: true,
    title: true,
    status: true,
    textHash: true,
    revision: true,
    forumId: true,
    sessionId: true,
    signOffDueAt: true,
    proposedAt: true,
    amendedAt: true,
    coSignedAt: true,
  }),
  {
    overdue: z.boolean(),
    approvals: z.object({ livedExperience: Count, provider: Count }),
    objections: Count,
    /** Additive: the forum's IANA time zone, so pages show the times as the forum lives them ('UTC' when unknown). */
    timeZone: z.string(),
  },
);
export type DecisionSummary = z.infer<typeof DecisionSummary>;

/** A decision in a member's "awaiting my signature" list. */
export const AwaitingSummary = z.extend(DecisionSummary, { awaitingMe: z.optional(z.literal(true)) });
export type AwaitingSummary = z.infer<typeof AwaitingSummary>;

/** A signature as shown: its comment only to coordinators, governance and the member who wrote it. */
export const SignatureView = z.extend(Signature, { countsTowardCurrentText: z.boolean() });
export type SignatureView = z.infer<typeof SignatureView>;

export const DecisionView = z.extend(DecisionSummary, {
  text: z.string(),
  signatures: z.array(SignatureView),
  revisions: z.array(
    z.extend(z.omit(TextRevision, { text: true }), {
      /** Left out of the governance log, which shows hashes only. */
      text: z.optional(z.string()),
    }),
  ),
});
export type DecisionView = z.infer<typeof DecisionView>;

/** What signing answers: the decision's status now and the signature as recorded. */
export const SignatureReceipt = z.object({
  decisionId: Id,
  status: DecisionStatus,
  signature: z.pick(Signature, {
    participantId: true,
    constituency: true,
    stance: true,
    signedAt: true,
    textHash: true,
  }),
});
export type SignatureReceipt = z.infer<typeof SignatureReceipt>;

/** When the forum cannot be read (it always exists for a decision), times are shown in UTC, named. */
const zoneOf = (forum: { timeZone: string } | undefined) => forum?.timeZone ?? 'UTC';

export function summaryOf(d: Decision, forum: { timeZone: string } | undefined): DecisionSummary {
  return {
    decisionId: d.decisionId,
    title: d.title,
    status: d.status,
    textHash: d.textHash,
    revision: d.revision,
    forumId: d.forumId,
    sessionId: d.sessionId,
    signOffDueAt: d.signOffDueAt,
    overdue: d.overdueSince !== undefined,
    proposedAt: d.proposedAt,
    amendedAt: d.amendedAt,
    coSignedAt: d.coSignedAt,
    approvals: { livedExperience: d.tally.livedExperienceApprovals, provider: d.tally.providerApprovals },
    objections: d.tally.objections,
    timeZone: zoneOf(forum),
  };
}

/**
 * The contract's shape plus history. Comments are shown to coordinators and governance; a member
 * sees only their own (a comment may say something personal).
 */
export function viewOf(
  h: DecisionHistory,
  opts: { commentsFor: 'all' | string | 'none'; texts: boolean; forum: { timeZone: string } | undefined },
): DecisionView {
  const d = h.decision;
  return {
    ...summaryOf(d, opts.forum),
    text: d.text,
    signatures: h.signatures.map(({ comment, ...s }) => ({
      ...s,
      ...(comment && (opts.commentsFor === 'all' || opts.commentsFor === s.participantId) ? { comment } : {}),
      countsTowardCurrentText: s.revision === d.revision,
    })),
    revisions: [...h.texts]
      .sort((a, b) => a.revision - b.revision)
      .map((t) => ({
        revision: t.revision,
        textHash: t.textHash,
        createdAt: t.createdAt,
        ...(opts.texts ? { text: t.text } : {}),
      })),
  };
}

export function signatureReceipt(d: Pick<Decision, 'decisionId' | 'status'>, s: Signature): SignatureReceipt {
  return {
    decisionId: d.decisionId,
    status: d.status,
    signature: {
      participantId: s.participantId,
      constituency: s.constituency,
      stance: s.stance,
      signedAt: s.signedAt,
      textHash: s.textHash,
    },
  };
}

/** How a decision stands now, for the contexts that count decisions (the co-production report, the evaluation). */
export const DecisionOutcome = z.object({
  decisionId: Id,
  forumId: Id,
  sessionId: z.optional(Id),
  status: DecisionStatus,
  proposedAt: IsoDateTime,
  coSignedAt: z.optional(IsoDateTime),
});
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

export const outcomeOf = (d: Decision): DecisionOutcome => ({
  decisionId: d.decisionId,
  forumId: d.forumId,
  sessionId: d.sessionId,
  status: d.status,
  proposedAt: d.proposedAt,
  coSignedAt: d.coSignedAt,
});

import * as z from 'zod/mini';
import { Constituency, charCount, Id, IsoDateTime, isBlank, unsafeTextProblem } from '../../kernel/index.js';
import { ChainHead, Sha256Hex, sha256Hex } from './hash-chain.js';

/**
 * Co-sign-off rules. A decision counts (is co-signed) only when at least one member of EACH
 * constituency — lived experience and provider — has approved its CURRENT text. Every amendment
 * starts a new revision; signatures count only toward the revision they were given on.
 */
export const decisionStatuses = ['proposed', 'co-signed', 'objected', 'overdue'] as const;
export const DecisionStatus = z.enum(decisionStatuses);
export type DecisionStatus = z.infer<typeof DecisionStatus>;
export const stances = ['approve', 'object'] as const;
export const Stance = z.enum(stances);
export type Stance = z.infer<typeof Stance>;

/**
 * The hash a signature records: SHA-256, hex, over the exact UTF-8 bytes of the text as stored
 * (no trimming, no Unicode normalisation — what was shown is what was hashed).
 */
export const textHash = (text: string) => sha256Hex(text);

const Count = z.number().check(z.int(), z.nonnegative());
const Revision = z.number().check(z.int(), z.positive());

/** Signatures on the current revision. */
export const Tally = z.object({ livedExperienceApprovals: Count, providerApprovals: Count, objections: Count });
export type Tally = z.infer<typeof Tally>;
export const emptyTally: Tally = { livedExperienceApprovals: 0, providerApprovals: 0, objections: 0 };

export const isCoSigned = (t: Tally) => t.livedExperienceApprovals >= 1 && t.providerApprovals >= 1;

/**
 * One status, by what needs doing: co-signed (it counts) wins; then objected (the text needs
 * amending — chasing signatures will not help); then overdue (the due date passed, chase); else proposed.
 * The record also keeps `overdueSince`, so an objected decision can still show that it is late.
 */
export function statusOf(s: { tally: Tally; overdueSince?: string }): DecisionStatus {
  if (isCoSigned(s.tally)) return 'co-signed';
  if (s.tally.objections > 0) return 'objected';
  if (s.overdueSince) return 'overdue';
  return 'proposed';
}

/** A decision as the context keeps it (and as its item schema parses it). */
export const Decision = z.object({
  decisionId: Id,
  title: z.string(),
  text: z.string(),
  textHash: Sha256Hex,
  revision: Revision,
  forumId: Id,
  sessionId: z.optional(Id),
  signOffDueAt: IsoDateTime,
  status: DecisionStatus,
  tally: Tally,
  overdueSince: z.optional(IsoDateTime),
  proposedAt: IsoDateTime,
  amendedAt: z.optional(IsoDateTime),
  coSignedAt: z.optional(IsoDateTime),
  /** Head of this decision's audit chain: how many entries and the last hash (truncation check). */
  audit: ChainHead,
});
export type Decision = z.infer<typeof Decision>;

/** One member's approval or objection, given on one revision of the text. */
export const Signature = z.object({
  participantId: Id,
  constituency: Constituency,
  stance: Stance,
  comment: z.optional(z.string()),
  signedAt: IsoDateTime,
  textHash: Sha256Hex,
  revision: Revision,
});
export type Signature = z.infer<typeof Signature>;

/** Each text a decision has had: the proposed one (1) and every amendment. */
export const TextRevision = z.object({
  revision: Revision,
  text: z.string(),
  textHash: Sha256Hex,
  createdAt: IsoDateTime,
});
export type TextRevision = z.infer<typeof TextRevision>;

/** A decision with every text it has had and every signature given on any of them. */
export type DecisionHistory = { decision: Decision; texts: TextRevision[]; signatures: Signature[] };

/** The open ones may still be signed; a co-signed decision is reopened only by amending it. */
export const isOpen = (status: DecisionStatus) => status !== 'co-signed';

/** ISO time with an explicit +00:00 offset, as the contract requires (stored normalised to UTC). */
export const utcIso = (value: string | Date) => new Date(value).toISOString().replace('Z', '+00:00');

/** The longest decision text (about eight pages): a decision item and its text revision each hold it. */
export const MAX_TEXT_CHARS = 20_000;
export const MAX_TITLE_CHARS = 200;
export const MAX_COMMENT_CHARS = 2_000;

/**
 * What a person types into a decision, by the kernel's text rules (no control or bidi-override
 * characters, not blank, at most `max` characters as a person counts them), with one message per
 * field. The decision text is kept exactly as typed — not trimmed — since its hash is what members sign.
 */
function typedText(o: { max: number; multiline: boolean; trim: boolean; required?: string }) {
  const base = o.trim ? z.string(o.required).check(z.trim()) : z.string(o.required);
  return base.check(
    z.superRefine((v, ctx) => {
      const problem =
        unsafeTextProblem(v, { multiline: o.multiline }) ??
        (o.required && isBlank(v) ? o.required : undefined) ??
        (charCount(v) > o.max ? `Use at most ${o.max} characters.` : undefined);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    z.meta({ maxLength: o.max }),
  );
}

const DecisionText = (required: string) => typedText({ max: MAX_TEXT_CHARS, multiline: true, trim: false, required });

const DueAt = z.iso.datetime({
  offset: true,
  error: 'Enter the date and time sign-off is due, like 2026-03-16T17:00:00+00:00.',
});
const ForumId = z
  .string('Choose the forum this decision belongs to.')
  .check(z.minLength(1, 'Choose the forum.'), z.maxLength(64));

export const ProposeDecisionInput = z.strictObject({
  title: typedText({ max: MAX_TITLE_CHARS, multiline: false, trim: true, required: 'Enter a short title.' }),
  text: DecisionText('Enter the text of the decision.'),
  forumId: ForumId,
  sessionId: z.optional(Id),
  signOffDueAt: DueAt,
});
export type ProposeDecisionInput = z.infer<typeof ProposeDecisionInput>;

export const AmendDecisionInput = z.strictObject({
  text: DecisionText('Enter the new text of the decision.'),
  /** Additive: an amendment may move the due date (it must be in the future). */
  signOffDueAt: z.optional(DueAt),
});
export type AmendDecisionInput = z.infer<typeof AmendDecisionInput>;

export const SignDecisionInput = z.strictObject({
  stance: z.enum(stances, 'Choose whether you approve or object.'),
  comment: z.optional(typedText({ max: MAX_COMMENT_CHARS, multiline: true, trim: false })),
  /** Additive: the hash of the text the member read; a stale one answers 409 instead of signing newer text. */
  textHash: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/, 'This is not a text hash we gave out.'))),
});
export type SignDecisionInput = z.infer<typeof SignDecisionInput>;

/** Whether a sign-off due date is acceptable now: it must lie in the future. */
export const dueIsInFuture = (dueAt: string, now: Date) => new Date(dueAt).getTime() > now.getTime();

/** How far ahead sign-off may be due: a year (a decision left open longer should be proposed again). */
export const MAX_DUE_DAYS = 366;

/** Why a sign-off due date is not acceptable now (in the past, or more than a year away), or undefined. */
export function dueDateProblem(dueAt: string, now: Date): string | undefined {
  if (!dueIsInFuture(dueAt, now)) return 'Choose a sign-off date in the future.';
  if (new Date(dueAt).getTime() - now.getTime() > MAX_DUE_DAYS * 86_400_000) {
    return 'Choose a sign-off date within the next year.';
  }
  return undefined;
}

/** The decision right after it is proposed. */
export function proposedDecision(
  input: ProposeDecisionInput,
  decisionId: string,
  now: string,
): Omit<Decision, 'audit'> {
  return {
    decisionId,
    title: input.title,
    text: input.text,
    textHash: textHash(input.text),
    revision: 1,
    forumId: input.forumId,
    sessionId: input.sessionId,
    signOffDueAt: utcIso(input.signOffDueAt),
    status: 'proposed',
    tally: emptyTally,
    proposedAt: now,
  };
}

/**
 * Amend: a new revision, no signatures yet. A co-signed decision goes back to proposed (its old
 * co-sign-off was for a text that no longer stands). Moving the due date into the future clears the
 * overdue mark; without a new date a late decision stays late.
 */
export function amended(d: Decision, input: AmendDecisionInput, now: Date): Decision {
  const signOffDueAt = input.signOffDueAt ? utcIso(input.signOffDueAt) : d.signOffDueAt;
  const stillLate = d.overdueSince !== undefined && !dueIsInFuture(signOffDueAt, now);
  const next: Decision = {
    ...d,
    text: input.text,
    textHash: textHash(input.text),
    revision: d.revision + 1,
    signOffDueAt,
    tally: emptyTally,
    overdueSince: stillLate ? d.overdueSince : undefined,
    amendedAt: utcIso(now),
    coSignedAt: undefined,
  };
  return { ...next, status: statusOf(next) };
}

/** Add one signature on the current revision; says which transitions it caused. */
export function signed(
  d: Decision,
  sig: Pick<Signature, 'constituency' | 'stance'>,
  now: string,
): { decision: Decision; coSigned: boolean; objected: boolean } {
  const tally: Tally = {
    livedExperienceApprovals:
      d.tally.livedExperienceApprovals + (sig.stance === 'approve' && sig.constituency === 'lived-experience' ? 1 : 0),
    providerApprovals:
      d.tally.providerApprovals + (sig.stance === 'approve' && sig.constituency === 'provider' ? 1 : 0),
    objections: d.tally.objections + (sig.stance === 'object' ? 1 : 0),
  };
  const next = { ...d, tally };
  const status = statusOf(next);
  const coSigned = status === 'co-signed' && d.status !== 'co-signed';
  return {
    decision: { ...next, status, coSignedAt: coSigned ? now : d.coSignedAt },
    coSigned,
    objected: sig.stance === 'object' && status !== 'co-signed',
  };
}

/** Mark overdue (the scheduled check found it not co-signed at its due date). */
export function markedOverdue(d: Decision, now: string): Decision {
  const next = { ...d, overdueSince: now };
  return { ...next, status: statusOf(next) };
}

/** An invitation to a session as the forums context keeps it: dropped when consent was withdrawn. */
export type InvitationSeen = { status: 'invited' | 'dropped' | 'cancelled' };

/**
 * Whether a member may read, list as awaiting and sign a decision: only its signatories-to-be.
 * A decision taken at a session belongs to the people invited to that session (wherever they
 * live); one without a session belongs to the participants of the forum's area. An invitation
 * dropped because consent was withdrawn no longer counts; one to a session that was later
 * cancelled still does (the decision names that session). Coordinators and governance are not
 * asked this: they see every decision. Pure: the caller reads the invitation and the forum.
 */
export function mayTakePart(
  d: { sessionId?: string },
  member: { areaId: string },
  found: { invitation?: InvitationSeen; forum?: { areaId: string } },
): { ok: true } | { ok: false; message: string } {
  if (d.sessionId) {
    if (found.invitation && found.invitation.status !== 'dropped') return { ok: true };
    return {
      ok: false,
      message:
        'Only the people invited to the session where this decision was taken can read and sign it. If you think you should have been invited, talk to your coordinator.',
    };
  }
  if (found.forum && found.forum.areaId === member.areaId) return { ok: true };
  return {
    ok: false,
    message:
      'Only members in the forum’s area can read and sign this decision. If you think that should include you, talk to your coordinator.',
  };
}

/** Who must still be asked: invited or earlier signers who have not signed the current revision. */
export function stillToSign(opts: {
  invitees: readonly string[];
  signatures: readonly Pick<Signature, 'participantId' | 'revision'>[];
  currentRevision: number;
}): string[] {
  const signedNow = new Set(
    opts.signatures.filter((s) => s.revision === opts.currentRevision).map((s) => s.participantId),
  );
  const earlier = opts.signatures.filter((s) => s.revision !== opts.currentRevision).map((s) => s.participantId);
  return [...new Set([...opts.invitees, ...earlier])].filter((id) => !signedNow.has(id));
}

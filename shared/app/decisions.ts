import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { buildEvent, type OutgoingEvent } from '../../events/define-event.js';
import {
  DecisionAmended,
  DecisionCoSigned,
  DecisionObjected,
  DecisionProposed,
  DecisionSigned,
} from '../../events/index.js';
import { putChainEntries, putChainRegistration } from '../adapters/audit-repo.js';
import { type Db, TransactionConditionError, type TxItem, transact } from '../adapters/db.js';
import {
  type DecisionHistory,
  getDecision,
  getDecisionHistory,
  getSignature,
  listDecisions,
  listOpenDecisions,
  putNewDecision,
  putSignature,
  putTextRevision,
  replaceDecision,
  type StoredDecision,
  signedByParticipant,
} from '../adapters/decisions-repo.js';
import { getForum, getSession } from '../adapters/forums-repo.js';
import { outboxPut } from '../adapters/outbox.js';
import type { Page } from '../adapters/pagination.js';
import { getParticipant } from '../adapters/participants-repo.js';
import {
  type AmendDecisionInput,
  amended,
  type Decision,
  type DecisionStatus,
  dueIsInFuture,
  type ProposeDecisionInput,
  proposedDecision,
  type Signature,
  type SignDecisionInput,
  signed,
} from '../domain/decisions.js';
import { type AuditEvent, appendToChain, emptyHead } from '../domain/hash-chain.js';
import { constituencyOf } from '../domain/participants.js';
import type { Caller } from '../http/api.js';
import { ConflictError, type FieldIssue, ForbiddenError, NotFoundError, ValidationError } from '../http/errors.js';
import { type Clock, isoNow } from '../runtime/clock.js';

export type DecisionDeps = { db: Db; auditDb: Db; clock: Clock };

/** How often a write that lost a race (someone else changed the decision) is re-read and retried. */
const ATTEMPTS = 6;

const toAudit = (e: OutgoingEvent): AuditEvent => ({
  eventId: e.eventId,
  type: e.detailType,
  occurredAt: e.detail.metadata.occurredAt,
  data: e.detail.data as Record<string, unknown>,
});

/**
 * The writes of one decision change, for ONE transaction across both tables: the decision (new, or
 * replacing the version read), whatever else the change adds, each event in the outbox, and each
 * event appended to the decision's audit chain. The decision records the new chain head, so the
 * log and the state can never disagree, and a truncated chain shows against the head.
 * The decision write is always item 0 (its condition failing means "changed meanwhile").
 */
export function decisionChange(
  deps: Pick<DecisionDeps, 'db' | 'auditDb'>,
  change: {
    before?: StoredDecision;
    after: Omit<Decision, 'audit'>;
    events: OutgoingEvent[];
    extra?: TxItem[];
    now: string;
  },
): { decision: Decision; items: TxItem[] } {
  const { entries, head } = appendToChain(
    change.after.decisionId,
    change.before?.audit ?? emptyHead,
    change.events.map(toAudit),
  );
  const decision: Decision = { ...change.after, audit: head };
  const items: TxItem[] = [
    change.before ? replaceDecision(deps.db, decision, change.before.version) : putNewDecision(deps.db, decision),
    ...(change.extra ?? []),
    ...change.events.map((e) => outboxPut(deps.db, e, change.now)),
    ...putChainEntries(deps.auditDb, entries),
    ...(change.before ? [] : [putChainRegistration(deps.auditDb, decision.decisionId, change.now)]),
  ];
  return { decision, items };
}

/**
 * Someone else changed the decision between our read and our write: the version check on the
 * decision, the next audit entry (already taken) or the next text revision failed, or DynamoDB
 * cancelled the transaction for a conflicting one in flight. Re-read and try again.
 */
const lostRace = (err: unknown) =>
  err instanceof TransactionConditionError || err instanceof TransactionCanceledException;

/**
 * The forum must exist, and the session (when given) must be one of its sessions. Read through the
 * forums context's repository (Gets by key on the same table); a wrong id is a 400 on that field.
 */
async function forumAndSessionIssues(input: ProposeDecisionInput, db: Db): Promise<FieldIssue[]> {
  const [forum, session] = await Promise.all([
    getForum(db, input.forumId),
    input.sessionId ? getSession(db, input.sessionId) : undefined,
  ]);
  const issues: FieldIssue[] = [];
  if (!forum) issues.push({ path: 'forumId', message: 'We could not find this forum. Choose one from the list.' });
  if (input.sessionId && !session) {
    issues.push({ path: 'sessionId', message: 'We could not find this session. Check the session number.' });
  } else if (session && session.forumId !== input.forumId) {
    issues.push({ path: 'sessionId', message: 'This session belongs to another forum.' });
  }
  return issues;
}

/** The writes that propose a decision (for idempotentWrite, which commits them with the key). */
export async function proposeDecision(input: ProposeDecisionInput, deps: DecisionDeps) {
  const now = isoNow(deps.clock);
  const issues = await forumAndSessionIssues(input, deps.db);
  if (!dueIsInFuture(input.signOffDueAt, deps.clock.now())) {
    issues.push({ path: 'signOffDueAt', message: 'Choose a sign-off date in the future.' });
  }
  if (issues.length) throw new ValidationError(issues);
  const d = proposedDecision(input, ulid(), now);
  const event = buildEvent(
    DecisionProposed,
    {
      decisionId: d.decisionId,
      forumId: d.forumId,
      sessionId: d.sessionId,
      textHash: d.textHash,
      signOffDueAt: d.signOffDueAt,
    },
    { idempotencyKey: `decision-proposed:${d.decisionId}`, occurredAt: now },
  );
  const text = putTextRevision(deps.db, d.decisionId, {
    revision: 1,
    text: d.text,
    textHash: d.textHash,
    createdAt: now,
  });
  return { decisionId: d.decisionId, ...decisionChange(deps, { after: d, events: [event], extra: [text], now }) };
}

/** Amend the text: a new revision; earlier signatures stop counting; a co-signed decision reopens. */
export async function amendDecision(id: string, input: AmendDecisionInput, deps: DecisionDeps): Promise<Decision> {
  for (let attempt = 1; ; attempt++) {
    const before = await getDecision(deps.db, id);
    if (!before) throw new NotFoundError('decision');
    if (input.text === before.text) {
      throw new ValidationError([
        { path: 'text', message: 'This is the same as the current text. Change the wording to amend it.' },
      ]);
    }
    if (input.signOffDueAt && !dueIsInFuture(input.signOffDueAt, deps.clock.now())) {
      throw new ValidationError([{ path: 'signOffDueAt', message: 'Choose a sign-off date in the future.' }]);
    }
    const now = isoNow(deps.clock);
    const after = amended(before, input, deps.clock.now());
    const event = buildEvent(
      DecisionAmended,
      {
        decisionId: id,
        revision: after.revision,
        textHash: after.textHash,
        previousTextHash: before.textHash,
        signOffDueAt: after.signOffDueAt,
      },
      { idempotencyKey: `decision-amended:${id}:${after.revision}`, occurredAt: now },
    );
    const text = putTextRevision(deps.db, id, {
      revision: after.revision,
      text: after.text,
      textHash: after.textHash,
      createdAt: now,
    });
    const { decision, items } = decisionChange(deps, { before, after, events: [event], extra: [text], now });
    try {
      await transact(deps.db, items);
      return decision;
    } catch (err) {
      if (!lostRace(err) || attempt >= ATTEMPTS) throw raceConflict(err);
    }
  }
}

function raceConflict(err: unknown) {
  return lostRace(err) ? new ConflictError('This decision changed while you were saving. Please try again.') : err;
}

/**
 * A member signs the CURRENT text for themselves. Their constituency comes from their participant
 * record, never from the request. One signature per person per revision: the signature item is
 * keyed by decision + revision + participant and put with attribute_not_exists, in the same
 * transaction as the version-checked decision, so neither a double submit nor a concurrent
 * amendment can make a signature count toward text the member did not see.
 */
export async function signDecision(
  id: string,
  caller: Caller,
  input: SignDecisionInput,
  deps: DecisionDeps,
): Promise<{ decision: Decision; signature: Signature }> {
  const participantId = caller.participantId;
  if (!participantId) {
    throw new ForbiddenError('Your sign-in is not linked to a participant record, so you cannot sign.');
  }
  const participant = await getParticipant(deps.db, participantId);
  if (!participant) throw new ForbiddenError('We could not find your participant record, so you cannot sign.');
  if (participant.consent.status !== 'given') {
    throw new ForbiddenError(
      'You have withdrawn your consent, so you cannot sign decisions. Talk to your coordinator if you want to take part again.',
    );
  }
  if (!participant.consent.scopes.includes('decisions')) {
    throw new ForbiddenError(
      'You have not agreed to sign off decisions. Talk to your coordinator if you would like to.',
    );
  }
  for (let attempt = 1; ; attempt++) {
    const before = await getDecision(deps.db, id);
    if (!before) throw new NotFoundError('decision');
    if (input.textHash && input.textHash !== before.textHash) {
      throw new ConflictError(
        'The text of this decision changed after you opened it. Please read the new text, then sign again.',
      );
    }
    if (before.status === 'co-signed') {
      throw new ConflictError(
        'This decision is already co-signed. If you disagree with it, ask the coordinator to amend it.',
      );
    }
    if (await getSignature(deps.db, id, before.revision, participantId)) {
      throw new ConflictError('You have already signed this version of the decision.');
    }
    const now = isoNow(deps.clock);
    const signature: Signature = {
      participantId,
      constituency: constituencyOf(participant.stakeholderGroup),
      stance: input.stance,
      comment: input.comment?.trim() || undefined,
      signedAt: now,
      textHash: before.textHash,
      revision: before.revision,
    };
    const outcome = signed(before, signature, now);
    const base = { decisionId: id, textHash: before.textHash, revision: before.revision };
    const events = [
      buildEvent(
        DecisionSigned,
        { ...base, participantId, constituency: signature.constituency, stance: signature.stance, signedAt: now },
        { idempotencyKey: `decision-signed:${id}:${before.revision}:${participantId}`, occurredAt: now },
      ),
    ];
    if (outcome.coSigned) {
      events.push(
        buildEvent(DecisionCoSigned, base, {
          idempotencyKey: `decision-co-signed:${id}:${before.revision}`,
          occurredAt: now,
        }),
      );
    }
    if (outcome.objected) {
      events.push(
        buildEvent(
          DecisionObjected,
          { ...base, participantId },
          { idempotencyKey: `decision-objected:${id}:${before.revision}:${participantId}`, occurredAt: now },
        ),
      );
    }
    const { decision, items } = decisionChange(deps, {
      before,
      after: outcome.decision,
      events,
      extra: [putSignature(deps.db, id, signature)],
      now,
    });
    try {
      await transact(deps.db, items);
      return { decision, signature };
    } catch (err) {
      if (err instanceof TransactionConditionError && err.indexes.includes(1)) {
        throw new ConflictError('You have already signed this version of the decision.');
      }
      if (!lostRace(err) || attempt >= ATTEMPTS) throw raceConflict(err);
    }
  }
}

export type SignatureView = Omit<Signature, 'comment'> & { comment?: string; countsTowardCurrentText: boolean };

export type DecisionSummary = {
  decisionId: string;
  title: string;
  status: DecisionStatus;
  textHash: string;
  revision: number;
  forumId: string;
  sessionId?: string;
  signOffDueAt: string;
  overdue: boolean;
  proposedAt: string;
  amendedAt?: string;
  coSignedAt?: string;
  approvals: { livedExperience: number; provider: number };
  objections: number;
};

export type DecisionView = DecisionSummary & {
  text: string;
  signatures: SignatureView[];
  revisions: { revision: number; textHash: string; createdAt: string; text?: string }[];
};

export function summaryOf(d: Decision): DecisionSummary {
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
  };
}

/**
 * The contract's shape plus history. Comments are shown to coordinators and governance; a member
 * sees only their own (a comment may say something personal).
 */
export function viewOf(
  h: DecisionHistory,
  opts: { commentsFor: 'all' | string | 'none'; texts: boolean },
): DecisionView {
  const d = h.decision;
  return {
    ...summaryOf(d),
    text: d.text,
    signatures: h.signatures.map(({ comment, ...s }) => ({
      ...s,
      ...(comment && (opts.commentsFor === 'all' || opts.commentsFor === s.participantId) ? { comment } : {}),
      countsTowardCurrentText: s.revision === d.revision,
    })),
    revisions: h.texts
      .sort((a, b) => a.revision - b.revision)
      .map((t) => ({
        revision: t.revision,
        textHash: t.textHash,
        createdAt: t.createdAt,
        ...(opts.texts ? { text: t.text } : {}),
      })),
  };
}

export async function readDecision(id: string, caller: Caller, deps: Pick<DecisionDeps, 'db'>): Promise<DecisionView> {
  const h = await getDecisionHistory(deps.db, id);
  if (!h) throw new NotFoundError('decision');
  const staff = caller.roles.includes('coordinator') || caller.roles.includes('governance');
  return viewOf(h, { commentsFor: staff ? 'all' : (caller.participantId ?? 'none'), texts: true });
}

/**
 * Coordinators and governance: every decision (optionally by status), newest first. Members:
 * the open decisions they have not signed at their current text ("awaiting my signature").
 */
export async function listDecisionsFor(
  caller: Caller,
  q: { limit: number; cursor?: string; status?: DecisionStatus; awaitingMe: boolean },
  deps: Pick<DecisionDeps, 'db'>,
): Promise<Page<DecisionSummary & { awaitingMe?: boolean }>> {
  const staff = caller.roles.includes('coordinator') || caller.roles.includes('governance');
  if (staff && !q.awaitingMe) {
    const page = await listDecisions(deps.db, { ...q, newestFirst: true });
    return { items: page.items.map(summaryOf), nextCursor: page.nextCursor };
  }
  if (!caller.participantId) {
    throw new ValidationError([
      { path: 'awaiting', message: 'Only a member signed in as a participant has decisions awaiting them.' },
    ]);
  }
  const page = await listOpenDecisions(deps.db, q);
  const mine = await signedByParticipant(deps.db, page.items, caller.participantId);
  const items = page.items
    .filter((d) => !mine.has(d.decisionId))
    .filter((d) => !q.status || d.status === q.status)
    .map((d) => ({ ...summaryOf(d), awaitingMe: true }));
  return { items, nextCursor: page.nextCursor };
}

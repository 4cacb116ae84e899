import { buildEvent } from '../../../events/define-event.js';
import {
  DecisionAmended,
  DecisionCoSigned,
  DecisionObjected,
  DecisionProposed,
  DecisionSigned,
} from '../../../events/index.js';
import {
  type Actor,
  ConflictError,
  constituencyOf,
  type FieldIssue,
  ForbiddenError,
  isoNow,
  NotFoundError,
  newId,
  ValidationError,
} from '../../kernel/index.js';
import { type Db, type TxItem, transact } from '../../runtime/store/db.js';
import { getDecision, getSignature, putSignature, putTextRevision } from '../adapters/decisions-repo.js';
import {
  type AmendDecisionInput,
  amended,
  type Decision,
  dueDateProblem,
  type ProposeDecisionInput,
  proposedDecision,
  type Signature,
  type SignDecisionInput,
  signed,
} from '../domain/decisions.js';
import { assertMayTakePart, memberOf } from './access.js';
import { type DecisionDeps, decisionChange, retryOnFreshDecision } from './decision-change.js';
import { getForum, getSession } from './forums-port.js';

/**
 * Changing decisions: propose, amend, sign. Each change is one transaction with its outbox events
 * and its audit entries (decisionChange).
 */

/**
 * The forum must exist, and the session (when given) must be one of its sessions. Read through the
 * forums context (Gets by key on the same table); a wrong id is a 400 on that field.
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

/** The writes that propose a decision, to be committed together (with the caller's Idempotency-Key). */
export async function proposeDecision(
  input: ProposeDecisionInput,
  deps: DecisionDeps,
): Promise<{ decisionId: string; decision: Decision; items: TxItem[] }> {
  const now = isoNow(deps.clock);
  const issues = await forumAndSessionIssues(input, deps.db);
  const due = dueDateProblem(input.signOffDueAt, deps.clock.now());
  if (due) issues.push({ path: 'signOffDueAt', message: due });
  if (issues.length) throw new ValidationError(issues);
  const d = proposedDecision(input, newId(), now);
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
export function amendDecision(id: string, input: AmendDecisionInput, deps: DecisionDeps): Promise<Decision> {
  return retryOnFreshDecision(async () => {
    const before = await getDecision(deps.db, id);
    if (!before) throw new NotFoundError('decision');
    if (input.text === before.text) {
      throw new ValidationError([
        { path: 'text', message: 'This is the same as the current text. Change the wording to amend it.' },
      ]);
    }
    const due = input.signOffDueAt ? dueDateProblem(input.signOffDueAt, deps.clock.now()) : undefined;
    if (due) throw new ValidationError([{ path: 'signOffDueAt', message: due }]);
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
    await transact(deps.db, items);
    return decision;
  });
}

/**
 * A member signs the CURRENT text for themselves: the writes, to be committed together (with the
 * caller's Idempotency-Key). Their constituency comes from their participant record, never from the
 * request; only the decision's signatories-to-be may sign. One signature per person per revision:
 * the signature item is keyed by decision + revision + participant and put with
 * attribute_not_exists, in the same transaction as the version-checked decision, so neither a
 * double submit nor a concurrent amendment can make a signature count toward text the member did
 * not see. A commit that loses the race is retried on fresh reads (retryOnFreshDecision): the next
 * attempt replays (same key), finds the signature (409) or signs the decision as it now stands.
 */
export async function signDecision(
  id: string,
  input: SignDecisionInput,
  actor: Actor,
  deps: DecisionDeps,
): Promise<{ decision: Decision; signature: Signature; items: TxItem[] }> {
  const participant = await memberOf(actor, deps.db, 'sign');
  const participantId = participant.participantId;
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
  const before = await getDecision(deps.db, id);
  if (!before) throw new NotFoundError('decision');
  // Before anything that says how the decision stands (co-signed, amended): that is theirs to know only.
  await assertMayTakePart(before, participant, deps.db);
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
  const signedEvent = buildEvent(
    DecisionSigned,
    { ...base, participantId, stance: signature.stance, signedAt: now },
    { idempotencyKey: `decision-signed:${id}:${before.revision}:${participantId}`, occurredAt: now },
  );
  const events = [signedEvent];
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
    auditOnly: new Map([[signedEvent, { constituency: signature.constituency }]]),
    extra: [putSignature(deps.db, id, signature)],
    now,
  });
  return { decision, signature, items };
}

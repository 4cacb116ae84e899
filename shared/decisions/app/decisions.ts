import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { buildEvent, type OutgoingEvent } from '../../../events/define-event.js';
import {
  DecisionAmended,
  DecisionCoSigned,
  DecisionObjected,
  DecisionProposed,
  DecisionSigned,
} from '../../../events/index.js';
import { getForum, getInvitation, getSession } from '../../forums/adapters/forums-repo.js';
import type { Forum } from '../../forums/domain/forums.js';
import {
  type Clock,
  ConflictError,
  constituencyOf,
  type FieldIssue,
  ForbiddenError,
  isoNow,
  NotFoundError,
  ValidationError,
} from '../../kernel/index.js';
import type { Participant } from '../../participants/index.js';
import { getParticipant } from '../../participants/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import { idempotentWrite } from '../../runtime/http/idempotency.js';
import type { ApiRequest, ApiResponse, Caller } from '../../runtime/http/legacy-api.js';
import { type Db, TransactionConditionError, type TxItem, transact } from '../../runtime/store/db.js';
import type { Page } from '../../runtime/store/pagination.js';
import { putChainEntries, putChainRegistration } from '../adapters/audit-repo.js';
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
import {
  type AmendDecisionInput,
  amended,
  type Decision,
  type DecisionStatus,
  dueIsInFuture,
  mayTakePart,
  type ProposeDecisionInput,
  proposedDecision,
  type Signature,
  type SignDecisionInput,
  signed,
} from '../domain/decisions.js';
import { type AuditEvent, appendToChain, emptyHead } from '../domain/hash-chain.js';

export type DecisionDeps = { db: Db; auditDb: Db; clock: Clock };

/** How often a write that lost a race (someone else changed the decision) is re-read and retried. */
const ATTEMPTS = 6;

/** Audit-only data for an event: recorded in the audit entry beside the bus data, never published. */
type AuditOnly = Map<OutgoingEvent, Record<string, unknown>>;

const toAudit =
  (auditOnly?: AuditOnly) =>
  (e: OutgoingEvent): AuditEvent => ({
    eventId: e.eventId,
    type: e.detailType,
    occurredAt: e.detail.metadata.occurredAt,
    data: { ...(e.detail.data as Record<string, unknown>), ...auditOnly?.get(e) },
  });

/**
 * The writes of one decision change, for ONE transaction across both tables: the decision (new, or
 * replacing the version read), whatever else the change adds, each event in the outbox, and each
 * event appended to the decision's audit chain. The decision records the new chain head, so the
 * log and the state can never disagree, and a truncated chain shows against the head.
 * The decision write is always item 0 (its condition failing means "changed meanwhile").
 * `auditOnly` adds fields to an event's audit entry that must not go on the bus (the signer's
 * constituency): the audit table is read by governance only, the bus by every subscriber.
 */
export function decisionChange(
  deps: Pick<DecisionDeps, 'db' | 'auditDb'>,
  change: {
    before?: StoredDecision;
    after: Omit<Decision, 'audit'>;
    events: OutgoingEvent[];
    auditOnly?: AuditOnly;
    extra?: TxItem[];
    now: string;
  },
): { decision: Decision; items: TxItem[] } {
  const { entries, head } = appendToChain(
    change.after.decisionId,
    change.before?.audit ?? emptyHead,
    change.events.map(toAudit(change.auditOnly)),
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

/** Staff see and manage every decision; everyone else (members) only their own to sign. */
const isStaff = (caller: Caller) => caller.roles.includes('coordinator') || caller.roles.includes('governance');

/** The member's participant record, or 403 saying why there is none. */
async function memberOf(caller: Caller, db: Db, what: 'sign' | 'see'): Promise<Participant> {
  const participantId = caller.participantId;
  if (!participantId) {
    throw new ForbiddenError(`Your sign-in is not linked to a participant record, so you cannot ${what} decisions.`);
  }
  const participant = await getParticipant(db, participantId);
  if (!participant) {
    throw new ForbiddenError(`We could not find your participant record, so you cannot ${what} decisions.`);
  }
  return participant;
}

/**
 * Whether the member is one of the decision's signatories-to-be (see mayTakePart). The invitation
 * is read from the forums context's own item (a consistent Get), written in the same transaction
 * as the session: it is there the moment the session exists. The DECISIONSESSION copy that
 * decision-reminders keeps from ForumSessionScheduled arrives through the bus, later (or, if its
 * delivery dead-letters, never), so it must not decide who may sign.
 */
async function assertMayTakePart(
  d: Pick<Decision, 'forumId' | 'sessionId'>,
  member: Participant,
  db: Db,
  forumRead?: Forum,
) {
  const verdict = mayTakePart(d, member, {
    invitation: d.sessionId ? await getInvitation(db, d.sessionId, member.participantId) : undefined,
    forum: d.sessionId ? undefined : (forumRead ?? (await getForum(db, d.forumId))),
  });
  if (!verdict.ok) throw new ForbiddenError(verdict.message);
}

/**
 * The decisions of a page this member may take part in: one Get per distinct session (their
 * invitation) and per distinct forum (its area), read in parallel.
 */
async function takingPart<D extends Pick<Decision, 'decisionId' | 'forumId' | 'sessionId'>>(
  decisions: readonly D[],
  member: Participant,
  forums: Map<string, Forum>,
  db: Db,
): Promise<D[]> {
  const sessionIds = [...new Set(decisions.flatMap((d) => (d.sessionId ? [d.sessionId] : [])))];
  const invitations = new Map(
    await Promise.all(
      sessionIds.map(async (sid) => [sid, await getInvitation(db, sid, member.participantId)] as const),
    ),
  );
  return decisions.filter(
    (d) =>
      mayTakePart(d, member, {
        invitation: d.sessionId ? invitations.get(d.sessionId) : undefined,
        forum: forums.get(d.forumId),
      }).ok,
  );
}

/** The forums of these decisions, by id (one Get per distinct forum; there are few). */
export async function forumsOf(db: Db, forumIds: readonly string[]): Promise<Map<string, Forum>> {
  const found = await Promise.all([...new Set(forumIds)].map((id) => getForum(db, id)));
  return new Map(found.flatMap((f) => (f ? [[f.forumId, f] as const] : [])));
}

/**
 * A member signs the CURRENT text for themselves: the writes, for idempotentWrite to commit. Their
 * constituency comes from their participant record, never from the request; only the decision's
 * signatories-to-be may sign. One signature per person per revision: the signature item is keyed
 * by decision + revision + participant and put with attribute_not_exists, in the same transaction
 * as the version-checked decision, so neither a double submit nor a concurrent amendment can make
 * a signature count toward text the member did not see.
 */
async function prepareSignature(id: string, caller: Caller, input: SignDecisionInput, deps: DecisionDeps) {
  const participant = await memberOf(caller, deps.db, 'sign');
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

/**
 * POST /api/decisions/{id}/signatures. Through idempotentWrite: the Idempotency-Key's record is
 * written in the same transaction as the signature, so repeating the request with the same key
 * (after a timeout, or at the same moment) replays the first 201 instead of answering 409; a
 * second signature without a key or with another key still answers 409. A write that lost a race
 * is re-read and tried again: the next attempt replays (same key), finds the signature (409) or
 * signs the decision as it now stands.
 */
export async function signDecision(
  id: string,
  input: SignDecisionInput,
  req: ApiRequest,
  deps: DecisionDeps,
): Promise<ApiResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await idempotentWrite(deps, req, async () => {
        const { decision, signature, items } = await prepareSignature(id, req.caller, input, deps);
        return {
          items,
          response: {
            status: 201,
            json: {
              decisionId: decision.decisionId,
              status: decision.status,
              signature: {
                participantId: signature.participantId,
                constituency: signature.constituency,
                stance: signature.stance,
                signedAt: signature.signedAt,
                textHash: signature.textHash,
              },
            },
          },
        };
      });
    } catch (err) {
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
  /** Additive: the forum's IANA time zone, so pages show the times as the forum lives them. */
  timeZone: string;
};

export type DecisionView = DecisionSummary & {
  text: string;
  signatures: SignatureView[];
  revisions: { revision: number; textHash: string; createdAt: string; text?: string }[];
};

/** When the forum cannot be read (it always exists for a decision), times are shown in UTC, named. */
const zoneOf = (forum: Pick<Forum, 'timeZone'> | undefined) => forum?.timeZone ?? 'UTC';

export function summaryOf(d: Decision, forum: Pick<Forum, 'timeZone'> | undefined): DecisionSummary {
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
  opts: { commentsFor: 'all' | string | 'none'; texts: boolean; forum: Pick<Forum, 'timeZone'> | undefined },
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

/**
 * One decision with its history. Coordinators and governance read any; a member reads only a
 * decision they may sign (mayTakePart), else 403 with the reason. 403 rather than 404: signing
 * must answer 403 (and an unknown id 404), so a 404 here would hide nothing; the reason helps a
 * member who followed a forwarded link; and the ids are ULIDs (80 random bits), not enumerable.
 */
export async function readDecision(id: string, caller: Caller, deps: Pick<DecisionDeps, 'db'>): Promise<DecisionView> {
  const h = await getDecisionHistory(deps.db, id);
  if (!h) throw new NotFoundError('decision');
  const forum = await getForum(deps.db, h.decision.forumId);
  if (isStaff(caller)) return viewOf(h, { commentsFor: 'all', texts: true, forum });
  const member = await memberOf(caller, deps.db, 'see');
  await assertMayTakePart(h.decision, member, deps.db, forum);
  return viewOf(h, { commentsFor: member.participantId, texts: true, forum });
}

/** How many index pages "awaiting me" reads at most to fill one answer before handing back a cursor. */
const AWAITING_PAGES = 5;

/**
 * Coordinators and governance: every decision (optionally by status), newest first. Members:
 * the open decisions they may sign (mayTakePart) and have not signed at their current text
 * ("awaiting my signature"). The open decisions are filtered page by page, so an answer may hold
 * fewer than `limit`; a page that filters down to nothing is followed by the next (a few at most).
 */
export async function listDecisionsFor(
  caller: Caller,
  q: { limit: number; cursor?: string; status?: DecisionStatus; awaitingMe: boolean },
  deps: Pick<DecisionDeps, 'db'>,
): Promise<Page<DecisionSummary & { awaitingMe?: boolean }>> {
  if (isStaff(caller) && !q.awaitingMe) {
    const page = await listDecisions(deps.db, { ...q, newestFirst: true });
    const forums = await forumsOf(
      deps.db,
      page.items.map((d) => d.forumId),
    );
    return { items: page.items.map((d) => summaryOf(d, forums.get(d.forumId))), nextCursor: page.nextCursor };
  }
  if (!caller.participantId) {
    throw new ValidationError([
      { path: 'awaiting', message: 'Only a member signed in as a participant has decisions awaiting them.' },
    ]);
  }
  const member = await memberOf(caller, deps.db, 'see');
  let cursor = q.cursor;
  for (let round = 1; ; round++) {
    const page = await listOpenDecisions(deps.db, { limit: q.limit, cursor });
    const forums = await forumsOf(
      deps.db,
      page.items.map((d) => d.forumId),
    );
    const open = page.items.filter((d) => !q.status || d.status === q.status);
    const mayTake = await takingPart(open, member, forums, deps.db);
    const mine = await signedByParticipant(deps.db, mayTake, member.participantId);
    const items = mayTake
      .filter((d) => !mine.has(d.decisionId))
      .map((d) => ({ ...summaryOf(d, forums.get(d.forumId)), awaitingMe: true }));
    if (items.length > 0 || !page.nextCursor || round >= AWAITING_PAGES) {
      return { items, nextCursor: page.nextCursor };
    }
    cursor = page.nextCursor;
  }
}

import type { OutgoingEvent } from '../../../events/define-event.js';
import { type Clock, ConflictError } from '../../kernel/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import { type Db, RetriesExhaustedError, retryBudgets, retryOptimistic, type TxItem } from '../../runtime/store/db.js';
import { putChainEntries, putChainRegistration } from '../adapters/audit-repo.js';
import { putNewDecision, replaceDecision, type StoredDecision } from '../adapters/decisions-repo.js';
import type { Decision } from '../domain/decisions.js';
import { type AuditEvent, appendToChain, emptyHead } from '../domain/hash-chain.js';

export type DecisionDeps = { db: Db; auditDb: Db; clock: Clock };

/** Audit-only data for an event: recorded in the audit entry beside the bus data, never published. */
export type AuditOnly = Map<OutgoingEvent, Record<string, unknown>>;

/** Every decision event's data is an object (its contract is a strict object schema). */
function dataOf(e: OutgoingEvent): Record<string, unknown> {
  const data = e.detail.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`${e.detailType} carries no data object to record`);
  }
  return Object.fromEntries(Object.entries(data));
}

const toAudit =
  (auditOnly?: AuditOnly) =>
  (e: OutgoingEvent): AuditEvent => ({
    eventId: e.eventId,
    type: e.detailType,
    occurredAt: e.detail.metadata.occurredAt,
    data: { ...dataOf(e), ...auditOnly?.get(e) },
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
    change.before ? change.before.audit : emptyHead,
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
 * Run `attempt` (read the decision, decide, write) until it is not beaten to the decision.
 * Someone else changed the decision between its read and its write — the version check on the
 * decision, the next audit entry (already taken) or the next text revision failed, or DynamoDB
 * cancelled the transaction for a conflicting one in flight — so it is read again and retried,
 * within the shared-record budget; after that, 409. Any other error is thrown at once.
 */
export async function retryOnFreshDecision<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await retryOptimistic(retryBudgets.sharedRecord, attempt);
  } catch (err) {
    if (err instanceof RetriesExhaustedError) {
      throw new ConflictError('This decision changed while you were saving. Please try again.');
    }
    throw err;
  }
}

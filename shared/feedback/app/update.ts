import { buildEvent } from '../../../events/define-event.js';
import { FeedbackUpdated } from '../../../events/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../kernel/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import { RetriesExhaustedError, retryBudgets, retryOptimistic, type TxItem } from '../../runtime/store/db.js';
import { getFeedback, replaceFeedback, toFeedbackItem } from '../adapters/feedback-repo.js';
import { applyUpdate, type FeedbackItem, type UpdateInput, type UpdateLookups } from '../domain/feedback.js';
import type { FeedbackDeps } from './deps.js';
import { getDecisionForum } from './ports.js';

/**
 * A coordinator's update (POST /api/feedback/:id/updates): the writes, to be committed together
 * with the caller's Idempotency-Key — the item (only if nobody changed it since it was read), the
 * pointers its change moves, and FeedbackUpdated (ids and statuses only). The status machine and
 * the note rules are the domain's (applyUpdate); a linked decision must be one of the same forum,
 * looked up through the decisions context.
 */
export async function planUpdate(
  feedbackId: string,
  input: UpdateInput,
  deps: FeedbackDeps,
): Promise<{ item: FeedbackItem; items: TxItem[] }> {
  const before = await getFeedback(deps.db, feedbackId);
  if (!before) throw new NotFoundError('feedback');
  const lookups: UpdateLookups = {};
  if (input.decisionId !== undefined) {
    const decision = await getDecisionForum(deps.db, input.decisionId);
    if (decision) lookups.decision = { forumId: decision.forumId };
  }
  const now = deps.clock.now();
  const result = applyUpdate(toFeedbackItem(before), input, now, lookups);
  if (!result.ok) {
    if (result.kind === 'conflict') throw new ConflictError(result.message);
    throw new ValidationError([{ path: result.field, message: result.message }]);
  }
  const after = result.item;
  const updateNumber = after.updates.length;
  const at = after.updates[updateNumber - 1]?.at ?? now.toISOString();
  const event = buildEvent(
    FeedbackUpdated,
    {
      feedbackId,
      forumId: after.forumId,
      updateNumber,
      previousStatus: result.from,
      status: result.to,
      decisionId: input.decisionId,
    },
    { idempotencyKey: `feedback-updated:${feedbackId}:${updateNumber}`, occurredAt: at },
  );
  return { item: after, items: [...replaceFeedback(deps.db, before, after), outboxPut(deps.db, event, at)] };
}

/** Run an update on fresh reads when another change to the same item got there first. */
export async function retryOnFreshItem<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await retryOptimistic(retryBudgets.sharedRecord, attempt);
  } catch (err) {
    if (err instanceof RetriesExhaustedError) {
      throw new ConflictError('This item changed while you were saving. Please look at it again and retry.');
    }
    throw err;
  }
}

import type { Operations } from '../../runtime/http/api.js';
import { idempotentWrite } from '../../runtime/http/idempotency.js';
import type { FeedbackDeps } from '../app/deps.js';
import { listFeedback } from '../app/list.js';
import { raiseFeedback } from '../app/raise.js';
import { planUpdate, retryOnFreshItem } from '../app/update.js';
import { viewerOf } from '../app/views.js';
import type { feedbackRoutes } from './routes.js';
import { itemView } from './views.js';

/** Each feedback route mapped to its use case. */
export const feedbackOperations: Operations<typeof feedbackRoutes, FeedbackDeps> = {
  raiseFeedback: (req, deps) =>
    idempotentWrite(deps, req, async () => {
      const { item, items } = await raiseFeedback(req.body, req.caller, deps);
      return { items, response: { status: 201 as const, json: { feedbackId: item.feedbackId } } };
    }),
  listFeedback: async (req, deps) => {
    const viewer = viewerOf(req.caller);
    const page = await listFeedback(req.caller, req.query, deps);
    return { status: 200, json: { items: page.items.map((i) => itemView(i, viewer)), nextCursor: page.nextCursor } };
  },
  /**
   * The Idempotency-Key's record is written in the same transaction as the update, so a repeat with
   * the same key replays the first answer instead of adding the update twice.
   */
  updateFeedback: (req, deps) =>
    retryOnFreshItem(() =>
      idempotentWrite(deps, req, async () => {
        const { item, items } = await planUpdate(req.params.id, req.body, deps);
        return { items, response: { status: 200 as const, json: itemView(item, viewerOf(req.caller)) } };
      }),
    ),
};

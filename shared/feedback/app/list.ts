import { type Actor, ForbiddenError, ValidationError } from '../../kernel/index.js';
import type { Page } from '../../runtime/store/pagination.js';
import {
  pageAllFeedback,
  pageFeedbackRaisedBy,
  pageForumFeedback,
  type StoredFeedback,
  toFeedbackItem,
} from '../adapters/feedback-repo.js';
import { type FeedbackItem, forViewer, isClosed } from '../domain/feedback.js';
import type { FeedbackDeps } from './deps.js';
import { getForum, getPerson, takesPartIn } from './ports.js';
import { viewerOf } from './views.js';

export type ListQuery = { forumId?: string; status?: 'open' | 'closed'; limit?: number; cursor?: string };

/**
 * GET /api/feedback: coordinators and governance see every item (of a forum, or across forums);
 * a member sees the items of a forum they take part in, and otherwise only their own. `raisedBy`
 * is shown to coordinators and to the person who raised it only (domain `forViewer`).
 *
 * A member's own list reads their pointers a page at a time and then keeps the forum and status
 * asked for, so a page may hold fewer items than `limit` while `nextCursor` says there are more.
 */
export async function listFeedback(actor: Actor, query: ListQuery, deps: FeedbackDeps): Promise<Page<FeedbackItem>> {
  const viewer = viewerOf(actor);
  const page = { limit: query.limit ?? 50, cursor: query.cursor };
  const state = query.status;
  const forum = query.forumId ? await getForum(deps.db, query.forumId) : undefined;
  if (query.forumId && !forum) {
    throw new ValidationError([
      { path: 'forumId', message: 'We could not find this forum. Choose one from the list.' },
    ]);
  }

  let found: Page<StoredFeedback>;
  if (viewer.role !== 'member') {
    found = forum
      ? await pageForumFeedback(deps.db, forum.forumId, { state, ...page })
      : await pageAllFeedback(deps.db, { state, ...page });
  } else {
    const me = viewer.participantId;
    const person = me ? await getPerson(deps.db, me) : undefined;
    if (!me || !person)
      throw new ForbiddenError('We could not find your participant record, so we cannot show you feedback.');
    if (forum && (await takesPartIn(person, forum, deps.db))) {
      found = await pageForumFeedback(deps.db, forum.forumId, { state, ...page });
    } else {
      const own = await pageFeedbackRaisedBy(deps.db, me, page);
      found = {
        items: own.items.filter(
          (i) =>
            (!forum || i.forumId === forum.forumId) && (state === undefined || (state === 'closed') === isClosed(i)),
        ),
        nextCursor: own.nextCursor,
      };
    }
  }
  return { items: found.items.map((s) => forViewer(toFeedbackItem(s), viewer)), nextCursor: found.nextCursor };
}

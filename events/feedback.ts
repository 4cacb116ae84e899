import * as z from 'zod/mini';
import { Id } from './common.js';
import { defineEvent } from './define-event.js';

const source = 'coproduce.feedback' as const;

/** The statuses of a feedback item (shared/feedback/domain/feedback.ts); repeated here because events import zod and the kernel only. */
const FeedbackStatus = z.enum(['raised', 'considering', 'planned', 'done', 'not-possible']);
const UpdateStatus = z.enum(['considering', 'planned', 'done', 'not-possible']);

export const FeedbackRaised = defineEvent({
  source,
  detailType: 'FeedbackRaised',
  description:
    'Something was said at a forum and is now tracked until the forum hears what became of it. Ids and the status only: never the words, never who raised it.',
  data: z.strictObject({
    feedbackId: Id,
    forumId: Id,
    sessionId: z.optional(Id),
    status: z.literal('raised'),
  }),
});

export const FeedbackUpdated = defineEvent({
  source,
  detailType: 'FeedbackUpdated',
  description:
    'A coordinator moved a feedback item on (or reopened it, or added a progress note). Ids and statuses only: never the words or the note.',
  data: z.strictObject({
    feedbackId: Id,
    forumId: Id,
    /** 1 for the item's first update, +1 for each one after: the person is told of each, once. */
    updateNumber: z.number().check(z.int(), z.positive()),
    previousStatus: FeedbackStatus,
    status: UpdateStatus,
    /** A decision linked by this update. */
    decisionId: z.optional(Id),
  }),
});

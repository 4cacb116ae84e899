import * as z from 'zod/mini';
import { Id } from '../../kernel/index.js';
import { defineRoutes } from '../../runtime/http/routes.js';
import {
  FeedbackListResponse,
  ListFeedbackQuery,
  RaiseFeedbackRequest,
  RaiseFeedbackResponse,
  UpdateFeedbackRequest,
  UpdateFeedbackResponse,
} from './schemas.js';

const FeedbackId = z.object({ id: Id });

/** "You said, we did" (the contract's Feedback section). */
export const feedbackRoutes = defineRoutes('feedback-api', {
  raiseFeedback: {
    method: 'POST',
    path: '/api/feedback',
    roles: ['coordinator', 'member'],
    summary:
      'Raise something said at a forum: a member for themselves at a forum they take part in; a coordinator for someone, or for no one (e.g. a comments box).',
    body: RaiseFeedbackRequest,
    idempotent: true,
    conflict: 'The Idempotency-Key was already used with a different request.',
    responses: { 201: RaiseFeedbackResponse },
  },
  listFeedback: {
    method: 'GET',
    path: '/api/feedback',
    roles: ['coordinator', 'governance', 'member'],
    summary:
      'Feedback items, open first then closed, oldest first (staff: all, or a forum’s; a member: a forum they take part in, else their own). `raisedBy` only for coordinators and the person.',
    query: ListFeedbackQuery,
    responses: { 200: FeedbackListResponse },
  },
  updateFeedback: {
    method: 'POST',
    path: '/api/feedback/{id}/updates',
    roles: ['coordinator'],
    summary:
      'Move an item on (considering, planned, done, not-possible), add a progress note, link a decision of the same forum, or reopen a closed item with considering and a note.',
    params: FeedbackId,
    body: UpdateFeedbackRequest,
    idempotent: true,
    conflict:
      'The item is closed (reopen it first with considering), it kept changing while saving, or the Idempotency-Key was used with another request.',
    responses: { 200: UpdateFeedbackResponse },
  },
});

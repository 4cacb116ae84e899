import { type FeedbackItem, forViewer, type Viewer } from '../domain/feedback.js';
import type { FeedbackItemView } from './schemas.js';

/** The item as the contract shows it to this viewer: nulls for what is not there, `raisedBy` only for those who may see it. */
export function itemView(item: FeedbackItem, viewer: Viewer): FeedbackItemView {
  const seen = forViewer(item, viewer);
  return {
    feedbackId: seen.feedbackId,
    forumId: seen.forumId,
    sessionId: seen.sessionId ?? null,
    text: seen.text,
    // Coordinators always get the field (null: nobody named); the person who raised it, their own id.
    ...(viewer.role === 'coordinator' || seen.raisedBy !== undefined ? { raisedBy: seen.raisedBy ?? null } : {}),
    status: seen.status,
    raisedAt: seen.raisedAt,
    closedAt: seen.closedAt ?? null,
    reportedBackAt: seen.reportedBackAt ?? null,
    decisionIds: seen.decisionIds,
    updates: seen.updates.map((u) => ({ at: u.at, status: u.status, note: u.note, decisionId: u.decisionId ?? null })),
  };
}

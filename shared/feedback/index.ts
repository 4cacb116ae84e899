/**
 * The feedback context: "you said, we did". Items raised at forums, tracked through their statuses
 * to a decision or a reason, reported back at the forum's next session, and the person who raised
 * each told of every change. Other contexts, functions and infra use only what is exported here.
 */

export { feedbackKeys } from './adapters/key-prefixes.js';
export type { FeedbackDeps } from './app/deps.js';
export { type FeedbackRecord, feedbackOfAreaYear } from './app/evaluation.js';
export { type FeedbackNoticeDeps, type NoticeOutcome, sendFeedbackNotice } from './app/notices.js';
export { isNextScheduledSession, markReportedBackAt, youSaidWeDidAt } from './app/report-back.js';
export type { YouSaidWeDidEntry } from './domain/feedback.js';
export { feedbackOperations } from './http/operations.js';
export { feedbackRoutes } from './http/routes.js';

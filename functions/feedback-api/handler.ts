import { type FeedbackDeps, feedbackOperations, feedbackRoutes } from '../../shared/feedback/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { type ApiHandlerOptions, apiHandler } from '../../shared/runtime/http/api.js';

/** Feedback ("you said, we did"): raise, list, and a coordinator's updates; each change and its event in one transaction. */
export const buildHandler = (deps: FeedbackDeps, options?: ApiHandlerOptions) =>
  apiHandler(feedbackRoutes, feedbackOperations, deps, options);

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

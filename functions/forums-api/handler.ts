import { youSaidWeDidAt } from '../../shared/feedback/index.js';
import { type ForumsApiDeps, forumOperations, forumRoutes } from '../../shared/forums/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { coordinatorEmailConfig } from '../../shared/payments/index.js';
import { mainDb, publicUrlConfig } from '../../shared/runtime/aws.js';
import { type ApiHandlerOptions, apiHandler } from '../../shared/runtime/http/api.js';

/** Forums, rates, sessions, RSVPs, calendar invites, attendance and a member's own sessions. */
export const buildHandler = (deps: ForumsApiDeps, options?: ApiHandlerOptions) =>
  apiHandler(
    forumRoutes,
    forumOperations,
    // A session shows what the forum is to hear back ("You said, we did"): bound here, as forums may not import feedback.
    { youSaidWeDid: (session) => youSaidWeDidAt(session, deps), ...deps },
    options,
  );

export const handler = buildHandler({
  db: mainDb(),
  clock: systemClock,
  config: { ...publicUrlConfig(), ...coordinatorEmailConfig() },
});

import { type ForumsApiDeps, forumOperations, forumRoutes } from '../../shared/forums/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { coordinatorEmailConfig } from '../../shared/payments/index.js';
import { mainDb, publicUrlConfig } from '../../shared/runtime/aws.js';
import { type ApiHandlerOptions, apiHandler } from '../../shared/runtime/http/api.js';

/** Forums, rates, sessions, RSVPs, calendar invites, attendance and a member's own sessions. */
export const buildHandler = (deps: ForumsApiDeps, options?: ApiHandlerOptions) =>
  apiHandler(forumRoutes, forumOperations, deps, options);

export const handler = buildHandler({
  db: mainDb(),
  clock: systemClock,
  config: { ...publicUrlConfig(), ...coordinatorEmailConfig() },
});

import { auditRoutes, decisionRoutes } from '../shared/decisions/index.js';
import { evaluationRoutes } from '../shared/evaluation/index.js';
import { feedbackRoutes } from '../shared/feedback/index.js';
import { forumRoutes } from '../shared/forums/index.js';
import { participantRoutes } from '../shared/participants/index.js';
import { paymentRoutes } from '../shared/payments/index.js';
import { reportRoutes } from '../shared/reporting/index.js';
import { authConfigRoutes, webRoutes } from '../shared/runtime/http/platform-routes.js';
import type { RouteEntry, RouteSpec } from '../shared/runtime/http/routes.js';
import { surveyRoutes } from '../shared/surveys/index.js';
import { decisionFunctions } from './catalogue/decisions.js';
import { evaluationFunctions } from './catalogue/evaluation.js';
import { feedbackFunctions } from './catalogue/feedback.js';
import { forumFunctions } from './catalogue/forums.js';
import { participantFunctions } from './catalogue/participants.js';
import { paymentFunctions } from './catalogue/payments.js';
import { platformFunctions } from './catalogue/platform.js';
import { surveyFunctions } from './catalogue/surveys.js';
import { type FunctionSpec, routesOf } from './catalogue/types.js';

export { type FunctionSpec, routesOf } from './catalogue/types.js';

/** Every function of the product. Each bounded context lists its own in catalogue/<context>.ts. */
export const functions: readonly FunctionSpec[] = [
  ...platformFunctions,
  ...participantFunctions,
  ...forumFunctions,
  ...paymentFunctions,
  ...decisionFunctions,
  ...feedbackFunctions,
  ...surveyFunctions,
  ...evaluationFunctions,
];

/** The route table: what the deployed HTTP API and the local server both route by. */
export const routeTable: readonly RouteEntry[] = functions.flatMap(routesOf);

/** Every route with its schemas, for the OpenAPI document. */
export const apiRoutes: readonly RouteSpec[] = functions.flatMap((f) => Object.values(f.routes ?? {}));

/**
 * Every typed route by its operation name (the registry the tests' typed client and the pages' API
 * types come from). Each context adds its own set here as it defines its routes.
 */
export const api = {
  ...participantRoutes,
  ...forumRoutes,
  ...paymentRoutes,
  ...decisionRoutes,
  ...auditRoutes,
  ...feedbackRoutes,
  ...reportRoutes,
  ...surveyRoutes,
  ...evaluationRoutes,
  ...authConfigRoutes,
  ...webRoutes,
};

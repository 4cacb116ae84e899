import { systemClock } from '../../shared/kernel/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { type ApiHandlerOptions, apiHandler } from '../../shared/runtime/http/api.js';
import { secretFromSecretsManager } from '../../shared/runtime/secrets.js';
import { type SurveysDeps, surveyOperations, surveyRoutes, surveysConfigFromEnv } from '../../shared/surveys/index.js';

/** Surveys: open a yearly survey, answer it once (anonymously if chosen), paper responses, results. */
export const buildHandler = (deps: SurveysDeps, options?: ApiHandlerOptions) =>
  apiHandler(surveyRoutes, surveyOperations, deps, options);

export const handler = buildHandler({
  db: mainDb(),
  clock: systemClock,
  config: surveysConfigFromEnv(process.env, secretFromSecretsManager),
});

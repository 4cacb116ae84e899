/**
 * The surveys context: the yearly experience survey of an area (the contract's "Experience
 * capture"), answered once per person, anonymously if they choose, with results by group and
 * small groups suppressed. Other code uses only what is exported here.
 */
export {
  LOCAL_SURVEY_RESPONSE_KEY_SECRET,
  localSurveysConfig,
  type SurveysConfig,
  surveysConfigFromEnv,
} from './adapters/config.js';
export { surveyKeys } from './adapters/key-prefixes.js';
export { type SurveysDeps, surveysOfAreaYear } from './app/surveys.js';
/** The instruments, with QPR-15's statements when supplied (throws, naming the item, on a statement it refuses). */
export { catalogue as surveyInstruments } from './domain/instruments.js';
export { surveyOperations } from './http/operations.js';
export { surveyRoutes } from './http/routes.js';

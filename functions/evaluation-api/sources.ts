import type { EvaluationSources } from '../../shared/evaluation/index.js';
import type { Db } from '../../shared/runtime/store/db.js';

/**
 * THE ONE PLACE the evaluation's feedback and survey measures are bound (docs/evaluation.md).
 * On this branch the feedback and surveys contexts are not merged yet, so both answer nothing and
 * their indicators say there was nothing to measure. At merge, bind them to the real exports
 * (both take `{ db }` and `{ areaId, year }`, as interfaces.md agreed):
 *   import { feedbackOfAreaYear } from '../../shared/feedback/index.js';
 *   import { surveysOfAreaYear } from '../../shared/surveys/index.js';
 *   feedbackOfAreaYear: (q) => feedbackOfAreaYear(deps, q),
 *   surveysOfAreaYear: (q) => surveysOfAreaYear(deps, q),
 */
export const evaluationSources = (_deps: { db: Db }): EvaluationSources => ({
  feedbackOfAreaYear: async () => [],
  surveysOfAreaYear: async () => [],
});

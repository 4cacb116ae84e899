import type { EvaluationSources } from '../../shared/evaluation/index.js';
import { feedbackOfAreaYear } from '../../shared/feedback/index.js';
import type { Db } from '../../shared/runtime/store/db.js';
import { surveysOfAreaYear } from '../../shared/surveys/index.js';

/**
 * Where the evaluation's feedback and survey measures come from (docs/evaluation.md). The evaluation
 * context defines the port; this function, a composition root, binds it to the feedback and surveys
 * contexts' exports, so neither context knows of the evaluation.
 */
export const evaluationSources = (deps: { db: Db }): EvaluationSources => ({
  feedbackOfAreaYear: (q) => feedbackOfAreaYear(deps, q),
  surveysOfAreaYear: (q) => surveysOfAreaYear(deps, q),
});

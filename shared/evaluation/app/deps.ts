import type { Clock } from '../../kernel/index.js';
import type { Db } from '../../runtime/store/db.js';
import type { FeedbackRecord, SurveyResponses } from '../domain/indicators.js';

/**
 * What the evaluation reads from the feedback and surveys contexts, as a port: those contexts sit
 * beside this one, so the function's handler binds the port to their exports
 * (functions/evaluation-api/sources.ts) and this context imports neither.
 */
export type EvaluationSources = {
  /** The feedback items raised in the area in the year (by the local date raised). */
  feedbackOfAreaYear(q: { areaId: string; year: number }): Promise<FeedbackRecord[]>;
  /** The area's experience surveys of the year, with how many responses each had. */
  surveysOfAreaYear(q: { areaId: string; year: number }): Promise<SurveyResponses[]>;
};

export type EvaluationDeps = { db: Db; clock: Clock; sources: EvaluationSources };
export type EvaluationWriteDeps = { db: Db; clock: Clock };

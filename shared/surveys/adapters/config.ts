import * as z from 'zod/mini';
import { readEnv } from '../../runtime/env.js';
import { RESPONSE_KEY_SECRET_MIN_BYTES } from '../domain/survey.js';

/** What the surveys context needs from its deployment. */
export type SurveysConfig = {
  /** The secret under which response keys are computed (docs/surveys.md, "The secret"). */
  surveyResponseKeySecret: string;
  /** QPR-15's 15 statements, in order, from the authors' published form; without them QPR-15 cannot be used. */
  qpr15Wording?: readonly string[];
};

const Secret = z
  .string(`SURVEY_RESPONSE_KEY_SECRET is required (at least ${RESPONSE_KEY_SECRET_MIN_BYTES} bytes).`)
  .check(
    z.refine(
      (s) => new TextEncoder().encode(s).byteLength >= RESPONSE_KEY_SECRET_MIN_BYTES,
      `SURVEY_RESPONSE_KEY_SECRET must be at least ${RESPONSE_KEY_SECRET_MIN_BYTES} bytes.`,
    ),
  );

const Wording = z.optional(
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.issues.push({
            code: 'custom',
            input: s,
            message: 'SURVEYS_QPR15_WORDING must be a JSON array of 15 strings.',
          });
          return z.NEVER;
        }
      }),
    ),
    z.array(z.string()).check(z.length(15, 'SURVEYS_QPR15_WORDING must hold the 15 statements, in order.')),
  ),
);

/** SURVEY_RESPONSE_KEY_SECRET (required) and SURVEYS_QPR15_WORDING (optional JSON array). Fails fast. */
export function surveysConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SurveysConfig {
  const out = readEnv({ SURVEY_RESPONSE_KEY_SECRET: Secret, SURVEYS_QPR15_WORDING: Wording }, env);
  return {
    surveyResponseKeySecret: out.SURVEY_RESPONSE_KEY_SECRET,
    ...(out.SURVEYS_QPR15_WORDING ? { qpr15Wording: out.SURVEYS_QPR15_WORDING } : {}),
  };
}

/**
 * The local stack's secret when SURVEY_RESPONSE_KEY_SECRET is not set: fixed, public, and so only
 * for local data. A deployment gets its own from Secrets Manager (infra).
 */
export const LOCAL_SURVEY_RESPONSE_KEY_SECRET = 'local-only-survey-response-key-not-for-real-data';

export const localSurveyResponseKeySecret = (env: NodeJS.ProcessEnv = process.env): string =>
  env.SURVEY_RESPONSE_KEY_SECRET ?? LOCAL_SURVEY_RESPONSE_KEY_SECRET;

/** The local stack's surveys configuration: the secret as above, QPR-15's wording when SURVEYS_QPR15_WORDING is set. */
export const localSurveysConfig = (env: NodeJS.ProcessEnv = process.env): SurveysConfig =>
  surveysConfigFromEnv({ ...env, SURVEY_RESPONSE_KEY_SECRET: localSurveyResponseKeySecret(env) });

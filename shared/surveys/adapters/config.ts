import * as z from 'zod/mini';
import { readEnv } from '../../runtime/env.js';
import { RESPONSE_KEY_SECRET_MIN_BYTES } from '../domain/survey.js';

/** What the surveys context needs from its deployment. */
export type SurveysConfig = {
  /** The secret under which response keys are computed, read when first needed (docs/surveys.md, "The secret"). */
  surveyResponseKeySecret: () => Promise<string>;
  /** QPR-15's 15 statements, in order, from the authors' published form; without them QPR-15 cannot be used. */
  qpr15Wording?: readonly string[];
};

/** The key's one rule, for the value in SURVEY_RESPONSE_KEY_SECRET and for the value read by ARN. */
const longEnough = (secret: string) => new TextEncoder().encode(secret).byteLength >= RESPONSE_KEY_SECRET_MIN_BYTES;

const Secret = z
  .string(`SURVEY_RESPONSE_KEY_SECRET is required (at least ${RESPONSE_KEY_SECRET_MIN_BYTES} bytes).`)
  .check(z.refine(longEnough, `SURVEY_RESPONSE_KEY_SECRET must be at least ${RESPONSE_KEY_SECRET_MIN_BYTES} bytes.`));

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

const SecretArn = z
  .string()
  .check(z.startsWith('arn:', "SURVEY_RESPONSE_KEY_SECRET_ARN must be the secret's ARN (arn:…)."));

/** How a deployment reads a secret by its ARN (in AWS, Secrets Manager: shared/runtime/secrets.ts). */
export type SecretReader = (secretArn: string) => () => Promise<string>;

const checkedSecret = (value: string): string => {
  if (!longEnough(value))
    throw new Error(`The survey response key secret must be at least ${RESPONSE_KEY_SECRET_MIN_BYTES} bytes.`);
  return value;
};

/**
 * The secret and SURVEYS_QPR15_WORDING (an optional JSON array). In AWS the function gets the
 * secret's ARN (SURVEY_RESPONSE_KEY_SECRET_ARN) and reads the value when it first needs it, so the
 * value is never in its configuration. Elsewhere (the local stack, tests) the value itself comes
 * in SURVEY_RESPONSE_KEY_SECRET and is checked at once.
 */
export function surveysConfigFromEnv(env: NodeJS.ProcessEnv = process.env, readSecret?: SecretReader): SurveysConfig {
  const { SURVEYS_QPR15_WORDING: wording } = readEnv({ SURVEYS_QPR15_WORDING: Wording }, env);
  const qpr15 = wording ? { qpr15Wording: wording } : {};
  if (readSecret && env.SURVEY_RESPONSE_KEY_SECRET_ARN !== undefined) {
    const { SURVEY_RESPONSE_KEY_SECRET_ARN: arn } = readEnv({ SURVEY_RESPONSE_KEY_SECRET_ARN: SecretArn }, env);
    const read = readSecret(arn);
    return { surveyResponseKeySecret: async () => checkedSecret(await read()), ...qpr15 };
  }
  const { SURVEY_RESPONSE_KEY_SECRET: value } = readEnv({ SURVEY_RESPONSE_KEY_SECRET: Secret }, env);
  return { surveyResponseKeySecret: async () => value, ...qpr15 };
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

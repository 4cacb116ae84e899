import { describe, expect, it } from 'vitest';
import {
  LOCAL_SURVEY_RESPONSE_KEY_SECRET,
  localSurveysConfig,
  surveysConfigFromEnv,
} from '../../shared/surveys/index.js';

const secret = 'x'.repeat(32);
const fifteen = JSON.stringify(Array.from({ length: 15 }, (_, i) => `Statement ${i + 1}.`));

describe('the surveys configuration', () => {
  it('needs SURVEY_RESPONSE_KEY_SECRET of at least 32 bytes, and says so by name', async () => {
    expect(() => surveysConfigFromEnv({})).toThrow(/SURVEY_RESPONSE_KEY_SECRET/);
    expect(() => surveysConfigFromEnv({ SURVEY_RESPONSE_KEY_SECRET: 'x'.repeat(31) })).toThrow(
      'SURVEY_RESPONSE_KEY_SECRET must be at least 32 bytes.',
    );
    expect(await surveysConfigFromEnv({ SURVEY_RESPONSE_KEY_SECRET: secret }).surveyResponseKeySecret()).toBe(secret);
  });

  it('in AWS reads the secret by its ARN when first needed, once, and checks it too', async () => {
    const reads: string[] = [];
    const reader = (arn: string) => {
      let n = 0;
      return async () => {
        reads.push(`${arn}#${++n}`);
        return arn.endsWith(':short') ? 'x'.repeat(31) : secret;
      };
    };
    const arn = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:survey-key';
    const config = surveysConfigFromEnv({ SURVEY_RESPONSE_KEY_SECRET_ARN: arn }, reader);
    expect(reads).toEqual([]);
    expect(await config.surveyResponseKeySecret()).toBe(secret);
    expect(reads).toEqual([`${arn}#1`]);
    await expect(
      surveysConfigFromEnv({ SURVEY_RESPONSE_KEY_SECRET_ARN: `${arn}:short` }, reader).surveyResponseKeySecret(),
    ).rejects.toThrow('The survey response key secret must be at least 32 bytes.');
    expect(() => surveysConfigFromEnv({ SURVEY_RESPONSE_KEY_SECRET_ARN: 'survey-key' }, reader)).toThrow(
      "SURVEY_RESPONSE_KEY_SECRET_ARN must be the secret's ARN (arn:…).",
    );
  });

  it('reads QPR-15’s wording as a JSON array of exactly 15 statements', () => {
    const ok = surveysConfigFromEnv({ SURVEY_RESPONSE_KEY_SECRET: secret, SURVEYS_QPR15_WORDING: fifteen });
    expect(ok.qpr15Wording).toHaveLength(15);
    expect(() =>
      surveysConfigFromEnv({ SURVEY_RESPONSE_KEY_SECRET: secret, SURVEYS_QPR15_WORDING: '["only one"]' }),
    ).toThrow('SURVEYS_QPR15_WORDING must hold the 15 statements, in order.');
    expect(() =>
      surveysConfigFromEnv({ SURVEY_RESPONSE_KEY_SECRET: secret, SURVEYS_QPR15_WORDING: 'not json' }),
    ).toThrow('SURVEYS_QPR15_WORDING must be a JSON array of 15 strings.');
  });

  it('gives the local stack a fixed local-only secret unless one is set', async () => {
    expect(await localSurveysConfig({}).surveyResponseKeySecret()).toBe(LOCAL_SURVEY_RESPONSE_KEY_SECRET);
    expect(await localSurveysConfig({ SURVEY_RESPONSE_KEY_SECRET: secret }).surveyResponseKeySecret()).toBe(secret);
  });
});

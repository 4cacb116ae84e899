import { describe, expect, it } from 'vitest';
import {
  LOCAL_SURVEY_RESPONSE_KEY_SECRET,
  localSurveysConfig,
  surveysConfigFromEnv,
} from '../../shared/surveys/index.js';

const secret = 'x'.repeat(32);
const fifteen = JSON.stringify(Array.from({ length: 15 }, (_, i) => `Statement ${i + 1}.`));

describe('the surveys configuration', () => {
  it('needs SURVEY_RESPONSE_KEY_SECRET of at least 32 bytes, and says so by name', () => {
    expect(() => surveysConfigFromEnv({})).toThrow(/SURVEY_RESPONSE_KEY_SECRET/);
    expect(() => surveysConfigFromEnv({ SURVEY_RESPONSE_KEY_SECRET: 'x'.repeat(31) })).toThrow(
      'SURVEY_RESPONSE_KEY_SECRET must be at least 32 bytes.',
    );
    expect(surveysConfigFromEnv({ SURVEY_RESPONSE_KEY_SECRET: secret })).toEqual({ surveyResponseKeySecret: secret });
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

  it('gives the local stack a fixed local-only secret unless one is set', () => {
    expect(localSurveysConfig({}).surveyResponseKeySecret).toBe(LOCAL_SURVEY_RESPONSE_KEY_SECRET);
    expect(localSurveysConfig({ SURVEY_RESPONSE_KEY_SECRET: secret }).surveyResponseKeySecret).toBe(secret);
  });
});

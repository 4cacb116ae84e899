import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { experienceV1, qpr15V1 } from '../../shared/surveys/domain/instruments.js';
import {
  CreateSurveyRequest,
  SubmitResponseRequest,
  SurveyView,
  surveyResponseSchemas,
} from '../../shared/surveys/http/schemas.js';

const issues = (r: { success: boolean; error?: z.core.$ZodError }) =>
  (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

const survey = {
  areaId: 'cho5-waterford',
  year: 2026,
  title: 'Taking part in 2026',
  opensAt: '2026-03-02T09:00:00+00:00',
  closesAt: '2026-03-30T17:00:00+01:00',
  instruments: ['experience', 'qpr-15'],
};

describe('opening a survey', () => {
  it('accepts the contract’s body', () => {
    expect(CreateSurveyRequest.safeParse(survey).success).toBe(true);
  });

  it('refuses a closing time before the opening time, naming closesAt', () => {
    expect(issues(CreateSurveyRequest.safeParse({ ...survey, closesAt: '2026-03-01T09:00:00+00:00' }))).toEqual([
      ['closesAt', 'The closing date and time must be after the opening date and time.'],
    ]);
  });

  it('refuses an unknown or repeated questionnaire, and none at all', () => {
    expect(issues(CreateSurveyRequest.safeParse({ ...survey, instruments: ['phq-9'] }))).toEqual([
      ['instruments.0', 'Choose from the questionnaires: experience, qpr-15.'],
    ]);
    expect(issues(CreateSurveyRequest.safeParse({ ...survey, instruments: ['experience', 'experience'] }))).toEqual([
      ['instruments', 'Each questionnaire can be included once.'],
    ]);
    expect(issues(CreateSurveyRequest.safeParse({ ...survey, instruments: [] }))[0]![1]).toBe(
      'Choose at least one questionnaire.',
    );
  });

  it('refuses a survey that opens in another year than its own, naming the year', () => {
    expect(issues(CreateSurveyRequest.safeParse({ ...survey, year: 2025 }))).toEqual([
      ['year', 'The survey opens in 2026, so it is the 2026 survey. Change the year or the opening date.'],
    ]);
  });

  it('refuses a date without a time and offset, showing the form to use', () => {
    expect(issues(CreateSurveyRequest.safeParse({ ...survey, opensAt: '2026-03-02' }))).toEqual([
      ['opensAt', 'Enter the opening time as a date and time, like 2026-03-02T09:00:00+00:00.'],
    ]);
  });

  it('refuses a title over two lines or with a direction override', () => {
    expect(issues(CreateSurveyRequest.safeParse({ ...survey, title: 'One\ntwo' }))[0]![0]).toBe('title');
    expect(issues(CreateSurveyRequest.safeParse({ ...survey, title: 'Survey \u202E6202' }))[0]![0]).toBe('title');
  });

  it('refuses unknown fields', () => {
    expect(CreateSurveyRequest.safeParse({ ...survey, anonymous: true }).success).toBe(false);
  });
});

describe('sending a response', () => {
  it('accepts answers as numbers, text or null, with anonymous and shareComments', () => {
    const r = SubmitResponseRequest.safeParse({
      answers: { 'exp-listened': 4, 'exp-comments': 'Good.', 'qpr15-01': null },
      anonymous: true,
      shareComments: false,
    });

    expect(r.success).toBe(true);
  });

  it('needs the person to say whether it is anonymous', () => {
    expect(issues(SubmitResponseRequest.safeParse({ answers: { 'exp-listened': 4 } }))).toEqual([
      ['anonymous', 'Say whether to answer anonymously: true or false.'],
    ]);
  });

  it('refuses a question id that is not one of ours', () => {
    expect(issues(SubmitResponseRequest.safeParse({ answers: { 'Bad Key': 1 }, anonymous: true }))).toEqual([
      ['answers.Bad Key', 'That is not one of this survey’s questions.'],
    ]);
  });

  it('refuses a comment over 2,000 characters or with a control character', () => {
    expect(
      issues(SubmitResponseRequest.safeParse({ answers: { 'exp-comments': 'x'.repeat(2001) }, anonymous: true })),
    ).toEqual([['answers.exp-comments', 'Your answer can be at most 2,000 characters.']]);
    expect(
      issues(SubmitResponseRequest.safeParse({ answers: { 'exp-comments': 'a\u0000b' }, anonymous: true }))[0]![1],
    ).toContain('hidden control character');
  });
});

describe('response schemas', () => {
  it('each convert to JSON Schema with no custom x- keywords', () => {
    for (const [name, schema] of Object.entries(surveyResponseSchemas)) {
      const json = JSON.stringify(z.toJSONSchema(schema, { io: 'output' }));
      expect(json, name).not.toMatch(/"x-/);
    }
  });

  it('describe a survey with its questions as the domain holds them', () => {
    const view = {
      surveyId: 'S1',
      areaId: 'cho5-waterford',
      year: 2026,
      title: 'Taking part in 2026',
      opensAt: '2026-03-02T09:00:00+00:00',
      closesAt: '2026-03-30T16:00:00+00:00',
      instruments: [experienceV1, qpr15V1].map(({ id, version, title, intro, audience, questions }) => ({
        id,
        version,
        title,
        intro,
        audience,
        questions,
      })),
    };

    expect(SurveyView.safeParse(view).success).toBe(true);
  });
});

import * as z from 'zod/mini';
import { constituencies, FREE_TEXT_MAX, instrumentIds, stakeholderGroups } from '../domain/instruments.js';
import { windowProblem } from '../domain/survey.js';
import { charCount, groupedNumber, unsafeTextProblem } from '../domain/text.js';

/**
 * Request and response schemas for the survey routes ("Experience capture" in the contract).
 * Requests are strict and every message says what to fix; answers are checked against the
 * survey's instruments by `validateAnswers` (domain), which knows the questions. Responses carry
 * no transforms and no custom keywords, so OpenAPI can be generated from them.
 */

const MAX = groupedNumber(FREE_TEXT_MAX);

const id = (what: string) =>
  z
    .string(`Choose the ${what}.`)
    .check(
      z.minLength(1, `Choose the ${what}.`),
      z.maxLength(64, `That ${what} id is too long to be one of ours.`),
      z.regex(/^[A-Za-z0-9_-]+$/, `That ${what} id is not one of ours.`),
    );

const safe = { error: (iss: { input?: unknown }) => unsafeTextProblem(iss.input as string) ?? '' };
const isSafe = (s: string) => unsafeTextProblem(s) === undefined;

const IsoDateTime = (what: string) =>
  z.iso.datetime({ offset: true, error: `Enter the ${what} as a date and time, like 2026-03-02T09:00:00+00:00.` });

// ---------------------------------------------------------------------------------------------
// POST /api/surveys

export const CreateSurveyRequest = z
  .strictObject(
    {
      areaId: id('area'),
      year: z
        .number('Enter the year as a number, like 2026.')
        .check(
          z.int('Enter the year as a whole number, like 2026.'),
          z.gte(2000, 'Enter a year from 2000 on.'),
          z.lte(2100, 'Enter a year before 2100.'),
        ),
      title: z.string('Enter a short title.').check(
        z.trim(),
        z.minLength(1, 'Enter a short title.'),
        z.maxLength(200, 'The title can be at most 200 characters.'),
        z.refine((s) => !/[\t\n\r]/.test(s), 'Keep the title on one line.'),
        z.refine(isSafe, safe),
      ),
      opensAt: IsoDateTime('opening time'),
      closesAt: IsoDateTime('closing time'),
      instruments: z
        .array(z.enum(instrumentIds, { error: 'Choose from the questionnaires: experience, qpr-15.' }), {
          error: 'Choose which questionnaires to include.',
        })
        .check(
          z.minLength(1, 'Choose at least one questionnaire.'),
          z.maxLength(instrumentIds.length, 'Each questionnaire can be included once.'),
          z.refine((a) => new Set(a).size === a.length, 'Each questionnaire can be included once.'),
        ),
    },
    'Send the survey as an object with areaId, year, title, opensAt, closesAt and instruments.',
  )
  .check(
    z.superRefine((s, ctx) => {
      const problem = windowProblem(s.opensAt, s.closesAt);
      if (problem) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: problem });
      // The survey counts in the evaluation of its year, so it must open in that year. (Ireland and
      // the UK are on UTC at the turn of the year, so the UTC year is the local one.)
      const opensIn = new Date(s.opensAt).getUTCFullYear();
      if (Number.isFinite(opensIn) && opensIn !== s.year) {
        ctx.addIssue({
          code: 'custom',
          path: ['year'],
          message: `The survey opens in ${opensIn}, so it is the ${opensIn} survey. Change the year or the opening date.`,
        });
      }
    }),
  );
export type CreateSurveyRequest = z.infer<typeof CreateSurveyRequest>;

export const CreateSurveyResponse = z.strictObject({ surveyId: z.string().check(z.minLength(1), z.maxLength(64)) });

// ---------------------------------------------------------------------------------------------
// POST /api/surveys/:id/responses

const QuestionId = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'That is not one of this survey’s questions.'));

const AnswerValue = z.union(
  [
    z.number().check(z.int('Choose one of the answers.'), z.gte(-1000), z.lte(1000)),
    z.string().check(
      z.maxLength(FREE_TEXT_MAX * 2, `Your answer can be at most ${MAX} characters.`),
      z.refine((s) => charCount(s) <= FREE_TEXT_MAX, `Your answer can be at most ${MAX} characters.`),
      z.refine(isSafe, safe),
    ),
    z.null(),
  ],
  { error: 'Answer with one of the choices, with text, or leave it out.' },
);

export const SubmitResponseRequest = z.strictObject(
  {
    answers: z
      .record(QuestionId, AnswerValue, {
        error: (iss) =>
          iss.code === 'invalid_key'
            ? 'That is not one of this survey’s questions.'
            : 'Send the answers as an object of question ids and answers.',
      })
      .check(z.refine((a) => Object.keys(a).length <= 64, 'There are more answers than this survey has questions.')),
    anonymous: z.boolean('Say whether to answer anonymously: true or false.'),
    shareComments: z.optional(z.boolean('Say whether your written answers may be shared: true or false.')),
    /** Additive: a coordinator entering a paper response names whose it is (to block a second one). */
    participantId: z.optional(id('participant')),
  },
  'Send the response as an object with answers and anonymous.',
);
export type SubmitResponseRequest = z.infer<typeof SubmitResponseRequest>;

/** Says it arrived, and nothing that could link it to the person (no key, no id). */
export const SubmitResponseResponse = z.strictObject({
  surveyId: z.string().check(z.minLength(1), z.maxLength(64)),
  received: z.literal(true),
});

// ---------------------------------------------------------------------------------------------
// GET /api/surveys/:id — the questions

const ScaleOptionView = z.strictObject({ value: z.number().check(z.int()), label: z.string().check(z.maxLength(100)) });
const QuestionView = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('scale'),
    id: z.string().check(z.maxLength(40)),
    text: z.nullable(z.string().check(z.maxLength(300))),
    hint: z.optional(z.string().check(z.maxLength(300))),
    required: z.boolean(),
    scale: z.strictObject({
      min: z.number().check(z.int()),
      max: z.number().check(z.int()),
      options: z.array(ScaleOptionView).check(z.maxLength(11)),
    }),
  }),
  z.strictObject({
    kind: z.literal('text'),
    id: z.string().check(z.maxLength(40)),
    text: z.string().check(z.maxLength(300)),
    hint: z.optional(z.string().check(z.maxLength(300))),
    required: z.boolean(),
    maxLength: z.number().check(z.int()),
  }),
]);
const InstrumentView = z.strictObject({
  id: z.enum(instrumentIds),
  version: z.number().check(z.int(), z.gte(1)),
  title: z.string().check(z.maxLength(200)),
  intro: z.string().check(z.maxLength(2000)),
  audience: z.array(z.enum(stakeholderGroups)).check(z.maxLength(4)),
  questions: z.array(QuestionView).check(z.maxLength(64)),
});

/** What every view of a survey starts with. */
const SurveyHead = z.strictObject({
  surveyId: z.string().check(z.minLength(1), z.maxLength(64)),
  areaId: z.string().check(z.minLength(1), z.maxLength(64)),
  year: z.number().check(z.int()),
  title: z.string().check(z.maxLength(200)),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
});

export const SurveyView = z.extend(SurveyHead, {
  instruments: z.array(InstrumentView).check(z.maxLength(instrumentIds.length)),
});
export type SurveyView = z.infer<typeof SurveyView>;

// ---------------------------------------------------------------------------------------------
// GET /api/surveys/:id/results — the aggregate only

const Suppressed = z.strictObject({ suppressed: z.literal(true) });
const cell = <T extends z.ZodMiniType>(figures: T) => z.union([Suppressed, figures]);
const breakdown = <T extends z.ZodMiniType>(figures: T) =>
  z.strictObject({
    overall: cell(figures),
    byConstituency: z.strictObject(
      Object.fromEntries(constituencies.map((c) => [c, cell(figures)])) as Record<
        (typeof constituencies)[number],
        ReturnType<typeof cell<T>>
      >,
    ),
    byStakeholderGroup: z.strictObject(
      Object.fromEntries(stakeholderGroups.map((g) => [g, cell(figures)])) as Record<
        (typeof stakeholderGroups)[number],
        ReturnType<typeof cell<T>>
      >,
    ),
  });

const Count = z.number().check(z.int(), z.gte(0));
const CountFigures = z.strictObject({ suppressed: z.literal(false), count: Count });
const ScaleFigures = z.strictObject({
  suppressed: z.literal(false),
  count: Count,
  mean: z.number(),
  distribution: z
    .array(
      z.strictObject({ value: z.number().check(z.int()), label: z.string().check(z.maxLength(100)), count: Count }),
    )
    .check(z.maxLength(11)),
});
const TotalFigures = z.strictObject({
  suppressed: z.literal(false),
  count: Count,
  mean: z.number(),
  distribution: z
    .array(
      z.strictObject({
        from: z.number().check(z.int()),
        to: z.number().check(z.int()),
        label: z.string().check(z.maxLength(20)),
        count: Count,
      }),
    )
    .check(z.maxLength(20)),
});

const QuestionResultView = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('scale'),
    instrumentId: z.enum(instrumentIds),
    questionId: z.string().check(z.maxLength(40)),
    text: z.nullable(z.string().check(z.maxLength(300))),
    figures: breakdown(ScaleFigures),
  }),
  z.strictObject({
    kind: z.literal('text'),
    instrumentId: z.enum(instrumentIds),
    questionId: z.string().check(z.maxLength(40)),
    text: z.string().check(z.maxLength(300)),
    answered: breakdown(CountFigures),
    comments: z.array(z.string().check(z.maxLength(FREE_TEXT_MAX * 2))).check(z.maxLength(10_000)),
  }),
]);

const SurveyStatus = z.enum(['not-open-yet', 'open', 'closed']);

/**
 * Until the survey closes only `responses` (how many answered) is filled; `questions` and `totals`
 * stay empty, as figures read before and after one more answer would give that answer away.
 */
export const SurveyResultsView = z.strictObject({
  status: SurveyStatus,
  closesAt: z.iso.datetime({ offset: true }),
  minGroupSize: z.number().check(z.int(), z.gte(1)),
  responses: breakdown(CountFigures),
  questions: z.array(QuestionResultView).check(z.maxLength(64)),
  totals: z
    .array(
      z.strictObject({
        instrumentId: z.enum(instrumentIds),
        min: z.number().check(z.int()),
        max: z.number().check(z.int()),
        figures: breakdown(TotalFigures),
      }),
    )
    .check(z.maxLength(instrumentIds.length)),
});
export type SurveyResultsView = z.infer<typeof SurveyResultsView>;

/** Every response schema of these routes, for the OpenAPI generator and its tests. */
export const surveyResponseSchemas = {
  CreateSurveyResponse,
  SubmitResponseResponse,
  SurveyView,
  SurveyResultsView,
} as const;

// ---------------------------------------------------------------------------------------------
// Lists (additions: GET /api/surveys?areaId= for staff, GET /api/my/surveys for a member)

export const SurveySummaryView = z.extend(SurveyHead, {
  status: SurveyStatus,
});

export const AreaSurveysView = z.strictObject({ items: z.array(SurveySummaryView).check(z.maxLength(1000)) });

/** A member's open surveys: `answered` is whether their own response key is taken (nothing else is read). */
export const MySurveysView = z.strictObject({
  items: z.array(z.extend(SurveySummaryView, { answered: z.boolean() })).check(z.maxLength(1000)),
});

export const AreaSurveysQuery = z.strictObject({ areaId: id('area') });

/** A paper response entered by a coordinator: whose it is must be given. */
export const PaperResponseRequest = z.extend(SubmitResponseRequest, { participantId: id('participant') });

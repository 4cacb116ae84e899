import * as z from 'zod';
import { constituencies, FREE_TEXT_MAX, instrumentIds, stakeholderGroups } from '../domain/instruments.js';
import { windowProblem } from '../domain/survey.js';
import { charCount, unsafeTextProblem } from '../domain/text.js';

/**
 * Request and response schemas for the survey routes ("Experience capture" in the contract).
 * Requests are strict and every message says what to fix; answers are checked against the
 * survey's instruments by `validateAnswers` (domain), which knows the questions. Responses carry
 * no transforms and no custom keywords, so OpenAPI can be generated from them.
 */

const MAX = FREE_TEXT_MAX.toLocaleString('en-GB');

const id = (what: string) =>
  z
    .string(`Choose the ${what}.`)
    .min(1, `Choose the ${what}.`)
    .max(64, `That ${what} id is too long to be one of ours.`)
    .regex(/^[A-Za-z0-9_-]+$/, `That ${what} id is not one of ours.`);

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
        .int('Enter the year as a whole number, like 2026.')
        .min(2000, 'Enter a year from 2000 on.')
        .max(2100, 'Enter a year before 2100.'),
      title: z
        .string('Enter a short title.')
        .trim()
        .min(1, 'Enter a short title.')
        .max(200, 'The title can be at most 200 characters.')
        .refine((s) => !/[\t\n\r]/.test(s), 'Keep the title on one line.')
        .refine(isSafe, safe),
      opensAt: IsoDateTime('opening time'),
      closesAt: IsoDateTime('closing time'),
      instruments: z
        .array(z.enum(instrumentIds, { error: 'Choose from the questionnaires: experience, qpr-15.' }), {
          error: 'Choose which questionnaires to include.',
        })
        .min(1, 'Choose at least one questionnaire.')
        .max(instrumentIds.length, 'Each questionnaire can be included once.')
        .refine((a) => new Set(a).size === a.length, 'Each questionnaire can be included once.'),
    },
    'Send the survey as an object with areaId, year, title, opensAt, closesAt and instruments.',
  )
  .superRefine((s, ctx) => {
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
  });
export type CreateSurveyRequest = z.infer<typeof CreateSurveyRequest>;

export const CreateSurveyResponse = z.strictObject({ surveyId: z.string().min(1).max(64) });

// ---------------------------------------------------------------------------------------------
// POST /api/surveys/:id/responses

const QuestionId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'That is not one of this survey’s questions.');

const AnswerValue = z.union(
  [
    z.number().int('Choose one of the answers.').min(-1000).max(1000),
    z
      .string()
      .max(FREE_TEXT_MAX * 2, `Your answer can be at most ${MAX} characters.`)
      .refine((s) => charCount(s) <= FREE_TEXT_MAX, `Your answer can be at most ${MAX} characters.`)
      .refine(isSafe, safe),
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
      .refine((a) => Object.keys(a).length <= 64, 'There are more answers than this survey has questions.'),
    anonymous: z.boolean('Say whether to answer anonymously: true or false.'),
    shareComments: z.boolean('Say whether your written answers may be shared: true or false.').optional(),
    /** Additive: a coordinator entering a paper response names whose it is (to block a second one). */
    participantId: id('participant').optional(),
  },
  'Send the response as an object with answers and anonymous.',
);
export type SubmitResponseRequest = z.infer<typeof SubmitResponseRequest>;

/** Says it arrived, and nothing that could link it to the person (no key, no id). */
export const SubmitResponseResponse = z.strictObject({
  surveyId: z.string().min(1).max(64),
  received: z.literal(true),
});

// ---------------------------------------------------------------------------------------------
// GET /api/surveys/:id — the questions

const ScaleOptionView = z.strictObject({ value: z.number().int(), label: z.string().max(100) });
const QuestionView = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('scale'),
    id: z.string().max(40),
    text: z.string().max(300).nullable(),
    hint: z.string().max(300).optional(),
    required: z.boolean(),
    scale: z.strictObject({ min: z.number().int(), max: z.number().int(), options: z.array(ScaleOptionView).max(11) }),
  }),
  z.strictObject({
    kind: z.literal('text'),
    id: z.string().max(40),
    text: z.string().max(300),
    hint: z.string().max(300).optional(),
    required: z.boolean(),
    maxLength: z.number().int(),
  }),
]);
const InstrumentView = z.strictObject({
  id: z.enum(instrumentIds),
  version: z.number().int().min(1),
  title: z.string().max(200),
  intro: z.string().max(2000),
  audience: z.array(z.enum(stakeholderGroups)).max(4),
  questions: z.array(QuestionView).max(64),
});

/** What every view of a survey starts with. */
const SurveyHead = z.strictObject({
  surveyId: z.string().min(1).max(64),
  areaId: z.string().min(1).max(64),
  year: z.number().int(),
  title: z.string().max(200),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
});

export const SurveyView = SurveyHead.extend({
  instruments: z.array(InstrumentView).max(instrumentIds.length),
});
export type SurveyView = z.infer<typeof SurveyView>;

// ---------------------------------------------------------------------------------------------
// GET /api/surveys/:id/results — the aggregate only

const Suppressed = z.strictObject({ suppressed: z.literal(true) });
const cell = <T extends z.ZodType>(figures: T) => z.union([Suppressed, figures]);
const breakdown = <T extends z.ZodType>(figures: T) =>
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

const Count = z.number().int().min(0);
const CountFigures = z.strictObject({ suppressed: z.literal(false), count: Count });
const ScaleFigures = z.strictObject({
  suppressed: z.literal(false),
  count: Count,
  mean: z.number(),
  distribution: z.array(z.strictObject({ value: z.number().int(), label: z.string().max(100), count: Count })).max(11),
});
const TotalFigures = z.strictObject({
  suppressed: z.literal(false),
  count: Count,
  mean: z.number(),
  distribution: z
    .array(z.strictObject({ from: z.number().int(), to: z.number().int(), label: z.string().max(20), count: Count }))
    .max(20),
});

const QuestionResultView = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('scale'),
    instrumentId: z.enum(instrumentIds),
    questionId: z.string().max(40),
    text: z.string().max(300).nullable(),
    figures: breakdown(ScaleFigures),
  }),
  z.strictObject({
    kind: z.literal('text'),
    instrumentId: z.enum(instrumentIds),
    questionId: z.string().max(40),
    text: z.string().max(300),
    answered: breakdown(CountFigures),
    comments: z.array(z.string().max(FREE_TEXT_MAX * 2)).max(10_000),
  }),
]);

export const SurveyResultsView = z.strictObject({
  minGroupSize: z.number().int().min(1),
  responses: breakdown(CountFigures),
  questions: z.array(QuestionResultView).max(64),
  totals: z
    .array(
      z.strictObject({
        instrumentId: z.enum(instrumentIds),
        min: z.number().int(),
        max: z.number().int(),
        figures: breakdown(TotalFigures),
      }),
    )
    .max(instrumentIds.length),
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

const SurveyStatus = z.enum(['not-open-yet', 'open', 'closed']);

export const SurveySummaryView = SurveyHead.extend({
  status: SurveyStatus,
});

export const AreaSurveysView = z.strictObject({ items: z.array(SurveySummaryView).max(1000) });

/** A member's open surveys: `answered` is whether their own response key is taken (nothing else is read). */
export const MySurveysView = z.strictObject({
  items: z.array(SurveySummaryView.extend({ answered: z.boolean() })).max(1000),
});

export const AreaSurveysQuery = z.strictObject({ areaId: id('area') });

/** A paper response entered by a coordinator: whose it is must be given. */
export const PaperResponseRequest = SubmitResponseRequest.extend({ participantId: id('participant') });

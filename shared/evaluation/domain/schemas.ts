import * as z from 'zod/mini';
import { indicatorIds, units } from './indicators.js';
import { type Rung, rungs } from './ladder.js';
import { actions, ratings } from './self-assessment.js';

/**
 * The evaluation context's request bodies and its response, as zod schemas. Request schemas are
 * strict (an unknown field is an error, so a typo is not silently dropped) and say in plain words
 * what to fix. The response schema describes `GET /api/evaluations/:areaId/:year` exactly; it has
 * no transforms or custom keywords, so `z.toJSONSchema` can turn it into OpenAPI as it is.
 */

export const MAX_IDS = 500;
export const MAX_TITLE = 200;
export const MAX_EVIDENCE = 2000;

// Control characters (C0, DEL, C1) and the bidirectional embeddings, overrides and isolates that
// can make text display differently from what it holds ("Trojan Source"). Evidence keeps line
// breaks and tabs: it is written in a text box.
const controlChar = /\p{Cc}/u;
const controlExceptLineBreaks = /[^\P{Cc}\n\r\t]/u;
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/u;

const plainText = (what: string, { min, max, multiline }: { min: number; max: number; multiline: boolean }) =>
  z.string(`Enter the ${what} as text.`).check(
    z.trim(),
    z.minLength(min, `Enter the ${what}.`),
    z.maxLength(max, `The ${what} can be at most ${max} characters.`),
    z.refine(
      (s) => !(multiline ? controlExceptLineBreaks : controlChar).test(s),
      `The ${what} contains a hidden control character. Type it again rather than pasting it.`,
    ),
    z.refine(
      (s) => !bidiControl.test(s),
      `The ${what} contains a hidden character that changes the direction of the text. Type it again rather than pasting it.`,
    ),
  );

const ParticipantId = z
  .string('Enter the participant’s id.')
  .check(
    z.trim(),
    z.minLength(1, 'Enter the participant’s id.'),
    z.maxLength(64, 'A participant id is at most 64 characters.'),
    z.regex(/^[A-Za-z0-9_-]+$/, 'A participant id has only letters, digits, - and _.'),
  );

const AreaId = z
  .string('Enter the area.')
  .check(
    z.trim(),
    z.minLength(1, 'Enter the area.'),
    z.maxLength(64, 'The area can be at most 64 characters.'),
    z.regex(/^[A-Za-z0-9_-]+$/, 'An area id has only letters, digits, - and _ (for example cho5-waterford).'),
  );

const IsoDate = z.iso.date('Enter a date like 2026-03-02.');

const noRepeats = (ids: readonly string[]) => new Set(ids).size === ids.length;

// --- ladder answers ------------------------------------------------------------------------------

const rungChoice = `Choose how it felt: one of ${rungs.join(', ')}.`;

/** `POST /api/sessions/:id/ladder` and `POST /api/decisions/:id/ladder`. */
export const LadderAnswerInput = z.strictObject({ rung: z.enum(rungs, rungChoice) });
export type LadderAnswerInput = z.infer<typeof LadderAnswerInput>;
export const SessionLadderInput = LadderAnswerInput;
export const DecisionLadderInput = LadderAnswerInput;

// --- staff practice ------------------------------------------------------------------------------

/** `POST /api/staff-activities`. */
export const StaffActivityInput = z
  .strictObject({
    kind: z.enum(
      ['co-production-training', 'reflective-practice'],
      'Choose co-production-training or reflective-practice.',
    ),
    title: plainText('title', { min: 1, max: MAX_TITLE, multiline: false }),
    date: IsoDate,
    hours: z
      .number('Enter the hours as a number, like 1.5.')
      .check(
        z.positive('The hours must be more than 0.'),
        z.lte(24, 'The hours can be at most 24.'),
        z.multipleOf(0.25, 'Enter the hours in quarter hours, like 0.75 or 1.5.'),
      ),
    areaId: AreaId,
    attendees: z
      .array(ParticipantId, 'List the providers who attended.')
      .check(
        z.minLength(1, 'List at least one provider who attended.'),
        z.maxLength(MAX_IDS, `List at most ${MAX_IDS} attendees; record a bigger event as several.`),
        z.refine(noRepeats, 'Each attendee can be listed once.'),
      ),
    coFacilitators: z
      .array(ParticipantId, 'List the lived-experience co-facilitators (an empty list if there were none).')
      .check(
        z.maxLength(MAX_IDS, `List at most ${MAX_IDS} co-facilitators.`),
        z.refine(noRepeats, 'Each co-facilitator can be listed once.'),
      ),
  })
  .check(
    z.superRefine((a, ctx) => {
      const attendees = new Set(a.attendees);
      a.coFacilitators.forEach((id, i) => {
        if (attendees.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['coFacilitators', i],
            message: `${id} is listed as an attendee and a co-facilitator: attendees are providers, co-facilitators have lived experience.`,
          });
        }
      });
    }),
  );
export type StaffActivityInput = z.infer<typeof StaffActivityInput>;

// --- lived-experience roles ----------------------------------------------------------------------

export const roleKinds = [
  'peer-support-worker',
  'peer-educator',
  'area-lead',
  'lived-experience-facilitator',
  'other',
] as const;

/** `POST /api/participants/:id/roles`. `to` is the last day in post (inclusive); open-ended without it. */
export const RoleInput = z
  .strictObject({
    role: z.enum(roleKinds, `Choose the role: one of ${roleKinds.join(', ')}.`),
    from: IsoDate,
    to: z.optional(IsoDate),
    fte: z.number('Enter the FTE as a number, like 0.5 for half-time.').check(
      z.gt(0, 'The FTE must be more than 0.'),
      z.lte(1, 'The FTE can be at most 1 (full-time). Record a second role for more.'),
      z.refine(
        (n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9,
        'Enter the FTE with at most two decimals, like 0.5 or 0.25.',
      ),
    ),
  })
  .check(
    z.superRefine((r, ctx) => {
      if (r.to !== undefined && r.to < r.from) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date must be on or after the start date.' });
      }
    }),
  );
export type RoleInput = z.infer<typeof RoleInput>;

// --- self-assessment -----------------------------------------------------------------------------

/** `PUT /api/evaluations/:areaId/:year/self-assessment/:action`. */
export const SelfAssessmentInput = z.strictObject({
  rating: z.enum(ratings, `Choose a rating: one of ${ratings.join(', ')}.`),
  evidence: plainText('evidence', { min: 0, max: MAX_EVIDENCE, multiline: true }),
});
export type SelfAssessmentInput = z.infer<typeof SelfAssessmentInput>;

/** The path of the evaluation routes; `year` stays a string here (the route turns it into a number). */
export const EvaluationPath = z.strictObject({
  areaId: AreaId,
  year: z.string().check(z.regex(/^\d{4}$/, 'Give the year with four digits, like 2026.')),
});
export const SelfAssessmentPath = z.extend(EvaluationPath, {
  action: z.enum(actions, `Choose one of Table 3’s nine actions: ${actions.join(', ')}.`),
});

// --- the evaluation (response) -------------------------------------------------------------------

const Count = z.int().check(z.nonnegative());
const Score = z.int().check(z.gte(1), z.lte(5));
const Percent = z.number().check(z.gte(0), z.lte(100));

const RungCounts = z.strictObject(Object.fromEntries(rungs.map((r) => [r, Count])) as Record<Rung, typeof Count>);
const LadderTally = z.strictObject({ livedExperience: RungCounts, provider: RungCounts });
const View = z.strictObject({ rating: z.enum(ratings), evidence: z.string() });

export const Threshold = z.union([
  z.strictObject({
    score: Score,
    from: z.number().check(z.describe('The band holds values from this (inclusive).')),
    to: z.nullable(z.number()).check(z.describe('… up to this (exclusive); null: no upper bound.')),
  }),
  z.strictObject({
    score: Score,
    atMost: z
      .nullable(z.number())
      .check(z.describe('The band holds values up to this (inclusive); null: anything more.')),
  }),
]);

export const IndicatorResponse = z.strictObject({
  id: z.enum(indicatorIds),
  label: z.string(),
  value: z.nullable(z.number()).check(z.describe('Null when there was nothing to measure.')),
  unit: z.enum(units),
  score: z.nullable(Score),
  thresholds: z.array(Threshold),
  explanation: z.string(),
});

/** `GET /api/evaluations/:areaId/:year`. */
export const EvaluationResponse = z.strictObject({
  areaId: z.string(),
  year: z.int(),
  generatedAt: z.iso.datetime({ offset: true }),
  indicators: z.array(IndicatorResponse),
  overallScore: z.nullable(z.number().check(z.gte(1), z.lte(5))),
  ladder: z.strictObject({ sessions: LadderTally, decisions: LadderTally }),
  samePool: z.strictObject({
    participants: Count,
    attendances: Count,
    top10PercentShare: z.nullable(Percent),
    peopleForHalf: z.nullable(z.int().check(z.positive())),
    newThisYear: Count,
    returningFromLastYear: Count,
  }),
  selfAssessment: z.array(
    z.strictObject({
      action: z.enum(actions),
      livedExperience: z.nullable(View),
      provider: z.nullable(View),
      flagged: z.boolean(),
    }),
  ),
  notes: z.array(z.string()),
});
export type EvaluationResponse = z.infer<typeof EvaluationResponse>;

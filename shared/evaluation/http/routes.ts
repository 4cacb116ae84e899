import * as z from 'zod/mini';
import { defineRoutes, emptyResponse, textResponse } from '../../runtime/http/routes.js';
import { rungs } from '../domain/ladder.js';
import { actions, ratings } from '../domain/self-assessment.js';
import {
  EvaluationPath,
  EvaluationResponse,
  LadderAnswerInput,
  RoleInput,
  SelfAssessmentInput,
  SelfAssessmentPath,
  StaffActivityInput,
} from './schemas.js';

const IdParam = z.object({
  id: z.string().check(z.minLength(1, 'Give the id.'), z.maxLength(64, 'An id has at most 64 characters.')),
});
const LadderAnswered = z.object({
  subject: z.enum(['session', 'decision']),
  subjectId: z.string(),
  rung: z.enum(rungs),
  answeredAt: z.iso.datetime({ offset: true }),
});
const MyLadder = z.object({
  items: z.array(
    z.object({
      subject: z.enum(['session', 'decision']),
      subjectId: z.string(),
      on: z.iso.date().check(z.describe('The session’s date, or the day the decision was proposed.')),
      title: z.string(),
      rung: z.nullable(z.enum(rungs)).check(z.describe('Your answer; null when you have not answered.')),
    }),
  ),
});
const SelfAssessmentGiven = z.object({
  areaId: z.string(),
  year: z.int(),
  action: z.enum(actions),
  view: z.enum(['lived-experience', 'provider']),
  rating: z.enum(ratings),
  evidence: z.string(),
  recordedAt: z.iso.datetime({ offset: true }),
});
const EvaluationQuery = z.object({
  format: z
    .optional(z.enum(['json', 'csv'], 'Choose json or csv.'))
    .check(z.describe('json: the same JSON as a file to save; csv: see Other to the CSV export.')),
});

/** The evaluation context's routes, served by evaluation-api. */
export const evaluationRoutes = defineRoutes('evaluation-api', {
  answerSessionLadder: {
    method: 'POST',
    path: '/api/sessions/{id}/ladder',
    roles: ['member'],
    summary:
      'Say how a held session you attended felt, as a rung of the ladder of co-production (a second answer replaces the first).',
    params: IdParam,
    body: LadderAnswerInput,
    responses: { 200: LadderAnswered },
  },
  answerDecisionLadder: {
    method: 'POST',
    path: '/api/decisions/{id}/ladder',
    roles: ['member'],
    summary: 'Say how making a decision you signed felt, as a rung of the ladder (a second answer replaces the first).',
    params: IdParam,
    body: LadderAnswerInput,
    responses: { 200: LadderAnswered },
  },
  myLadder: {
    method: 'GET',
    path: '/api/my/ladder',
    roles: ['member'],
    summary:
      'The sessions you attended and the decisions you signed (newest first, at most 50), with your ladder answer to each.',
    responses: { 200: MyLadder },
  },
  recordStaffActivity: {
    method: 'POST',
    path: '/api/staff-activities',
    roles: ['coordinator'],
    summary:
      'Record a co-production training or a team reflective-practice session: provider attendees, lived-experience co-facilitators.',
    body: StaffActivityInput,
    idempotent: true,
    responses: { 201: z.object({ activityId: z.string() }) },
  },
  recordRole: {
    method: 'POST',
    path: '/api/participants/{id}/roles',
    roles: ['coordinator'],
    summary:
      'Record a lived-experience role in the workforce (peer support worker, peer educator, area lead, …) with dates and FTE.',
    params: IdParam,
    body: RoleInput,
    idempotent: true,
    responses: { 201: z.object({ roleId: z.string() }) },
  },
  giveSelfAssessment: {
    method: 'PUT',
    path: '/api/evaluations/{areaId}/{year}/self-assessment/{action}',
    roles: ['coordinator', 'member'],
    summary:
      'Rate one of Table 3’s nine actions for an area’s year: a coordinator gives the provider view, a lived-experience member of the area theirs (the latest of each counts).',
    params: SelfAssessmentPath,
    body: SelfAssessmentInput,
    responses: { 200: SelfAssessmentGiven },
  },
  readSelfAssessment: {
    method: 'GET',
    path: '/api/evaluations/{areaId}/{year}/self-assessment',
    roles: ['coordinator', 'member'],
    summary:
      'Your own view of the self-assessment of an area’s year as it stands (a coordinator: the provider view; a lived-experience member of the area: theirs).',
    params: EvaluationPath,
    responses: { 200: z.object({ items: z.array(SelfAssessmentGiven) }) },
  },
  getEvaluation: {
    method: 'GET',
    path: '/api/evaluations/{areaId}/{year}',
    roles: ['governance', 'coordinator'],
    summary:
      'The annual co-production evaluation of an area: every indicator with its value, score, thresholds and a plain sentence; same pool; the ladder by constituency; the self-assessment; the overall score.',
    description:
      '`?format=json` answers the same JSON as a file to save (Content-Disposition: attachment). `?format=csv` or `Accept: text/csv` (without `format`) answers 303 to the CSV export.',
    params: EvaluationPath,
    query: EvaluationQuery,
    responses: {
      200: EvaluationResponse,
      303: emptyResponse('See Other: the CSV export of the same evaluation (Location).'),
    },
  },
  exportEvaluationCsv: {
    method: 'GET',
    path: '/api/evaluations/{areaId}/{year}/evaluation.csv',
    roles: ['governance', 'coordinator'],
    summary: 'The annual evaluation as CSV: one row per figure (section, id, label, value, unit, score, detail).',
    params: EvaluationPath,
    responses: { 200: textResponse('text/csv; charset=utf-8', 'The evaluation, one row per figure.') },
  },
});

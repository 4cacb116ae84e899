import * as z from 'zod/mini';
import { defineRoutes, textResponse } from '../../runtime/http/routes.js';
import {
  AreaSurveysQuery,
  AreaSurveysView,
  CreateSurveyRequest,
  CreateSurveyResponse,
  MySurveysView,
  PaperResponseRequest,
  SubmitResponseRequest,
  SubmitResponseResponse,
  SurveyResultsView,
  SurveyView,
} from './schemas.js';

const SurveyId = z.object({
  id: z
    .string()
    .check(
      z.minLength(1, 'Give the survey id.'),
      z.maxLength(64, 'A survey id has at most 64 characters.'),
      z.regex(/^[A-Za-z0-9_-]+$/, 'That survey id is not one of ours.'),
    ),
});

/** "Experience capture (yearly)" in the contract, plus the lists and the paper route (docs/api.md). */
export const surveyRoutes = defineRoutes('surveys-api', {
  createSurvey: {
    method: 'POST',
    path: '/api/surveys',
    roles: ['coordinator'],
    summary: 'Open a yearly survey for an area with the built-in questionnaire and, optionally, QPR-15.',
    body: CreateSurveyRequest,
    idempotent: true,
    responses: { 201: CreateSurveyResponse },
  },
  listAreaSurveys: {
    method: 'GET',
    path: '/api/surveys',
    roles: ['coordinator', 'governance'],
    summary: 'The surveys of an area, newest year first, with whether each is open.',
    query: AreaSurveysQuery,
    responses: { 200: AreaSurveysView },
  },
  listMySurveys: {
    method: 'GET',
    path: '/api/my/surveys',
    roles: ['member'],
    summary: 'The surveys open now in your area, and whether you have answered each.',
    responses: { 200: MySurveysView },
  },
  getSurvey: {
    method: 'GET',
    path: '/api/surveys/{id}',
    roles: ['coordinator', 'governance', 'member'],
    summary: 'A survey and its questions (members of its area, coordinators, governance).',
    params: SurveyId,
    responses: { 200: SurveyView },
  },
  submitSurveyResponse: {
    method: 'POST',
    path: '/api/surveys/{id}/responses',
    roles: ['member'],
    summary:
      'Answer a survey, once; `anonymous: true` stores the response without your id (a keyed hash blocks a second one).',
    description:
      'No Idempotency-Key: an idempotency record would keep who sent it beside a hash of the answers. A repeat answers 409, which means the first one arrived.',
    params: SurveyId,
    body: SubmitResponseRequest,
    conflict: 'Already answered, or the survey is not open.',
    responses: { 201: SubmitResponseResponse },
  },
  enterPaperResponse: {
    method: 'POST',
    path: '/api/surveys/{id}/paper-responses',
    roles: ['coordinator'],
    summary: 'Enter a paper response on someone’s behalf, anonymous if they asked (the same once-only rule).',
    params: SurveyId,
    body: PaperResponseRequest,
    conflict: 'This person has already answered, or the survey is not open.',
    responses: { 201: SubmitResponseResponse },
  },
  getSurveyResults: {
    method: 'GET',
    path: '/api/surveys/{id}/results',
    roles: ['coordinator', 'governance'],
    summary:
      'Per question: count, mean and distribution, overall, by constituency and by group; groups under 5 are `suppressed`. Until the survey closes, only how many answered (`questions` and `totals` empty).',
    params: SurveyId,
    responses: { 200: SurveyResultsView },
  },
  exportSurveyResults: {
    method: 'GET',
    path: '/api/surveys/{id}/results.csv',
    roles: ['coordinator', 'governance'],
    summary:
      'The aggregate results as CSV (one row per figure; no individual answers, no comments), once the survey has closed.',
    params: SurveyId,
    conflict: 'The survey has not closed yet.',
    responses: { 200: textResponse('text/csv; charset=utf-8', 'The aggregate, suppressed cells marked.') },
  },
});

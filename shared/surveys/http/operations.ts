import type { Operations } from '../../runtime/http/api.js';
import { idempotentWrite } from '../../runtime/http/idempotency.js';
import {
  listAreaSurveys,
  listMySurveys,
  openSurvey,
  readSurvey,
  type SurveysDeps,
  submitResponse,
  surveyResults,
  surveyResultsCsv,
} from '../app/surveys.js';
import type { surveyRoutes } from './routes.js';

/** Each surveys route mapped to its use case. */
export const surveyOperations: Operations<typeof surveyRoutes, SurveysDeps> = {
  createSurvey: (req, deps) =>
    idempotentWrite(deps, req, async () => {
      const { surveyId, items } = openSurvey(req.body, deps);
      return { items, response: { status: 201 as const, json: { surveyId } } };
    }),
  listAreaSurveys: async (req, deps) => ({
    status: 200,
    json: { items: await listAreaSurveys(req.query.areaId, deps) },
  }),
  listMySurveys: async (req, deps) => ({ status: 200, json: { items: await listMySurveys(req.caller, deps) } }),
  getSurvey: async (req, deps) => ({ status: 200, json: await readSurvey(req.params.id, req.caller, deps) }),
  submitSurveyResponse: async (req, deps) => {
    await submitResponse(req.params.id, req.body, req.caller, deps, 'self');
    return { status: 201, json: { surveyId: req.params.id, received: true } };
  },
  enterPaperResponse: async (req, deps) => {
    await submitResponse(req.params.id, req.body, req.caller, deps, 'coordinator');
    return { status: 201, json: { surveyId: req.params.id, received: true } };
  },
  getSurveyResults: async (req, deps) => ({ status: 200, json: await surveyResults(req.params.id, deps) }),
  exportSurveyResults: async (req, deps) => {
    const { csv, name } = await surveyResultsCsv(req.params.id, deps);
    return {
      status: 200,
      text: csv,
      contentType: 'text/csv; charset=utf-8',
      headers: { 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
    };
  },
};

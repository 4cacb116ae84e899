import type { Operations } from '../../runtime/http/api.js';
import { idempotentWrite } from '../../runtime/http/idempotency.js';
import type { EvaluationDeps } from '../app/deps.js';
import { buildEvaluation } from '../app/evaluation.js';
import { evaluationCsv } from '../app/export.js';
import { answerDecisionLadder, answerSessionLadder, myLadder } from '../app/ladder.js';
import { recordRole } from '../app/roles.js';
import { giveSelfAssessment, readSelfAssessment } from '../app/self-assessment.js';
import { recordStaffActivity } from '../app/staff.js';
import type { evaluationRoutes } from './routes.js';

const noStore = { 'cache-control': 'no-store' };

/** Each evaluation route mapped to its use case. */
export const evaluationOperations: Operations<typeof evaluationRoutes, EvaluationDeps> = {
  answerSessionLadder: async (req, deps) => ({
    status: 200,
    json: await answerSessionLadder(req.params.id, req.body.rung, req.caller, deps),
  }),
  answerDecisionLadder: async (req, deps) => ({
    status: 200,
    json: await answerDecisionLadder(req.params.id, req.body.rung, req.caller, deps),
  }),
  myLadder: async (req, deps) => ({ status: 200, json: { items: await myLadder(req.caller, deps) } }),
  recordStaffActivity: (req, deps) =>
    idempotentWrite(deps, req, async () => {
      const { activity, items } = await recordStaffActivity(req.body, req.caller, deps);
      return { items, response: { status: 201 as const, json: { activityId: activity.activityId } } };
    }),
  recordRole: (req, deps) =>
    idempotentWrite(deps, req, async () => {
      const { role, items } = await recordRole(req.params.id, req.body, req.caller, deps);
      return { items, response: { status: 201 as const, json: { roleId: role.roleId } } };
    }),
  giveSelfAssessment: async (req, deps) => ({
    status: 200,
    json: await giveSelfAssessment(
      { areaId: req.params.areaId, year: Number(req.params.year), action: req.params.action },
      req.body,
      req.caller,
      deps,
    ),
  }),
  readSelfAssessment: async (req, deps) => ({
    status: 200,
    json: {
      items: await readSelfAssessment({ areaId: req.params.areaId, year: Number(req.params.year) }, req.caller, deps),
    },
  }),
  getEvaluation: async (req, deps) => {
    const { areaId, year } = req.params;
    const wantsCsv =
      req.query.format === 'csv' || (req.query.format === undefined && /\btext\/csv\b/i.test(req.headers.accept ?? ''));
    if (wantsCsv) {
      return {
        status: 303,
        headers: { location: `/api/evaluations/${encodeURIComponent(areaId)}/${year}/evaluation.csv`, ...noStore },
      };
    }
    const json = await buildEvaluation(areaId, Number(year), deps);
    const download: Record<string, string> =
      req.query.format === 'json'
        ? { 'content-disposition': `attachment; filename="evaluation-${areaId}-${year}.json"` }
        : {};
    return { status: 200, json, headers: { ...noStore, ...download } };
  },
  exportEvaluationCsv: async (req, deps) => {
    const { areaId, year } = req.params;
    return {
      status: 200,
      contentType: 'text/csv; charset=utf-8',
      text: evaluationCsv(await buildEvaluation(areaId, Number(year), deps)),
      headers: { ...noStore, 'content-disposition': `attachment; filename="evaluation-${areaId}-${year}.csv"` },
    };
  },
};

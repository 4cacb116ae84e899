import {
  amendDecision,
  type DecisionDeps,
  listDecisionsFor,
  proposeDecision,
  readDecision,
  signDecision,
} from '../../shared/decisions/app/decisions.js';
import { parseStatus } from '../../shared/decisions/app/query.js';
import {
  AmendDecisionInput,
  ProposeDecisionInput,
  SignDecisionInput,
} from '../../shared/decisions/domain/decisions.js';
import { systemClock } from '../../shared/kernel/index.js';
import { auditDb, mainDb } from '../../shared/runtime/aws.js';
import { idempotentWrite } from '../../shared/runtime/http/idempotency.js';
import { apiHandler, parseBody } from '../../shared/runtime/http/legacy-api.js';
import { parseLimit } from '../../shared/runtime/store/pagination.js';
import { decisionFunctions } from '../catalogue/decisions.js';

const routes = decisionFunctions.find((f) => f.name === 'decisions-api')!.routes!;

export const buildHandler = (deps: DecisionDeps) =>
  apiHandler(
    routes,
    {
      'POST /api/decisions': async (req) => {
        const input = parseBody(ProposeDecisionInput, req.body);
        return idempotentWrite(deps, req, async () => {
          const { decisionId, items } = await proposeDecision(input, deps);
          return { items, response: { status: 201, json: { decisionId } } };
        });
      },
      'GET /api/decisions': async (req) => ({
        status: 200,
        json: await listDecisionsFor(
          req.caller,
          {
            limit: parseLimit(req.query.limit),
            cursor: req.query.cursor,
            status: parseStatus(req.query.status),
            awaitingMe: req.query.awaiting === 'me' || !req.caller.roles.some((r) => r !== 'member'),
          },
          deps,
        ),
      }),
      'GET /api/decisions/{id}': async (req) => ({
        status: 200,
        json: await readDecision(req.params.id!, req.caller, deps),
      }),
      'PATCH /api/decisions/{id}': async (req) => {
        const input = parseBody(AmendDecisionInput, req.body);
        const d = await amendDecision(req.params.id!, input, deps);
        return { status: 200, json: await readDecision(d.decisionId, req.caller, deps) };
      },
      'POST /api/decisions/{id}/signatures': async (req) =>
        signDecision(req.params.id!, parseBody(SignDecisionInput, req.body), req, deps),
    },
    deps,
  );

export const handler = buildHandler({ db: mainDb(), auditDb: auditDb(), clock: systemClock });

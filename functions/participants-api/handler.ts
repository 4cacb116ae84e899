import { systemClock } from '../../shared/kernel/clock.js';
import {
  assertCanRead,
  type ParticipantDeps,
  pageParticipants,
  readParticipant,
  recruitParticipant,
  withdrawConsent,
} from '../../shared/participants/app/participants.js';
import { listOpenTasks } from '../../shared/participants/app/tasks.js';
import { schemes } from '../../shared/participants/domain/benefit-schemes.js';
import { ParticipantInput } from '../../shared/participants/domain/participants.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { idempotentWrite } from '../../shared/runtime/http/idempotency.js';
import { apiHandler, parseBody } from '../../shared/runtime/http/legacy-api.js';
import { parseLimit } from '../../shared/runtime/store/pagination.js';
import { participantFunctions } from '../catalogue/participants.js';

const routes = participantFunctions.find((f) => f.name === 'participants-api')!.routes!;

export const buildHandler = (deps: ParticipantDeps) =>
  apiHandler(
    routes,
    {
      'GET /api/health': async () => ({ status: 200, json: { ok: true } }),
      'POST /api/participants': async (req) => {
        const input = parseBody(ParticipantInput, req.body);
        return idempotentWrite(deps, req, async () => {
          const { participant, items } = recruitParticipant(input, deps);
          return { items, response: { status: 201, json: { participantId: participant.participantId } } };
        });
      },
      'GET /api/participants': async (req) => ({
        status: 200,
        json: await pageParticipants(deps, {
          limit: parseLimit(req.query.limit),
          cursor: req.query.cursor,
          areaId: req.query.areaId,
        }),
      }),
      'GET /api/participants/{id}': async (req) => {
        assertCanRead(req.caller, req.params.id!);
        return { status: 200, json: await readParticipant(req.params.id!, deps) };
      },
      'POST /api/participants/{id}/consent-withdrawal': async (req) => {
        assertCanRead(req.caller, req.params.id!, 'withdraw consent on');
        const p = await withdrawConsent(req.params.id!, deps);
        return { status: 200, json: { participantId: p.participantId, consent: p.consent } };
      },
      'GET /api/tasks': async (req) => ({
        status: 200,
        json: await listOpenTasks(deps, { limit: parseLimit(req.query.limit), cursor: req.query.cursor }),
      }),
      'GET /api/me': async (req) => ({ status: 200, json: req.caller }),
      'GET /api/benefit-schemes': async () => ({ status: 200, json: { items: Object.values(schemes) } }),
    },
    deps,
  );

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

import type { Operations } from '../../runtime/http/api.js';
import { idempotentWrite } from '../../runtime/http/idempotency.js';
import {
  type ParticipantDeps,
  pageParticipants,
  readParticipant,
  recruitParticipant,
  withdrawConsent,
} from '../app/participants.js';
import { listOpenTasks } from '../app/tasks.js';
import type { participantRoutes } from './routes.js';

/** Each participants route mapped to its use case. */
export const participantOperations: Operations<typeof participantRoutes, ParticipantDeps> = {
  health: async () => ({ status: 200, json: { ok: true } }),
  recruitParticipant: (req, deps) =>
    idempotentWrite(deps, req, async () => {
      const { participant, items } = recruitParticipant(req.body, deps);
      return { items, response: { status: 201 as const, json: { participantId: participant.participantId } } };
    }),
  listParticipants: async (req, deps) => ({ status: 200, json: await pageParticipants(deps, req.query) }),
  getParticipant: async (req, deps) => ({
    status: 200,
    json: await readParticipant(req.params.id, req.caller, deps),
  }),
  withdrawConsent: async (req, deps) => {
    const p = await withdrawConsent(req.params.id, req.caller, deps);
    return { status: 200, json: { participantId: p.participantId, consent: p.consent } };
  },
  listTasks: async (req, deps) => ({ status: 200, json: await listOpenTasks(deps.db, req.query) }),
  me: async (req) => ({ status: 200, json: req.caller }),
};

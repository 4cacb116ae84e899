import type { Operations } from '../../runtime/http/api.js';
import { idempotentWrite } from '../../runtime/http/idempotency.js';
import { type AuditDeps, auditDecisions, verifyAuditLog } from '../app/audit.js';
import { auditCsv } from '../app/audit-export.js';
import { type DecisionDeps, retryOnFreshDecision } from '../app/decision-change.js';
import { amendDecision, proposeDecision, signDecision } from '../app/decisions.js';
import { listDecisionsFor, readDecision } from '../app/read.js';
import { signatureReceipt } from '../domain/views.js';
import type { auditRoutes, decisionRoutes } from './routes.js';

/** Each decisions route mapped to its use case. */
export const decisionOperations: Operations<typeof decisionRoutes, DecisionDeps> = {
  proposeDecision: (req, deps) =>
    idempotentWrite(deps, req, async () => {
      const { decisionId, items } = await proposeDecision(req.body, deps);
      return { items, response: { status: 201 as const, json: { decisionId } } };
    }),
  listDecisions: async (req, deps) => ({
    status: 200,
    json: await listDecisionsFor(
      req.caller,
      {
        limit: req.query.limit,
        cursor: req.query.cursor,
        status: req.query.status,
        awaitingMe: req.query.awaiting === 'me',
      },
      deps,
    ),
  }),
  getDecision: async (req, deps) => ({ status: 200, json: await readDecision(req.params.id, req.caller, deps) }),
  amendDecision: async (req, deps) => {
    const d = await amendDecision(req.params.id, req.body, deps);
    return { status: 200, json: await readDecision(d.decisionId, req.caller, deps) };
  },
  /**
   * The Idempotency-Key's record is written in the same transaction as the signature, so repeating
   * the request with the same key (after a timeout, or at the same moment) replays the first 201
   * instead of answering 409; a second signature without a key or with another key still answers 409.
   */
  signDecision: (req, deps) =>
    retryOnFreshDecision(() =>
      idempotentWrite(deps, req, async () => {
        const { decision, signature, items } = await signDecision(req.params.id, req.body, req.caller, deps);
        return { items, response: { status: 201 as const, json: signatureReceipt(decision, signature) } };
      }),
    ),
};

/** Each governance log route mapped to its use case. */
export const auditOperations: Operations<typeof auditRoutes, AuditDeps> = {
  verifyAuditLog: async (_req, deps) => ({ status: 200, json: await verifyAuditLog(deps) }),
  listAuditedDecisions: async (req, deps) => ({ status: 200, json: await auditDecisions(req.query, deps) }),
  exportAuditedDecisions: async (req, deps) => {
    const { from, to, status } = req.query;
    const { csv, truncated } = await auditCsv({ from, to, status }, deps);
    const name = `decisions-${from ?? 'start'}-to-${to ?? 'now'}.csv`;
    return {
      status: 200,
      text: csv,
      contentType: 'text/csv; charset=utf-8',
      headers: {
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
        ...(truncated ? { 'x-export-truncated': 'true' } : {}),
      },
    };
  },
};

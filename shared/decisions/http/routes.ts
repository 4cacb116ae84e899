import * as z from 'zod/mini';
import { Id } from '../../kernel/index.js';
import { defineRoutes, textResponse } from '../../runtime/http/routes.js';
import { pageOf, pageQuery } from '../../runtime/http/schemas.js';
import { AmendDecisionInput, ProposeDecisionInput, SignDecisionInput } from '../domain/decisions.js';
import { AuditVerdict } from '../domain/hash-chain.js';
import { AwaitingSummary, DecisionView, SignatureReceipt } from '../domain/views.js';
import { awaitingParam, dateRange, statusParam, toNotBeforeFrom } from './query.js';

const DecisionId = z.object({ id: Id });
const Proposed = z.object({ decisionId: Id });

export const decisionRoutes = defineRoutes('decisions-api', {
  proposeDecision: {
    method: 'POST',
    path: '/api/decisions',
    roles: ['coordinator'],
    summary: 'Propose a decision of a forum (optionally taken at one of its sessions) for co-sign-off by a due date.',
    body: ProposeDecisionInput,
    idempotent: true,
    conflict: 'The Idempotency-Key was already used with a different request.',
    responses: { 201: Proposed },
  },
  listDecisions: {
    method: 'GET',
    path: '/api/decisions',
    roles: ['coordinator', 'governance', 'member'],
    summary: 'Decisions, newest first (staff: all, optionally by status); a member: those awaiting their signature.',
    query: z.object({
      ...pageQuery(),
      status: statusParam,
      awaiting: awaitingParam.check(
        z.describe('`me`: only the open decisions awaiting your signature (what a member always gets).'),
      ),
    }),
    responses: { 200: pageOf(AwaitingSummary) },
  },
  getDecision: {
    method: 'GET',
    path: '/api/decisions/{id}',
    roles: ['coordinator', 'governance', 'member'],
    summary: 'One decision with its texts and signatures (a member: only a decision they may sign).',
    params: DecisionId,
    responses: { 200: DecisionView },
  },
  amendDecision: {
    method: 'PATCH',
    path: '/api/decisions/{id}',
    roles: ['coordinator'],
    summary: 'Amend the text (and maybe the due date): a new revision; earlier signatures stop counting.',
    params: DecisionId,
    body: AmendDecisionInput,
    conflict: 'The decision kept changing while saving.',
    responses: { 200: DecisionView },
  },
  signDecision: {
    method: 'POST',
    path: '/api/decisions/{id}/signatures',
    roles: ['member'],
    summary: 'Approve or object to the current text, for yourself (your constituency comes from your record).',
    params: DecisionId,
    body: SignDecisionInput,
    idempotent: true,
    conflict:
      'Already signed this revision, already co-signed, the text changed since it was read (stale textHash), the decision kept changing, or the Idempotency-Key was used with another request.',
    responses: { 201: SignatureReceipt },
  },
});

/** The governance log's query: dates on the proposal time, and a status. */
const logQuery = { ...dateRange, status: statusParam };

export const auditRoutes = defineRoutes('audit-api', {
  verifyAuditLog: {
    method: 'GET',
    path: '/api/audit/verify',
    roles: ['governance'],
    summary: 'Walk every decision’s audit chain and name the first entry changed, removed or reordered.',
    responses: { 200: AuditVerdict },
  },
  listAuditedDecisions: {
    method: 'GET',
    path: '/api/audit/decisions',
    roles: ['governance'],
    summary: 'The decision log, newest first, by date proposed (and status), with full signature history.',
    query: z.object({ ...logQuery, ...pageQuery() }).check(z.superRefine(toNotBeforeFrom)),
    responses: { 200: pageOf(DecisionView) },
  },
  exportAuditedDecisions: {
    method: 'GET',
    path: '/api/audit/decisions.csv',
    roles: ['governance'],
    summary: 'The decision log as CSV, one row per signature, oldest first (at most 5,000 decisions).',
    query: z.object(logQuery).check(z.superRefine(toNotBeforeFrom)),
    responses: {
      200: textResponse(
        'text/csv; charset=utf-8',
        'One row per signature (a decision without signatures: one row); `x-export-truncated: true` when the period held more than 5,000 decisions.',
      ),
    },
  },
});

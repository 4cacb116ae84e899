/**
 * The decisions context: decisions proposed at forums and co-signed by both constituencies, the
 * overdue check and reminders, and the append-only hash-chained audit log governance reads.
 * Other contexts, functions and infra use only what is exported here.
 */
export { decisionKeys } from './adapters/key-prefixes.js';
export { type AnchorDeps, anchorChainHeads } from './app/anchor.js';
export type { AuditDeps, VerifyOptions } from './app/audit.js';
export { verifyAuditLog } from './app/audit.js';
export type { DecisionDeps } from './app/decision-change.js';
export { decisionSigners, decisionsForReport } from './app/outcomes.js';
export { type DecisionQueryDeps, decisionById } from './app/queries.js';
export { askToSign, type ReminderDeps, recordSessionInvitees, remindSigners } from './app/reminders.js';
export { raiseOverdue, type SignOffDeps, scheduleSignOffCheck } from './app/sign-off.js';
export type { DecisionOutcome } from './domain/views.js';
export { auditOperations, decisionOperations } from './http/operations.js';
export { auditRoutes, decisionRoutes } from './http/routes.js';

/**
 * The payments context: each attendee's payment checked against their benefit rules (the SessionHeld
 * consumer), choices on held payments, finance's answers and export, delivery to finance, and the
 * benefit projections forums shows when scheduling. Other contexts use only what is exported here.
 */
export { deliverToFinance, type FinanceWebhookConfig, financeWebhookFromEnv } from './adapters/finance-webhook.js';
export { coordinatorEmailConfig, localCoordinatorEmail } from './adapters/held-notices-repo.js';
export { paymentKeys } from './adapters/key-prefixes.js';
export type { PaymentDeps } from './app/deps.js';
export { type HeldNoticeDeps, type HeldNoticesSent, sendPaymentHeldNotices } from './app/held-notices.js';
export { benefitProjections, type ProjectionInput, type ScheduleRead } from './app/projection.js';
export { type AttendeeOutcome, remunerateSession } from './app/remunerate.js';
export {
  type PaymentForEvaluation,
  type PaymentForReport,
  paymentsForReport,
  paymentsOfAttendances,
} from './app/report.js';
export { PaymentOption, PaymentStatus } from './domain/payments.js';
export {
  type PlannedSession,
  type ProjectedSession,
  type ProjectionWarning,
  type ProjectionWindow,
  projectionWindow,
} from './domain/projection.js';
export { paymentOperations } from './http/operations.js';
export { paymentRoutes } from './http/routes.js';

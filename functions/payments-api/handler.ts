import { systemClock } from '../../shared/kernel/index.js';
import { type PaymentDeps, paymentOperations, paymentRoutes } from '../../shared/payments/index.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { type ApiHandlerOptions, apiHandler } from '../../shared/runtime/http/api.js';

/** Payments: list and read them, record a choice on a held payment, finance's answers and export; the benefit schemes. */
export const buildHandler = (deps: PaymentDeps, options?: ApiHandlerOptions) =>
  apiHandler(paymentRoutes, paymentOperations, deps, options);

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

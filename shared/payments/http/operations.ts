import type { Operations } from '../../runtime/http/api.js';
import { idempotentWrite } from '../../runtime/http/idempotency.js';
import { recordChoice } from '../app/choices.js';
import type { PaymentDeps } from '../app/deps.js';
import { markFailed, markIssued, markManyIssued } from '../app/finance.js';
import { exportCsv } from '../app/finance-export.js';
import { listPayments, readPayment } from '../app/read-payments.js';
import { benefitSchemesToday } from '../app/schemes.js';
import type { paymentRoutes } from './routes.js';

/** Each payments route mapped to its use case. */
export const paymentOperations: Operations<typeof paymentRoutes, PaymentDeps> = {
  listPayments: async (req, deps) => ({ status: 200, json: await listPayments(req.query, req.caller, deps) }),
  getPayment: async (req, deps) => ({ status: 200, json: await readPayment(req.params.id, req.caller, deps) }),
  recordPaymentChoice: (req, deps) =>
    recordChoice(req.params.id, req.body, req.caller, deps, (prepare) =>
      idempotentWrite(deps, req, async () => {
        const { items, view } = await prepare();
        return { items, response: { status: 200 as const, json: view } };
      }),
    ),
  markPaymentIssued: async (req, deps) => ({
    status: 200,
    json: await markIssued(req.params.id, req.body.financeRef, req.caller, deps),
  }),
  markPaymentsIssued: async (req, deps) => ({
    status: 200,
    json: { items: await markManyIssued(req.body.paymentIds, req.body.financeRef, req.caller, deps) },
  }),
  markPaymentFailed: async (req, deps) => ({
    status: 200,
    json: await markFailed(req.params.id, req.body.reason, req.caller, deps),
  }),
  exportPaymentsCsv: async (req, deps) => {
    const { from, to, bom } = req.query;
    return {
      status: 200,
      text: await exportCsv(from, to, deps, { bom }),
      contentType: 'text/csv; charset=utf-8',
      headers: {
        'content-disposition': `attachment; filename="coproduce-payments-${from}-to-${to}.csv"`,
        'cache-control': 'no-store',
      },
    };
  },
  listBenefitSchemes: async (_req, deps) => ({ status: 200, json: { items: benefitSchemesToday(deps.clock) } }),
};

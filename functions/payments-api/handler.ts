import { systemClock } from '../../shared/kernel/index.js';
import {
  ChoiceBody,
  choose,
  ExportQuery,
  exportCsv,
  FailedBody,
  IssuedBody,
  ListQuery,
  listPayments,
  markFailed,
  markIssued,
  type PaymentDeps,
  readPayment,
} from '../../shared/payments/app/payments.js';
import { schemes } from '../../shared/payments/domain/benefit-schemes.js';
import { mainDb } from '../../shared/runtime/aws.js';
import { apiHandler, parseBody } from '../../shared/runtime/http/legacy-api.js';
import { parseLimit } from '../../shared/runtime/store/pagination.js';
import { paymentFunctions } from '../catalogue/payments.js';

const routes = paymentFunctions.find((f) => f.name === 'payments-api')!.routes!;

export const buildHandler = (deps: PaymentDeps) =>
  apiHandler(
    routes,
    {
      'GET /api/benefit-schemes': async () => ({ status: 200, json: { items: Object.values(schemes) } }),
      'GET /api/payments': async (req) => {
        const q = parseBody(ListQuery, req.query);
        const page = await listPayments(
          { ...q, limit: parseLimit(req.query.limit), cursor: req.query.cursor },
          req.caller,
          deps,
        );
        return { status: 200, json: page };
      },
      'GET /api/payments/{id}': async (req) => ({
        status: 200,
        json: await readPayment(req.params.id!, req.caller, deps),
      }),
      'POST /api/payments/{id}/choice': async (req) =>
        choose(req.params.id!, parseBody(ChoiceBody, req.body), req, deps),
      'POST /api/payments/{id}/issued': async (req) => {
        const { financeRef } = parseBody(IssuedBody, req.body);
        return { status: 200, json: await markIssued(req.params.id!, financeRef, req.caller, deps) };
      },
      'POST /api/payments/{id}/failed': async (req) => {
        const { reason } = parseBody(FailedBody, req.body);
        return { status: 200, json: await markFailed(req.params.id!, reason, req.caller, deps) };
      },
      'GET /api/finance/export.csv': async (req) => {
        const { from, to } = parseBody(ExportQuery, req.query);
        return {
          status: 200,
          text: await exportCsv(from, to, deps),
          contentType: 'text/csv; charset=utf-8',
          headers: {
            'content-disposition': `attachment; filename="coproduce-payments-${from}-to-${to}.csv"`,
            'cache-control': 'no-store',
          },
        };
      },
    },
    deps,
  );

export const handler = buildHandler({ db: mainDb(), clock: systemClock });

import { z } from 'zod';
import { type Actor, Currency, IsoDate, IsoDateTime, Jurisdiction, MinorUnits } from '../../kernel/index.js';
import { benefitsAdvice } from '../../participants/index.js';
import { seesBenefitDetails } from '../domain/access.js';
import {
  awaitsFinance,
  ChoiceRecord,
  DecidedBy,
  type Payment,
  PaymentOption,
  PaymentStatus,
  Reason,
  SchemePeriod,
  SettledAs,
  totalMinor,
} from '../domain/payments.js';

/**
 * What the API answers about a payment. The full view is the contract's payment shape plus what
 * the pages need to explain it (coordinators and the person); finance's view leaves out every
 * benefit detail. Each is a schema, so the routes declare exactly what is sent.
 */

const Advice = z.object({ name: z.string(), url: z.url() });

const common = {
  paymentId: z.string(),
  participantId: z.string(),
  sessionId: z.string(),
  status: PaymentStatus,
  feeMinor: MinorUnits,
  expensesMinor: MinorUnits,
  currency: Currency,
  totalMinor: MinorUnits,
  fullFeeMinor: MinorUnits,
  headroomMinor: MinorUnits,
  forumId: z.string(),
  hours: z.number(),
  sessionDate: IsoDate,
  startsAt: IsoDateTime,
  jurisdiction: Jurisdiction,
  decidedBy: DecidedBy,
  settledAs: SettledAs.nullable(),
  feeTo: z.enum(['payee', 'charity']),
  choice: ChoiceRecord.nullable(),
  awaitingFinance: z.boolean(),
  payeeReference: z.string(),
  paymentIdempotencyKey: z.string(),
  payableOn: IsoDate.nullable(),
  financeRef: z.string().nullable(),
  issuedAt: IsoDateTime.nullable(),
  failureReason: z.string().nullable(),
  advice: z.array(Advice),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

/** For coordinators and the person: with the reasons, consequences, options and the period's scheme. */
export const FullPaymentView = z.object({
  ...common,
  period: SchemePeriod,
  reasons: z.array(Reason),
  options: z.array(PaymentOption),
  consequences: z.array(z.string()),
});
export type FullPaymentView = z.infer<typeof FullPaymentView>;

/**
 * What finance sees: what to pay, to whom and when, never which benefits the person gets
 * (docs/finance.md). Reasons, consequences and options name benefit schemes and their effects, and
 * the period's scheme is a benefit type: they are left out (strictly: nothing else may appear); the
 * period keeps its dates.
 */
export const FinancePaymentView = z.strictObject({
  ...common,
  period: z.strictObject({ start: IsoDate, end: IsoDate }),
});
export type FinancePaymentView = z.infer<typeof FinancePaymentView>;

export const PaymentView = z.union([FullPaymentView, FinancePaymentView]);
export type PaymentView = z.infer<typeof PaymentView>;

export function paymentView(p: Payment): FullPaymentView {
  return {
    paymentId: p.paymentId,
    participantId: p.participantId,
    sessionId: p.sessionId,
    status: p.status,
    feeMinor: p.feeMinor,
    expensesMinor: p.expensesMinor,
    currency: p.currency,
    period: p.period,
    reasons: p.reasons,
    options: p.options,
    totalMinor: totalMinor(p),
    fullFeeMinor: p.fullFeeMinor,
    headroomMinor: p.headroomMinor,
    consequences: p.consequences,
    forumId: p.forumId,
    hours: p.hours,
    sessionDate: p.sessionDate,
    startsAt: p.startsAt,
    jurisdiction: p.jurisdiction,
    decidedBy: p.decidedBy,
    settledAs: p.settledAs ?? null,
    feeTo: p.feeToCharity ? 'charity' : 'payee',
    choice: p.choice ?? null,
    awaitingFinance: awaitsFinance(p),
    payeeReference: p.payeeReference,
    paymentIdempotencyKey: p.paymentIdempotencyKey,
    payableOn: p.payableOn ?? null,
    financeRef: p.financeRef ?? null,
    issuedAt: p.issuedAt ?? null,
    failureReason: p.failureReason ?? null,
    advice: [...benefitsAdvice[p.jurisdiction]],
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function financeView(view: FullPaymentView): FinancePaymentView {
  const { reasons: _reasons, consequences: _consequences, options: _options, period, ...rest } = view;
  return { ...rest, period: { start: period.start, end: period.end } };
}

/** Coordinators and the person themself see the full view; a caller who is only finance sees finance's. */
export const viewFor = (actor: Actor, p: Payment): PaymentView =>
  seesBenefitDetails(actor, p.participantId) ? paymentView(p) : financeView(paymentView(p));

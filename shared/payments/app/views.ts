import * as z from 'zod/mini';
import { type Actor, Currency, IsoDate, IsoDateTime, Jurisdiction, MinorUnits } from '../../kernel/index.js';
import { benefitsAdvice } from '../../participants/index.js';
import { seesBenefitDetails } from '../domain/access.js';
import { chooseBy } from '../domain/held-notices.js';
import {
  awaitsFinance,
  ChoiceRecord,
  DecidedBy,
  FeeTo,
  feeToOf,
  financePeriod,
  OptionOutcome,
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
  settledAs: z.nullable(SettledAs),
  feeTo: FeeTo,
  choice: z.nullable(ChoiceRecord),
  awaitingFinance: z.boolean(),
  payeeReference: z.string(),
  paymentIdempotencyKey: z.string(),
  payableOn: z.nullable(IsoDate),
  financeRef: z.nullable(z.string()),
  issuedAt: z.nullable(IsoDateTime),
  failureReason: z.nullable(z.string()),
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
  /**
   * While held: each open option with what it leaves the person with after the benefit effect, by
   * the fee paid, largest first (a neutral order: engine.ts outcomeOrder). Empty once settled.
   */
  optionOutcomes: z.array(OptionOutcome),
  /** While held: the last day to choose (the day it was held + 14, as the held-payment email says); null otherwise. */
  chooseBy: z.nullable(IsoDate),
  consequences: z.array(z.string()),
});
export type FullPaymentView = z.infer<typeof FullPaymentView>;

/**
 * What finance sees: what to pay, to whom and when — never which benefits the person gets, nor
 * anything a limit could be worked out from (docs/finance.md). Strict: nothing else may appear.
 *
 * Left out, each for a reason: reasons, consequences, options and the period's scheme name benefits
 * and their effects; `headroomMinor` and `fullFeeMinor` beside the fee paid give the limit; `hours`
 * (× the rate = the full fee), `decidedBy`, `settledAs` and `choice` tell a fee reduced to the
 * headroom from a full one; while a payment is held its fee (`feeMinor`, `totalMinor` are null) is
 * what crossed a limit, so it is not shown until the person's choice makes it payable. The period is
 * the session's Monday–Sunday week for everyone: a Universal Credit assessment period would say
 * which benefit the person gets.
 */
export const FinancePaymentView = z.strictObject({
  paymentId: z.string(),
  participantId: z.string(),
  payeeReference: z.string(),
  sessionId: z.string(),
  sessionDate: IsoDate,
  status: PaymentStatus,
  feeMinor: z.nullable(MinorUnits),
  expensesMinor: MinorUnits,
  totalMinor: z.nullable(MinorUnits),
  currency: Currency,
  feeTo: FeeTo,
  period: z.strictObject({ start: IsoDate, end: IsoDate }),
  awaitingFinance: z.boolean(),
  paymentIdempotencyKey: z.string(),
  payableOn: z.nullable(IsoDate),
  financeRef: z.nullable(z.string()),
  issuedAt: z.nullable(IsoDateTime),
  failureReason: z.nullable(z.string()),
  updatedAt: IsoDateTime,
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
    optionOutcomes: p.status === 'held' ? (p.optionOutcomes ?? []) : [],
    chooseBy: p.status === 'held' ? chooseBy(p) : null,
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
    feeTo: feeToOf(p),
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

/** Finance's view of a payment, built field by field from the payment (never by removing fields from the full view). */
export function financeView(p: Payment): FinancePaymentView {
  const held = p.status === 'held';
  return {
    paymentId: p.paymentId,
    participantId: p.participantId,
    payeeReference: p.payeeReference,
    sessionId: p.sessionId,
    sessionDate: p.sessionDate,
    status: p.status,
    feeMinor: held ? null : p.feeMinor,
    expensesMinor: p.expensesMinor,
    totalMinor: held ? null : totalMinor(p),
    currency: p.currency,
    feeTo: feeToOf(p),
    period: financePeriod(p),
    awaitingFinance: awaitsFinance(p),
    paymentIdempotencyKey: p.paymentIdempotencyKey,
    payableOn: p.payableOn ?? null,
    financeRef: p.financeRef ?? null,
    issuedAt: p.issuedAt ?? null,
    failureReason: p.failureReason ?? null,
    updatedAt: p.updatedAt,
  };
}

/** Coordinators and the person themself see the full view; a caller who is only finance sees finance's. */
export const viewFor = (actor: Actor, p: Payment): PaymentView =>
  seesBenefitDetails(actor, p.participantId) ? paymentView(p) : financeView(p);

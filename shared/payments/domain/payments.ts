import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import {
  Currency,
  FreeText,
  IsoDate,
  IsoDateTime,
  Jurisdiction,
  MinorUnits,
  Reference,
  SchemeId,
} from '../../kernel/index.js';
import { toMicroHours } from './money.js';
import { weekOf } from './periods.js';

/**
 * Payments: one per lived-experience attendee per session, decided by the engine (engine.ts) against
 * the person's benefit rules. The shapes of the entity and of the commands on it; pure.
 */

/** What the person may choose on a held payment (the order the event contracts list them in). */
export const PaymentOption = z.enum(['full', 'reduced', 'charity', 'expenses-only', 'decline']);
export type PaymentOption = z.infer<typeof PaymentOption>;

/** `held` → `due` | `declined` → `issued` | `failed`. */
export const PaymentStatus = z.enum(['due', 'held', 'issued', 'failed', 'declined']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** How a payment was settled: by a chosen option, or by the rules when none was broken. */
export const SettledAs = z.enum([...PaymentOption.options, 'rules']);
export type SettledAs = z.infer<typeof SettledAs>;

/** Who decided it: the rules (nothing broken), the person's standing preference, their choice, or still held. */
export const DecidedBy = z.enum(['rules', 'preference', 'choice', 'held']);
export type DecidedBy = z.infer<typeof DecidedBy>;

/** The contract's benefit period of a payment: the period of the scheme whose rule decided it. */
export const SchemePeriod = z.object({ scheme: SchemeId, start: IsoDate, end: IsoDate });
export type SchemePeriod = z.infer<typeof SchemePeriod>;

/** One broken rule, in the contract's shape plus a plain-language explanation and the figure's source. */
export const Reason = z.object({
  scheme: SchemeId,
  rule: z.string(),
  limitMinor: z.optional(z.number()),
  alreadyMinor: z.optional(z.number()),
  thisMinor: z.optional(z.number()),
  headroomMinor: z.optional(z.number()),
  limitHours: z.optional(z.number()),
  alreadyHours: z.optional(z.number()),
  thisHours: z.optional(z.number()),
  headroomHours: z.optional(z.number()),
  limitDays: z.optional(z.number()),
  alreadyDays: z.optional(z.number()),
  thisDays: z.optional(z.number()),
  headroomDays: z.optional(z.number()),
  explanation: z.string(),
  consequence: z.string(),
  /**
   * Whether some payment choice keeps this rule (a smaller fee, expenses only or no fee). False when
   * attending at all crosses it, whatever is chosen: IE.CA's hours rule counts unpaid hours too.
   */
  avoidableByChoice: z.boolean(),
  source: z.string(),
  uncertain: z.optional(z.string()),
});
export type Reason = z.infer<typeof Reason>;

/** The choice recorded on a held payment, with who recorded it. */
export const ChoiceRecord = z.object({
  option: PaymentOption,
  amountMinor: z.optional(MinorUnits),
  adviceAcknowledged: z.optional(z.boolean()),
  recordedBy: z.string(),
  recordedAt: IsoDateTime,
});
export type ChoiceRecord = z.infer<typeof ChoiceRecord>;

/** Who the fee is paid to: the person, or a charity they chose. */
export const FeeTo = z.enum(['payee', 'charity']);
export type FeeTo = z.infer<typeof FeeTo>;

/**
 * What one option on a held payment leaves the person with (engine.ts optionOutcomesOf): the fee
 * and to whom, the expenses paid back, the benefit reduction the rules state (null: they cannot
 * say), and so what the person ends up with (null then too), explained in plain words.
 */
export const OptionOutcome = z.object({
  option: PaymentOption,
  feeMinor: MinorUnits,
  feeTo: FeeTo,
  expensesMinor: MinorUnits,
  benefitReductionMinor: z.nullable(MinorUnits),
  endsUpWithMinor: z.nullable(z.number().check(z.int())),
  explanation: z.string(),
});
export type OptionOutcome = z.infer<typeof OptionOutcome>;

export const Payment = z.object({
  paymentId: z.string().check(z.minLength(1)),
  participantId: z.string().check(z.minLength(1)),
  sessionId: z.string().check(z.minLength(1)),
  forumId: z.string().check(z.minLength(1)),
  jurisdiction: Jurisdiction,
  status: PaymentStatus,
  /** The fee to pay (for a held payment: the full fee that waits for a choice). */
  feeMinor: MinorUnits,
  fullFeeMinor: MinorUnits,
  hourlyRateMinor: MinorUnits,
  expensesMinor: MinorUnits,
  currency: Currency,
  hours: z.number(),
  /** The session's date on the jurisdiction's calendar. */
  sessionDate: IsoDate,
  startsAt: IsoDateTime,
  period: SchemePeriod,
  /** The benefit periods (ledger keys) this payment counts in. */
  ledgerKeys: z.array(z.string()),
  reasons: z.array(Reason),
  consequences: z.array(z.string()),
  /** Open while held; empty once settled. */
  options: z.array(PaymentOption),
  /** What was offered when it was held (kept after the choice for the record). */
  offered: z.array(PaymentOption),
  /** While held: what each open option leaves the person with (absent on payments held before it was kept). */
  optionOutcomes: z.optional(z.array(OptionOutcome)),
  headroomMinor: MinorUnits,
  decidedBy: DecidedBy,
  settledAs: z.optional(SettledAs),
  feeToCharity: z.boolean(),
  choice: z.optional(ChoiceRecord),
  payeeReference: z.string(),
  paymentIdempotencyKey: z.string(),
  /** When it became payable (due, or declined with expenses to pay back). */
  payableAt: z.optional(IsoDateTime),
  payableOn: z.optional(IsoDate),
  financeRef: z.optional(z.string()),
  issuedAt: z.optional(IsoDateTime),
  failureReason: z.optional(z.string()),
  failedAt: z.optional(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().check(z.int(), z.positive()),
});
export type Payment = z.infer<typeof Payment>;

/**
 * The payment of a session for a person has an id derived from both, so a redelivered SessionHeld
 * collides with the first payment instead of making a second one (at most 64 characters whatever the ids).
 */
export const paymentIdFor = (sessionId: string, participantId: string) =>
  `pay_${createHash('sha256').update(`${sessionId}\n${participantId}`).digest('hex').slice(0, 32)}`;

/** Total to pay: fee (unless it goes to charity, which finance pays separately but also from this line) + expenses. */
export const totalMinor = (p: Pick<Payment, 'feeMinor' | 'expensesMinor'>) => p.feeMinor + p.expensesMinor;

/** Finance has something to pay: due, or declined with expenses still due, or failed and to be retried. */
export const awaitsFinance = (p: Pick<Payment, 'status' | 'feeMinor' | 'expensesMinor'>) =>
  (p.status === 'due' || p.status === 'declined' || p.status === 'failed') && totalMinor(p) > 0;

export const feeToOf = (p: Pick<Payment, 'feeToCharity'>): FeeTo => (p.feeToCharity ? 'charity' : 'payee');

/**
 * The period finance is told a payment belongs to: the Monday–Sunday week of the session, for
 * everyone. The benefit period the rules used (a Universal Credit assessment period from the 12th,
 * say) would tell finance which benefit the person gets (docs/finance.md).
 */
export const financePeriod = (p: Pick<Payment, 'sessionDate'>): { start: string; end: string } => {
  const week = weekOf(p.sessionDate);
  return { start: week.start, end: week.end };
};

// ---- Commands ---------------------------------------------------------------------------------

/**
 * The largest amount a request may name: €/£10,000.00. A reduced fee is at most the headroom, which
 * no scheme sets above about €1,000 a week; anything larger is a slip (euro typed as cents) or hostile.
 */
export const MAX_AMOUNT_MINOR = 1_000_000;

/** The longest attendance one session can pay for: a day. */
export const MAX_SESSION_HOURS = 24;

/**
 * Why an attendance cannot be paid as sent (the SessionHeld contract only says "positive"), or
 * undefined. Checked by the consumer before anything is assessed or written, so a near-zero
 * `hours: 1e-101` never becomes a €0 payment and an absurd amount never reaches the ledgers.
 */
export function attendanceProblem(a: { hours: number; expensesMinor: number }, hourlyRateMinor: number) {
  if (!Number.isFinite(a.hours) || toMicroHours(a.hours) < 1 || a.hours > MAX_SESSION_HOURS) {
    return `hours ${a.hours} is not between one millionth of an hour and ${MAX_SESSION_HOURS}`;
  }
  if (!Number.isSafeInteger(a.expensesMinor) || a.expensesMinor > MAX_AMOUNT_MINOR) {
    return `expensesMinor ${a.expensesMinor} is over ${MAX_AMOUNT_MINOR}`;
  }
  if (!Number.isSafeInteger(hourlyRateMinor) || hourlyRateMinor > MAX_AMOUNT_MINOR) {
    return `hourlyRateMinor ${hourlyRateMinor} is over ${MAX_AMOUNT_MINOR}`;
  }
  return undefined;
}

/** The person's choice on a held payment (a coordinator for them, or the member itself). */
export const ChoiceBody = z.strictObject({
  option: z.enum(PaymentOption.options, `Choose one of: ${PaymentOption.options.join(', ')}.`),
  amountMinor: z.optional(
    z
      .number('Enter the amount as a number of cents or pence.')
      .check(
        z.int('Enter the amount in whole cents or pence.'),
        z.positive('Enter an amount above zero.'),
        z.lte(MAX_AMOUNT_MINOR, `Enter at most ${MAX_AMOUNT_MINOR} cents or pence (10,000.00).`),
      ),
  ),
  adviceAcknowledged: z.optional(z.boolean('Answer yes or no (true or false).')),
});
export type ChoiceBody = z.infer<typeof ChoiceBody>;

/** The reference from finance's own system for a payment made. */
export const FinanceRef = Reference(100, 'Enter the reference from the finance system.');

/** Finance issued the payment, with the reference from its own system. */
export const IssuedBody = z.strictObject({ financeRef: FinanceRef });
export type IssuedBody = z.infer<typeof IssuedBody>;

/** The most payments finance marks issued in one request. */
export const MAX_ISSUED_AT_ONCE = 100;

/** Finance paid several payments in one run, under one reference from its own system. */
export const IssuedManyBody = z.strictObject({
  paymentIds: z
    .array(
      z
        .string('Give each payment id as text.')
        .check(
          z.minLength(1, 'A payment id cannot be empty.'),
          z.maxLength(64, 'A payment id has at most 64 characters.'),
        ),
      'List the payment ids, like ["pay_…"].',
    )
    .check(
      z.minLength(1, 'Choose at least one payment.'),
      z.maxLength(MAX_ISSUED_AT_ONCE, { message: `Mark at most ${MAX_ISSUED_AT_ONCE} payments at once.`, abort: true }),
      z.refine((ids) => new Set(ids).size === ids.length, 'List each payment once.'),
    ),
  financeRef: FinanceRef,
});
export type IssuedManyBody = z.infer<typeof IssuedManyBody>;

/** Finance could not make the payment, and says why. */
export const FailedBody = z.strictObject({
  // FreeText counts characters as people do (code points), as JSON Schema's maxLength does: say so in the OpenAPI.
  reason: FreeText(500, { requiredMessage: 'Say why the payment could not be made.' }).check(
    z.meta({ maxLength: 500 }),
  ),
});
export type FailedBody = z.infer<typeof FailedBody>;

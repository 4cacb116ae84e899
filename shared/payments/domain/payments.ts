import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Currency, IsoDate, IsoDateTime, Jurisdiction, MinorUnits, SchemeId } from '../../kernel/index.js';

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
  limitMinor: z.number().optional(),
  alreadyMinor: z.number().optional(),
  thisMinor: z.number().optional(),
  headroomMinor: z.number().optional(),
  limitHours: z.number().optional(),
  alreadyHours: z.number().optional(),
  thisHours: z.number().optional(),
  headroomHours: z.number().optional(),
  limitDays: z.number().optional(),
  alreadyDays: z.number().optional(),
  thisDays: z.number().optional(),
  headroomDays: z.number().optional(),
  explanation: z.string(),
  consequence: z.string(),
  /**
   * Whether some payment choice keeps this rule (a smaller fee, expenses only or no fee). False when
   * attending at all crosses it, whatever is chosen: IE.CA's hours rule counts unpaid hours too.
   */
  avoidableByChoice: z.boolean(),
  source: z.string(),
  uncertain: z.string().optional(),
});
export type Reason = z.infer<typeof Reason>;

/** The choice recorded on a held payment, with who recorded it. */
export const ChoiceRecord = z.object({
  option: PaymentOption,
  amountMinor: MinorUnits.optional(),
  adviceAcknowledged: z.boolean().optional(),
  recordedBy: z.string(),
  recordedAt: IsoDateTime,
});
export type ChoiceRecord = z.infer<typeof ChoiceRecord>;

export const Payment = z.object({
  paymentId: z.string().min(1),
  participantId: z.string().min(1),
  sessionId: z.string().min(1),
  forumId: z.string().min(1),
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
  headroomMinor: MinorUnits,
  decidedBy: DecidedBy,
  settledAs: SettledAs.optional(),
  feeToCharity: z.boolean(),
  choice: ChoiceRecord.optional(),
  payeeReference: z.string(),
  paymentIdempotencyKey: z.string(),
  /** When it became payable (due, or declined with expenses to pay back). */
  payableAt: IsoDateTime.optional(),
  payableOn: IsoDate.optional(),
  financeRef: z.string().optional(),
  issuedAt: IsoDateTime.optional(),
  failureReason: z.string().optional(),
  failedAt: IsoDateTime.optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int().positive(),
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

// ---- Commands ---------------------------------------------------------------------------------

/** The person's choice on a held payment (a coordinator for them, or the member itself). */
export const ChoiceBody = z.strictObject({
  option: PaymentOption,
  amountMinor: z
    .number()
    .int('Enter the amount in whole cents or pence.')
    .positive('Enter an amount above zero.')
    .optional(),
  adviceAcknowledged: z.boolean().optional(),
});
export type ChoiceBody = z.infer<typeof ChoiceBody>;

/** Finance issued the payment, with the reference from its own system. */
export const IssuedBody = z.strictObject({
  financeRef: z.string().trim().min(1, 'Enter the reference from the finance system.').max(100),
});
export type IssuedBody = z.infer<typeof IssuedBody>;

/** Finance could not make the payment, and says why. */
export const FailedBody = z.strictObject({
  reason: z.string().trim().min(1, 'Say why the payment could not be made.').max(500),
});
export type FailedBody = z.infer<typeof FailedBody>;

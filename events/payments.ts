import * as z from 'zod/mini';
import { Currency, Id, IsoDate, MinorUnits } from './common.js';
import { defineEvent } from './define-event.js';

const source = 'coproduce.payments' as const;

export const PaymentOption = z.enum(['full', 'reduced', 'charity', 'expenses-only', 'decline']);

export const PaymentDue = defineEvent({
  source,
  detailType: 'PaymentDue',
  description: 'A payment is due to a participant. Finance pays it and must dedupe on data.paymentIdempotencyKey.',
  data: z.strictObject({
    paymentId: Id,
    participantId: Id,
    payeeReference: z.string().check(z.minLength(1)),
    sessionId: Id,
    feeMinor: MinorUnits,
    expensesMinor: MinorUnits,
    currency: Currency,
    period: z.strictObject({ start: IsoDate, end: IsoDate }),
    paymentIdempotencyKey: z.string().check(z.minLength(1)),
    /** `charity`: the person chose to have the fee paid to a charity, not to them (expenses still go to them). */
    feeTo: z.optional(z.enum(['payee', 'charity'])),
  }),
});

export const PaymentHeld = defineEvent({
  source,
  detailType: 'PaymentHeld',
  description: 'A fee would cut a benefit: held until the person chooses. Reasons stay in the table.',
  data: z.strictObject({
    paymentId: Id,
    participantId: Id,
    sessionId: Id,
    options: z.array(PaymentOption),
  }),
});

export const PaymentChoiceRecorded = defineEvent({
  source,
  detailType: 'PaymentChoiceRecorded',
  description: 'The person chose what to do about a held payment.',
  data: z.strictObject({ paymentId: Id, participantId: Id, option: PaymentOption, feeMinor: MinorUnits }),
});

export const PaymentIssued = defineEvent({
  source,
  detailType: 'PaymentIssued',
  description: 'Finance issued the payment.',
  data: z.strictObject({
    paymentId: Id,
    participantId: Id,
    financeRef: z.string().check(z.minLength(1), z.maxLength(100)),
  }),
});

export const PaymentFailed = defineEvent({
  source,
  detailType: 'PaymentFailed',
  description: 'Finance could not issue the payment (the free-text reason stays in the table).',
  data: z.strictObject({ paymentId: Id, participantId: Id }),
});

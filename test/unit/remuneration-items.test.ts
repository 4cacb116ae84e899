import { describe, expect, it } from 'vitest';
import { PaymentOption as PaymentOptionOnTheBus } from '../../events/payments.js';
import { LedgerItem, ledgersFrom } from '../../shared/payments/adapters/ledger-repo.js';
import { PaymentItem } from '../../shared/payments/adapters/payments-repo.js';
import { PaymentOption } from '../../shared/payments/domain/payments.js';
import { ItemsByKey } from '../../shared/runtime/store/db.js';
import { MalformedItemError, parseItem } from '../../shared/runtime/store/item.js';

/** A held payment as the code before `avoidableByChoice` stored it (reasons without the flag). */
const storedBeforeTheFlag = {
  pk: 'PAYMENT#pay_0123456789abcdef0123456789abcdef',
  sk: 'PAYMENT',
  entity: 'payment',
  gsi1pk: 'PAYMENTS#held',
  gsi1sk: '2026-03-05#pay_0123456789abcdef0123456789abcdef',
  gsi2pk: 'PARTICIPANT#p1#PAYMENTS',
  gsi2sk: '2026-03-05T11:00:00.000+00:00#pay_0123456789abcdef0123456789abcdef',
  paymentId: 'pay_0123456789abcdef0123456789abcdef',
  participantId: 'p1',
  sessionId: 's1',
  forumId: 'f1',
  jurisdiction: 'IE',
  status: 'held',
  feeMinor: 5000,
  fullFeeMinor: 5000,
  hourlyRateMinor: 2500,
  expensesMinor: 0,
  currency: 'EUR',
  hours: 2,
  sessionDate: '2026-03-05',
  startsAt: '2026-03-05T09:00:00+00:00',
  period: { scheme: 'IE.CA', start: '2026-03-02', end: '2026-03-08' },
  ledgerKeys: ['week#2026-03-02'],
  reasons: [
    {
      scheme: 'IE.CA',
      rule: 'weekly-hours-limit',
      limitHours: 18.5,
      alreadyHours: 17,
      thisHours: 2,
      headroomHours: 1.5,
      explanation: 'Involvement this week would be 19 hours.',
      consequence: "Carer's Allowance could stop for that week, whatever the fee.",
      source: 'Citizens Information',
    },
    {
      scheme: 'IE.CA',
      rule: 'weekly-income-disregard',
      limitMinor: 62500,
      alreadyMinor: 60000,
      thisMinor: 5000,
      headroomMinor: 2500,
      explanation: 'Earnings this week would be €650.00.',
      consequence: "Carer's Allowance could be reduced that week.",
      source: 'Dáil PQ 350',
    },
  ],
  consequences: ["Carer's Allowance could stop for that week, whatever the fee."],
  options: ['expenses-only', 'decline', 'full'],
  offered: ['expenses-only', 'decline', 'full'],
  headroomMinor: 0,
  decidedBy: 'held',
  feeToCharity: false,
  payeeReference: 'CP-0123456789',
  paymentIdempotencyKey: 'coproduce-payment:pay_0123456789abcdef0123456789abcdef',
  createdAt: '2026-03-05T11:00:00.000+00:00',
  updatedAt: '2026-03-05T11:00:00.000+00:00',
  version: 1,
};

describe('stored payments', () => {
  it('reads a payment stored before reasons carried avoidableByChoice: only IE.CA’s hours rule is not avoidable', () => {
    // Act
    const payment = parseItem(PaymentItem, storedBeforeTheFlag);

    // Assess
    expect(payment.reasons.map((r) => [r.rule, r.avoidableByChoice])).toEqual([
      ['weekly-hours-limit', false],
      ['weekly-income-disregard', true],
    ]);
    expect(payment).not.toHaveProperty('pk');
    expect(payment).not.toHaveProperty('gsi1pk');
    expect(payment).toMatchObject({ paymentId: storedBeforeTheFlag.paymentId, status: 'held', version: 1 });
  });

  it('keeps a flag that was stored', () => {
    const stored = {
      ...storedBeforeTheFlag,
      reasons: storedBeforeTheFlag.reasons.map((r) => ({ ...r, avoidableByChoice: true })),
    };

    expect(parseItem(PaymentItem, stored).reasons.map((r) => r.avoidableByChoice)).toEqual([true, true]);
  });

  it('refuses a malformed stored payment, naming its key', () => {
    const item = { ...storedBeforeTheFlag, currency: 'USD' };

    expect(() => parseItem(PaymentItem, item)).toThrow(MalformedItemError);
    expect(() => parseItem(PaymentItem, item)).toThrow(
      /pk=PAYMENT#pay_0123456789abcdef0123456789abcdef sk=PAYMENT .*currency/,
    );
  });

  it('offers the options the event contracts carry, in the same order', () => {
    expect(PaymentOption.options).toEqual(PaymentOptionOnTheBus.options);
  });
});

describe('stored period ledgers', () => {
  const stored = {
    pk: 'PARTICIPANT#p1',
    sk: 'LEDGER#week#2026-03-02',
    entity: 'ledger',
    participantId: 'p1',
    periodKey: 'week#2026-03-02',
    period: { kind: 'week', start: '2026-03-02', end: '2026-03-08' },
    entries: {
      pay_a: {
        date: '2026-03-02',
        earningsMinor: 7500,
        allMicroHours: 3_000_000,
        paidMicroHours: 3_000_000,
        paidDay: true,
      },
    },
    version: 1,
  };
  const week = { kind: 'week' as const, start: '2026-03-02', end: '2026-03-08' };
  const month = { kind: 'month' as const, start: '2026-02-12', end: '2026-03-11' };

  it('reads a person’s ledgers from a BatchGet, and an unwritten period as empty', () => {
    // Prepare
    const items = new ItemsByKey();
    items.add(stored);

    // Act
    const ledgers = ledgersFrom(items, 'p1', { 'week#2026-03-02': week, 'month#2026-02-12': month });

    // Assess
    expect(ledgers).toEqual([
      {
        participantId: 'p1',
        periodKey: 'week#2026-03-02',
        period: week,
        entries: stored.entries,
        version: 1,
      },
      { participantId: 'p1', periodKey: 'month#2026-02-12', period: month, entries: {}, version: 0 },
    ]);
  });

  it('refuses a malformed stored ledger, naming its key', () => {
    const item = { ...stored, entries: { pay_a: { ...stored.entries.pay_a, earningsMinor: -1 } } };

    expect(() => parseItem(LedgerItem, item)).toThrow(MalformedItemError);
    expect(() => parseItem(LedgerItem, item)).toThrow(/pk=PARTICIPANT#p1 sk=LEDGER#week#2026-03-02 .*earningsMinor/);
  });
});

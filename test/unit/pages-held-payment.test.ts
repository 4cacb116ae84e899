// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FullPaymentView } from '../../web/src/lib/api-types.js';
import {
  choiceBody,
  optionLabel,
  optionsInOrder,
  parseAmount,
  renderHeldPayment,
} from '../../web/src/lib/held-payment.js';

/** A held payment as GET /api/payments answers it: €75 fee for 3 hours, €12.40 expenses, Disability Allowance. */
const held = (over: Partial<FullPaymentView> = {}): FullPaymentView =>
  ({
    paymentId: 'pay_1',
    participantId: 'p1',
    sessionId: 's1',
    status: 'held',
    feeMinor: 7_500,
    expensesMinor: 1_240,
    currency: 'EUR',
    totalMinor: 8_740,
    fullFeeMinor: 7_500,
    headroomMinor: 0,
    forumId: 'f1',
    hours: 3,
    sessionDate: '2026-03-06',
    startsAt: '2026-03-06T18:00:00+00:00',
    jurisdiction: 'IE',
    decidedBy: 'rules',
    settledAs: null,
    feeTo: 'payee',
    choice: null,
    awaitingFinance: false,
    payeeReference: 'CP-1',
    paymentIdempotencyKey: 'k',
    payableOn: null,
    financeRef: null,
    issuedAt: null,
    failureReason: null,
    advice: [{ name: 'Citizens Information', url: 'https://www.citizensinformation.ie/' }],
    createdAt: '2026-03-06T20:00:00+00:00',
    updatedAt: '2026-03-06T20:00:00+00:00',
    period: { scheme: 'IE.DA', start: '2026-03-02', end: '2026-03-08' },
    reasons: [
      {
        code: 'IE.DA.weekly-earnings',
        explanation: 'The fee would take your earnings that week over €165.',
        consequence: 'Disability Allowance reduced by about €30.00 that week.',
        avoidableByChoice: true,
        source: 'S.I. …',
      },
    ],
    options: ['expenses-only', 'decline', 'charity', 'full'],
    // The API's order: by the fee paid, largest first (engine.ts outcomeOrder).
    optionOutcomes: [
      {
        option: 'full',
        feeMinor: 7_500,
        feeTo: 'payee',
        expensesMinor: 1_240,
        benefitReductionMinor: 3_000,
        endsUpWithMinor: 5_740,
        explanation: 'The full fee of €75.00 is paid to you.',
      },
      {
        option: 'charity',
        feeMinor: 7_500,
        feeTo: 'charity',
        expensesMinor: 1_240,
        benefitReductionMinor: 0,
        endsUpWithMinor: 1_240,
        explanation: 'The fee goes to a charity.',
      },
      {
        option: 'expenses-only',
        feeMinor: 0,
        feeTo: 'payee',
        expensesMinor: 1_240,
        benefitReductionMinor: 0,
        endsUpWithMinor: 1_240,
        explanation: 'No fee is paid.',
      },
      {
        option: 'decline',
        feeMinor: 0,
        feeTo: 'payee',
        expensesMinor: 1_240,
        benefitReductionMinor: 0,
        endsUpWithMinor: 1_240,
        explanation: 'You say no to the fee.',
      },
    ],
    chooseBy: '2026-03-20',
    consequences: [],
    ...over,
  }) as FullPaymentView;

beforeEach(() => {
  document.body.innerHTML = '<main></main>';
});
afterEach(() => vi.unstubAllGlobals());

describe('the held-payment choice', () => {
  it('shows the options in the API’s neutral order (largest fee first), not the order the engine offered them', () => {
    expect(optionsInOrder(held()).map((o) => o.option)).toEqual(['full', 'charity', 'expenses-only', 'decline']);
  });

  it('keeps that order for a payment held before outcomes were kept', () => {
    expect(optionsInOrder(held({ optionOutcomes: [] })).map((o) => o.option)).toEqual([
      'full',
      'charity',
      'expenses-only',
      'decline',
    ]);
  });

  it('says what each option leaves the person with, "about" only where a benefit cut is estimated', () => {
    const p = held();
    const [full, charity] = p.optionOutcomes;
    expect(optionLabel('full', full, p, true)).toBe('The full fee: you end up with about €57.40');
    expect(optionLabel('charity', charity, p, false)).toBe('The fee to a charity: they end up with €12.40');
    expect(optionLabel('full', { ...full!, endsUpWithMinor: null, benefitReductionMinor: null }, p, true)).toBe(
      'The full fee: we cannot say how much you would end up with',
    );
    expect(optionLabel('reduced', undefined, { currency: 'GBP', headroomMinor: 2_350 }, true)).toBe(
      'A smaller fee (up to £23.50)',
    );
  });

  it('has no option pushed by its words: no "anyway", the same shape for each', () => {
    const card = renderHeldPayment(held(), { you: true, onDone: () => {} });
    const labels = [...card.querySelectorAll('.choice label')].map((l) => l.textContent ?? '');
    expect(labels.join(' ')).not.toMatch(/anyway|instead/i);
    expect(card.textContent).toContain('The choice is yours');
    expect(card.textContent).toContain('free and independent');
    expect(card.querySelector('a[href^="https://www.citizensinformation.ie"]')).not.toBeNull();
    // The first radio is the full fee; each radio is described by its outcome's explanation.
    const first = card.querySelector<HTMLInputElement>('input[name=option]')!;
    expect(first.value).toBe('full');
    expect(card.querySelector(`#${first.getAttribute('aria-describedby')}`)?.textContent).toBe(
      'The full fee of €75.00 is paid to you.',
    );
  });

  it('sends what was chosen, and names the field when an amount is not one', () => {
    expect(choiceBody(undefined, '', false)).toEqual({
      issue: { path: 'option', message: 'Choose what to do with this payment.' },
    });
    expect(choiceBody('reduced', '€23.50', false)).toEqual({ body: { option: 'reduced', amountMinor: 2_350 } });
    expect(choiceBody('reduced', '23,50', false)).toEqual({
      issue: { path: 'amountMinor', message: 'Enter an amount like 12.50.' },
    });
    expect(choiceBody('full', '', true)).toEqual({ body: { option: 'full', adviceAcknowledged: true } });
    expect(choiceBody('expenses-only', '99', true)).toEqual({ body: { option: 'expenses-only' } });
    expect(parseAmount('12')).toBe(1_200);
    expect(parseAmount('0.1')).toBe(10);
    expect(parseAmount('1.234')).toBeUndefined();
  });

  it('with nothing chosen, puts the summary first and focuses it', async () => {
    const card = renderHeldPayment(held(), { you: true, onDone: () => {} });
    document.querySelector('main')!.append(card);
    card.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    const summary = card.querySelector('form .error-summary');
    expect(summary?.textContent).toContain('Choose what to do with this payment.');
    expect(document.activeElement).toBe(summary);
  });
});

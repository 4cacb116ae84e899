import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, PaymentHeld, SessionHeld } from '../../events/index.js';
import { participantBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

/** Issue 9, "Nobody is told that a payment is held": the PaymentHeld consumer, through the local stack. */
let stack: TestStack;
let coordinator: string;
const clock = fixedClock('2026-03-06T20:00:00+00:00');

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
});
afterAll(() => stack.stop());

async function recruit(overrides: Record<string, unknown>): Promise<string> {
  const res = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.participantId;
}

/** An IE.JB attendee's payment (any fee is a loss): held. Returns the payment as coordinators see it. */
async function heldPaymentFor(participantId: string, expensesMinor = 0) {
  const sessionId = ulid();
  const startsAt = '2026-03-06T18:00:00+00:00';
  await stack.bus.publish([
    buildEvent(
      SessionHeld,
      {
        sessionId,
        forumId: 'forum-1',
        heldOn: '2026-03-06',
        startsAt,
        hourlyRateMinor: 2500,
        currency: 'EUR',
        attendance: [{ participantId, hours: 3, expensesMinor, walkIn: false }],
      },
      { idempotencyKey: `session-held:${sessionId}`, occurredAt: startsAt },
    ),
  ]);
  await stack.settle();
  const list = await stack.call('GET', `/api/payments?participantId=${participantId}`, { token: coordinator });
  const payment = list.json.items.find((p: { sessionId: string }) => p.sessionId === sessionId);
  expect(payment?.status).toBe('held');
  return payment;
}

const about = (paymentId: string) => stack.mailbox.sent.filter((m) => m.text.includes(`id=${paymentId}`));

describe('when a payment is held', () => {
  it('emails the person and the coordinators once each, even when PaymentHeld is delivered again', async () => {
    // Prepare
    const aoife = await recruit({ displayName: 'Aoife', benefits: [{ scheme: 'IE.JB' }] });
    const payment = await heldPaymentFor(aoife, 1240);
    // Act: the same event again (a redelivery).
    await stack.bus.publish([
      buildEvent(
        PaymentHeld,
        { paymentId: payment.paymentId, participantId: aoife, sessionId: payment.sessionId, options: payment.options },
        { idempotencyKey: `payment-held:${payment.paymentId}`, occurredAt: '2026-03-06T20:00:00+00:00' },
      ),
    ]);
    await stack.settle();
    // Assess
    const sent = about(payment.paymentId);
    expect(sent.map((m) => m.to).sort()).toEqual(['aoife@example.org', 'coordinators@example.org']);
    const toAoife = sent.find((m) => m.to === 'aoife@example.org');
    expect(toAoife?.subject).toBe('Your payment for Friday 6 March 2026 is waiting for your choice');
    expect(toAoife?.text).toContain('Please choose by Friday 20 March 2026:');
    expect(toAoife?.text).toContain(`${stack.url}/payments/held?id=${payment.paymentId}`);
    expect(toAoife?.text).toContain('The choice is yours.');
    expect(toAoife?.text).toContain('Citizens Information');
    expect(toAoife?.text).toContain('the fee of €75.00');
    expect(toAoife?.text).not.toMatch(/Jobseeker|IE\.JB|limit/);
    const toCoordinators = sent.find((m) => m.to === 'coordinators@example.org');
    expect(toCoordinators?.subject).toBe("A payment is waiting for Aoife's choice (area cho5-waterford)");
    expect(toCoordinators?.text).toContain('We have emailed them');
    expect(stack.bus.deadLetters).toEqual([]);
    // The page shows the same date as the email.
    expect(payment.chooseBy).toBe('2026-03-20');
  });

  it('tells only the coordinators when the person has not agreed to be contacted, and says so', async () => {
    const consent = { ...participantBody().consent, scopes: ['forums', 'payments'] };
    const brid = await recruit({ displayName: 'Bríd', benefits: [{ scheme: 'IE.JB' }], consent });
    const payment = await heldPaymentFor(brid);
    const sent = about(payment.paymentId);
    expect(sent.map((m) => m.to)).toEqual(['coordinators@example.org']);
    expect(sent[0]?.text).toContain('please get in touch with them another way');
  });

  it('tells the coordinators only when the person has no email address', async () => {
    const cara = await recruit({
      displayName: 'Cara',
      benefits: [{ scheme: 'IE.JB' }],
      contact: { phone: '+353 1 234 5678' },
    });
    const payment = await heldPaymentFor(cara);
    expect(about(payment.paymentId).map((m) => m.to)).toEqual(['coordinators@example.org']);
  });

  it('sends nothing when the choice is recorded before PaymentHeld arrives', async () => {
    // Prepare: the bus accepts SessionHeld, then is down, so the consumer's PaymentHeld waits in the outbox.
    const dara = await recruit({ displayName: 'Dara', benefits: [{ scheme: 'IE.JB' }] });
    const sessionId = ulid();
    const startsAt = '2026-03-06T18:00:00+00:00';
    const delivering = stack.bus.publish([
      buildEvent(
        SessionHeld,
        {
          sessionId,
          forumId: 'forum-1',
          heldOn: '2026-03-06',
          startsAt,
          hourlyRateMinor: 2500,
          currency: 'EUR',
          attendance: [{ participantId: dara, hours: 3, expensesMinor: 0, walkIn: false }],
        },
        { idempotencyKey: `session-held:${sessionId}`, occurredAt: startsAt },
      ),
    ]);
    stack.bus.failNextPublishes = 1_000;
    await delivering;
    await stack.settle();
    const list = await stack.call('GET', `/api/payments?participantId=${dara}`, { token: coordinator });
    const payment = list.json.items[0];
    expect(payment.status).toBe('held');
    // Act: the choice is recorded, then the bus recovers and PaymentHeld is delivered late.
    const chosen = await stack.call('POST', `/api/payments/${payment.paymentId}/choice`, {
      token: coordinator,
      body: { option: 'decline' },
    });
    expect(chosen.status).toBe(200);
    stack.bus.failNextPublishes = 0;
    await stack.settle();
    // Assess: nothing asks for a choice already made.
    expect(about(payment.paymentId)).toEqual([]);
  });

  it('sends the message after a failed send is retried, still once', async () => {
    const eoin = await recruit({
      displayName: 'Eoin',
      benefits: [{ scheme: 'IE.JB' }],
      contact: { email: 'eoin@example.org' },
    });
    const send = stack.mailbox.send.bind(stack.mailbox);
    let failures = 1;
    stack.mailbox.send = async (m) => {
      if (m.to === 'eoin@example.org' && failures > 0) {
        failures -= 1;
        throw new Error('SES throttled (simulated)');
      }
      return send(m);
    };
    try {
      const payment = await heldPaymentFor(eoin);
      expect(failures).toBe(0);
      expect(
        about(payment.paymentId)
          .map((m) => m.to)
          .sort(),
      ).toEqual(['coordinators@example.org', 'eoin@example.org']);
    } finally {
      stack.mailbox.send = send;
    }
  });
});

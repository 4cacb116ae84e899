import { createServer, type Server } from 'node:http';
import { ulid } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEvent } from '../../events/define-event.js';
import { PaymentDue, SessionHeld } from '../../events/index.js';
import { outboxPut } from '../../shared/runtime/events/outbox.js';
import { transact } from '../../shared/runtime/store/db.js';
import { startTestStack, type TestStack } from '../support/stack.js';

/** A finance endpoint that is down until told otherwise, and records what it accepted. */
function financeEndpoint() {
  const state = { up: false, attempts: 0, accepted: [] as string[] };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      state.attempts++;
      if (!state.up) {
        res.writeHead(503).end();
        return;
      }
      state.accepted.push(JSON.parse(body).data.paymentId);
      res.writeHead(200).end();
    });
  });
  return new Promise<typeof state & { url: string; close(): Promise<void> }>((res) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      res(
        Object.assign(state, {
          url: `http://127.0.0.1:${port}/payments`,
          close: () => new Promise<void>((r) => server.close(() => r())),
        }),
      );
    }),
  );
}

const at = '2026-03-02T18:00:00+00:00';
const stacks: TestStack[] = [];
afterAll(async () => {
  for (const s of stacks) await s.stop().catch(() => {});
});

async function until(what: string, check: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the local stack across a restart', () => {
  it('delivers a PaymentDue whose finance webhook was down when the stack stopped, after the next start', async () => {
    // Prepare: finance is down; the event is accepted (committed to the outbox) and keeps retrying.
    const finance = await financeEndpoint();
    const tablePrefix = `t${ulid().toLowerCase()}-`;
    const webhook = { url: finance.url, secret: 'a-secret-of-sixteen-or-more' };
    const first = await startTestStack({ tablePrefix, financeWebhook: webhook });
    stacks.push(first);
    const paymentId = `pay-${ulid()}`;
    const event = buildEvent(
      PaymentDue,
      {
        paymentId,
        participantId: 'p-1',
        payeeReference: 'CP-0000000001',
        sessionId: 's-1',
        feeMinor: 5000,
        expensesMinor: 0,
        currency: 'EUR',
        period: { start: '2026-03-02', end: '2026-03-08' },
        paymentIdempotencyKey: `coproduce-payment:${paymentId}`,
      },
      { idempotencyKey: `payment-due:${paymentId}`, occurredAt: at },
    );
    await transact(first.deps.db, [outboxPut(first.deps.db, event, at)]);
    await until('finance has been tried', () => finance.attempts >= 1);

    // Act: Ctrl-C while it is still retrying, finance comes back, the stack starts again.
    await first.stop();
    expect(finance.accepted).toEqual([]);
    finance.up = true;
    const second = await startTestStack({ tablePrefix, financeWebhook: webhook });
    stacks.push(second);
    await until('finance has the payment', () => finance.accepted.length > 0);
    await second.settle();

    // Assess: delivered once after the restart, and nothing left pending or dead.
    expect(finance.accepted).toEqual([paymentId]);
    expect(second.bus.deadLetters).toEqual([]);
    await second.stop();
    await finance.close();
  });

  it('keeps a dead-lettered SessionHeld across a restart, lists it and can redrive it', async () => {
    // Prepare: a SessionHeld naming an attendee nobody recruited is dead-lettered after its retries.
    const tablePrefix = `t${ulid().toLowerCase()}-`;
    const first = await startTestStack({ tablePrefix });
    stacks.push(first);
    const sessionId = `s-${ulid()}`;
    const event = buildEvent(
      SessionHeld,
      {
        sessionId,
        forumId: 'f-1',
        heldOn: '2026-03-02',
        startsAt: at,
        hourlyRateMinor: 2500,
        currency: 'EUR',
        attendance: [{ participantId: 'nobody', hours: 2, expensesMinor: 0, walkIn: false }],
      },
      { idempotencyKey: `session-held:${sessionId}`, occurredAt: at },
    );
    await transact(first.deps.db, [outboxPut(first.deps.db, event, at)]);
    await first.settle();
    expect(first.bus.deadLetters.map((d) => d.event.id)).toEqual([event.eventId]);
    await first.stop();

    // Act: start again on the same tables.
    const second = await startTestStack({ tablePrefix });
    stacks.push(second);
    const coordinator = await second.tokenFor(['coordinator']);
    const listed = await second.call('GET', '/api/dev/dead-letters', { token: coordinator });

    // Assess: the dead letter is still there with its reason, and a redrive delivers it again.
    expect(listed.json.items).toEqual([
      expect.objectContaining({
        subscription: 'remunerate-attendance:SessionHeld',
        reason: expect.stringMatching(/UnknownAttendeeError/),
        event: { id: event.eventId, 'detail-type': 'SessionHeld' },
      }),
    ]);
    expect(second.bus.redrive()).toBe(1);
    await second.settle();
    expect(second.bus.deadLetters.map((d) => d.event.id)).toEqual([event.eventId]);
    await second.stop();
  });
});

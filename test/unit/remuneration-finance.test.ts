import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deliverToFinance, financeWebhookFromEnv, signBody } from '../../shared/payments/adapters/finance-webhook.js';
import { defuseCell } from '../../shared/payments/app/finance-export.js';

describe('finance export cells', () => {
  it.each(['=1+1', '+44 20', '-2', '@SUM(A1)', '\tx', '\rx'])(
    'prefixes %j with a quote so a spreadsheet shows it as text',
    (v) => {
      expect(defuseCell(v)).toBe(`'${v}`);
    },
  );
  it('leaves ordinary text alone', () => {
    expect(defuseCell('CP-0123456789')).toBe('CP-0123456789');
  });
});

describe('finance webhook', () => {
  const detail = {
    metadata: {
      version: 1,
      idempotencyKey: 'payment-due:p1',
      correlationId: 'c',
      occurredAt: '2026-03-02T18:00:00+00:00',
    },
    data: {
      paymentId: 'p1',
      participantId: 'a1',
      payeeReference: 'CP-1',
      sessionId: 's1',
      feeMinor: 7500,
      expensesMinor: 0,
      currency: 'EUR' as const,
      period: { start: '2026-03-02', end: '2026-03-08' },
      paymentIdempotencyKey: 'coproduce-payment:p1',
    },
  };

  it('signs the exact body with HMAC-SHA256 and sends the idempotency key', async () => {
    const sent: { body: string; headers: Record<string, string> }[] = [];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      sent.push({ body: init.body as string, headers: init.headers as Record<string, string> });
      return new Response(null, { status: 202 });
    }) as typeof fetch;
    await deliverToFinance(detail, { url: 'http://finance.test/in', secret: 's'.repeat(16) }, fakeFetch);
    const expected = `sha256=${createHmac('sha256', 's'.repeat(16)).update(sent[0]!.body).digest('hex')}`;
    expect(sent[0]!.headers['x-coproduce-signature']).toBe(expected);
    expect(signBody(sent[0]!.body, 's'.repeat(16))).toBe(expected);
    expect(sent[0]!.headers['x-coproduce-idempotency-key']).toBe('coproduce-payment:p1');
  });

  it('throws on a refusal so the bus retries, and does nothing without a URL', async () => {
    const refuse = (async () => new Response(null, { status: 500 })) as unknown as typeof fetch;
    await expect(
      deliverToFinance(detail, { url: 'http://finance.test/in', secret: 's'.repeat(16) }, refuse),
    ).rejects.toThrow(/500/);
    expect(await deliverToFinance(detail, undefined, refuse)).toBe('not-configured');
  });

  it('needs a secret when a URL is set', () => {
    expect(financeWebhookFromEnv({})).toBeUndefined();
    expect(() => financeWebhookFromEnv({ FINANCE_WEBHOOK_URL: 'http://x.test/' })).toThrow(/FINANCE_WEBHOOK_SECRET/);
  });
});

import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { fixedClock, systemClock } from '../../shared/kernel/index.js';
import {
  deliverToFinance,
  financeWebhookFromEnv,
  signDelivery,
} from '../../shared/payments/adapters/finance-webhook.js';
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

  /** A finance endpoint stand-in: records what was sent, answers `status`. */
  function recorder(status = 202) {
    const sent: { body: string; headers: Record<string, string> }[] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      sent.push({ body: init.body as string, headers: init.headers as Record<string, string> });
      return new Response(null, { status });
    }) as typeof fetch;
    return { sent, fetchImpl };
  }
  const whsec = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
  const config = { url: 'http://finance.test/in', secret: whsec };

  it('signs each delivery the Standard Webhooks way: the standardwebhooks package verifies it', async () => {
    // Prepare
    const { sent, fetchImpl } = recorder();
    // Act
    await deliverToFinance(detail, config, systemClock, fetchImpl);
    // Assess: the receiver's own library accepts it and gets the event back.
    const [delivery] = sent;
    if (!delivery) throw new Error('nothing was sent');
    expect(new Webhook(whsec).verify(delivery.body, delivery.headers)).toEqual(detail);
    expect(delivery.headers['webhook-id']).toBe('payment-due:p1');
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(delivery.headers['x-coproduce-idempotency-key']).toBe('coproduce-payment:p1');
    expect(delivery.headers).not.toHaveProperty('x-coproduce-signature');
  });

  it('lets a receiver refuse a changed body, another secret, and a stale replay', async () => {
    const { sent, fetchImpl } = recorder();
    await deliverToFinance(detail, config, systemClock, fetchImpl);
    // A delivery signed ten minutes ago, as a replay of a captured request would be.
    await deliverToFinance(detail, config, fixedClock(new Date(Date.now() - 10 * 60_000)), fetchImpl);
    const [fresh, stale] = sent;
    if (!fresh || !stale) throw new Error('nothing was sent');
    const receiver = new Webhook(whsec);
    expect(() => receiver.verify(fresh.body.replace('7500', '75000'), fresh.headers)).toThrow(WebhookVerificationError);
    const other = `whsec_${Buffer.from('another-secret-of-thirty-two-byt').toString('base64')}`;
    expect(() => new Webhook(other).verify(fresh.body, fresh.headers)).toThrow(/No matching signature/);
    expect(() => receiver.verify(stale.body, stale.headers)).toThrow(/timestamp too old/);
    // The timestamp is signed: moving it forward breaks the signature.
    const retimed = { ...stale.headers, 'webhook-timestamp': fresh.headers['webhook-timestamp'] ?? '' };
    expect(() => receiver.verify(stale.body, retimed)).toThrow(/No matching signature/);
  });

  it('signs with a passphrase secret as raw bytes (the older form)', async () => {
    const { sent, fetchImpl } = recorder();
    const passphrase = 'a-secret-of-sixteen-or-more';
    await deliverToFinance(detail, { url: config.url, secret: passphrase }, systemClock, fetchImpl);
    const [delivery] = sent;
    if (!delivery) throw new Error('nothing was sent');
    expect(new Webhook(passphrase, { format: 'raw' }).verify(delivery.body, delivery.headers)).toEqual(detail);
    expect(delivery.headers['webhook-signature']).toBe(
      signDelivery('payment-due:p1', Number(delivery.headers['webhook-timestamp']), delivery.body, passphrase),
    );
  });

  it('throws on a refusal so the bus retries, and does nothing without a URL', async () => {
    const { fetchImpl } = recorder(500);
    await expect(deliverToFinance(detail, config, systemClock, fetchImpl)).rejects.toThrow(/500/);
    expect(await deliverToFinance(detail, undefined, systemClock, fetchImpl)).toBe('not-configured');
  });

  it('needs a whsec_ secret of 24 to 64 bytes, or a 16-character passphrase, when a URL is set', () => {
    const url = 'http://x.test/';
    expect(financeWebhookFromEnv({})).toBeUndefined();
    expect(() => financeWebhookFromEnv({ FINANCE_WEBHOOK_URL: url })).toThrow(/FINANCE_WEBHOOK_SECRET/);
    expect(financeWebhookFromEnv({ FINANCE_WEBHOOK_URL: url, FINANCE_WEBHOOK_SECRET: whsec })).toEqual({
      url,
      secret: whsec,
    });
    const short = `whsec_${Buffer.from('sixteen bytes!!!').toString('base64')}`;
    for (const bad of [short, 'whsec_not base64!', 'too-short']) {
      expect(() => financeWebhookFromEnv({ FINANCE_WEBHOOK_URL: url, FINANCE_WEBHOOK_SECRET: bad })).toThrow(
        /FINANCE_WEBHOOK_SECRET: Use whsec_/,
      );
    }
  });
});

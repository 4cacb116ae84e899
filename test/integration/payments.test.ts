import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, SessionHeld } from '../../events/index.js';
import { freePort } from '../../shared/local/dynamodb.js';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const SECRET = `whsec_${Buffer.from('test-webhook-secret-0123456789-ab').toString('base64')}`;

/** A finance system stand-in: records signed PaymentDue posts (body and headers); can refuse the next N. */
function financeReceiver() {
  const received: { body: string; headers: Record<string, string>; key: string }[] = [];
  const state = { refuseNext: 0, refused: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (state.refuseNext > 0) {
        state.refuseNext -= 1;
        state.refused += 1;
        res.writeHead(503).end();
        return;
      }
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        key: String(req.headers['x-coproduce-idempotency-key'] ?? ''),
      });
      res.writeHead(204).end();
    });
  });
  return { server, received, state };
}

/** RFC 4180: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

let stack: TestStack;
let coordinator: string;
let finance: string;
const published: { detailType: string; data: any }[] = [];
const receiver = financeReceiver();

beforeAll(async () => {
  const port = await freePort();
  await new Promise<void>((r) => receiver.server.listen(port, '127.0.0.1', () => r()));
  stack = await startTestStack({ financeWebhook: { url: `http://127.0.0.1:${port}/payments`, secret: SECRET } });
  coordinator = await stack.tokenFor(['coordinator']);
  finance = await stack.tokenFor(['finance']);
  // Record every event the bus accepts (the relay publishes through this same object).
  const publish = stack.bus.publish.bind(stack.bus);
  stack.bus.publish = async (events) => {
    const result = await publish(events);
    const failed = new Set(result.failed.map((f) => f.eventId));
    for (const e of events)
      if (!failed.has(e.eventId)) published.push({ detailType: e.detailType, data: e.detail.data as any });
    return result;
  };
});
afterAll(async () => {
  await stack?.stop();
  await new Promise((r) => receiver.server.close(r));
});

async function recruit(overrides: Record<string, unknown>): Promise<string> {
  const res = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.participantId;
}

type Attend = { participantId: string; hours: number; expensesMinor?: number };

function heldEvent(
  startsAt: string,
  rateMinor: number,
  attendance: Attend[],
  opts: { currency?: 'EUR' | 'GBP'; sessionId?: string } = {},
) {
  const sessionId = opts.sessionId ?? ulid();
  return buildEvent(
    SessionHeld,
    {
      sessionId,
      forumId: 'forum-1',
      heldOn: startsAt.slice(0, 10),
      startsAt,
      hourlyRateMinor: rateMinor,
      currency: opts.currency ?? 'EUR',
      attendance: attendance.map((a) => ({ walkIn: false, expensesMinor: 0, ...a })),
    },
    { idempotencyKey: `session-held:${sessionId}`, occurredAt: startsAt },
  );
}

/** Hold a session for attendees through the bus, wait for the stack to settle, and return each attendee's payment. */
async function hold(
  startsAt: string,
  rateMinor: number,
  attendance: Attend[],
  opts: { currency?: 'EUR' | 'GBP' } = {},
) {
  const event = heldEvent(startsAt, rateMinor, attendance, opts);
  await stack.bus.publish([event]);
  await stack.settle();
  return paymentFor(event.detail.data as { sessionId: string }, attendance[0]!.participantId);
}

async function paymentsOf(participantId: string) {
  const res = await stack.call('GET', `/api/payments?participantId=${participantId}&limit=100`, { token: coordinator });
  expect(res.status).toBe(200);
  return res.json.items as any[];
}

async function paymentFor(session: { sessionId: string }, participantId: string) {
  const mine = (await paymentsOf(participantId)).filter((p) => p.sessionId === session.sessionId);
  expect(mine).toHaveLength(1);
  return mine[0];
}

describe('worked examples through the local stack', () => {
  it('IE.DA at €25/h: Monday and Wednesday due, Friday held with the reason, next Monday due', async () => {
    const id = await recruit({ benefits: [{ scheme: 'IE.DA' }] });
    const mon = await hold('2026-03-02T18:00:00+00:00', 2500, [{ participantId: id, hours: 3 }]);
    const wed = await hold('2026-03-04T18:00:00+00:00', 2500, [{ participantId: id, hours: 3 }]);
    const fri = await hold('2026-03-06T18:00:00+00:00', 2500, [{ participantId: id, hours: 3, expensesMinor: 1240 }]);
    const next = await hold('2026-03-09T18:00:00+00:00', 2500, [{ participantId: id, hours: 3 }]);
    expect([mon.status, mon.feeMinor, wed.status]).toEqual(['due', 7500, 'due']);
    expect(fri).toMatchObject({
      status: 'held',
      feeMinor: 7500,
      expensesMinor: 1240,
      currency: 'EUR',
      period: { scheme: 'IE.DA', start: '2026-03-02', end: '2026-03-08' },
      reasons: [
        {
          scheme: 'IE.DA',
          rule: 'weekly-earnings-disregard',
          limitMinor: 16500,
          alreadyMinor: 15000,
          thisMinor: 7500,
          headroomMinor: 1500,
        },
      ],
      options: ['expenses-only', 'decline', 'full'],
      consequences: ['Disability Allowance reduced by about €30.00 that week.'],
    });
    expect(next.status).toBe('due');
    const one = await stack.call('GET', `/api/payments/${fri.paymentId}`, { token: coordinator });
    expect(Object.keys(one.json)).toEqual(
      expect.arrayContaining([
        'paymentId',
        'participantId',
        'sessionId',
        'status',
        'feeMinor',
        'expensesMinor',
        'currency',
        'period',
        'reasons',
        'options',
      ]),
    );
  });

  it('IE.CA: after 17 hours this week a 2-hour session is held on hours', async () => {
    const id = await recruit({ benefits: [{ scheme: 'IE.CA' }] });
    const first = await hold('2026-03-02T09:00:00+00:00', 2500, [{ participantId: id, hours: 17 }]);
    const second = await hold('2026-03-05T09:00:00+00:00', 2500, [{ participantId: id, hours: 2 }]);
    expect(first.status).toBe('due');
    expect(second.status).toBe('held');
    expect(second.reasons[0]).toMatchObject({
      scheme: 'IE.CA',
      rule: 'weekly-hours-limit',
      limitHours: 18.5,
      alreadyHours: 17,
      thisHours: 2,
      avoidableByChoice: false,
    });
  });

  it('IE.JA: two €15 sessions on one day hold the second; a fourth day in the week is held', async () => {
    const sameDay = await recruit({ benefits: [{ scheme: 'IE.JA' }] });
    await hold('2026-03-02T10:00:00+00:00', 1500, [{ participantId: sameDay, hours: 1 }]);
    const second = await hold('2026-03-02T15:00:00+00:00', 1500, [{ participantId: sameDay, hours: 1 }]);
    expect(second.reasons[0]).toMatchObject({ rule: 'daily-earnings-disregard', limitMinor: 2000, alreadyMinor: 1500 });

    const days = await recruit({ benefits: [{ scheme: 'IE.JA' }] });
    const statuses = [];
    for (const d of ['02', '03', '04', '05']) {
      statuses.push((await hold(`2026-03-${d}T10:00:00+00:00`, 1500, [{ participantId: days, hours: 1 }])).status);
    }
    expect(statuses).toEqual(['due', 'due', 'due', 'held']);
  });

  it('UK.ESA_PW with PW1 at £30/h: 6 h due, 1 h held with £23.50 headroom, or paid £23.50 with cap-at-headroom', async () => {
    const uk = { jurisdiction: 'UK', areaId: 'leeds' };
    const ask = await recruit({ ...uk, benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }] });
    const cap = await recruit({
      ...uk,
      benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }],
      payment: { preference: 'cap-at-headroom' },
    });
    const noPw1 = await recruit({ ...uk, benefits: [{ scheme: 'UK.ESA_PW' }] });
    for (const id of [ask, cap])
      await hold('2026-04-20T10:00:00+01:00', 3000, [{ participantId: id, hours: 6 }], { currency: 'GBP' });
    const held = await hold('2026-04-21T10:00:00+01:00', 3000, [{ participantId: ask, hours: 1 }], { currency: 'GBP' });
    const capped = await hold('2026-04-21T10:00:00+01:00', 3000, [{ participantId: cap, hours: 1 }], {
      currency: 'GBP',
    });
    const under = await hold('2026-04-20T10:00:00+01:00', 3000, [{ participantId: noPw1, hours: 1 }], {
      currency: 'GBP',
    });
    expect(held).toMatchObject({
      status: 'held',
      reasons: [{ limitMinor: 20350, alreadyMinor: 18000, thisMinor: 3000, headroomMinor: 2350 }],
    });
    expect(held.options).toEqual(['reduced', 'charity', 'expenses-only', 'decline', 'full']);
    expect([capped.status, capped.feeMinor]).toEqual(['due', 2350]);
    expect(under.reasons[0]).toMatchObject({ rule: 'permitted-work-lower-limit', limitMinor: 2000 });
  });

  it('UK.UC with start day 12: sessions on 11 and 12 March fall in different assessment periods', async () => {
    const id = await recruit({
      jurisdiction: 'UK',
      areaId: 'leeds',
      benefits: [{ scheme: 'UK.UC', workAllowanceMinor: 68400, assessmentPeriodStartDay: 12 }],
    });
    const a = await hold('2026-03-11T10:00:00+00:00', 3000, [{ participantId: id, hours: 2 }], { currency: 'GBP' });
    const b = await hold('2026-03-12T10:00:00+00:00', 3000, [{ participantId: id, hours: 2 }], { currency: 'GBP' });
    expect(a.period).toEqual({ scheme: 'UK.UC', start: '2026-02-12', end: '2026-03-11' });
    expect(b.period).toEqual({ scheme: 'UK.UC', start: '2026-03-12', end: '2026-04-11' });
  });
});

describe('SessionHeld delivered more than once, or at once', () => {
  it('makes one payment per lived-experience attendee when delivered twice, and none for providers', async () => {
    const a = await recruit({ benefits: [{ scheme: 'NONE' }] });
    const b = await recruit({ benefits: [{ scheme: 'IE.DA' }] });
    const staff = await recruit({ stakeholderGroup: 'provider', benefits: undefined, payment: undefined });
    const event = heldEvent('2026-05-04T10:00:00+01:00', 2500, [
      { participantId: a, hours: 2 },
      { participantId: b, hours: 2 },
      { participantId: staff, hours: 2 },
    ]);
    await stack.bus.publish([event]);
    await stack.settle();
    await stack.bus.publish([event]);
    await stack.settle();
    expect(await paymentsOf(a)).toHaveLength(1);
    expect(await paymentsOf(b)).toHaveLength(1);
    expect(await paymentsOf(staff)).toHaveLength(0);
  });

  it('makes one payment per attendee when the same event arrives twice at the same time', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => recruit({ benefits: [{ scheme: 'IE.DA' }] })));
    const event = heldEvent(
      '2026-05-05T10:00:00+01:00',
      2500,
      ids.map((participantId) => ({ participantId, hours: 2 })),
    );
    await Promise.all([stack.bus.publish([event]), stack.bus.publish([event]), stack.bus.publish([event])]);
    await stack.settle();
    for (const id of ids) {
      const payments = await paymentsOf(id);
      expect(payments).toHaveLength(1);
      expect(
        published.filter((e) => e.detailType === 'PaymentDue' && e.data.paymentId === payments[0].paymentId),
      ).toHaveLength(1);
    }
  });

  it('never takes the week past the limit when twenty sessions for one person are processed at once', async () => {
    // Prepare: IE.DA, €25 an hour, twenty 1-hour sessions in one week: only six fit under €165.
    const id = await recruit({ benefits: [{ scheme: 'IE.DA' }] });
    const events = Array.from({ length: 20 }, (_, i) =>
      heldEvent(`2026-06-0${1 + (i % 7)}T${String(8 + Math.floor(i / 7)).padStart(2, '0')}:00:00+01:00`, 2500, [
        { participantId: id, hours: 1 },
      ]),
    );
    // Act: all delivered concurrently.
    await stack.bus.publish(events);
    await stack.settle();
    // Assess
    const payments = await paymentsOf(id);
    const due = payments.filter((p) => p.status === 'due');
    expect(payments).toHaveLength(20);
    expect(due.reduce((sum, p) => sum + p.feeMinor, 0)).toBe(15000);
    expect(payments.filter((p) => p.status === 'held')).toHaveLength(14);
    expect(stack.bus.deadLetters).toEqual([]);
  });
});

describe('delivery to finance', () => {
  it('delivers a PaymentDue published while the bus is failing once it recovers, signed (Standard Webhooks), once per payment', async () => {
    const id = await recruit({ benefits: [{ scheme: 'NONE' }] });
    await stack.settle();
    const event = heldEvent('2026-05-11T10:00:00+01:00', 2500, [{ participantId: id, hours: 2, expensesMinor: 500 }]);
    // The bus delivers SessionHeld, and is down from then on: the consumer's PaymentDue cannot be published.
    const delivering = stack.bus.publish([event]);
    stack.bus.failNextPublishes = 1_000;
    await delivering;
    await stack.settle(); // the consumer wrote the payment; the relay's publishes fail: PaymentDue stays in the outbox
    const payment = (await paymentsOf(id))[0];
    expect(payment.status).toBe('due');
    expect(receiver.received.filter((r) => r.body.includes(payment.paymentId))).toHaveLength(0);
    stack.bus.failNextPublishes = 0; // the bus recovers
    receiver.state.refuseNext = 1; // and finance refuses the first delivery
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !receiver.received.some((r) => r.body.includes(payment.paymentId))) {
      await stack.settle();
    }
    const mine = receiver.received.filter((r) => r.body.includes(payment.paymentId));
    expect(mine).toHaveLength(1);
    expect(receiver.state.refused).toBeGreaterThan(0);
    // Finance verifies it as any Standard Webhooks receiver would (signature over id, timestamp and body).
    const detail = new Webhook(SECRET).verify(mine[0]!.body, mine[0]!.headers) as any;
    expect(mine[0]!.headers['webhook-id']).toBe(detail.metadata.idempotencyKey);
    expect(detail.data).toMatchObject({
      paymentId: payment.paymentId,
      feeMinor: 5000,
      expensesMinor: 500,
      currency: 'EUR',
    });
    expect(mine[0]!.key).toBe(detail.data.paymentIdempotencyKey);
    expect(JSON.stringify(detail)).not.toMatch(/IE\.DA|Aoife|example\.org/);
  });

  it('keeps retrying the webhook until finance accepts, well past the bus default of three attempts', async () => {
    const id = await recruit({ benefits: [{ scheme: 'NONE' }] });
    await stack.settle();
    const deadLettersBefore = stack.bus.deadLetters.length;
    receiver.state.refuseNext = 6; // finance is down for six deliveries in a row
    receiver.state.refused = 0;
    await stack.bus.publish([heldEvent('2026-05-12T10:00:00+01:00', 2500, [{ participantId: id, hours: 1 }])]);
    await stack.settle(); // waits for every delivery, retries included
    const payment = (await paymentsOf(id))[0];
    expect(receiver.state.refused).toBe(6);
    expect(receiver.received.filter((r) => r.body.includes(payment.paymentId))).toHaveLength(1);
    expect(stack.bus.deadLetters.length).toBe(deadLettersBefore);
  }, 180_000);
});

describe('choices', () => {
  async function heldUk() {
    const id = await recruit({
      jurisdiction: 'UK',
      areaId: 'leeds',
      benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }],
    });
    await hold('2026-04-27T10:00:00+01:00', 3000, [{ participantId: id, hours: 6 }], { currency: 'GBP' });
    const held = await hold('2026-04-28T10:00:00+01:00', 3000, [{ participantId: id, hours: 1, expensesMinor: 300 }], {
      currency: 'GBP',
    });
    expect(held.status).toBe('held');
    return { id, held };
  }

  it('lets the member choose a reduced fee up to the headroom, then refuses a second choice', async () => {
    const { id, held } = await heldUk();
    const member = await stack.tokenFor(['member'], id);
    const over = await stack.call('POST', `/api/payments/${held.paymentId}/choice`, {
      token: member,
      body: { option: 'reduced', amountMinor: 2351 },
    });
    const ok = await stack.call('POST', `/api/payments/${held.paymentId}/choice`, {
      token: member,
      body: { option: 'reduced', amountMinor: 2350 },
    });
    const again = await stack.call('POST', `/api/payments/${held.paymentId}/choice`, {
      token: member,
      body: { option: 'decline' },
    });
    expect(over.status).toBe(400);
    expect(over.json.issues[0].path).toBe('amountMinor');
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      status: 'due',
      feeMinor: 2350,
      expensesMinor: 300,
      options: [],
      optionOutcomes: [],
    });
    expect(again.status).toBe(409);
  });

  it('needs advice acknowledged for full, and lets another member choose nothing', async () => {
    const { held } = await heldUk();
    const stranger = await stack.tokenFor(['member'], 'someone-else');
    const noAdvice = await stack.call('POST', `/api/payments/${held.paymentId}/choice`, {
      token: coordinator,
      body: { option: 'full' },
    });
    const forbidden = await stack.call('POST', `/api/payments/${held.paymentId}/choice`, {
      token: stranger,
      body: { option: 'decline' },
    });
    const full = await stack.call('POST', `/api/payments/${held.paymentId}/choice`, {
      token: coordinator,
      body: { option: 'full', adviceAcknowledged: true },
    });
    expect(noAdvice.status).toBe(400);
    expect(noAdvice.json.issues[0].path).toBe('adviceAcknowledged');
    expect(noAdvice.json.issues[0].message).toMatch(/^Confirm the person has been offered/);
    expect(forbidden.status).toBe(403);
    expect(full.json).toMatchObject({
      status: 'due',
      feeMinor: 3000,
      choice: { option: 'full', adviceAcknowledged: true },
    });
  });

  it('records decline as declined with expenses still due, and refuses reduced in Ireland', async () => {
    const id = await recruit({ benefits: [{ scheme: 'IE.JB' }] });
    const held = await hold('2026-05-18T10:00:00+01:00', 2500, [{ participantId: id, hours: 1, expensesMinor: 800 }]);
    const reduced = await stack.call('POST', `/api/payments/${held.paymentId}/choice`, {
      token: coordinator,
      body: { option: 'reduced', amountMinor: 100 },
    });
    const decline = await stack.call('POST', `/api/payments/${held.paymentId}/choice`, {
      token: coordinator,
      body: { option: 'decline' },
    });
    expect(reduced.status).toBe(400);
    expect(reduced.json.issues[0].path).toBe('option');
    expect(decline.json).toMatchObject({ status: 'declined', feeMinor: 0, expensesMinor: 800, awaitingFinance: true });
  });

  it('answers 400 for a bad body and 404 for an unknown payment', async () => {
    expect(
      (await stack.call('POST', '/api/payments/nope/choice', { token: coordinator, body: { option: 'decline' } }))
        .status,
    ).toBe(404);
    const bad = await stack.call('POST', '/api/payments/nope/choice', {
      token: coordinator,
      body: { option: 'vouchers' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0].path).toBe('option');
  });
});

describe('finance', () => {
  it('lists due payments, marks one issued idempotently, refuses a conflicting reference, and exports it', async () => {
    const id = await recruit({ benefits: [{ scheme: 'NONE' }] });
    const p = await hold('2026-05-25T10:00:00+01:00', 2500, [{ participantId: id, hours: 2, expensesMinor: 1240 }]);
    const list = await stack.call('GET', '/api/payments?status=due&limit=100', { token: finance });
    expect(list.json.items.map((x: { paymentId: string }) => x.paymentId)).toContain(p.paymentId);

    const issued = await stack.call('POST', `/api/payments/${p.paymentId}/issued`, {
      token: finance,
      body: { financeRef: 'AP-123' },
    });
    const same = await stack.call('POST', `/api/payments/${p.paymentId}/issued`, {
      token: finance,
      body: { financeRef: 'AP-123' },
    });
    const other = await stack.call('POST', `/api/payments/${p.paymentId}/issued`, {
      token: finance,
      body: { financeRef: 'AP-999' },
    });
    const failed = await stack.call('POST', `/api/payments/${p.paymentId}/failed`, {
      token: finance,
      body: { reason: 'bank' },
    });
    const byCoordinator = await stack.call('POST', `/api/payments/${p.paymentId}/issued`, {
      token: coordinator,
      body: { financeRef: 'AP-1' },
    });
    expect([issued.status, same.status, other.status, failed.status, byCoordinator.status]).toEqual([
      200, 200, 409, 409, 403,
    ]);
    expect(same.json).toMatchObject({ status: 'issued', financeRef: 'AP-123' });
    await stack.settle();
    expect(published.filter((e) => e.detailType === 'PaymentIssued' && e.data.paymentId === p.paymentId)).toEqual([
      { detailType: 'PaymentIssued', data: { paymentId: p.paymentId, participantId: id, financeRef: 'AP-123' } },
    ]);

    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(`${stack.url}/api/finance/export.csv?from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${finance}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for Excel
    const rows = parseCsv(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes));
    const [header, ...data] = rows;
    expect(header).toEqual([
      'paymentId',
      'participantId',
      'payeeReference',
      'sessionId',
      'feeMinor',
      'feeMajor',
      'expensesMinor',
      'expensesMajor',
      'totalMinor',
      'totalMajor',
      'currency',
      'periodStart',
      'periodEnd',
      'status',
      'idempotencyKey',
      'payableOn',
      'feeTo',
    ]);
    const row = data.find((r) => r[0] === p.paymentId);
    expect(row).toEqual([
      p.paymentId,
      id,
      p.payeeReference,
      p.sessionId,
      '5000',
      '50.00',
      '1240',
      '12.40',
      '6240',
      '62.40',
      'EUR',
      '2026-05-25',
      '2026-05-31',
      'issued',
      p.paymentIdempotencyKey,
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      'payee',
    ]);
    expect(data.every((r) => r.length === header!.length)).toBe(true);
    expect(data.some((r) => r[header!.indexOf('status')] === 'held')).toBe(false);
    expect(today >= from).toBe(true);
  });

  it('refuses the export to other roles and without a valid range', async () => {
    expect(
      (await stack.call('GET', '/api/finance/export.csv?from=2026-01-01&to=2026-01-31', { token: coordinator })).status,
    ).toBe(403);
    const bad = await stack.call('GET', '/api/finance/export.csv?from=2026-02-01&to=2026-01-01', { token: finance });
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0].path).toBe('to');
  });

  it('offers the file without the byte-order mark with bom=false, the same rows otherwise, and refuses other values', async () => {
    const id = await recruit({ benefits: [{ scheme: 'NONE' }] });
    const p = await hold('2026-06-08T10:00:00+01:00', 2500, [{ participantId: id, hours: 3, expensesMinor: 5 }]);
    const range = 'from=2000-01-01&to=2100-12-31';
    const fetchBytes = async (query: string) => {
      const res = await fetch(`${stack.url}/api/finance/export.csv?${query}`, {
        headers: { authorization: `Bearer ${finance}` },
      });
      expect(res.status).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    };
    const withBom = await fetchBytes(range);
    const without = await fetchBytes(`${range}&bom=false`);
    expect([...withBom.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(without.slice(0, 9))).toBe('paymentId');
    expect([...without]).toEqual([...withBom.slice(3)]);
    const rows = parseCsv(new TextDecoder().decode(without));
    const header = rows[0] ?? [];
    const row = rows.find((r) => r[0] === p.paymentId) ?? [];
    const col = (name: string) => row[header.indexOf(name)];
    expect([col('feeMinor'), col('feeMajor'), col('expensesMajor'), col('totalMajor')]).toEqual([
      '7500',
      '75.00',
      '0.05',
      '75.05',
    ]);
    const bad = await stack.call('GET', `/api/finance/export.csv?${range}&bom=no`, { token: finance });
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: { path: string }) => i.path)).toEqual(['bom']);
  });

  it('marks several payments issued under one reference, each on its own, and changes nothing when repeated', async () => {
    // Prepare: two due payments, one held, one already issued with another reference.
    const a = await recruit({ benefits: [{ scheme: 'NONE' }] });
    const b = await recruit({ benefits: [{ scheme: 'NONE' }] });
    const c = await recruit({ benefits: [{ scheme: 'IE.JB' }] });
    const d = await recruit({ benefits: [{ scheme: 'NONE' }] });
    const [pa, pb, pc, pd] = [
      await hold('2026-06-15T10:00:00+01:00', 2500, [{ participantId: a, hours: 2 }]),
      await hold('2026-06-15T10:00:00+01:00', 2500, [{ participantId: b, hours: 1 }]),
      await hold('2026-06-15T10:00:00+01:00', 2500, [{ participantId: c, hours: 1 }]),
      await hold('2026-06-15T10:00:00+01:00', 2500, [{ participantId: d, hours: 1 }]),
    ];
    expect([pa.status, pb.status, pc.status, pd.status]).toEqual(['due', 'due', 'held', 'due']);
    await stack.call('POST', `/api/payments/${pd.paymentId}/issued`, { token: finance, body: { financeRef: 'AP-1' } });
    const ids = [pa.paymentId, pb.paymentId, pc.paymentId, pd.paymentId, 'pay_unknown'];
    // Act
    const first = await stack.call('POST', '/api/payments/issued', {
      token: finance,
      body: { paymentIds: ids, financeRef: 'RUN-2026-06' },
    });
    const again = await stack.call('POST', '/api/payments/issued', {
      token: finance,
      body: { paymentIds: ids, financeRef: 'RUN-2026-06' },
    });
    await stack.settle();
    // Assess
    expect(first.status).toBe(200);
    expect(first.json.items).toEqual([
      { paymentId: pa.paymentId, status: 'issued' },
      { paymentId: pb.paymentId, status: 'issued' },
      { paymentId: pc.paymentId, status: 'refused', message: 'This payment is held: there is nothing to issue.' },
      { paymentId: pd.paymentId, status: 'refused', message: 'This payment was already issued with reference AP-1.' },
      { paymentId: 'pay_unknown', status: 'refused', message: 'There is no payment with this id.' },
    ]);
    expect(again.json.items.map((i: { status: string }) => i.status)).toEqual([
      'unchanged',
      'unchanged',
      'refused',
      'refused',
      'refused',
    ]);
    for (const p of [pa, pb]) {
      const now = await stack.call('GET', `/api/payments/${p.paymentId}`, { token: finance });
      expect([now.json.status, now.json.financeRef]).toEqual(['issued', 'RUN-2026-06']);
      expect(
        published.filter((e) => e.detailType === 'PaymentIssued' && e.data.paymentId === p.paymentId),
      ).toHaveLength(1);
    }
    const held = await stack.call('GET', `/api/payments/${pc.paymentId}`, { token: coordinator });
    expect(held.json.status).toBe('held');
  });

  it('refuses more than 100 payments, a repeated id, an empty list and a bad reference, naming the field, and writes nothing', async () => {
    const id = await recruit({ benefits: [{ scheme: 'NONE' }] });
    const p = await hold('2026-06-16T10:00:00+01:00', 2500, [{ participantId: id, hours: 1 }]);
    const cases: [unknown, string][] = [
      [
        { paymentIds: [p.paymentId, ...Array.from({ length: 100 }, (_, i) => `pay_${i}`)], financeRef: 'R-1' },
        'paymentIds',
      ],
      [{ paymentIds: Array.from({ length: 60_000 }, (_, i) => `pay_${i}`), financeRef: 'R-1' }, 'paymentIds'],
      [{ paymentIds: [p.paymentId, p.paymentId], financeRef: 'R-1' }, 'paymentIds'],
      [{ paymentIds: [], financeRef: 'R-1' }, 'paymentIds'],
      [{ paymentIds: [p.paymentId], financeRef: 'R\u202e1' }, 'financeRef'],
      [{ paymentIds: ['x'.repeat(65)], financeRef: 'R-1' }, 'paymentIds.0'],
    ];
    for (const [body, field] of cases) {
      const res = await stack.call('POST', '/api/payments/issued', { token: finance, body });
      expect(res.status).toBe(400);
      expect([...new Set(res.json.issues.map((i: { path: string }) => i.path))]).toEqual([field]);
    }
    const coordinatorTry = await stack.call('POST', '/api/payments/issued', {
      token: coordinator,
      body: { paymentIds: [p.paymentId], financeRef: 'R-1' },
    });
    expect(coordinatorTry.status).toBe(403);
    const now = await stack.call('GET', `/api/payments/${p.paymentId}`, { token: finance });
    expect(now.json.status).toBe('due');
  });

  it('asks for a status or a participant, and lets a member list only its own', async () => {
    const id = await recruit({ benefits: [{ scheme: 'NONE' }] });
    await hold('2026-06-15T10:00:00+01:00', 2500, [{ participantId: id, hours: 1 }]);
    const member = await stack.tokenFor(['member'], id);
    expect((await stack.call('GET', '/api/payments', { token: finance })).status).toBe(400);
    const own = await stack.call('GET', '/api/payments', { token: member });
    expect(own.json.items.map((p: { participantId: string }) => p.participantId)).toEqual([id]);
    expect((await stack.call('GET', '/api/payments?participantId=other', { token: member })).status).toBe(403);
  });
});

describe('consent', () => {
  it('pays no fee, only expenses, to someone who has not consented to being paid', async () => {
    const consent = {
      given: true,
      capacityConfirmed: true,
      recordedAt: '2026-01-10T10:00:00+00:00',
      scopes: ['forums'],
    };
    const id = await recruit({ benefits: [{ scheme: 'NONE' }], consent });
    const p = await hold('2026-06-23T10:00:00+01:00', 2500, [{ participantId: id, hours: 2, expensesMinor: 700 }]);
    expect([p.status, p.feeMinor, p.expensesMinor, p.awaitingFinance]).toEqual(['declined', 0, 700, true]);
  });

  it('still pays a participant who withdrew consent for a session they attended', async () => {
    const id = await recruit({ benefits: [{ scheme: 'NONE' }] });
    await stack.call('POST', `/api/participants/${id}/consent-withdrawal`, { token: coordinator });
    const p = await hold('2026-06-22T10:00:00+01:00', 2500, [{ participantId: id, hours: 2 }]);
    expect([p.status, p.feeMinor]).toEqual(['due', 5000]);
  });
});

// ---- Through the HTTP API: a forum, a scheduled session, attendance recorded ----------------------

async function createForum(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.forumId;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/** Schedule a session of `hours` in the forum for the invitees; answers the API's response. */
function schedule(forumId: string, invitees: string[], startsAt: string, hours: number) {
  return stack.call('POST', `/api/forums/${forumId}/sessions`, {
    token: coordinator,
    body: sessionBody(invitees, { startsAt, endsAt: iso(Date.parse(startsAt) + hours * 3_600_000) }),
  });
}

const recordHeld = (sessionId: string, attendance: unknown[]) =>
  stack.call('POST', `/api/sessions/${sessionId}/held`, { token: coordinator, body: { attendance } });

/**
 * Schedule a session for one person, record them as attending for its whole length (these dates are
 * in the past, so it can be recorded at once), let the consumer run, and return their payment.
 */
async function attendViaApi(
  forumId: string,
  participantId: string,
  startsAt: string,
  hours: number,
  expenses: unknown[] = [],
) {
  const scheduled = await schedule(forumId, [participantId], startsAt, hours);
  expect(scheduled.status).toBe(201);
  const held = await recordHeld(scheduled.json.sessionId, [{ participantId, hours, expenses }]);
  expect(held.status).toBe(202);
  await stack.settle();
  return paymentFor(scheduled.json, participantId);
}

describe('worked examples through the HTTP API, at the forum’s rate', () => {
  it('IE.DA in a €25/h forum: Monday and Wednesday due, Friday held with the reason, next Monday due', async () => {
    // Prepare
    const forumId = await createForum({ remuneration: { hourlyRateMinor: 2500, currency: 'EUR' } });
    const id = await recruit({ benefits: [{ scheme: 'IE.DA' }] });
    // Act
    const mon = await attendViaApi(forumId, id, '2026-03-02T18:00:00+00:00', 3);
    const wed = await attendViaApi(forumId, id, '2026-03-04T18:00:00+00:00', 3);
    const fri = await attendViaApi(forumId, id, '2026-03-06T18:00:00+00:00', 3, [
      { kind: 'travel', amountMinor: 1240, receiptRef: 'R-1' },
    ]);
    const next = await attendViaApi(forumId, id, '2026-03-09T18:00:00+00:00', 3);
    // Assess
    expect([mon.status, mon.feeMinor, mon.currency]).toEqual(['due', 7500, 'EUR']);
    expect([wed.status, wed.feeMinor]).toEqual(['due', 7500]);
    expect(fri).toMatchObject({
      status: 'held',
      feeMinor: 7500,
      expensesMinor: 1240,
      currency: 'EUR',
      period: { scheme: 'IE.DA', start: '2026-03-02', end: '2026-03-08' },
      reasons: [
        {
          scheme: 'IE.DA',
          rule: 'weekly-earnings-disregard',
          limitMinor: 16500,
          alreadyMinor: 15000,
          thisMinor: 7500,
          headroomMinor: 1500,
          avoidableByChoice: true,
        },
      ],
      options: ['expenses-only', 'decline', 'full'],
      consequences: ['Disability Allowance reduced by about €30.00 that week.'],
    });
    expect([next.status, next.feeMinor, next.period.start]).toEqual(['due', 7500, '2026-03-09']);
  });

  it('UK.ESA_PW with PW1 in a £30/h forum: 6 h due, then 1 h held with £23.50 headroom, or paid £23.50 with cap-at-headroom', async () => {
    // Prepare
    const forumId = await createForum({
      areaId: 'leeds',
      remuneration: { hourlyRateMinor: 3000, currency: 'GBP' },
    });
    const uk = { jurisdiction: 'UK', areaId: 'leeds' };
    const ask = await recruit({ ...uk, benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }] });
    const cap = await recruit({
      ...uk,
      benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }],
      payment: { preference: 'cap-at-headroom' },
    });
    // Act
    const six = await attendViaApi(forumId, ask, '2026-04-20T10:00:00+01:00', 6);
    await attendViaApi(forumId, cap, '2026-04-20T10:00:00+01:00', 6);
    const held = await attendViaApi(forumId, ask, '2026-04-21T10:00:00+01:00', 1);
    const capped = await attendViaApi(forumId, cap, '2026-04-21T10:00:00+01:00', 1);
    // Assess
    expect([six.status, six.feeMinor, six.currency]).toEqual(['due', 18000, 'GBP']);
    expect(held).toMatchObject({
      status: 'held',
      currency: 'GBP',
      reasons: [{ limitMinor: 20350, alreadyMinor: 18000, thisMinor: 3000, headroomMinor: 2350 }],
    });
    expect([capped.status, capped.feeMinor]).toEqual(['due', 2350]);
  });
});

describe('a participant from another jurisdiction', () => {
  const ukOnEsa = () =>
    recruit({ displayName: 'Dave', jurisdiction: 'UK', areaId: 'leeds', benefits: [{ scheme: 'UK.ESA_PW' }] });

  it('cannot be invited to a forum in another jurisdiction; staff from across the border can', async () => {
    // Prepare: an Irish forum at €19 an hour and a UK forum.
    const irish = await createForum({ remuneration: { hourlyRateMinor: 1900, currency: 'EUR' } });
    const british = await createForum({ areaId: 'leeds', remuneration: { hourlyRateMinor: 1900, currency: 'GBP' } });
    const [aoife, dave] = [await recruit({ benefits: [{ scheme: 'NONE' }] }), await ukOnEsa()];
    const staff = await recruit({
      jurisdiction: 'UK',
      stakeholderGroup: 'provider',
      payment: undefined,
      benefits: undefined,
    });
    // Act
    const ukInIreland = await schedule(irish, [aoife, dave], '2026-10-05T18:00:00+01:00', 2);
    const ieInUk = await schedule(british, [dave, aoife], '2026-10-05T18:00:00+01:00', 2);
    const staffAcross = await schedule(irish, [aoife, staff], '2026-10-06T18:00:00+01:00', 2);
    // Assess
    expect(ukInIreland.status).toBe(400);
    expect(ukInIreland.json.issues).toEqual([
      {
        path: 'invitees.1',
        message: expect.stringMatching(/^Dave is registered in the UK, but this forum is in Ireland/),
      },
    ]);
    expect(ieInUk.status).toBe(400);
    expect(ieInUk.json.issues.map((i: { path: string }) => i.path)).toEqual(['invitees.1']);
    expect(staffAcross.status).toBe(201);
  });

  it('cannot be recorded as attending, not even as a walk-in, and nothing is recorded or paid', async () => {
    // Prepare
    const forumId = await createForum({ remuneration: { hourlyRateMinor: 1900, currency: 'EUR' } });
    const [aoife, dave] = [await recruit({ benefits: [{ scheme: 'NONE' }] }), await ukOnEsa()];
    const scheduled = await schedule(forumId, [aoife], '2026-03-16T18:00:00+00:00', 2);
    // Act
    const res = await recordHeld(scheduled.json.sessionId, [
      { participantId: aoife, hours: 2 },
      { participantId: dave, hours: 1 },
    ]);
    await stack.settle();
    // Assess
    expect(res.status).toBe(400);
    expect(res.json.issues).toEqual([
      { path: 'attendance.1.participantId', message: expect.stringContaining('Dave is registered in the UK') },
    ]);
    const session = await stack.call('GET', `/api/sessions/${scheduled.json.sessionId}`, { token: coordinator });
    expect(session.json.status).toBe('scheduled');
    expect(await paymentsOf(aoife)).toEqual([]);
    expect(await paymentsOf(dave)).toEqual([]);
  });

  it('is never assessed by the consumer in another currency: no payment, no totals, and the event dead-letters with the reason', async () => {
    // Prepare: a UK participant on ESA without PW1 (£20 a week) and an Irish one, in a SessionHeld at €19/h.
    const dave = await ukOnEsa();
    const aoife = await recruit({ benefits: [{ scheme: 'NONE' }] });
    const event = heldEvent('2026-04-21T10:00:00+01:00', 1900, [
      { participantId: dave, hours: 1 },
      { participantId: aoife, hours: 1 },
    ]);
    // Act
    await stack.bus.publish([event]);
    await stack.settle();
    const later = await hold('2026-04-22T10:00:00+01:00', 2000, [{ participantId: dave, hours: 1 }], {
      currency: 'GBP',
    });
    // Assess: the Irish attendee is paid; the UK one is not, and nothing was counted in their week,
    // so £20 later that week is still within the £20 limit.
    expect((await paymentsOf(aoife)).map((p) => [p.status, p.feeMinor, p.currency])).toEqual([['due', 1900, 'EUR']]);
    expect((await paymentsOf(dave)).map((p) => p.sessionId)).toEqual([later.sessionId]);
    expect([later.status, later.feeMinor, later.currency]).toEqual(['due', 2000, 'GBP']);
    const dead = stack.bus.deadLetters.filter((d) => d.event.id === event.eventId);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.reason).toMatch(/^AttendeeCurrencyError: .*pays in EUR, but .*\(UK, GBP\)/);
  });
});

describe('what finance sees', () => {
  /** Every key finance may see: what to pay, to whom and when (docs/finance.md). */
  const financeKeys = [
    'paymentId',
    'participantId',
    'payeeReference',
    'sessionId',
    'sessionDate',
    'status',
    'feeMinor',
    'expensesMinor',
    'totalMinor',
    'currency',
    'feeTo',
    'period',
    'awaitingFinance',
    'paymentIdempotencyKey',
    'payableOn',
    'financeRef',
    'issuedAt',
    'failureReason',
    'updatedAt',
  ].sort();

  /** Each view finance got holds exactly the finance keys, a period without a scheme, and no benefit word. */
  function expectFinanceShape(view: any) {
    expect(Object.keys(view).sort()).toEqual(financeKeys);
    expect(Object.keys(view.period).sort()).toEqual(['end', 'start']);
    expect(JSON.stringify(view)).not.toMatch(/IE\.|UK\.|Disability|Allowance|ESA|Universal|headroom|fullFee/i);
  }

  it('gives finance what to pay but no reasons, consequences, options, scheme, headroom, full fee or held fee; coordinators and the person see them', async () => {
    // Prepare: a held IE.DA payment and a due one.
    const id = await recruit({ benefits: [{ scheme: 'IE.DA' }] });
    await hold('2026-07-06T10:00:00+01:00', 2500, [{ participantId: id, hours: 6 }]);
    const held = await hold('2026-07-08T10:00:00+01:00', 2500, [{ participantId: id, hours: 3 }]);
    const member = await stack.tokenFor(['member'], id);
    // Act
    const one = await stack.call('GET', `/api/payments/${held.paymentId}`, { token: finance });
    const list = await stack.call('GET', `/api/payments?participantId=${id}&limit=100`, { token: finance });
    const byStatus = await stack.call('GET', '/api/payments?status=held&limit=100', { token: finance });
    const dueId = list.json.items.find((p: any) => p.status === 'due').paymentId;
    const failed = await stack.call('POST', `/api/payments/${dueId}/failed`, {
      token: finance,
      body: { reason: 'The bank refused the account number.' },
    });
    const issued = await stack.call('POST', `/api/payments/${dueId}/issued`, {
      token: finance,
      body: { financeRef: 'AP-77' },
    });
    const asCoordinator = await stack.call('GET', `/api/payments/${held.paymentId}`, { token: coordinator });
    const asMember = await stack.call('GET', `/api/payments/${held.paymentId}`, { token: member });
    // Assess
    const fromStatus = byStatus.json.items.find((p: any) => p.paymentId === held.paymentId);
    expect([one.status, list.status, byStatus.status, failed.status, issued.status]).toEqual([200, 200, 200, 200, 200]);
    for (const view of [one.json, ...list.json.items, fromStatus, failed.json, issued.json]) {
      expectFinanceShape(view);
      expect(view.period).toEqual({ start: '2026-07-06', end: '2026-07-12' });
    }
    // The fee that crossed the limit is not shown while it waits for the person's choice.
    expect(one.json).toMatchObject({
      status: 'held',
      feeMinor: null,
      totalMinor: null,
      expensesMinor: 0,
      currency: 'EUR',
      payeeReference: held.payeeReference,
    });
    expect(failed.json).toMatchObject({ status: 'failed', feeMinor: 15000, failureReason: expect.any(String) });
    expect(issued.json).toMatchObject({ status: 'issued', feeMinor: 15000, financeRef: 'AP-77' });
    for (const full of [asCoordinator.json, asMember.json]) {
      expect(full).toMatchObject({
        feeMinor: 7500,
        fullFeeMinor: 7500,
        headroomMinor: 1500,
        period: { scheme: 'IE.DA', start: '2026-07-06', end: '2026-07-12' },
        reasons: [{ scheme: 'IE.DA', rule: 'weekly-earnings-disregard', avoidableByChoice: true }],
        options: ['expenses-only', 'decline', 'full'],
        optionOutcomes: [
          expect.objectContaining({
            option: 'full',
            feeMinor: 7500,
            benefitReductionMinor: 3000,
            endsUpWithMinor: 4500,
          }),
          expect.objectContaining({ option: 'expenses-only', feeMinor: 0, endsUpWithMinor: 0 }),
          expect.objectContaining({ option: 'decline', feeMinor: 0, endsUpWithMinor: 0 }),
        ],
        consequences: [expect.stringContaining('Disability Allowance')],
      });
    }
  });

  it('does not let finance tell a fee reduced to the limit from a full one, or see a Universal Credit assessment period', async () => {
    // Prepare: an ESA fee capped at the headroom by the person's preference, and a UC payment whose
    // rules use the assessment period from the 12th.
    const capped = await recruit({
      jurisdiction: 'UK',
      areaId: 'leeds',
      benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }],
      payment: { preference: 'cap-at-headroom' },
    });
    await hold('2026-08-03T10:00:00+01:00', 3000, [{ participantId: capped, hours: 6 }], { currency: 'GBP' });
    const reduced = await hold('2026-08-04T10:00:00+01:00', 3000, [{ participantId: capped, hours: 1 }], {
      currency: 'GBP',
    });
    const uc = await recruit({
      jurisdiction: 'UK',
      areaId: 'leeds',
      benefits: [{ scheme: 'UK.UC', workAllowanceMinor: 68400, assessmentPeriodStartDay: 12 }],
    });
    const monthly = await hold('2026-08-13T10:00:00+01:00', 3000, [{ participantId: uc, hours: 2 }], {
      currency: 'GBP',
    });
    expect([reduced.status, reduced.feeMinor, reduced.settledAs]).toEqual(['due', 2350, 'reduced']);
    expect(monthly.period).toEqual({ scheme: 'UK.UC', start: '2026-08-12', end: '2026-09-11' });
    // Act
    const views = await Promise.all(
      [reduced, monthly].map((p) => stack.call('GET', `/api/payments/${p.paymentId}`, { token: finance })),
    );
    const csv = await stack.call('GET', '/api/finance/export.csv?from=2000-01-01&to=2100-12-31', { token: finance });
    // Assess: the reduced fee is just a fee; the UC payment's period is its week, like everyone's.
    for (const v of views) expectFinanceShape(v.json);
    expect(views[0]!.json).toMatchObject({
      status: 'due',
      feeMinor: 2350,
      period: { start: '2026-08-03', end: '2026-08-09' },
    });
    expect(views[1]!.json.period).toEqual({ start: '2026-08-10', end: '2026-08-16' });
    const ucRow = parseCsv(csv.text).find((r) => r[0] === monthly.paymentId);
    const header = parseCsv(csv.text)[0] ?? [];
    expect([ucRow?.[header.indexOf('periodStart')], ucRow?.[header.indexOf('periodEnd')]]).toEqual([
      '2026-08-10',
      '2026-08-16',
    ]);
    expect(csv.text).not.toMatch(/UK\.|IE\.|2026-08-12|2026-09-11/);
    await stack.settle();
    const due = published.filter((e) => e.detailType === 'PaymentDue' && e.data.paymentId === monthly.paymentId);
    expect(due.map((e) => e.data.period)).toEqual([{ start: '2026-08-10', end: '2026-08-16' }]);
  });
});

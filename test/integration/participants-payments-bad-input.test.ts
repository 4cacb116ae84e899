import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, SessionHeld } from '../../events/index.js';
import { participantBody } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';

/**
 * Input the participants and payments routes do not accept answers 400 naming the field, in plain
 * words, and writes nothing (issue 10, "Bad input"). One test per class of input.
 */
let stack: TestStack;
let coordinator: string;
let finance: string;

beforeAll(async () => {
  stack = await startTestStack();
  coordinator = await stack.tokenFor(['coordinator']);
  finance = await stack.tokenFor(['finance']);
});
afterAll(() => stack.stop());

const participantCount = async () =>
  (await stack.api.listParticipants({ token: coordinator, query: { limit: '100' } })).json.items.length;

/** The fields a 400 names (each once). */
const fields = (res: { json: { issues?: { path: string }[] } }) => [
  ...new Set((res.json.issues ?? []).map((i) => i.path)),
];

async function expectRecruitRefused(overrides: Record<string, unknown>, field: string) {
  const before = await participantCount();
  const res = await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) });
  expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(400);
  expect(res.json.error).toBe('validation');
  expect(fields(res)).toEqual([field]);
  for (const issue of res.json.issues) {
    expect(issue.message.length).toBeLessThan(200);
    expect(issue.message).toMatch(/^[A-Z“]/);
    expect(issue.message, 'a plain message, not a validator default').not.toMatch(
      /Invalid input|expected|Too (big|small)/,
    );
  }
  await stack.settle();
  expect(await participantCount()).toBe(before);
  return res;
}

describe('recruiting: bounded and clean input', () => {
  it('refuses a 60,000-element consent.scopes with one plain issue', async () => {
    const scopes = Array.from({ length: 60_000 }, (_, i) => ['forums', 'payments', 'decisions', 'contact'][i % 4]);
    const res = await expectRecruitRefused({ consent: { ...participantBody().consent, scopes } }, 'consent.scopes');
    expect(res.json.issues).toHaveLength(1);
  });

  it('refuses a 500 KB email address', async () => {
    await expectRecruitRefused({ contact: { email: `${'a'.repeat(500_000)}@example.org` } }, 'contact.email');
  });

  it('refuses a phone number that is too long', async () => {
    await expectRecruitRefused({ contact: { phone: '1'.repeat(5_000) } }, 'contact.phone');
  });

  it.each([
    ['only zero-width characters', '\u200b\u200d\ufeff'],
    ['NUL', 'Aoife\u0000'],
    ['ESC', '\u001b[31mAoife'],
    ['BEL', 'Aoife\u0007'],
    ['U+202E', 'Aoife\u202e'],
    ['U+2028', 'Ao\u2028ife'],
  ])('refuses a name with %s', async (_what, displayName) => {
    await expectRecruitRefused({ displayName }, 'displayName');
  });

  it('refuses more than 12 benefits and a declared amount far too large', async () => {
    await expectRecruitRefused({ benefits: Array.from({ length: 13 }, () => ({ scheme: 'IE.DA' })) }, 'benefits');
    await expectRecruitRefused(
      { benefits: [{ scheme: 'IE.CA', otherWeeklyIncomeMinor: 1e300 }] },
      'benefits.0.otherWeeklyIncomeMinor',
    );
  });

  it('refuses an area id with hidden characters, and lists an area only with a clean id', async () => {
    await expectRecruitRefused({ areaId: 'cho5\u202ewaterford' }, 'areaId');
    const list = await stack.call('GET', `/api/participants?areaId=${encodeURIComponent('a\u0000b')}`, {
      token: coordinator,
    });
    expect(list.status).toBe(400);
    expect(fields(list)).toEqual(['areaId']);
  });
});

describe('recruiting: an explicit benefits answer for lived experience', () => {
  it.each(['service-user', 'family-member', 'carer'])(
    'refuses a %s with a missing or empty benefits list, naming benefits',
    async (stakeholderGroup) => {
      await expectRecruitRefused({ stakeholderGroup, benefits: undefined }, 'benefits');
      const res = await expectRecruitRefused({ stakeholderGroup, benefits: [] }, 'benefits');
      expect(res.json.issues[0].message).toMatch(/No benefits/);
    },
  );

  it('refuses “No benefits” with another benefit', async () => {
    await expectRecruitRefused({ benefits: [{ scheme: 'NONE' }, { scheme: 'IE.DA' }] }, 'benefits');
  });

  it('accepts “No benefits” chosen on purpose, and a provider with no answer', async () => {
    const none = await stack.call('POST', '/api/participants', {
      token: coordinator,
      body: participantBody({ benefits: [{ scheme: 'NONE' }] }),
    });
    const provider = await stack.call('POST', '/api/participants', {
      token: coordinator,
      body: participantBody({ stakeholderGroup: 'provider', benefits: undefined, payment: undefined }),
    });
    expect([none.status, provider.status]).toEqual([201, 201]);
    const read = await stack.call('GET', `/api/participants/${none.json.participantId}`, { token: coordinator });
    expect(read.json.benefits).toEqual([{ scheme: 'NONE' }]);
  });
});

describe('payments: bounded and clean input', () => {
  /** A held IE.JB payment (any fee is a loss): waiting for a choice. */
  async function heldPayment() {
    const recruited = await stack.call('POST', '/api/participants', {
      token: coordinator,
      body: participantBody({ benefits: [{ scheme: 'IE.JB' }] }),
    });
    const participantId = recruited.json.participantId;
    const sessionId = ulid();
    const startsAt = '2026-05-18T10:00:00+01:00';
    await stack.bus.publish([
      buildEvent(
        SessionHeld,
        {
          sessionId,
          forumId: 'forum-1',
          heldOn: '2026-05-18',
          startsAt,
          hourlyRateMinor: 2500,
          currency: 'EUR',
          attendance: [{ participantId, hours: 1, expensesMinor: 0, walkIn: false }],
        },
        { idempotencyKey: `session-held:${sessionId}`, occurredAt: startsAt },
      ),
    ]);
    await stack.settle();
    const list = await stack.call('GET', `/api/payments?participantId=${participantId}`, { token: coordinator });
    expect(list.json.items.map((p: { status: string }) => p.status)).toEqual(['held']);
    return list.json.items[0];
  }

  async function expectStill(paymentId: string, status: string) {
    const now = await stack.call('GET', `/api/payments/${paymentId}`, { token: coordinator });
    expect(now.json.status).toBe(status);
    expect(now.json.choice).toBeNull();
  }

  it.each([
    ['a fraction of a cent', 1.5],
    ['a number far too large', 1e15],
    ['a negative number', -100],
    ['text', '100'],
    ['a number past what JSON floats hold', '1e400'],
  ])('refuses a reduced amount that is %s, and records no choice', async (_what, amountMinor) => {
    const held = await heldPayment();
    const body =
      amountMinor === '1e400' ? '{"option":"reduced","amountMinor":1e400}' : { option: 'reduced', amountMinor };
    const res = await stack.call('POST', `/api/payments/${held.paymentId}/choice`, { token: coordinator, body });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['amountMinor']);
    await expectStill(held.paymentId, 'held');
  });

  it('refuses a finance reference that is too long or has hidden characters, and a reason with a direction override', async () => {
    const due = await (async () => {
      const recruited = await stack.call('POST', '/api/participants', {
        token: coordinator,
        body: participantBody({ benefits: [{ scheme: 'NONE' }] }),
      });
      const sessionId = ulid();
      const startsAt = '2026-05-19T10:00:00+01:00';
      await stack.bus.publish([
        buildEvent(
          SessionHeld,
          {
            sessionId,
            forumId: 'forum-1',
            heldOn: '2026-05-19',
            startsAt,
            hourlyRateMinor: 2500,
            currency: 'EUR',
            attendance: [{ participantId: recruited.json.participantId, hours: 1, expensesMinor: 0, walkIn: false }],
          },
          { idempotencyKey: `session-held:${sessionId}`, occurredAt: startsAt },
        ),
      ]);
      await stack.settle();
      const list = await stack.call('GET', `/api/payments?participantId=${recruited.json.participantId}`, {
        token: finance,
      });
      return list.json.items[0];
    })();
    expect(due.status).toBe('due');
    for (const financeRef of ['A'.repeat(101), 'AP-1\u0000', 'AP\u202e-1', '=HYPERLINK("x")', '']) {
      const res = await stack.call('POST', `/api/payments/${due.paymentId}/issued`, {
        token: finance,
        body: { financeRef },
      });
      expect(res.status, financeRef).toBe(400);
      expect(fields(res)).toEqual(['financeRef']);
    }
    for (const reason of ['x'.repeat(501), 'Bank \u202erefused', '\u200b']) {
      const res = await stack.call('POST', `/api/payments/${due.paymentId}/failed`, {
        token: finance,
        body: { reason },
      });
      expect(res.status).toBe(400);
      expect(fields(res)).toEqual(['reason']);
    }
    const now = await stack.call('GET', `/api/payments/${due.paymentId}`, { token: finance });
    expect([now.json.status, now.json.financeRef, now.json.failureReason]).toEqual(['due', null, null]);
  });

  it('refuses a participant id over 64 characters in the list, naming it', async () => {
    const res = await stack.call('GET', `/api/payments?participantId=${'p'.repeat(65)}`, { token: coordinator });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['participantId']);
  });

  it('refuses an export date that is not a real date, naming it', async () => {
    for (const [query, field] of [
      ['from=2026-13-01&to=2026-12-31', 'from'],
      ['from=2026-01-01&to=2026-02-30', 'to'],
    ]) {
      const res = await stack.call('GET', `/api/finance/export.csv?${query}`, { token: finance });
      expect(res.status).toBe(400);
      expect(fields(res)).toEqual([field]);
    }
  });

  it('refuses an unknown option or status in plain words', async () => {
    const held = await heldPayment();
    const choice = await stack.call('POST', `/api/payments/${held.paymentId}/choice`, {
      token: coordinator,
      body: { option: 'vouchers' },
    });
    const list = await stack.call('GET', '/api/payments?status=lost', { token: coordinator });
    expect(choice.json.issues).toEqual([
      { path: 'option', message: 'Choose one of: full, reduced, charity, expenses-only, decline.' },
    ]);
    expect(list.json.issues).toEqual([
      { path: 'status', message: 'Choose a status: due, held, issued, failed, declined.' },
    ]);
  });
});

describe('SessionHeld with attendance that cannot be paid as sent', () => {
  it('pays nothing for near-zero or over-a-day hours, dead-letters the event with the reason, and pays the others', async () => {
    // Prepare: three attendees, one with 1e-101 hours and one with 25 hours.
    const ids: string[] = [];
    for (const name of ['Tiny', 'Long', 'Fine']) {
      const res = await stack.call('POST', '/api/participants', {
        token: coordinator,
        body: participantBody({ displayName: name, benefits: [{ scheme: 'NONE' }] }),
      });
      ids.push(res.json.participantId);
    }
    const [tiny, long, fine] = ids as [string, string, string];
    const sessionId = ulid();
    const startsAt = '2026-05-20T10:00:00+01:00';
    const event = buildEvent(
      SessionHeld,
      {
        sessionId,
        forumId: 'forum-1',
        heldOn: '2026-05-20',
        startsAt,
        hourlyRateMinor: 2500,
        currency: 'EUR',
        attendance: [
          { participantId: tiny, hours: 1e-101, expensesMinor: 0, walkIn: false },
          { participantId: long, hours: 25, expensesMinor: 0, walkIn: false },
          { participantId: fine, hours: 2, expensesMinor: 0, walkIn: false },
        ],
      },
      { idempotencyKey: `session-held:${sessionId}`, occurredAt: startsAt },
    );
    // Act
    await stack.bus.publish([event]);
    await stack.settle();
    // Assess
    const paymentsOf = async (id: string) =>
      (await stack.call('GET', `/api/payments?participantId=${id}`, { token: coordinator })).json.items;
    expect(await paymentsOf(tiny)).toEqual([]);
    expect(await paymentsOf(long)).toEqual([]);
    expect((await paymentsOf(fine)).map((p: { feeMinor: number }) => p.feeMinor)).toEqual([5000]);
    const dead = stack.bus.deadLetters.filter((d) => d.event.id === event.eventId);
    expect(dead).toHaveLength(1);
    expect(dead[0]?.reason).toMatch(
      /^AttendanceOutOfBoundsError: .*nothing was paid or counted for .*hours 1e-101.*hours 25/,
    );
  });
});

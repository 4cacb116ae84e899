import { readFileSync } from 'node:fs';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, SessionHeld } from '../../events/index.js';
import { participantBody } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { axe, browserAvailable, fillDate, launch, signIn } from './support/browser.js';

const run = browserAvailable();

describe.skipIf(!run)('payments in the browser', () => {
  let stack: TestStack;
  let browser: Awaited<ReturnType<typeof launch>>;
  let aoife: string;
  let dave: string;
  let brid: string;

  const hold = async (
    participantId: string,
    startsAt: string,
    rate: number,
    hours: number,
    currency: 'EUR' | 'GBP',
  ) => {
    const sessionId = ulid();
    await stack.bus.publish([
      buildEvent(
        SessionHeld,
        {
          sessionId,
          forumId: 'forum-e2e',
          heldOn: startsAt.slice(0, 10),
          startsAt,
          hourlyRateMinor: rate,
          currency,
          attendance: [{ participantId, hours, expensesMinor: 1240, walkIn: false }],
        },
        { idempotencyKey: `session-held:${sessionId}`, occurredAt: startsAt },
      ),
    ]);
    await stack.settle();
  };

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launch();
    const coordinator = await stack.tokenFor(['coordinator']);
    const recruit = async (o: Record<string, unknown>) =>
      (await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(o) })).json
        .participantId as string;
    aoife = await recruit({ displayName: 'Aoife', benefits: [{ scheme: 'IE.DA' }] });
    dave = await recruit({
      displayName: 'Dave',
      jurisdiction: 'UK',
      areaId: 'leeds',
      benefits: [{ scheme: 'UK.ESA_PW', pw1Notified: true }],
    });
    brid = await recruit({ displayName: 'Bríd', stakeholderGroup: 'carer', benefits: [{ scheme: 'IE.CA' }] });
    // Aoife: Monday and Wednesday due, Friday held. Dave: 6 h due, then 1 h held (headroom £23.50).
    // Bríd (Carer's Allowance): 12 hours, then 7 more that week: held on the 18.5-hour rule.
    for (const d of ['02', '04', '06']) await hold(aoife, `2026-03-${d}T18:00:00+00:00`, 2500, 3, 'EUR');
    await hold(brid, '2026-03-02T09:00:00+00:00', 2500, 12, 'EUR');
    await hold(brid, '2026-03-05T09:00:00+00:00', 2500, 7, 'EUR');
    await hold(dave, '2026-04-20T10:00:00+01:00', 3000, 6, 'GBP');
    await hold(dave, '2026-04-21T10:00:00+01:00', 3000, 1, 'GBP');
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('lets a coordinator see why a payment is held and record the person’s choice', async () => {
    const page = await browser.context.newPage();
    await signIn(page, stack.url, 'coordinator', 'Maeve');
    await page.goto(`${stack.url}/payments/held`);
    const card = page.getByRole('region', { name: /^Aoife for the session on Friday 6 March 2026/ });
    await card.waitFor();
    expect(await card.textContent()).toContain('Disability Allowance reduced by about €30.00 that week.');
    // Each option says what the person ends up with, in the API's neutral order (largest fee first), no "anyway".
    const options = await card
      .locator('input[name=option]')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const neutral = ['full', 'reduced', 'charity', 'expenses-only', 'decline'];
    expect(options).toEqual(neutral.filter((o) => options.includes(o)));
    expect(options).toContain('expenses-only');
    const labels = await card.locator('.choice label').allTextContents();
    expect(labels.join(' | ')).not.toMatch(/anyway|instead/i);
    expect(await card.getByLabel(/^The full fee: they end up with about €\d+\.\d\d/).count()).toBe(1);
    expect(await card.getByLabel(/^Expenses only: they end up with €/).count()).toBe(1);
    expect(await card.getByRole('heading', { name: 'The choice is theirs' }).count()).toBe(1);
    expect(await card.textContent()).toContain('free and independent');
    expect(await card.textContent()).toContain('Please choose by');
    // Carer's Allowance counts every hour attended, paid or not: no choice avoids it, and the page says so.
    const carer = page.getByRole('region', { name: /^Bríd for the session on Thursday 5 March 2026/ });
    expect(await carer.textContent()).toContain(
      'Because they attended, this could happen whatever they choose below. A smaller fee, expenses only or no fee does not change it:',
    );
    expect(await carer.textContent()).toContain("Carer's Allowance could stop for that week, whatever the fee.");
    expect(await carer.textContent()).not.toContain('If the full fee is paid');
    expect(await card.getByRole('link', { name: /Citizens Information/ }).getAttribute('href')).toContain(
      'citizensinformation.ie',
    );
    expect(await card.getByLabel(/A smaller fee/).count()).toBe(0); // never offered in Ireland
    expect(await axe(page)).toEqual([]);

    // No option chosen: an error summary that names the problem.
    await card.getByRole('button', { name: 'Record their choice' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toContain('Choose what to do with this payment.');
    // Full without advice acknowledged: refused by the API, shown at the checkbox.
    await card.getByLabel(/^The full fee/).check();
    await card.getByRole('button', { name: 'Record their choice' }).click();
    await expect.poll(() => card.locator('[data-path="adviceAcknowledged"] .error-message').count()).toBe(1);
    expect(await axe(page)).toEqual([]);

    await card.getByLabel(/^Expenses only/).check();
    await card.getByRole('button', { name: 'Record their choice' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Choice recorded for Aoife');
    expect(await page.getByRole('region', { name: /^Aoife/ }).count()).toBe(0);
    // The button that had focus is gone: focus is on the message saying what happened, not lost.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('status-message');
    expect(await page.getByText('2 payments are waiting for a choice.').count()).toBe(1);
    expect(await axe(page)).toEqual([]);
  });

  it('lets a member choose a reduced fee for their own held payment and see their payments', async () => {
    const page = await browser.context.newPage();
    await signIn(page, stack.url, 'member', 'Dave', dave);
    await page.goto(`${stack.url}/my-payments`);
    await page.getByRole('table', { name: 'Payments for the sessions you attended' }).waitFor();
    const card = page.getByRole('region', { name: /^Your payment for the session on Tuesday 21 April 2026/ });
    expect(await card.getByRole('link', { name: /NIHR Benefits Advice Service/ }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);

    await card.getByLabel(/^A smaller fee \(up to £23\.50\): you end up with/).check();
    await card.getByLabel(/Amount \(pounds\)/).fill('30');
    await card.getByRole('button', { name: 'Save my choice' }).click();
    await expect.poll(() => card.locator('[data-path="amountMinor"] .error-message').textContent()).toContain('£23.50');
    expect(await axe(page)).toEqual([]);

    await card.getByLabel(/Amount \(pounds\)/).fill('23.50');
    await card.getByRole('button', { name: 'Save my choice' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Your choice is saved');
    await expect.poll(() => page.getByRole('region', { name: /^Your payment/ }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('status-message');
    const rows = page.getByRole('row');
    await expect.poll(async () => (await rows.allTextContents()).join(' | ')).toContain('£23.50');
    expect(await axe(page)).toEqual([]);
  });

  it('lets finance see due payments, mark one paid and download the spreadsheet', async () => {
    const page = await browser.context.newPage();
    await signIn(page, stack.url, 'finance', 'Fiona');
    await page.goto(`${stack.url}/finance`);
    const table = page.getByRole('table', { name: 'Payments waiting to be made' });
    await table.waitFor();
    expect(await axe(page)).toEqual([]);
    expect(await table.getByRole('columnheader', { name: 'Duplicate check reference' }).count()).toBe(1);
    expect(await page.textContent('main')).not.toMatch(/idempotency key/i);
    const before = await table.getByRole('row').count();

    expect(await page.locator('#totals').textContent()).toMatch(/^To pay: \d+ payments?: €/);
    // Two selected, one finance reference, one request.
    await table
      .getByRole('checkbox', { name: /^Select CP-/ })
      .nth(0)
      .check();
    await table
      .getByRole('checkbox', { name: /^Select CP-/ })
      .nth(1)
      .check();
    // Totals by currency: two payments may be in euro and pounds.
    expect(await page.locator('#selection').textContent()).toMatch(
      /^Selected: (2 payments: [€£]|1 payment: €.*; 1 payment: £)/,
    );
    await page.getByLabel('Finance reference').fill('AP-2001');
    await page.getByRole('button', { name: 'Mark selected as paid' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('2 payments marked as paid with reference AP-2001.');
    await expect.poll(() => table.getByRole('row').count()).toBe(before - 2);
    // The row and its button are gone: focus is on the heading of the list just updated.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('due-heading');
    expect(await axe(page)).toEqual([]);

    await page.getByLabel('Payment', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Why it could not be paid').fill('Bank details missing');
    await page.getByRole('button', { name: 'Mark as failed' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('marked as failed');
    await expect.poll(() => table.getByRole('row').count()).toBe(before - 3);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('due-heading');
    expect(await page.getByRole('table', { name: 'Payments that failed' }).textContent()).toContain(
      'Bank details missing',
    );
    expect(await axe(page)).toEqual([]);

    await fillDate(page, 'From', '2020-01-01');
    await fillDate(page, 'To', '2099-12-31');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      'paymentId,participantId,payeeReference,sessionId,feeMinor,feeMajor,expensesMinor,expensesMajor,totalMinor,totalMajor,currency,periodStart,periodEnd,status,idempotencyKey,payableOn,feeTo',
    );
    expect(text.split('\r\n').filter((line) => line.includes(',issued,'))).toHaveLength(2);
    // For LibreOffice and programs: the same file without the byte-order mark.
    await page.getByLabel(/^For Excel/).uncheck();
    const [plain] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(
      readFileSync((await plain.path())!)
        .subarray(0, 9)
        .toString('utf8'),
    ).toBe('paymentId');
    expect(await axe(page)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';
import { axe, browserAvailable, fillDate, launch, signIn } from './support/browser.js';

const run = browserAvailable();

describe.skipIf(!run)('the co-production report in the browser', () => {
  const clock = fixedClock('2026-03-02T08:00:00Z');
  let stack: TestStack;
  let browser: Awaited<ReturnType<typeof launch>>;

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    const coordinator = await stack.tokenFor(['coordinator']);
    const recruit = async (overrides: Record<string, unknown>) =>
      (await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) })).json
        .participantId as string;
    const forumId = (await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() })).json.forumId;
    const a = await recruit({ displayName: 'Aoife', benefits: [{ scheme: 'NONE' }] });
    const b = await recruit({ displayName: 'Brian', benefits: [{ scheme: 'NONE' }] });
    const p = await recruit({
      displayName: 'Dr Byrne',
      stakeholderGroup: 'provider',
      benefits: undefined,
      payment: undefined,
    });
    const sessionId = (
      await stack.call('POST', `/api/forums/${forumId}/sessions`, { token: coordinator, body: sessionBody([a, b, p]) })
    ).json.sessionId;
    clock.set('2026-03-02T20:15:00Z');
    const held = await stack.call('POST', `/api/sessions/${sessionId}/held`, {
      token: coordinator,
      body: { attendance: [a, b, p].map((participantId) => ({ participantId, hours: 2, expenses: [] })) },
    });
    expect(held.status).toBe(202);
    await stack.settle();
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows governance the numbers in captioned tables, says what is wrong with the dates, and passes axe', async () => {
    const page = await browser.context.newPage();
    await signIn(page, stack.url, 'governance', 'Niamh');
    await page.goto(`${stack.url}/governance`);
    await page.locator('main').getByRole('link', { name: 'co-production report' }).click();
    await page.waitForURL((u) => u.pathname === '/report');
    await fillDate(page, 'From', '2026-03-01');
    await fillDate(page, /^To/, '2026-03-31');
    await page.getByRole('button', { name: 'Show the report' }).click();
    const forums = page.getByRole('table', { name: 'Lived-experience presence was met at 1 of 1 session held' });
    await forums.waitFor();
    expect(await forums.textContent()).toContain('Waterford local forum');
    expect(await forums.textContent()).toContain('4 hours');
    const payments = page.getByRole('table', { name: /Payments in EUR: 2 fees of €100\.00 became payable/ });
    await payments.waitFor();
    expect(await axe(page)).toEqual([]);

    await fillDate(page, 'From', '2026-03-31');
    await fillDate(page, /^To/, '2026-03-01');
    await page.getByRole('button', { name: 'Show the report' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('[data-path="to"]').textContent()).toContain('The end date must be the same as or after');
    expect(await axe(page)).toEqual([]);
  });
});

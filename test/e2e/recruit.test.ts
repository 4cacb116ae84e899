import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.js';
import { axe, browserAvailable, launch, signIn } from './support/browser.js';

const run = browserAvailable();

describe.skipIf(!run)('recruiting a participant in the browser', () => {
  let stack: TestStack;
  let browser: Awaited<ReturnType<typeof launch>>;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in, shows field errors for bad input, recruits, and has no axe violations', async () => {
    const page = await browser.context.newPage();
    await signIn(page, stack.url, 'coordinator', 'Maeve');
    expect(await axe(page)).toEqual([]);

    await page.goto(`${stack.url}/participants/new`);
    await page.getByRole('group', { name: 'Benefits they get' }).waitFor();
    await page.getByLabel('Disability Allowance (or Blind Pension)').waitFor();
    expect(await axe(page)).toEqual([]);

    // Bad input: no name, no consent, nothing about how they take part.
    await page.getByRole('button', { name: 'Save and recruit' }).click();
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('There is a problem');
    const nameInput = page.getByLabel('Name to use');
    expect(await nameInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await nameInput.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.startsWith('err-'));
    expect(errorId).toBeDefined();
    expect(await page.locator(`#${errorId}`).textContent()).toContain('Enter a name');
    expect(await page.locator('[data-path="consent.capacityConfirmed"] .error-message').count()).toBe(1);
    expect(await axe(page)).toEqual([]);

    // Good input.
    await nameInput.fill('Siobhán');
    await page.getByLabel('Uses or has used mental health services').check();
    await page.getByLabel('Area', { exact: true }).fill('cho5-waterford');
    await page.getByLabel('The person agrees to take part').check();
    await page.getByLabel('I confirm the person understood').check();
    // Nothing ticked under benefits: the server asks for an answer, "No benefits" included.
    await page.getByRole('button', { name: 'Save and recruit' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No benefits');
    // "No benefits" and a benefit exclude each other: ticking one clears the other.
    await page.getByLabel(/^No benefits/).check();
    await page.getByLabel('Disability Allowance (or Blind Pension)').check();
    expect(await page.getByLabel(/^No benefits/).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Save and recruit' }).click();
    await page.waitForURL(/\/participants\/view\?id=/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Siobhán');
    expect(await page.getByRole('status').textContent()).toContain('has been recruited');
    // The record in words: the benefit's name and what they agree to, not codes.
    const record = (await page.locator('#record').textContent()) ?? '';
    expect(record).toContain('Disability Allowance (or Blind Pension)');
    expect(record).toContain('Being invited to forums');
    expect(record).not.toMatch(/IE\.DA|service-user/);
    expect(await axe(page)).toEqual([]);

    await page.goto(`${stack.url}/participants`);
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('link', { name: 'Siobhán' }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumBody, participantBody } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { axe, browserAvailable, launch, signIn } from './support/browser.js';

const run = browserAvailable();

describe.skipIf(!run)('co-signing a decision in the browser', () => {
  let stack: TestStack;
  let browser: Awaited<ReturnType<typeof launch>>;
  let livedExperienceId: string;
  let providerId: string;
  let coordinatorToken: string;
  let forumId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launch();
    const coordinator = await stack.tokenFor(['coordinator']);
    coordinatorToken = coordinator;
    const recruit = async (overrides: Record<string, unknown>) =>
      (await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody(overrides) })).json
        .participantId as string;
    livedExperienceId = await recruit({ displayName: 'Aoife', stakeholderGroup: 'service-user' });
    providerId = await recruit({ displayName: 'Dr Byrne', stakeholderGroup: 'provider' });
    forumId = (
      await stack.call('POST', '/api/forums', {
        token: coordinator,
        body: forumBody({ name: 'Waterford local forum' }),
      })
    ).json.forumId;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** A member opens the decision from their list, reads it and approves it. */
  async function approveAs(page: Page, name: string, participantId: string, title: string) {
    await signIn(page, stack.url, 'member', name, participantId);
    await page.goto(`${stack.url}/decisions`);
    await page.getByRole('table', { name: 'Decisions waiting for your answer' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('link', { name: title }).click();
    await page.waitForURL(/\/decisions\/view\?id=/);
    await page.getByRole('group', { name: 'Do you approve this wording?' }).waitFor();
    expect(await page.locator('#decision .decision-text').textContent()).toContain('Open the drop-in until 21:00');
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('I approve this decision').check();
    await page.getByLabel('Comment (optional)').fill('Works for me.');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Your approval has been recorded');
    // The form is gone: focus is on what the answer became, not dropped to the page body.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('my-answer');
    // A member does not get the wording fingerprint to read.
    expect(await page.getByText('Wording fingerprint').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
  }

  it('is proposed by a coordinator, approved by a lived-experience member and a provider, and shows co-signed', async () => {
    const title = 'Evening drop-in hours';

    // The coordinator proposes it (first without anything filled in, to see the errors).
    const coordinator = await browser.context.newPage();
    await signIn(coordinator, stack.url, 'coordinator', 'Maeve');
    await coordinator.goto(`${stack.url}/decisions`);
    await coordinator.getByRole('button', { name: 'Propose for sign-off' }).waitFor();
    expect(await axe(coordinator)).toEqual([]);
    await coordinator.getByRole('button', { name: 'Propose for sign-off' }).click();
    await expect.poll(() => coordinator.getByRole('alert').textContent()).toContain('There is a problem');
    expect(await coordinator.getByLabel('Short title').getAttribute('aria-invalid')).toBe('true');
    expect(await axe(coordinator)).toEqual([]);

    await coordinator.getByLabel('Short title').fill(title);
    await coordinator
      .getByLabel('What was decided')
      .fill('Open the drop-in until 21:00 on Thursdays.\n\nReview it in June with the forum.');
    await coordinator.locator('select#forumId').waitFor(); // the forums are offered by name
    await coordinator.getByLabel('Forum', { exact: true }).selectOption({ label: 'Waterford local forum' });
    // The session is picked from a list (no number to copy); this one was not decided at a session.
    expect(await coordinator.getByLabel('Session (optional)').evaluate((e) => e.tagName)).toBe('SELECT');
    await coordinator.getByLabel('Session (optional)').selectOption({ label: 'Not decided at a session' });
    // Day, month and year in that order, whatever the browser's locale, then the time.
    const due = new Date(Date.now() + 14 * 86_400_000);
    await coordinator.getByLabel('Day', { exact: true }).fill(String(due.getUTCDate()));
    await coordinator.getByLabel('Month', { exact: true }).fill(String(due.getUTCMonth() + 1));
    await coordinator.getByLabel('Year', { exact: true }).fill(String(due.getUTCFullYear()));
    await coordinator.getByLabel('Time', { exact: true }).fill('17:00');
    await coordinator.getByRole('button', { name: 'Propose for sign-off' }).click();
    await coordinator.waitForURL(/\/decisions\/view\?id=/);
    await expect.poll(() => coordinator.locator('h1').textContent()).toBe(title);
    expect(await coordinator.getByRole('status').textContent()).toContain('has been proposed');
    expect(await coordinator.getByText('Waiting for sign-off', { exact: true }).count()).toBe(1);
    expect(await axe(coordinator)).toEqual([]);

    // Each member signs in on their own and approves.
    await approveAs(await browser.context.newPage(), 'Aoife', livedExperienceId, title);
    const provider = await browser.context.newPage();
    await approveAs(provider, 'Dr Byrne', providerId, title);
    await expect.poll(() => provider.locator('#decision .panel').textContent()).toContain('Co-signed on');
    expect(await provider.getByText('Co-signed', { exact: true }).count()).toBe(1);

    // The coordinator sees it co-signed in the list.
    await coordinator.goto(`${stack.url}/decisions`);
    const row = coordinator.getByRole('row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.textContent()).toContain('Co-signed');
    expect(await axe(coordinator)).toEqual([]);

    // Governance sees the log intact, with both answers.
    const governance = await browser.context.newPage();
    await signIn(governance, stack.url, 'governance', 'Niamh');
    await governance.goto(`${stack.url}/governance`);
    await expect.poll(() => governance.locator('#verify-result').textContent()).toContain('The log is intact');
    expect(await governance.locator('#verify-result').textContent()).toContain(
      'All 4 entries for 1 decision check out',
    );
    const logRow = governance.getByRole('row').filter({ hasText: title });
    await logRow.waitFor();
    // Words, not 26-character participant numbers (the exports keep the ids for checking).
    expect(await logRow.textContent()).toContain('Approved by Person 1 (lived experience)');
    expect(await logRow.textContent()).toContain('Approved by Person 2 (staff)');
    expect(await logRow.textContent()).not.toContain(livedExperienceId);
    expect(await axe(governance)).toEqual([]);

    // Governance opens the decision's history.
    await logRow.getByRole('link', { name: title }).click();
    await governance.getByRole('table', { name: 'Who has answered' }).waitFor();
    expect(await governance.getByRole('table', { name: 'Who has answered' }).textContent()).toContain('Works for me.');
    expect(await axe(governance)).toEqual([]);
  });

  it('shows decision times in the forum’s time zone and names it, whatever the browser’s zone', async () => {
    // 16:00 UTC in July is 17:00 in Waterford (Irish Standard Time) and 12:00 in New York.
    const res = await stack.call('POST', '/api/decisions', {
      token: coordinatorToken,
      body: {
        title: 'Summer opening hours',
        text: 'Open the drop-in until 21:00 in July.',
        forumId,
        signOffDueAt: '2027-07-15T16:00:00+00:00',
      },
    });
    expect(res.status).toBe(201);
    const page = await browser.context.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'America/New_York' });
    await signIn(page, stack.url, 'member', 'Aoife', livedExperienceId);
    await page.goto(`${stack.url}/decisions`);
    const row = page.getByRole('row').filter({ hasText: 'Summer opening hours' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/15 July 2027.*17:00 Irish Standard Time/);

    await row.getByRole('link', { name: 'Summer opening hours' }).click();
    await page.waitForURL(/\/decisions\/view\?id=/);
    const facts = page.locator('#decision dl.summary');
    await facts.waitFor();
    const text = await facts.textContent();
    expect(text).toMatch(/15 July 2027.*17:00 Irish Standard Time/);
    expect(text).not.toContain('12:00');
    expect(text).toContain('Irish time');
    expect(await axe(page)).toEqual([]);
  });
});

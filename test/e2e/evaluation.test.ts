import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';
import { axe, browserAvailable, launch, signIn } from './support/browser.js';

const run = browserAvailable();
const AREA = 'cho5-waterford';

/** Nothing on the page is wider than a 390 px phone screen (tables scroll inside their own region). */
async function fitsAPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.screen);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!run)('the evaluation pages in the browser', () => {
  const clock = fixedClock('2026-03-02T08:00:00Z');
  let stack: TestStack;
  let browser: Awaited<ReturnType<typeof launch>>;
  const ids: Record<string, string> = {};
  let sessionId = '';

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    const coordinator = await stack.tokenFor(['coordinator']);
    const recruit = async (name: string, overrides: Record<string, unknown> = {}) => {
      const res = await stack.call('POST', '/api/participants', {
        token: coordinator,
        body: participantBody({ displayName: name, benefits: [{ scheme: 'NONE' }], ...overrides }),
      });
      ids[name] = res.json.participantId;
    };
    await recruit('Aoife');
    await recruit('Brian');
    await recruit('Dr Byrne', { stakeholderGroup: 'provider', benefits: undefined, payment: undefined });
    const forumId = (await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() })).json.forumId;
    const all = [ids.Aoife!, ids.Brian!, ids['Dr Byrne']!];
    sessionId = (
      await stack.call('POST', `/api/forums/${forumId}/sessions`, { token: coordinator, body: sessionBody(all) })
    ).json.sessionId;
    clock.set('2026-03-02T20:15:00Z');
    await stack.call('POST', `/api/sessions/${sessionId}/held`, {
      token: coordinator,
      body: { attendance: all.map((participantId) => ({ participantId, hours: 2, expenses: [] })) },
    });
    await stack.settle();
    const member = async (name: string) => stack.tokenFor(['member'], ids[name]);
    await stack.call('POST', `/api/sessions/${sessionId}/ladder`, {
      token: await member('Brian'),
      body: { rung: 'consultation' },
    });
    await stack.call('POST', `/api/sessions/${sessionId}/ladder`, {
      token: await member('Dr Byrne'),
      body: { rung: 'co-design' },
    });
    await stack.call('POST', '/api/staff-activities', {
      token: coordinator,
      body: {
        kind: 'reflective-practice',
        title: 'Reflective practice',
        date: '2026-02-10',
        hours: 1,
        areaId: AREA,
        attendees: [ids['Dr Byrne']],
        coFacilitators: [ids.Aoife],
      },
    });
    await stack.call('POST', `/api/participants/${ids.Aoife}/roles`, {
      token: coordinator,
      body: { role: 'peer-support-worker', from: '2026-01-01', fte: 0.5 },
    });
    await stack.call('PUT', `/api/evaluations/${AREA}/2026/self-assessment/decision-making`, {
      token: coordinator,
      body: { rating: 'embedded', evidence: 'Every decision goes to the forum.' },
    });
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows governance every indicator and chart, passes axe, fits a phone and prints without the controls', async () => {
    const page = await browser.context.newPage();
    await signIn(page, stack.url, 'governance', 'Niamh');
    await page.goto(`${stack.url}/evaluation`);
    await page.getByLabel('Area', { exact: true }).fill(AREA);
    await page.getByLabel('Year', { exact: true }).fill('2026');
    await page.getByRole('button', { name: 'Show the evaluation' }).click();
    await page.getByRole('heading', { name: `${AREA}, 2026` }).waitFor();

    const indicators = page.getByRole('table', { name: 'The 14 indicators of 2026' });
    expect(await indicators.locator('tbody tr').count()).toBe(14);
    expect(await indicators.textContent()).toContain('Sessions with the lived-experience members asked for');
    expect(await indicators.textContent()).toContain('Nothing to measure');
    const charts = page.locator('figure.chart svg[role="img"]');
    expect(await charts.count()).toBe(3); // sessions ladder, same pool, scores (no decision answers yet)
    const ladder = page.getByRole('table', { name: /How sessions felt.*answers per rung/ });
    expect(await ladder.textContent()).toContain('Consultation');
    expect(await page.getByRole('table', { name: 'Same pool: the figures' }).textContent()).toContain(
      'Share made by the top 10% of people',
    );
    expect(await page.getByRole('table', { name: /nine actions/ }).textContent()).toContain(
      'Every decision goes to the forum.',
    );
    expect(await axe(page)).toEqual([]);
    await fitsAPhone(page);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Download CSV' }).isVisible()).toBe(false);
    expect(await indicators.isVisible()).toBe(true);
    // The browser's own "save as PDF" makes a document of several pages from it.
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(1);
    await page.emulateMedia({ media: 'screen' });

    await page.getByLabel('Area', { exact: true }).fill('nowhere');
    await page.getByRole('button', { name: 'Show the evaluation' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('[data-path="areaId"]').textContent()).toContain('Nobody is recorded in the area');
    expect(await axe(page)).toEqual([]);
  });

  it('lets a member say how a session felt, in plain words, and change it', async () => {
    const page = await browser.context.newPage();
    await signIn(page, stack.url, 'member', 'Aoife', ids.Aoife);
    await page.goto(`${stack.url}/my-ladder`);
    const form = page.getByRole('form', { name: 'Spring planning' });
    await form.waitFor();
    expect(await form.textContent()).toContain('How did this session feel?');
    expect(await form.textContent()).toContain('They told us what they had decided.');
    await form.getByLabel('We planned it together.').check();
    await form.getByRole('button', { name: 'Save my answer' }).click();
    await page.getByText('Thank you. Your answer on “Spring planning” is saved.').waitFor();
    await form.getByLabel('They asked what we thought.').check();
    await form.getByRole('button', { name: 'Change my answer' }).click();
    await form.getByText('Your answer: They asked what we thought.').waitFor();
    await page.getByRole('heading', { name: 'Big decisions are made together' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await fitsAPhone(page);
    const mine = await stack.call('GET', '/api/my/ladder', { token: await stack.tokenFor(['member'], ids.Aoife) });
    expect(mine.json.items[0].rung).toBe('consultation');
  });

  it('lets a coordinator record a reflective-practice session, picking staff and co-facilitators by name', async () => {
    const page = await browser.context.newPage();
    await signIn(page, stack.url, 'coordinator', 'Ciara');
    await page.goto(`${stack.url}/evaluation/record?areaId=${AREA}`);
    const form = page.getByRole('form', { name: 'A training or reflective-practice session' });
    await form.waitFor();
    // The provider view given before is shown, to change.
    await expect.poll(() => page.locator('#sa-decision-making').inputValue()).toBe('embedded');
    await form.getByLabel('Title').fill('Reflective practice, March');
    await form.getByLabel('Date').fill('2026-03-10');
    await form.getByLabel('Hours').fill('1.5');
    await form.getByRole('group', { name: 'Staff who attended' }).getByLabel('Dr Byrne').check();
    await form
      .getByRole('group', { name: /Co-facilitated by/ })
      .getByLabel('Aoife')
      .check();
    await form.getByRole('button', { name: 'Record the session' }).click();
    await page.getByText('The session is recorded.').waitFor();
    expect(await axe(page)).toEqual([]);
    await fitsAPhone(page);
    const record = await stack.call('GET', `/api/participants/${ids['Dr Byrne']}`, {
      token: await stack.tokenFor(['coordinator']),
    });
    expect(record.json.staffPractice).toEqual({ year: 2026, reflectivePractice: 2, coProductionTraining: 0 });
  });
});

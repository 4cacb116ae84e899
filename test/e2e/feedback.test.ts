import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { axe, browserAvailable, launch, signIn } from './support/browser.js';

const run = browserAvailable();

/** Press Tab (only the keyboard) until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Nothing wider than the screen: no sideways scrolling at 390 px. */
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!run)('you said, we did in the browser (390 px, keyboard only)', () => {
  let stack: TestStack;
  let browser: Awaited<ReturnType<typeof launch>>;
  let aoifeId: string;
  let forumId: string;
  let sessionId: string;
  const words = 'The hall is hard to get into with a wheelchair.';

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launch();
    const coordinator = await stack.tokenFor(['coordinator']);
    aoifeId = (
      await stack.call('POST', '/api/participants', {
        token: coordinator,
        body: participantBody({ displayName: 'Aoife' }),
      })
    ).json.participantId;
    forumId = (await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() })).json.forumId;
    const startsAt = new Date(Date.now() + 86_400_000).toISOString().replace('Z', '+00:00');
    sessionId = (
      await stack.call('POST', `/api/forums/${forumId}/sessions`, {
        token: coordinator,
        body: sessionBody([aoifeId], { startsAt }),
      })
    ).json.sessionId;
    const decision = await stack.call('POST', '/api/decisions', {
      token: coordinator,
      body: {
        title: 'Fix the side ramp',
        text: 'Ask estates to fix the side ramp before the next session.',
        forumId,
        signOffDueAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      },
    });
    expect(decision.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const phone = async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    return page;
  };

  it('a member raises feedback from their session page', async () => {
    const page = await phone();
    await signIn(page, stack.url, 'member', 'Aoife', aoifeId);
    await page.goto(`${stack.url}/sessions/view?id=${sessionId}`);
    await page.getByRole('heading', { name: 'Have your say' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await tabTo(page, 'a[href^="/feedback/raise"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/feedback\/raise\?sessionId=/);
    await page.getByLabel('What would you like to tell Waterford local forum?').waitFor();
    expect(await axe(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    // Sent empty: the error is shown and announced.
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('There is a problem');
    expect(await page.locator('#feedback-text').getAttribute('aria-invalid')).toBe('true');
    expect(await axe(page)).toEqual([]);

    await tabTo(page, '#feedback-text');
    await page.keyboard.type(words);
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Thank you: we have received what you said' }).waitFor();
    expect(await axe(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
  });

  it('the coordinator moves it to planned with a decision, then done with a note, from the queue', async () => {
    const page = await phone();
    await signIn(page, stack.url, 'coordinator', 'Maeve');
    await page.goto(`${stack.url}/feedback/queue`);
    await page.getByRole('heading', { name: 'Open items (1)' }).waitFor();
    expect(await axe(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    // Planned, with the forum's decision linked.
    await tabTo(page, '.update-form select[name=status]');
    await page.keyboard.press('p'); // type-to-select: "Planned: …"
    await tabTo(page, 'textarea[name=note]');
    await page.keyboard.type('We asked estates to fix the ramp.');
    await tabTo(page, 'select[name=decisionId]');
    await page.keyboard.press('f'); // "Fix the side ramp"
    expect(
      await page.locator('select[name=decisionId]').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text),
    ).toBe('Fix the side ramp');
    await tabTo(page, '.update-form button[type=submit]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#status-message').textContent()).toContain('“We plan to do this”');
    expect(await axe(page)).toEqual([]);

    // Done without a note: refused, next to the field.
    await tabTo(page, '.update-form select[name=status]');
    await page.keyboard.press('d'); // "Done: …"
    await tabTo(page, '.update-form button[type=submit]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('at least 10 characters');
    expect(await axe(page)).toEqual([]);
    await tabTo(page, 'textarea[name=note]');
    await page.keyboard.type('The ramp was fixed on 10 March.');
    await tabTo(page, '.update-form button[type=submit]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#status-message').textContent()).toContain('“Done”');
    await page.getByRole('heading', { name: 'Open items (0)' }).waitFor();
    expect(await axe(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    // Something Aoife said at the meeting, entered for her.
    await tabTo(page, 'details > summary');
    await page.keyboard.press('Enter');
    await tabTo(page, '#new-forum');
    await page.keyboard.press('w'); // "Waterford local forum"
    await tabTo(page, '#new-text');
    await page.keyboard.type('Aoife asked for the papers a week before.');
    await tabTo(page, '#new-who');
    await page.keyboard.press('a'); // "Aoife"
    expect(await axe(page)).toEqual([]);
    await tabTo(page, 'details form button[type=submit]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Open items (1)' }).waitFor();
    const items = await stack.api.listFeedback({
      token: await stack.tokenFor(['coordinator']),
      query: { status: 'open' },
    });
    expect(items.json.items.map((i) => i.raisedBy)).toEqual([aoifeId]);
  });

  it('the member sees it on the board and on the next session, with the reason, and was told', async () => {
    const page = await phone();
    await signIn(page, stack.url, 'member', 'Aoife', aoifeId);
    await page.goto(`${stack.url}/sessions/view?id=${sessionId}`);
    await page.getByRole('heading', { name: 'You said, we did' }).waitFor();
    expect(await page.locator('#you-said-heading + p + ul').textContent()).toContain(
      'Done: The ramp was fixed on 10 March.',
    );
    expect(await axe(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    await tabTo(page, 'main a[href^="/feedback/board?"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/feedback\/board\?/);
    await page.getByRole('heading', { name: 'Done (1)' }).waitFor();
    expect(await page.getByRole('heading', { name: 'You said, we did: Waterford local forum' }).count()).toBe(1);
    const done = page.locator('section[aria-labelledby=column-done]');
    expect(await done.textContent()).toContain(words);
    expect(await done.textContent()).toContain('What we didThe ramp was fixed on 10 March.');
    expect(await done.textContent()).toContain('Who raised itYou');
    expect(await axe(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);

    await stack.settle();
    const told = stack.mailbox.sent.filter((m) => m.to === 'aoife@example.org' && m.text.includes(words));
    expect(told.map((m) => m.subject)).toEqual(['We plan to act on what you said', 'What you said: it is done']);
  });

  it('governance sees the board without who raised it', async () => {
    const page = await phone();
    await signIn(page, stack.url, 'governance', 'Niamh');
    await page.goto(`${stack.url}/feedback/board?forumId=${forumId}`);
    await page.getByRole('heading', { name: 'Done (1)' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Who raised it');
    expect(await axe(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBe(true);
  });
});

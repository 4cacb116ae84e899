import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';
import { axe, browserAvailable, launch, signIn } from './support/browser.js';

const run = browserAvailable();
const PHONE = { width: 390, height: 844 };
// The stack's clock: the survey closes when the test moves it on (the pages and tokens keep real time).
const clock = fixedClock(new Date());

type Target = { text?: string; tag?: string; type?: string; name?: string; namePrefix?: string };

/** Press Tab (or `key`) until the focused element is the target: keyboard only, no clicks. */
async function tabTo(page: Page, target: Target, max = 60, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const ok = await page.evaluate((t) => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!el) return false;
      if (t.tag && el.tagName !== t.tag) return false;
      if (t.type && el.type !== t.type) return false;
      if (t.name && el.name !== t.name) return false;
      if (t.namePrefix && !el.name?.startsWith(t.namePrefix)) return false;
      if (t.text && (el.textContent ?? '').trim() !== t.text) return false;
      return true;
    }, target);
    if (ok) return;
  }
  throw new Error(`Tab never reached ${JSON.stringify(target)}`);
}
const named = (text: string): Target => ({ text });
const radio: Target = { tag: 'INPUT', type: 'radio' };

const fitsThePhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!run)('the yearly survey in the browser', () => {
  let stack: TestStack;
  let browser: Awaited<ReturnType<typeof launch>>;
  let coordinator: string;
  let surveyId: string;
  let member: string;
  const areaId = 'cho5-waterford';

  const answers = (v: number) => ({
    'exp-listened': v,
    'exp-influence': v,
    'exp-fair': v,
    'exp-accessible': v,
    'exp-recommend': v,
  });
  const recruit = async (o: Record<string, unknown>) =>
    (await stack.call('POST', '/api/participants', { token: coordinator, body: participantBody({ areaId, ...o }) }))
      .json.participantId as string;

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    browser = await launch();
    coordinator = await stack.tokenFor(['coordinator']);
    const now = Date.now();
    const created = await stack.api.createSurvey({
      token: coordinator,
      body: {
        areaId,
        year: new Date(now - 3600_000).getUTCFullYear(),
        title: 'Taking part this year',
        opensAt: new Date(now - 3600_000).toISOString(),
        closesAt: new Date(now + 7 * 86_400_000).toISOString(),
        instruments: ['experience'],
      },
    });
    surveyId = created.json.surveyId;
    member = await recruit({ displayName: 'Siobhán' });
    for (let i = 0; i < 5; i++) {
      const id = await recruit({ displayName: `User ${i}` });
      const token = await stack.tokenFor(['member'], id);
      await stack.call('POST', `/api/surveys/${surveyId}/responses`, {
        token,
        body: { answers: answers(4), anonymous: true },
      });
    }
    for (let i = 0; i < 4; i++) {
      const id = await recruit({ displayName: `Carer ${i}`, stakeholderGroup: 'carer' });
      const token = await stack.tokenFor(['member'], id);
      await stack.call('POST', `/api/surveys/${surveyId}/responses`, {
        token,
        body: { answers: answers(2), anonymous: false },
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('lets a member answer on a phone, by keyboard only, one question per screen, anonymously', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    await signIn(page, stack.url, 'member', 'Siobhán', member);
    await page.goto(`${stack.url}/my-surveys`);
    await page.getByRole('heading', { name: 'Taking part this year' }).waitFor();
    expect(await axe(page)).toEqual([]);
    expect(await fitsThePhone(page)).toBe(true);

    await tabTo(page, named('Answer this survey: Taking part this year'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Before you start' }).waitFor();
    const anonymous = page.getByRole('radio', { name: 'Anonymously (without your name)' });
    expect(await anonymous.isChecked()).toBe(true);
    // One screen at a time: no Back on the first, no Send before the last.
    expect(await page.getByRole('button', { name: 'Back' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Send my answers' }).isVisible()).toBe(false);
    expect(await page.getByText('We keep only a scrambled code, which stops anyone answering twice.').count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    expect(await fitsThePhone(page)).toBe(true);

    await tabTo(page, named('Next'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Question 1 of 6');
    // Next without an answer: the error is said, and focus goes to it.
    await tabTo(page, named('Next'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Answer this question, please.');
    expect(await axe(page)).toEqual([]);
    expect(await fitsThePhone(page)).toBe(true);

    for (let q = 1; q <= 5; q++) {
      // Into the radio group, Space picks the first answer, arrows move to "Agree" (4 of 5).
      await tabTo(page, radio);
      await page.keyboard.press('Space');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      expect(await page.locator('input[type=radio]:checked:visible').getAttribute('value')).toBe('4');
      if (q === 1) expect(await page.locator('.survey-step:not([hidden])').count()).toBe(1);
      await tabTo(page, named('Next'));
      await page.keyboard.press('Enter');
    }
    await tabTo(page, { tag: 'TEXTAREA' });
    await page.keyboard.type('The bus to the venue only runs twice a day.');
    await tabTo(page, { tag: 'INPUT', type: 'checkbox' });
    await page.keyboard.press('Space');
    expect(await axe(page)).toEqual([]);
    await tabTo(page, named('Next'));
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    expect(await page.getByRole('button', { name: 'Next' }).isVisible()).toBe(false);
    expect(await page.locator('.survey-answers').textContent()).toContain('Anonymously');
    expect(await axe(page)).toEqual([]);
    expect(await fitsThePhone(page)).toBe(true);
    await tabTo(page, named('Send my answers'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Thank you. Your answers have been sent.' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(await axe(page)).toEqual([]);

    // Kept without the member's id, with the comment they agreed to share.
    const out = await stack.deps.db.doc.send(
      new QueryCommand({
        TableName: stack.deps.db.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':pk': `SURVEY#${surveyId}`, ':r': 'RESPONSE#' },
      }),
    );
    const mine = (out.Items ?? []).find((i) => typeof i.answers?.['exp-comments'] === 'string');
    expect(mine).toMatchObject({ anonymous: true, shareComments: true, answers: { 'exp-listened': 4 } });
    expect(JSON.stringify(mine)).not.toContain(member);

    await page.goto(`${stack.url}/my-surveys`);
    await page.getByText('You have answered this survey. Thank you.').waitFor();
  });

  it('lets a coordinator follow the count while a survey is open, enter a paper response, read results once it closes, and open a survey', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    await signIn(page, stack.url, 'coordinator', 'Maeve');
    await page.goto(`${stack.url}/surveys?areaId=${areaId}`);
    await page.getByRole('table', { name: `Surveys for ${areaId}, newest year first` }).waitFor();
    expect(await axe(page)).toEqual([]);
    expect(await fitsThePhone(page)).toBe(true);

    await tabTo(page, named('Taking part this year'));
    await page.keyboard.press('Enter');
    // Open: how many answered (6 service users, 4 carers: carers and "everyone" hidden), no figures.
    const counted = page.getByRole('table', { name: 'How many people answered' });
    await counted.waitFor();
    expect(await counted.getByRole('row', { name: /^Service users/ }).textContent()).toContain('6');
    expect(await counted.getByRole('row', { name: /^Carers/ }).textContent()).toContain(
      'Hidden: fewer than 5 people, or it would give away a smaller group',
    );
    expect(await counted.getByRole('row', { name: /^Everyone/ }).textContent()).toContain('Hidden');
    expect(await page.locator('#results-not-yet').textContent()).toContain(
      'The answers to each question are shown here once the survey has closed',
    );
    expect(await page.getByRole('table', { name: 'People listened to what I had to say.' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Download the results (CSV)' }).count()).toBe(0);
    expect(await page.getByText('The bus to the venue only runs twice a day.').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    expect(await fitsThePhone(page)).toBe(true);

    // A fifth carer's paper form, typed in by keyboard: now carers are counted too.
    const carer = await recruit({ displayName: 'Carer on paper', stakeholderGroup: 'carer' });
    await tabTo(page, { tag: 'INPUT', name: 'participantId' });
    await page.keyboard.type(carer);
    for (let q = 0; q < 5; q++) {
      await tabTo(page, { ...radio, namePrefix: 'p-exp-' });
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.locator('input[name="p-exp-recommend"]:checked').getAttribute('value')).toBe('2');
    await tabTo(page, named('Save the paper response'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#status-message').textContent()).toBe('The paper response was saved.');
    await expect.poll(() => counted.getByRole('row', { name: /^Carers/ }).textContent()).toBe('Carers5');
    expect(await axe(page)).toEqual([]);

    // The same person again: refused, said at the top of the form.
    await tabTo(page, { tag: 'INPUT', name: 'participantId' });
    await page.keyboard.type(carer);
    for (let q = 0; q < 5; q++) {
      await tabTo(page, { ...radio, namePrefix: 'p-exp-' });
      await page.keyboard.press('Space');
    }
    await tabTo(page, named('Save the paper response'));
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('This person has already answered this survey.');
    expect(await axe(page)).toEqual([]);

    // Closed (by the stack's clock): the figures, the shared comment and the download.
    clock.set(new Date(Date.now() + 8 * 86_400_000));
    await page.goto(`${stack.url}/surveys?id=${surveyId}`);
    const listened = page.getByRole('table', { name: 'People listened to what I had to say.' });
    await listened.waitFor();
    expect(await listened.getByRole('row', { name: /^Service users/ }).textContent()).toContain(
      '6 people, average 4 out of 5',
    );
    expect(await listened.getByRole('row', { name: /^Carers/ }).textContent()).toContain(
      '5 people, average 2 out of 5',
    );
    expect(await page.getByText('The bus to the venue only runs twice a day.').count()).toBe(1);
    expect(await page.locator('#results-not-yet').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save the paper response' }).count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    expect(await fitsThePhone(page)).toBe(true);

    const download = page.waitForEvent('download');
    await tabTo(page, named('Download the results (CSV)'));
    await page.keyboard.press('Enter');
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'section,question_id,question,group_type,group,suppressed,count,mean,answer,answer_label,answer_count',
    );
    expect(csv).not.toContain('bus to the venue');

    // Open the 2030 survey; a bad date is named at its field.
    await page.goto(`${stack.url}/surveys?areaId=${areaId}`);
    await page.getByRole('heading', { name: 'Open a new survey' }).waitFor();
    await page.getByLabel('Year', { exact: true }).fill('2030');
    await page.getByLabel('Opens', { exact: true }).fill('2030-03-01T09:00');
    await page.getByLabel('Closes', { exact: true }).fill('2030-02-01T09:00');
    await tabTo(page, named('Open the survey'));
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-path="closesAt"] .error-message').textContent())
      .toBe('The closing date and time must be after the opening date and time.');
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Closes', { exact: true }).fill('2030-03-31T17:00');
    await tabTo(page, named('Open the survey'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/surveys\?id=/);
    await page.getByRole('heading', { name: 'Results' }).waitFor();
    expect(await axe(page)).toEqual([]);
    expect(await fitsThePhone(page)).toBe(true);
  });
});

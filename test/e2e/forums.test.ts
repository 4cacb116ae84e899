import type { EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionHeld } from '../../events/forums.js';
import { forumBody, participantBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';
import { axe, browserAvailable, fillDate, launch, signIn } from './support/browser.js';

const run = browserAvailable();

describe.skipIf(!run)('forums and sessions in the browser', () => {
  const clock = fixedClock('2026-02-20T10:00:00Z');
  let stack: TestStack;
  let browser: Awaited<ReturnType<typeof launch>>;
  const held: EventBridgeEvent<string, any>[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    stack.bus.subscribe({
      name: 'probe:SessionHeld',
      pattern: SessionHeld.pattern,
      target: async (e) => {
        held.push(e);
      },
    });
    const coordinator = await stack.tokenFor(['coordinator']);
    const recruit = async (key: string, overrides: Record<string, unknown>) => {
      const res = await stack.call('POST', '/api/participants', {
        token: coordinator,
        body: participantBody(overrides),
      });
      ids[key] = res.json.participantId;
    };
    await recruit('aoife', { displayName: 'Aoife' });
    await recruit('brian', {
      displayName: 'Brian',
      stakeholderGroup: 'carer',
      contact: { email: 'brian@example.org' },
    });
    await recruit('byrne', {
      displayName: 'Dr Byrne',
      stakeholderGroup: 'provider',
      payment: undefined,
      benefits: undefined,
    });
    await recruit('wendy', { displayName: 'Wendy' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('sets up a forum, schedules a session, takes RSVPs, sends reminders and records attendance', {
    timeout: 120_000,
  }, async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, stack.url, 'coordinator', 'Maeve');

    // The forum list and the set-up form.
    await page.goto(`${stack.url}/forums`);
    await page.getByText('There are no forums yet').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Name of the forum').fill('Waterford local forum');
    await page.getByLabel('Area', { exact: true }).fill('cho5-waterford');
    await page.getByLabel('Payment for each hour of taking part').fill('25');
    await fillDate(page, 'Pay this rate for sessions from (optional)', '2026-02-01');
    await page.getByRole('button', { name: 'Set up forum' }).click();
    await page.waitForURL(/\/forums\/view\?id=/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Waterford local forum');
    await page.getByLabel(/^Aoife/).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('has been set up');
    expect(await axe(page)).toEqual([]);

    // A future hourly rate: refused beside the field when missing or when its date is taken, then listed.
    await page.getByRole('button', { name: 'Add rate' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Enter the new hourly rate.');
    await page.getByLabel('New hourly rate').fill('27.50');
    await fillDate(page, 'From (date)', '2027-01-01');
    await page.getByRole('button', { name: 'Add rate' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('New rate saved: €27.50 an hour from 1 January 2027.');
    const rates = page.getByRole('table', { name: 'Hourly rates of Waterford local forum, newest first' });
    expect(await rates.getByRole('row').allTextContents()).toEqual([
      'FromUntilHourly rate',
      '1 January 2027No end date€27.50',
      '1 February 202631 December 2026€25.00',
    ]);
    await page.getByLabel('New hourly rate').fill('30');
    await fillDate(page, 'From (date)', '2027-01-01');
    await page.getByRole('button', { name: 'Add rate' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('already has a rate from 1 January 2027');
    expect(await page.getByRole('group', { name: 'From (date)' }).getByLabel('Day').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await axe(page)).toEqual([]);

    // Scheduling with nothing filled in shows the errors beside the fields.
    await page.getByRole('button', { name: 'Schedule session' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Enter the date of the session.');
    expect(await axe(page)).toEqual([]);

    await page.getByLabel('Title', { exact: true }).fill('Spring planning');
    // Day, month and year in that order, whatever the browser's locale.
    await fillDate(page, 'Date', '2026-03-02');
    await page.getByLabel('Starts at').fill('18:00');
    await page.getByLabel('Ends at').fill('20:00');
    await page.getByLabel('Venue', { exact: true }).fill('Upstairs room, Community Hall');
    await page.getByLabel('No, or not sure').check();
    await page.getByLabel('Agenda (optional)').fill('Welcome\nCrisis care pathway');
    await page.getByLabel(/^Aoife/).check();
    await page.getByLabel(/^Brian/).check();
    await page.getByLabel(/^Dr Byrne/).check();
    await page.getByRole('button', { name: 'Schedule session' }).click();
    await page.waitForURL(/\/sessions\/view\?id=/);
    const sessionId = new URL(page.url()).searchParams.get('id')!;
    await page.getByRole('table', { name: 'Invited people and their answers' }).waitFor();
    expect(await page.getByRole('region', { name: 'Things to check' }).textContent()).toContain(
      'is not marked as accessible',
    );
    expect(await page.locator('dl.summary').textContent()).toContain(
      'Monday 2 March 2026, 18:00 to 20:00 (Irish time)',
    );
    expect(await quorumWord()).toBe('At risk');
    expect(await axe(page)).toEqual([]);

    // RSVPs for Aoife and Brian meet the quorum (2 with lived experience, 100% of yes answers).
    await answer('Aoife', 'yes');
    expect(await quorumWord()).toBe('At risk');
    await answer('Brian', 'yes');
    expect(await quorumWord()).toBe('Met');
    expect(await page.getByRole('row', { name: /Brian/ }).textContent()).toContain('Yes, coming');
    expect(await axe(page)).toEqual([]);

    // Reminders 48 hours before: they appear in the mailbox.
    clock.set('2026-02-28T18:00:00Z');
    await stack.scheduler.tick();
    await stack.settle();
    await page.goto(`${stack.url}/mailbox`);
    await page.getByRole('table').waitFor();
    const subjects = await page.getByRole('rowheader').allTextContents();
    expect(subjects.filter((s) => s.startsWith('Reminder: Spring planning'))).toHaveLength(3);
    expect(await page.getByRole('table').textContent()).toContain('brian@example.org');
    await page.getByText('Read the message').first().click();
    expect(await axe(page)).toEqual([]);

    // After the session: record who attended, with a walk-in and an expense.
    clock.set('2026-03-02T20:10:00Z');
    await page.goto(`${stack.url}/sessions/view?id=${sessionId}`);
    await page.getByRole('button', { name: 'Record attendance' }).waitFor();
    expect(await page.getByLabel('Aoife attended').isChecked()).toBe(true);
    await page.getByLabel('Dr Byrne attended').check();
    // The receipt reference is asked for next to the amount, labelled for the person.
    await page.getByLabel('Expense 1: amount in euro for Aoife').fill('12.40');
    expect(await page.getByLabel('Expense 1: receipt reference for Aoife').inputValue()).toBe('');
    await page.locator('#walk-in').locator(`option[value="${ids.wendy}"]`).waitFor({ state: 'attached' });
    await page.getByLabel('Add a walk-in').selectOption(ids.wendy!);
    await page.getByRole('button', { name: 'Add this person' }).click();
    await page.getByLabel('Hours for Wendy').fill('2.5');
    expect(await axe(page)).toEqual([]);

    // Too many hours and an expense without a receipt are refused beside the fields; fixed, it is recorded.
    await page.getByLabel('Hours for Brian').fill('9');
    await page.getByRole('button', { name: 'Record attendance' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Enter the receipt reference');
    const receipt = page.getByLabel('Expense 1: receipt reference for Aoife');
    expect(await receipt.getAttribute('aria-invalid')).toBe('true');
    expect(await axe(page)).toEqual([]);
    await receipt.fill('R-1');
    await page.getByRole('button', { name: 'Record attendance' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('At most 4 hours');
    expect(await page.getByLabel('Hours for Brian').getAttribute('aria-invalid')).toBe('true');
    expect(await receipt.getAttribute('aria-invalid')).toBeNull();
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Hours for Brian').fill('2');
    await page.getByRole('button', { name: 'Record attendance' }).click();
    await page.getByRole('table', { name: 'Attendance as recorded' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Attendance recorded');
    expect(await page.getByRole('row', { name: /Wendy/ }).textContent()).toContain('No (walk-in)');
    expect(await axe(page)).toEqual([]);

    await stack.settle();
    const mine = held.filter((e) => e.detail.data.sessionId === sessionId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.detail.data.attendance).toEqual(
      expect.arrayContaining([
        { participantId: ids.aoife, hours: 2, expensesMinor: 1240, walkIn: false },
        { participantId: ids.byrne, hours: 2, expensesMinor: 0, walkIn: false },
        { participantId: ids.wendy, hours: 2.5, expensesMinor: 0, walkIn: true },
      ]),
    );

    async function quorumWord() {
      return page.getByRole('region', { name: 'Lived-experience presence' }).locator('strong').textContent();
    }
    async function answer(name: string, response: string) {
      await page.getByLabel(`Answer for ${name}`).selectOption(response);
      await page.getByRole('button', { name: `Save answer for ${name}` }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toContain(`Saved: ${name}`);
    }
  });

  it('lets a member see the session and answer for themself', async () => {
    const coordinator = await stack.tokenFor(['coordinator']);
    const forum = await stack.call('POST', '/api/forums', {
      token: coordinator,
      body: {
        name: 'Member forum',
        level: 'area',
        areaId: 'cho5',
        remuneration: { hourlyRateMinor: 2500, currency: 'EUR' },
        quorum: { minLivedExperienceMembers: 1, minLivedExperienceShare: 0.3 },
      },
    });
    const created = await stack.call('POST', `/api/forums/${forum.json.forumId}/sessions`, {
      token: coordinator,
      body: {
        title: 'Autumn review',
        startsAt: '2026-04-02T17:00:00+00:00',
        endsAt: '2026-04-02T19:00:00+00:00',
        venue: { name: 'Library', accessible: true },
        agenda: [],
        invitees: [ids.aoife, ids.brian],
      },
    });
    const page = await browser.context.newPage();
    await signIn(page, stack.url, 'member', 'Aoife', ids.aoife);

    await page.goto(`${stack.url}/sessions/view?id=${created.json.sessionId}`);
    await page.getByRole('region', { name: 'Can you come?' }).waitFor();
    // A member's page puts no presence pressure on them: the quorum is the coordinator's to manage.
    expect(await page.getByRole('region', { name: /Lived-experience presence/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Back to your sessions' }).count()).toBe(1);
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Your answer').selectOption('maybe');
    await page.getByRole('button', { name: 'Save answer for Aoife' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Can you come?' }).textContent())
      .toContain('You said: Maybe');

    expect(await page.getByText('Brian').count()).toBe(0);
    expect(await page.locator('dl.summary').textContent()).toContain('18:00 to 20:00 (Irish time)');
    expect(await axe(page)).toEqual([]);

    // Her own sessions: the one coming up with her answer, the one held earlier under past sessions.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My sessions' }).click();
    await page.waitForURL(/\/my-sessions$/);
    const upcoming = page.getByRole('table', { name: 'Sessions you are invited to, soonest first' });
    const row = upcoming.getByRole('row', { name: /Autumn review/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Thursday 2 April 2026, 18:00 to 20:00 (Irish time)');
    expect(await row.textContent()).toContain('Member forum');
    expect(await row.textContent()).toContain('Library');
    expect(await row.textContent()).toContain('Maybe');
    const past = page.getByRole('table', { name: 'Sessions you were invited to, latest first' });
    expect(await past.getByRole('row', { name: /Spring planning/ }).textContent()).toContain('Held');
    expect(await upcoming.getByText('Spring planning').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await row.getByRole('link', { name: 'Autumn review' }).click();
    await page.waitForURL(new RegExp(`/sessions/view\\?id=${created.json.sessionId}$`));
    await page.getByRole('region', { name: 'Can you come?' }).waitFor();
  });
  it('keeps the API’s warnings for a session scheduled in the past, and promises no reminders for it', async () => {
    const coordinator = await stack.tokenFor(['coordinator']);
    const forum = await stack.call('POST', '/api/forums', {
      token: coordinator,
      body: forumBody({ name: 'Catch-up forum' }),
    });
    const page = await browser.context.newPage();
    await signIn(page, stack.url, 'coordinator', 'Maeve');
    await page.goto(`${stack.url}/forums/view?id=${forum.json.forumId}`);
    await page.getByLabel(/^Aoife/).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('January catch-up');
    await fillDate(page, 'Date', '2026-01-12');
    await page.getByLabel('Starts at').fill('18:00');
    await page.getByLabel('Ends at').fill('20:00');
    await page.getByLabel('Venue', { exact: true }).fill('Library');
    await page.getByLabel(/^Aoife/).check();
    await page.getByRole('button', { name: 'Schedule session' }).click();
    await page.waitForURL(/\/sessions\/view\?id=/);
    await page.getByRole('table', { name: 'Invited people and their answers' }).waitFor();
    expect(await page.getByRole('region', { name: 'Things to check' }).textContent()).toContain(
      'This session starts in the past.',
    );
    expect(await page.getByRole('status').textContent()).toContain('no invitations or reminders are sent');
    expect(await page.getByRole('status').textContent()).not.toContain('reminders go');
    expect(await page.locator('dl.summary').textContent()).toContain('None: the session has already started');
    expect(await axe(page)).toEqual([]);
  });
});

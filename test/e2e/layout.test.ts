import type { Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, SessionHeld } from '../../events/index.js';
import { forumBody, participantBody, sessionBody } from '../support/fixtures.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { axe, browserAvailable, launch, signIn } from './support/browser.js';

const run = browserAvailable();

/**
 * No page scrolls sideways, in any role, on a phone (390 px) or a laptop (1280 px): every page
 * state a person can reach with data in it (a forum with sessions, a held payment, a decision
 * awaiting signature, payments to make, the report). A wide table must wrap or stack, not push the
 * page wider than the screen (WCAG 1.4.10 Reflow).
 */
describe.skipIf(!run)('page layout at 390 px and 1280 px', () => {
  let stack: TestStack;
  let browser: Awaited<ReturnType<typeof launch>>;
  const ids: Record<string, string> = {};
  const id = (k: string) => ids[k] ?? '';

  const hold = async (participantId: string, startsAt: string, hours: number) => {
    const sessionId = ulid();
    await stack.bus.publish([
      buildEvent(
        SessionHeld,
        {
          sessionId,
          forumId: ids.forum ?? 'forum-layout',
          heldOn: startsAt.slice(0, 10),
          startsAt,
          hourlyRateMinor: 2500,
          currency: 'EUR',
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
    const token = await stack.tokenFor(['coordinator']);
    const post = async (path: string, body: unknown) => (await stack.call('POST', path, { token, body })).json;
    ids.aoife = (
      await post('/api/participants', participantBody({ displayName: 'Aoife Ní Bhriain-Fitzgerald' }))
    ).participantId;
    ids.byrne = (
      await post(
        '/api/participants',
        participantBody({
          displayName: 'Dr Byrne',
          stakeholderGroup: 'provider',
          payment: undefined,
          benefits: undefined,
        }),
      )
    ).participantId;
    for (const name of ['Brian', 'Cara', 'Dónal', 'Eimear', 'Fionn', 'Gráinne', 'Hugh', 'Íde']) {
      await post('/api/participants', participantBody({ displayName: name }));
    }
    ids.forum = (await post('/api/forums', forumBody({ name: 'Waterford local forum with a long name' }))).forumId;
    ids.session = (
      await post(
        `/api/forums/${ids.forum}/sessions`,
        sessionBody([id('aoife'), id('byrne')], { startsAt: '2027-01-15T18:00:00+00:00', title: 'New year planning' }),
      )
    ).sessionId;
    ids.decision = (
      await post('/api/decisions', {
        title: 'Evening drop-in hours',
        text: 'Open the drop-in until 21:00 on Thursdays.\n\nReview in six months.',
        forumId: ids.forum,
        signOffDueAt: '2027-02-01T17:00:00+00:00',
      })
    ).decisionId;
    // Aoife attends three sessions in one week: the third fee is held for her choice; the first two are due.
    for (const d of ['02', '04', '06']) await hold(id('aoife'), `2026-11-${d}T18:00:00+00:00`, 3);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const pages = (): Record<string, { participantId?: string; paths: string[] }> => ({
    coordinator: {
      paths: [
        '/',
        '/participants',
        '/participants/new',
        `/participants/view?id=${ids.aoife}`,
        '/forums',
        `/forums/view?id=${ids.forum}`,
        `/sessions/view?id=${ids.session}`,
        '/payments/held',
        '/decisions',
        `/decisions/view?id=${ids.decision}`,
        '/report',
        '/mailbox',
        '/feedback/queue',
        '/surveys',
        '/evaluation',
        '/evaluation/record',
      ],
    },
    member: {
      participantId: ids.aoife,
      paths: [
        '/',
        '/my-sessions',
        '/my-payments',
        '/decisions',
        `/decisions/view?id=${ids.decision}`,
        `/sessions/view?id=${ids.session}`,
        `/participants/view?id=${ids.aoife}`,
        '/my-surveys',
        `/feedback/raise?sessionId=${ids.session}`,
        `/feedback/board?forumId=${ids.forum}`,
        '/my-ladder',
      ],
    },
    finance: { paths: ['/', '/finance'] },
    governance: {
      paths: ['/', '/governance', '/report', `/decisions/view?id=${ids.decision}`, '/surveys', '/evaluation'],
    },
  });

  /** How many pixels the page is wider than the window (0 when it does not scroll sideways). */
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  /** Let the page fetch and draw its data. */
  const settle = async (page: Page) => {
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  };

  for (const width of [390, 1280]) {
    it(`no page scrolls sideways at ${width} px`, { timeout: 240_000 }, async () => {
      const wide: string[] = [];
      const signedOut = await browser.context.newPage();
      await signedOut.setViewportSize({ width, height: 900 });
      for (const path of ['/', '/sign-in']) {
        await signedOut.goto(`${stack.url}${path}`);
        await settle(signedOut);
        const px = await overflow(signedOut);
        if (px > 0) wide.push(`signed out ${path}: ${px} px`);
      }
      await signedOut.close();
      for (const [role, { participantId, paths }] of Object.entries(pages())) {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await signIn(page, stack.url, role, 'Maeve', participantId);
        for (const path of paths) {
          await page.goto(`${stack.url}${path}`);
          await settle(page);
          const px = await overflow(page);
          const where = `${role} ${path.replace(/=[0-9A-Z]{26}/, '=…')}`;
          if (px > 0) wide.push(`${where}: ${px} px`);
          // Every page state in every role, on a phone: axe finds nothing either.
          if (width === 390)
            for (const v of await axe(page)) wide.push(`${where}: axe ${v.id} at ${v.nodes[0]?.target}`);
        }
        await page.close();
      }
      expect(wide).toEqual([]);
    });
  }
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests need Debian's chromium. Locally a missing browser skips them with a reason; under
 * CI=true it is a failure, so a green CI always includes the browser tests.
 */
export function browserAvailable(): boolean {
  const present = existsSync(CHROMIUM);
  if (!present && process.env.CI === 'true') {
    throw new Error(`Chromium not found at ${CHROMIUM}: .ci/run must apt-get install -y chromium`);
  }
  return present;
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launch(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'coproduce-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    // axe is injected as an inline script; the pages' CSP (script-src 'self') would rightly block it.
    bypassCSP: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

/** Run axe-core against WCAG 2.0/2.1/2.2 A and AA; returns the violations (tests expect none). */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const a = (globalThis as any).axe;
    return a.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  });
  return (result as { violations: AxeViolation[] }).violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target })),
  }));
}

/** Sign in through the local sign-in page as a role. */
export async function signIn(page: Page, baseUrl: string, role: string, name: string, participantId?: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Your name').fill(name);
  await page.locator(`input[name=role][value=${role}]`).check();
  if (participantId) await page.getByLabel('Your participant number').fill(participantId);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/**
 * Fill a date asked as day, month and year (the pages' date fields: the same order for everyone,
 * whatever the browser's locale), found by the name of its group (the field's legend).
 */
export async function fillDate(page: Page, group: string | RegExp, isoDate: string) {
  const [y = '', m = '', d = ''] = isoDate.split('-');
  const g = page.getByRole('group', { name: group, exact: typeof group === 'string' });
  await g.getByLabel('Day', { exact: true }).fill(String(Number(d)));
  await g.getByLabel('Month', { exact: true }).fill(String(Number(m)));
  await g.getByLabel('Year', { exact: true }).fill(y);
}

import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.js';
import { axe, browserAvailable, launch } from './support/browser.js';

const run = browserAvailable();

// The pages' Cognito sign-in, in the browser: the local stack serves the pages, and the browser's
// requests to /api/auth-config and to Cognito's hosted endpoints are answered here the way
// Cognito answers them (authorize → redirect with code and state; token → ID token; logout → redirect).
const domain = 'https://coproduce-test-1a2b3c4d.auth.eu-west-1.amazoncognito.com';
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe.skipIf(!run)('signing in with Cognito in the browser', () => {
  let stack: TestStack;
  let browser: Awaited<ReturnType<typeof launch>>;
  const config = () => ({
    mode: 'cognito',
    authorizeUrl: `${domain}/oauth2/authorize`,
    tokenUrl: `${domain}/oauth2/token`,
    logoutUrl: `${domain}/logout`,
    clientId: 'webclient1',
    redirectUri: `${stack.url}/signed-in`,
    logoutRedirectUri: `${stack.url}/sign-in`,
    scopes: ['openid', 'email'],
  });

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** A page on which the sign-in is Cognito's, with the given answer from the token endpoint. */
  async function cognitoPage(idTokenClaims: Record<string, unknown>) {
    const page = await browser.context.newPage();
    const seen: { authorize?: URLSearchParams; token?: URLSearchParams; logout?: URLSearchParams } = {};
    await page.route(`${stack.url}/api/auth-config`, (route) => route.fulfill({ json: config() }));
    await page.route(`${domain}/oauth2/authorize?*`, (route) => {
      seen.authorize = new URL(route.request().url()).searchParams;
      const back = new URL(seen.authorize.get('redirect_uri')!);
      back.search = new URLSearchParams({ code: 'the-code', state: seen.authorize.get('state')! }).toString();
      return route.fulfill({ status: 302, headers: { location: back.toString() } });
    });
    await page.route(`${domain}/oauth2/token`, (route) => {
      seen.token = new URLSearchParams(route.request().postData() ?? '');
      const verifier = seen.token.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (challenge !== seen.authorize?.get('code_challenge')) {
        return route.fulfill({
          status: 400,
          headers: { 'access-control-allow-origin': '*' },
          json: { error: 'invalid_grant' },
        });
      }
      const claims = {
        token_use: 'id',
        aud: 'webclient1',
        exp: Math.floor(Date.now() / 1000) + 3600,
        ...idTokenClaims,
      };
      return route.fulfill({
        headers: { 'access-control-allow-origin': '*' },
        json: {
          id_token: `${b64url({ alg: 'RS256' })}.${b64url(claims)}.sig`,
          access_token: 'a',
          token_type: 'Bearer',
        },
      });
    });
    await page.route(`${domain}/logout?*`, (route) => {
      seen.logout = new URL(route.request().url()).searchParams;
      return route.fulfill({ status: 302, headers: { location: seen.logout.get('logout_uri')! } });
    });
    return { page, seen };
  }

  const signInWithCognito = async (page: Page, next: string) => {
    await page.goto(`${stack.url}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByText('Sign in with your Coproduce account').waitFor();
    expect(await page.getByLabel('Your name').isVisible()).toBe(false); // no demo roles in AWS
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('signs in with the authorization code and PKCE, keeps the ID token, and signs out of Cognito too', async () => {
    const { page, seen } = await cognitoPage({
      name: 'Aoife',
      'cognito:groups': ['member'],
      'custom:participantId': '01JMEMBER',
    });
    // The home page: it calls no API (the local stack would refuse this unsigned token with a 401).
    await signInWithCognito(page, '/?from=sign-in');
    await page.waitForURL((u) => u.pathname === '/');

    expect(Object.fromEntries(seen.authorize!)).toMatchObject({
      response_type: 'code',
      client_id: 'webclient1',
      redirect_uri: `${stack.url}/signed-in`,
      scope: 'openid email',
      code_challenge_method: 'S256',
    });
    expect(seen.authorize!.get('state')).toMatch(/^[\w-]{43}$/);
    expect(Object.fromEntries(seen.token!)).toMatchObject({
      grant_type: 'authorization_code',
      client_id: 'webclient1',
      code: 'the-code',
      redirect_uri: `${stack.url}/signed-in`,
    });
    expect(page.url()).toBe(`${stack.url}/?from=sign-in`);
    const stored = await page.evaluate(() => ({
      token: sessionStorage.getItem('coproduce.token'),
      user: JSON.parse(sessionStorage.getItem('coproduce.user') ?? 'null'),
      pending: sessionStorage.getItem('coproduce.pendingSignIn'),
    }));
    expect(stored.token?.split('.')).toHaveLength(3);
    expect(stored.user).toEqual({ name: 'Aoife', groups: ['member'], participantId: '01JMEMBER' });
    expect(stored.pending).toBeNull();

    expect(await page.locator('header .who').textContent()).toContain('Signed in as Aoife (member)');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.url}/sign-in`);
    expect(Object.fromEntries(seen.logout!)).toEqual({ client_id: 'webclient1', logout_uri: `${stack.url}/sign-in` });
    expect(await page.evaluate(() => sessionStorage.getItem('coproduce.token'))).toBeNull();
    await page.close();
  });

  it('explains a sign-in that cannot be finished, with a way back', async () => {
    const { page } = await cognitoPage({ 'cognito:groups': ['coordinator'] });
    // Arriving with a code this tab never asked for (another tab, an old link, a forged redirect).
    await page.goto(`${stack.url}/signed-in?code=stolen&state=guess`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Signing in did not work');
    expect(await alert.textContent()).toContain('Please start again');
    expect(await page.getByRole('link', { name: 'Go back to sign in' }).getAttribute('href')).toBe('/sign-in');
    expect(page.url()).toBe(`${stack.url}/signed-in`); // the code is not kept in the address bar
    expect(await page.evaluate(() => sessionStorage.getItem('coproduce.token'))).toBeNull();
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('tells someone whose account has no role yet, and offers to sign out', async () => {
    const { page } = await cognitoPage({ email: 'new@example.org' });
    await signInWithCognito(page, '/');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('does not have a role in Coproduce yet');
    expect(await page.getByRole('link', { name: 'Sign out' }).getAttribute('href')).toContain(`${domain}/logout?`);
    expect(await page.evaluate(() => sessionStorage.getItem('coproduce.token'))).toBeNull();
    await page.close();
  });

  it('shows the demo roles in the local stack', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.url}/sign-in`);
    await page.getByLabel('Your name').waitFor();
    expect(await page.getByText('Sign in with your Coproduce account').isVisible()).toBe(false);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });
});

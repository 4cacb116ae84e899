import { describe, expect, it } from 'vitest';
import type { AuthConfig as Config } from '../../web/src/lib/pkce.js';
import * as pkce from '../../web/src/lib/pkce.js';

const config: Config = {
  authorizeUrl: 'https://coproduce-dev-1a2b3c4d.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
  tokenUrl: 'https://coproduce-dev-1a2b3c4d.auth.eu-west-1.amazoncognito.com/oauth2/token',
  logoutUrl: 'https://coproduce-dev-1a2b3c4d.auth.eu-west-1.amazoncognito.com/logout',
  clientId: 'client1',
  redirectUri: 'https://api.example.org/signed-in',
  logoutRedirectUri: 'https://api.example.org/sign-in',
  scopes: ['openid', 'email'],
};

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const idToken = (claims: Record<string, unknown>) => `${b64url({ alg: 'RS256' })}.${b64url(claims)}.signature`;

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await pkce.codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers of 43 unreserved characters, different each time', () => {
    const a = pkce.randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pkce.randomToken()).not.toBe(a);
  });

  it('asks for a code with the S256 challenge, the state, the scopes and the registered redirect', () => {
    const url = new URL(pkce.authorizeUrl(config, { state: 'st', challenge: 'ch' }));
    expect(`${url.origin}${url.pathname}`).toBe(config.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client1',
      redirect_uri: 'https://api.example.org/signed-in',
      scope: 'openid email',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('exchanges the code with the verifier and no secret', () => {
    expect(Object.fromEntries(pkce.tokenRequestBody(config, { code: 'c0de', verifier: 'v' }))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client1',
      code: 'c0de',
      redirect_uri: 'https://api.example.org/signed-in',
      code_verifier: 'v',
    });
  });

  it('signs out of Cognito back to the registered sign-in page', () => {
    const url = new URL(pkce.logoutUrl(config));
    expect(url.pathname).toBe('/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client1',
      logout_uri: 'https://api.example.org/sign-in',
    });
  });
});

describe('the ID token', () => {
  const now = 1_800_000_000;
  const claims = {
    token_use: 'id',
    aud: 'client1',
    exp: now + 3600,
    name: 'Siobhán Ó Briain',
    email: 'siobhan@example.org',
    'cognito:groups': ['member'],
    'custom:participantId': '01JPARTICIPANT',
  };

  it('gives the name (non-ASCII too), roles and participant number the pages keep', () => {
    expect(pkce.userFromIdToken(idToken(claims), 'client1', now)).toEqual({
      name: 'Siobhán Ó Briain',
      groups: ['member'],
      participantId: '01JPARTICIPANT',
    });
  });

  it('falls back to the email when the account has no name, and to no roles without groups', () => {
    const { name: _, 'cognito:groups': __, ...rest } = claims;
    expect(pkce.userFromIdToken(idToken(rest), 'client1', now)).toMatchObject({
      name: 'siobhan@example.org',
      groups: [],
    });
  });

  it('refuses an access token, a token for another client and an expired token', () => {
    expect(() => pkce.userFromIdToken(idToken({ ...claims, token_use: 'access' }), 'client1', now)).toThrow();
    expect(() => pkce.userFromIdToken(idToken({ ...claims, aud: 'other' }), 'client1', now)).toThrow();
    expect(() => pkce.userFromIdToken(idToken({ ...claims, exp: now - 1 }), 'client1', now)).toThrow(/expired/);
    expect(() => pkce.jwtPayload('not-a-jwt')).toThrow();
  });
});

describe('where to go after signing in', () => {
  it('accepts a page of this site and refuses anything that leaves it', () => {
    expect(pkce.safeNext('/decisions/view?id=1')).toBe('/decisions/view?id=1');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null]) {
      expect(pkce.safeNext(bad)).toBe('/');
    }
  });
});

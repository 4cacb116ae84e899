// Sign-in with Cognito's hosted pages: OAuth 2.0 authorization code flow with PKCE (RFC 7636) for
// a public client (the pages hold no secret). Type imports only, so unit tests load it without a browser.

import type { AuthConfig as AuthSettings } from './api-types.js';

/** What GET /api/auth-config answers when Cognito is configured (typed from its route). */
export type AuthConfig = Omit<Extract<AuthSettings, { mode: 'cognito' }>, 'mode'>;

/** base64url without padding (RFC 4648 §5), as PKCE and JWTs use. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh random string of 43 base64url characters (32 bytes): a code verifier or a state. */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Where to send the browser to sign in. */
export function authorizeUrl(config: AuthConfig, { state, challenge }: { state: string; challenge: string }): string {
  const url = new URL(config.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scopes.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** The form body that exchanges the code for tokens at the token endpoint. */
export function tokenRequestBody(config: AuthConfig, { code, verifier }: { code: string; verifier: string }) {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: config.clientId,
    code,
    redirect_uri: config.redirectUri,
    code_verifier: verifier,
  });
}

/** Cognito's sign-out: ends the hosted sign-in session, then comes back to our sign-in page. */
export function logoutUrl(config: AuthConfig): string {
  const url = new URL(config.logoutUrl);
  url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.logoutRedirectUri }).toString();
  return url.toString();
}

/**
 * The claims of a JWT, read without checking its signature: for showing who is signed in and
 * which pages to offer. The API checks the signature on every request (the JWT authorizer).
 */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = String(token).split('.')[1];
  if (!part) throw new Error('Not a JWT');
  const b64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/** What the pages keep from an ID token. */
export type IdTokenUser = { name: string; groups: string[]; participantId?: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * What the pages keep from a Cognito ID token: the name to show, the role groups, the member's
 * participant number. Refuses a token not issued to this client, not an ID token, or expired.
 */
export function userFromIdToken(idToken: string, clientId: string, nowSeconds = Date.now() / 1000): IdTokenUser {
  const claims = jwtPayload(idToken);
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.token_use !== 'id' || !audience.includes(clientId)) throw new Error('Not an ID token for this client');
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) throw new Error('The ID token has expired');
  const groups = Array.isArray(claims['cognito:groups'])
    ? claims['cognito:groups'].filter((g): g is string => typeof g === 'string')
    : [];
  return {
    name: str(claims.name) || str(claims.email) || str(claims['cognito:username']) || 'you',
    groups,
    participantId: str(claims['custom:participantId']),
  };
}

/** A page of this site to go to after signing in (`/path?query`), or `/` for anything else. */
export function safeNext(next: string | null | undefined): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

/** sessionStorage key of the sign-in in progress: `{ verifier, state, next }`, used once. */
export const PENDING_SIGN_IN_KEY = 'coproduce.pendingSignIn';

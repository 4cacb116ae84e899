import type { Role } from '../../../shared/kernel/names.js';
import { roles } from '../../../shared/kernel/names.js';
import type { AuthConfig } from '../lib/api-types.js';
import { renderHeader, saveSession } from '../lib/app.js';
import { byId } from '../lib/dom.js';
import { logoutUrl, PENDING_SIGN_IN_KEY, safeNext, tokenRequestBody, userFromIdToken } from '../lib/pkce.js';

// Cognito sends people here with ?code=…&state=… (or ?error=…) after they sign in on its pages.
renderHeader();

/** A failure to explain in plain words, with where the link should take them. */
class SignInError extends Error {
  readonly link: { href: string; text: string };
  constructor(message: string, link = { href: '/sign-in', text: 'Go back to sign in' }) {
    super(message);
    this.link = link;
  }
}

type Pending = { verifier: string; state: string; next?: string };

function readPending(): Pending | null {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING_SIGN_IN_KEY) || 'null') as Pending | null;
  } catch {
    return null;
  }
}

async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  const pending = readPending();
  // Each code and verifier works once: forget them, and keep the code out of the address bar and history.
  sessionStorage.removeItem(PENDING_SIGN_IN_KEY);
  history.replaceState(null, '', location.pathname);

  if (params.get('error')) {
    throw new SignInError(
      params.get('error') === 'access_denied'
        ? 'Signing in was cancelled, or your account cannot use Coproduce.'
        : 'The sign-in service could not sign you in. Please try again.',
    );
  }
  const code = params.get('code');
  if (!code || !pending) {
    throw new SignInError('This sign-in has already been used or has run out of time. Please start again.');
  }
  if (params.get('state') !== pending.state) {
    throw new SignInError('This sign-in was not started from this browser tab. Please start again.');
  }

  const configRes = await fetch('/api/auth-config');
  if (!configRes.ok) throw new Error(`auth-config ${configRes.status}`);
  const config = (await configRes.json()) as AuthConfig;
  if (config.mode !== 'cognito') throw new SignInError('This version of Coproduce signs people in on its own page.');

  const res = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenRequestBody(config, { code, verifier: pending.verifier }),
  });
  if (!res.ok) throw new SignInError('The sign-in could not be finished. Please start again.');
  // Only the ID token is kept: it names the member's participant (custom:participantId) and the
  // roles, and the API accepts it. The refresh token is dropped: when the ID token expires, the
  // person signs in again (straight through while their Cognito session lasts).
  const { id_token: idToken } = (await res.json()) as { id_token: string };
  const user = userFromIdToken(idToken, config.clientId);
  const groups = user.groups.filter((g): g is Role => (roles as readonly string[]).includes(g));
  if (groups.length === 0) {
    throw new SignInError('Your account does not have a role in Coproduce yet. Ask your coordinator to give you one.', {
      href: logoutUrl(config),
      text: 'Sign out',
    });
  }
  saveSession(idToken, { ...user, groups }, logoutUrl(config));
  location.replace(safeNext(pending.next));
}

try {
  await finishSignIn();
} catch (err) {
  console.error(err);
  const known = err instanceof SignInError;
  byId('signed-in-status').replaceChildren();
  byId('sign-in-failed-reason').textContent = known
    ? err.message
    : 'Something went wrong while signing you in. Check your connection and try again.';
  const link = byId<HTMLAnchorElement>('sign-in-failed-link');
  if (known) {
    link.href = err.link.href;
    link.textContent = err.link.text;
  }
  const box = byId('sign-in-failed');
  box.hidden = false;
  box.focus();
}

import type { FieldIssue } from '../../../shared/kernel/errors.js';
import type { Role } from '../../../shared/kernel/names.js';
import type { AuthConfig } from '../lib/api-types.js';
import { api, clearErrors, renderHeader, saveSession, showErrors } from '../lib/app.js';
import { byId, fieldValue, issuesOf } from '../lib/dom.js';
import { authorizeUrl, codeChallenge, PENDING_SIGN_IN_KEY, randomToken, safeNext } from '../lib/pkce.js';

renderHeader();
const status = byId('sign-in-status');
const next = safeNext(new URLSearchParams(location.search).get('next'));

/** In AWS: Cognito's sign-in pages, authorization code flow with PKCE; /signed-in finishes it. */
function showCognitoSignIn(config: Extract<AuthConfig, { mode: 'cognito' }>) {
  byId('cognito-sign-in').hidden = false;
  let starting = false;
  byId('cognito-sign-in-button').addEventListener('click', async () => {
    if (starting) return;
    starting = true;
    const verifier = randomToken();
    const state = randomToken();
    sessionStorage.setItem(PENDING_SIGN_IN_KEY, JSON.stringify({ verifier, state, next }));
    location.assign(authorizeUrl(config, { state, challenge: await codeChallenge(verifier) }));
  });
  // Coming back with the browser's Back button restores this page as it was: allow another try.
  addEventListener('pageshow', () => {
    starting = false;
  });
}

/** In the local stack: choose a demo role; the local stack issues a token for it. */
function showLocalSignIn() {
  byId('local-sign-in').hidden = false;
  const form = byId<HTMLFormElement>('sign-in-form');
  const participantField = byId('participant-field');
  form.addEventListener('change', () => {
    participantField.hidden = fieldValue(form, 'role') !== 'member';
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const name = fieldValue(form, 'name').trim();
    const role = fieldValue(form, 'role') as Role;
    const participantId = fieldValue(form, 'participantId').trim();
    const issues: FieldIssue[] = [];
    if (!name) issues.push({ path: 'name', message: 'Enter your name.' });
    if (role === 'member' && !participantId)
      issues.push({ path: 'participantId', message: 'Enter your participant number.' });
    if (issues.length) {
      showErrors(form, issues);
      return;
    }
    try {
      const sub = `${role}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      const { token } = await api<{ token: string }>('POST', '/api/dev/token', {
        sub,
        groups: [role],
        ...(role === 'member' ? { participantId } : {}),
      });
      saveSession(token, { name, groups: [role], participantId: role === 'member' ? participantId : undefined });
      location.href = next;
    } catch (err) {
      showErrors(form, issuesOf(err) ?? [{ path: '', message: 'Sign-in did not work. Please try again.' }]);
    }
  });
}

try {
  // Not api(): this is public, and a stale token must not get in the way of signing in again.
  const res = await fetch('/api/auth-config');
  if (!res.ok) throw new Error(`auth-config ${res.status}`);
  const config = (await res.json()) as AuthConfig;
  status.replaceChildren();
  if (config.mode === 'cognito') showCognitoSignIn(config);
  else showLocalSignIn();
} catch (err) {
  console.error(err);
  status.className = 'panel notice';
  const retry = document.createElement('a');
  retry.href = location.href;
  retry.textContent = 'Try again';
  const p = document.createElement('p');
  p.append('We could not get the sign-in ready. Check your connection, then ', retry, '.');
  status.replaceChildren(p);
}

import { api, clearErrors, renderHeader, saveSession, showErrors } from '/assets/app.js';
import { authorizeUrl, codeChallenge, PENDING_SIGN_IN_KEY, randomToken, safeNext } from '/assets/pkce.js';

renderHeader();
const status = document.getElementById('sign-in-status');
const next = safeNext(new URLSearchParams(location.search).get('next'));

try {
  // Not api(): this is public, and a stale token must not get in the way of signing in again.
  const res = await fetch('/api/auth-config');
  if (!res.ok) throw new Error(`auth-config ${res.status}`);
  const config = await res.json();
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

/** In AWS: Cognito's sign-in pages, authorization code flow with PKCE; /signed-in finishes it. */
function showCognitoSignIn(config) {
  document.getElementById('cognito-sign-in').hidden = false;
  let starting = false;
  document.getElementById('cognito-sign-in-button').addEventListener('click', async () => {
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
  document.getElementById('local-sign-in').hidden = false;
  const form = document.getElementById('sign-in-form');
  const participantField = document.getElementById('participant-field');
  form.addEventListener('change', () => {
    participantField.hidden = form.role.value !== 'member';
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const name = form.name.value.trim();
    const role = form.role.value;
    const participantId = form.participantId.value.trim();
    const issues = [];
    if (!name) issues.push({ path: 'name', message: 'Enter your name.' });
    if (role === 'member' && !participantId)
      issues.push({ path: 'participantId', message: 'Enter your participant number.' });
    if (issues.length) return showErrors(form, issues);
    try {
      const sub = `${role}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      const { token } = await api('POST', '/api/dev/token', {
        sub,
        groups: [role],
        ...(role === 'member' ? { participantId } : {}),
      });
      saveSession(token, { name, groups: [role], participantId: role === 'member' ? participantId : undefined });
      location.href = next;
    } catch (err) {
      showErrors(form, err.body?.issues ?? [{ path: '', message: 'Sign-in did not work. Please try again.' }]);
    }
  });
}

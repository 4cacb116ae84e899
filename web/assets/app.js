// Shared page code: session, API calls, navigation, and accessible form errors.
// Plain ES modules, no build step; each page loads /assets/pages/<page>.js.

const TOKEN_KEY = 'coproduce.token';
const USER_KEY = 'coproduce.user';
/** Cognito's sign-out address for this session (none locally). */
const SIGN_OUT_KEY = 'coproduce.signOutUrl';

export function session() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const user = JSON.parse(sessionStorage.getItem(USER_KEY) || 'null');
  return token && user ? { token, ...user } : null;
}

/** Keep the token and who it is for; `signOutUrl` also ends a Cognito session when signing out. */
export function saveSession(token, user, signOutUrl) {
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  if (signOutUrl) sessionStorage.setItem(SIGN_OUT_KEY, signOutUrl);
  else sessionStorage.removeItem(SIGN_OUT_KEY);
}

/** Forget the session in this tab; returns Cognito's sign-out address if there was one. */
function clearSession() {
  const signOutUrl = sessionStorage.getItem(SIGN_OUT_KEY);
  for (const key of [TOKEN_KEY, USER_KEY, SIGN_OUT_KEY]) sessionStorage.removeItem(key);
  return signOutUrl;
}

/** Sign out here and, when signed in with Cognito, there too (it then comes back to /sign-in). */
export function signOut() {
  location.href = clearSession() || '/sign-in';
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `Request failed (${status})`);
    this.status = status;
    this.body = body;
  }
}

/** Call the API with the signed-in user's token. Throws ApiError for non-2xx answers. */
export async function api(method, path, body, extraHeaders = {}) {
  const s = session();
  const res = await fetch(path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(s ? { authorization: `Bearer ${s.token}` } : {}),
      ...extraHeaders,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.status === 401) {
    // The token expired (or is not valid here): sign in again and come back. Not signOut(): a
    // Cognito session that is still open lets the person straight back in without their password.
    clearSession();
    location.href = `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;
    throw new ApiError(401, json);
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

/**
 * Send a form's request with an Idempotency-Key kept on the form, so a double click, or a retry
 * after a timeout or a server error, replays the first request instead of creating a second thing.
 * A refusal (4xx) clears the key: the corrected form is a new request.
 */
export async function sendOnce(form, method, path, body) {
  const key = form.dataset.idempotencyKey || crypto.randomUUID();
  form.dataset.idempotencyKey = key;
  try {
    return await api(method, path, body, { 'idempotency-key': key });
  } catch (err) {
    if (err.status >= 400 && err.status < 500) delete form.dataset.idempotencyKey;
    throw err;
  }
}

const NAV = [
  { href: '/', text: 'Home', roles: ['coordinator', 'finance', 'governance', 'member'] },
  { href: '/participants', text: 'Participants', roles: ['coordinator'] },
  { href: '/participants/new', text: 'Recruit someone', roles: ['coordinator'] },
  { href: '/forums', text: 'Forums', roles: ['coordinator'] },
  { href: '/payments/held', text: 'Held payments', roles: ['coordinator'] },
  { href: '/decisions', text: 'Decisions', roles: ['coordinator', 'member'] },
  { href: '/finance', text: 'Payments to make', roles: ['finance'] },
  { href: '/my-sessions', text: 'My sessions', roles: ['member'] },
  { href: '/my-payments', text: 'My payments', roles: ['member'] },
  { href: '/my-surveys', text: 'My surveys', roles: ['member'] },
  { href: '/governance', text: 'Decision log', roles: ['governance'] },
  { href: '/feedback/queue', text: 'Feedback to answer', roles: ['coordinator'] },
  { href: '/feedback/board', text: 'What you have said', roles: ['member'] },
  { href: '/report', text: 'Co-production report', roles: ['governance', 'coordinator'] },
  { href: '/surveys', text: 'Surveys', roles: ['coordinator', 'governance'] },
  { href: '/evaluation', text: 'Evaluation', roles: ['governance', 'coordinator'] },
  { href: '/evaluation/record', text: 'Record staff practice', roles: ['coordinator'] },
  { href: '/my-ladder', text: 'How did it feel?', roles: ['member'] },
  { href: '/mailbox', text: 'Mailbox (local)', roles: ['coordinator'] },
];

/** Fill the header: navigation for the signed-in role, who is signed in, and a sign-out button. */
export function renderHeader() {
  const header = document.querySelector('header.site');
  if (!header) return;
  if (!header.querySelector('nav')) {
    const brand = el('a', { class: 'brand', href: '/', text: 'Coproduce' });
    const navEl = el('nav', { 'aria-label': 'Main' }, el('ul'));
    header.append(brand, el('p', { class: 'who' }), navEl);
  }
  const nav = header.querySelector('nav ul');
  const who = header.querySelector('.who');
  const s = session();
  nav.replaceChildren();
  const links = s ? NAV.filter((l) => l.roles.some((r) => s.groups.includes(r))) : [];
  for (const l of links) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = l.href;
    a.textContent = l.text;
    if (location.pathname === l.href) a.setAttribute('aria-current', 'page');
    li.append(a);
    nav.append(li);
  }
  who.replaceChildren();
  if (s) {
    who.append(`Signed in as ${s.name} (${s.groups.join(', ')}). `);
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.textContent = 'Sign out';
    b.addEventListener('click', signOut);
    who.append(b);
  } else {
    const a = document.createElement('a');
    a.href = '/sign-in';
    a.textContent = 'Sign in';
    who.append(a);
  }
}

/** Send people who are not signed in (or lack the role) to the sign-in page. Returns the session. */
export function requireRole(...roles) {
  renderHeader();
  const s = session();
  if (!s || (roles.length && !roles.some((r) => s.groups.includes(r)))) {
    location.href = `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;
    return null;
  }
  return s;
}

/** Remove every error message and summary from a form. */
export function clearErrors(form) {
  for (const e of form.querySelectorAll('.error-message')) e.remove();
  for (const e of form.querySelectorAll('.has-error')) e.classList.remove('has-error');
  form.querySelectorAll('[aria-invalid]').forEach((e) => {
    e.removeAttribute('aria-invalid');
    const ids = (e.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.startsWith('err-'));
    if (ids.length) e.setAttribute('aria-describedby', ids.join(' '));
    else e.removeAttribute('aria-describedby');
  });
  document.querySelector('.error-summary')?.remove();
}

/**
 * Show API validation issues next to their fields and in a summary at the top that takes focus
 * (so screen readers announce it). Fields are found by data-path (the API's dot path); an issue
 * whose path has no field is listed in the summary only. Returns how many issues were shown.
 */
export function showErrors(form, issues) {
  clearErrors(form);
  const summary = document.createElement('div');
  summary.className = 'error-summary';
  summary.setAttribute('role', 'alert');
  summary.tabIndex = -1;
  const h = document.createElement('h2');
  h.textContent = 'There is a problem';
  const ul = document.createElement('ul');
  summary.append(h, ul);
  for (const [i, issue] of issues.entries()) {
    const field = findField(form, issue.path);
    const li = document.createElement('li');
    if (field) {
      const input = field.matches('input,select,textarea') ? field : field.querySelector('input,select,textarea');
      const wrapper = field.closest('.field') || field;
      wrapper.classList.add('has-error');
      const msg = document.createElement('span');
      msg.className = 'error-message';
      msg.id = `err-${i}`;
      msg.textContent = issue.message;
      const label = wrapper.querySelector('label, legend, .label');
      // A checkbox's label sits beside it in a .choice row: put the message above the row instead.
      const choiceRow = label?.parentElement?.classList.contains('choice') ? label.parentElement : null;
      if (choiceRow) choiceRow.before(msg);
      else (label ?? wrapper.firstChild)?.after?.(msg);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        const describedBy = input.getAttribute('aria-describedby');
        input.setAttribute('aria-describedby', [describedBy, msg.id].filter(Boolean).join(' '));
        if (!input.id) input.id = `field-${i}`;
        const a = document.createElement('a');
        a.href = `#${input.id}`;
        a.textContent = issue.message;
        li.append(a);
      } else li.textContent = issue.message;
    } else {
      // No field on this page for it: the message alone (a dot path means nothing to the person).
      li.textContent = issue.message;
    }
    ul.append(li);
  }
  form.prepend(summary);
  summary.focus();
  return issues.length;
}

function findField(form, path) {
  if (!path) return null;
  const parts = path.split('.');
  // Most specific first: "benefits.0.scheme" → "benefits.0.scheme", "benefits.0", "benefits".
  for (let n = parts.length; n > 0; n--) {
    const p = parts.slice(0, n).join('.');
    const el = form.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el) return el;
  }
  return null;
}

/** Show a message in a live region (created once per page). */
export function announce(text, kind = 'success') {
  let region = document.getElementById('status-message');
  if (!region) {
    region = document.createElement('div');
    region.id = 'status-message';
    region.setAttribute('role', 'status');
    document.querySelector('main')?.prepend(region);
  }
  region.className = `panel ${kind}`;
  region.textContent = text;
}

/**
 * Tell screen-reader users what changed (e.g. "12 decisions shown") without reading out a whole
 * redrawn table: one visually hidden status region per page. Lists themselves are not live regions.
 */
export function announceToScreenReader(text) {
  let region = document.getElementById('sr-status');
  if (!region) {
    region = document.createElement('div');
    region.id = 'sr-status';
    region.className = 'visually-hidden';
    region.setAttribute('role', 'status');
    document.body.append(region);
  }
  region.textContent = '';
  // A fresh text node after clearing makes screen readers announce a repeat of the same words.
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** Text helpers. */
export const money = (minor, currency) =>
  new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(minor / 100);
export const when = (iso) =>
  new Intl.DateTimeFormat('en-IE', { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.filter((c) => c !== undefined && c !== null));
  return e;
}

/**
 * Shared page code, typed: the session, API calls, navigation, accessible form errors and text
 * helpers. Every page in web/src/pages imports from here (esbuild bundles it into each page).
 */
import type { FieldIssue } from '../../../shared/kernel/errors.js';
import { formatMoney } from '../../../shared/kernel/money-format.js';
import type { Currency, Role } from '../../../shared/kernel/names.js';
import { roleWords } from '../../../shared/kernel/words.js';

const TOKEN_KEY = 'coproduce.token';
const USER_KEY = 'coproduce.user';
/** Cognito's sign-out address for this session (none locally). */
const SIGN_OUT_KEY = 'coproduce.signOutUrl';

/** Who is signed in, as the pages keep it: the name to show, the role groups, a member's participant number. */
export type User = { name: string; groups: Role[]; participantId?: string };
export type Session = User & { token: string };

export function session(): Session | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  let user: User | null = null;
  try {
    user = JSON.parse(sessionStorage.getItem(USER_KEY) || 'null') as User | null;
  } catch {
    user = null;
  }
  return token && user ? { token, ...user, groups: Array.isArray(user.groups) ? user.groups : [] } : null;
}

/** Keep the token and who it is for; `signOutUrl` also ends a Cognito session when signing out. */
export function saveSession(token: string, user: User, signOutUrl?: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  if (signOutUrl) sessionStorage.setItem(SIGN_OUT_KEY, signOutUrl);
  else sessionStorage.removeItem(SIGN_OUT_KEY);
}

/** Forget the session in this tab; returns Cognito's sign-out address if there was one. */
function clearSession(): string | null {
  const signOutUrl = sessionStorage.getItem(SIGN_OUT_KEY);
  for (const key of [TOKEN_KEY, USER_KEY, SIGN_OUT_KEY]) sessionStorage.removeItem(key);
  return signOutUrl;
}

/** Sign out here and, when signed in with Cognito, there too (it then comes back to /sign-in). */
export function signOut(): void {
  location.href = clearSession() || '/sign-in';
}

/** What the API answers when it refuses: a message, and for a 400 the fields at fault. */
export type ApiErrorBody = { error?: string; message?: string; issues?: FieldIssue[] } & Record<string, unknown>;

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody | undefined;
  constructor(status: number, body: ApiErrorBody | undefined) {
    super(body?.message || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

/**
 * Call the API with the signed-in user's token. Throws ApiError for non-2xx answers. `T` is the
 * answer's type (from the route's response schema); the caller names it, nothing checks it here.
 */
export async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
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
  let json: unknown;
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
    throw new ApiError(401, json as ApiErrorBody | undefined);
  }
  if (!res.ok) throw new ApiError(res.status, json as ApiErrorBody | undefined);
  return json as T;
}

/**
 * Send a form's request with an Idempotency-Key kept on the form, so a double click, or a retry
 * after a timeout or a server error, replays the first request instead of creating a second thing.
 * A refusal (4xx) clears the key: the corrected form is a new request.
 */
export async function sendOnce<T = unknown>(
  form: HTMLElement,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const key = form.dataset.idempotencyKey || crypto.randomUUID();
  form.dataset.idempotencyKey = key;
  try {
    return await api<T>(method, path, body, { 'idempotency-key': key });
  } catch (err) {
    if (err instanceof ApiError && err.status >= 400 && err.status < 500) delete form.dataset.idempotencyKey;
    throw err;
  }
}

/** The main navigation: which links each role sees. */
export const NAV: readonly { href: string; text: string; roles: readonly Role[] }[] = [
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
export function renderHeader(): void {
  const header = document.querySelector<HTMLElement>('header.site');
  if (!header) return;
  if (!header.querySelector('nav')) {
    const brand = el('a', { class: 'brand', href: '/', text: 'Coproduce' });
    const navEl = el('nav', { 'aria-label': 'Main' }, el('ul'));
    header.append(brand, el('p', { class: 'who' }), navEl);
  }
  const nav = header.querySelector('nav ul');
  const who = header.querySelector('.who');
  if (!nav || !who) return;
  const s = session();
  nav.replaceChildren();
  const links = s ? NAV.filter((l) => l.roles.some((r) => s.groups.includes(r))) : [];
  for (const l of links) {
    const a = el('a', {
      href: l.href,
      text: l.text,
      'aria-current': location.pathname === l.href ? 'page' : undefined,
    });
    nav.append(el('li', {}, a));
  }
  who.replaceChildren();
  if (s) {
    who.append(`Signed in as ${s.name} (${s.groups.map((g) => (roleWords[g] ?? g).toLowerCase()).join(', ')}). `);
    const b = el('button', { type: 'button', class: 'secondary', text: 'Sign out' });
    b.addEventListener('click', signOut);
    who.append(b);
  } else {
    who.append(el('a', { href: '/sign-in', text: 'Sign in' }));
  }
}

/** Send people who are not signed in (or lack the role) to the sign-in page. Returns the session. */
export function requireRole(...roles: Role[]): Session | null {
  renderHeader();
  const s = session();
  if (!s || (roles.length && !roles.some((r) => s.groups.includes(r)))) {
    location.href = `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;
    return null;
  }
  return s;
}

/** Remove every error message and summary from a form. */
export function clearErrors(form: ParentNode): void {
  for (const e of form.querySelectorAll('.error-message')) e.remove();
  for (const e of form.querySelectorAll('.has-error')) e.classList.remove('has-error');
  for (const e of form.querySelectorAll('[aria-invalid]')) {
    e.removeAttribute('aria-invalid');
    const ids = (e.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.startsWith('err-'));
    if (ids.length) e.setAttribute('aria-describedby', ids.join(' '));
    else e.removeAttribute('aria-describedby');
  }
  document.querySelector('.error-summary')?.remove();
}

let errorRuns = 0;

/**
 * Show API validation issues next to their fields and in a summary at the top that takes focus
 * (so screen readers announce it). Fields are found by data-path (the API's dot path); an issue
 * whose path has no field is listed in the summary only. Returns how many issues were shown.
 */
export function showErrors(form: HTMLElement, issues: readonly FieldIssue[]): number {
  clearErrors(form);
  // Unique on the page: a page with several forms may show errors in more than one.
  const run = ++errorRuns;
  const ul = el('ul');
  const summary = el('div', { class: 'error-summary', role: 'alert' }, el('h2', { text: 'There is a problem' }), ul);
  summary.tabIndex = -1;
  for (const [i, issue] of issues.entries()) {
    const field = findField(form, issue.path);
    const li = el('li');
    if (field) {
      const input = field.matches('input,select,textarea')
        ? field
        : field.querySelector<HTMLElement>('input,select,textarea');
      const wrapper = field.closest<HTMLElement>('.field') || field;
      wrapper.classList.add('has-error');
      const msg = el('span', { class: 'error-message', id: `err-${run}-${i}`, text: issue.message });
      const label = wrapper.querySelector('label, legend, .label');
      // A checkbox's label sits beside it in a .choice row: put the message above the row instead.
      const choiceRow = label?.parentElement?.classList.contains('choice') ? label.parentElement : null;
      if (choiceRow) choiceRow.before(msg);
      else if (label) label.after(msg);
      else if (wrapper.firstChild) wrapper.firstChild.after(msg);
      else wrapper.prepend(msg);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        const describedBy = input.getAttribute('aria-describedby');
        input.setAttribute('aria-describedby', [describedBy, msg.id].filter(Boolean).join(' '));
        if (!input.id) input.id = `field-${run}-${i}`;
        li.append(el('a', { href: `#${input.id}`, text: issue.message }));
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

function findField(form: ParentNode, path: string | undefined): HTMLElement | null {
  if (!path) return null;
  const parts = path.split('.');
  // Most specific first: "benefits.0.scheme" → "benefits.0.scheme", "benefits.0", "benefits".
  for (let n = parts.length; n > 0; n--) {
    const p = parts.slice(0, n).join('.');
    const found = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`);
    if (found) return found;
  }
  return null;
}

/** Show a message in a live region (created once per page). */
export function announce(text: string, kind: 'success' | 'notice' | 'warning' | 'error' | 'info' = 'success'): void {
  let region = document.getElementById('status-message');
  if (!region) {
    region = el('div', { id: 'status-message', role: 'status' });
    document.querySelector('main')?.prepend(region);
  }
  region.className = `panel ${kind}`;
  region.textContent = text;
}

/**
 * Tell screen-reader users what changed (e.g. "12 decisions shown") without reading out a whole
 * redrawn table: one visually hidden status region per page. Lists themselves are not live regions.
 */
export function announceToScreenReader(text: string): void {
  let region = document.getElementById('sr-status');
  if (!region) {
    region = el('div', { id: 'sr-status', class: 'visually-hidden', role: 'status' });
    document.body.append(region);
  }
  const r = region;
  r.textContent = '';
  // A fresh text node after clearing makes screen readers announce a repeat of the same words.
  setTimeout(() => {
    r.textContent = text;
  }, 50);
}

/** "€30.00", "£23.50": the server's own formatting (shared/kernel/money-format.ts). */
export const money = (minor: number, currency: Currency | string): string => formatMoney(minor, currency as Currency);

/** "Monday 2 March 2026 at 18:00" in the browser's zone; pages about a forum pass its zone to shared/kernel/time instead. */
export const when = (iso: string | number | Date): string =>
  new Intl.DateTimeFormat('en-IE', { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));

type Attr = string | number | boolean | null | undefined;
type Child = Node | string | null | undefined;

/**
 * Make an element: `text` sets its text; any other attribute is set as given (`true` → present and
 * empty; `false`, null and undefined → left out). Children may be nodes or strings.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, Attr>,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Record<string, Attr>, ...children: Child[]): HTMLElement;
export function el(tag: string, attrs: Record<string, Attr> = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  e.append(...children.filter((c): c is Node | string => c !== undefined && c !== null));
  return e;
}

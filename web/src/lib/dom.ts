/** Small typed helpers the pages share: finding elements, reading form fields, tables, lists, downloads. */

import { describeDate } from '../../../shared/forums/domain/time.js';
import type { Page } from './api-types.js';
import { ApiError, api, el, session } from './app.js';

/** The element with this id (the page's HTML has it; a missing one is a bug worth an error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} is missing from the page`);
  return e as T;
}

/** A named control of a form (input, select or textarea). */
export function control<T extends HTMLElement = HTMLInputElement>(form: HTMLFormElement, name: string): T {
  const e = form.elements.namedItem(name);
  if (!e || e instanceof RadioNodeList) {
    // A radio group: the first of its inputs stands for it (its `value` is read with radioValue).
    const first = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!first) throw new Error(`field ${name} is missing from the form`);
    return first as T;
  }
  return e as T;
}

/** The value of a named field; for a radio group, the chosen value ('' when none is chosen). */
export function fieldValue(form: HTMLFormElement, name: string): string {
  const e = form.elements.namedItem(name);
  if (e instanceof RadioNodeList) return e.value;
  if (e && 'value' in e) return String((e as HTMLInputElement).value);
  return '';
}

export function setFieldValue(form: HTMLFormElement, name: string, value: string): void {
  control<HTMLInputElement>(form, name).value = value;
}

export const isChecked = (form: HTMLFormElement, name: string) => control<HTMLInputElement>(form, name).checked;

/** The values of the ticked checkboxes with this name. */
export const checkedValues = (root: ParentNode, name: string): string[] =>
  [...root.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(name)}"]:checked`)].map((i) => i.value);

/**
 * A labelled form field: `<div class="field" data-path>` (where showErrors puts the message for that
 * path) with its label, an optional hint the control is described by, and the control. The control
 * keeps its id, or gets one from the path.
 */
export function field(
  path: string,
  label: string | (string | Node)[],
  control: HTMLElement,
  hint?: string,
): HTMLElement {
  if (!control.id) control.id = `f-${path.replace(/\W/g, '-')}`;
  const id = control.id;
  const wrap = el(
    'div',
    { class: 'field', 'data-path': path || undefined },
    el('label', { for: id }, ...[label].flat()),
  );
  if (hint) {
    wrap.append(el('span', { class: 'hint', id: `${id}-hint`, text: hint }));
    control.setAttribute('aria-describedby', `${id}-hint`);
  }
  wrap.append(control);
  return wrap;
}

export type Cell = string | Node;

/**
 * A table with a caption, column headers with scope, and rows of cells (strings or nodes), in a
 * region of its own that scrolls sideways when the table is wider than the screen, so the page
 * never does (WCAG 1.4.10: a data table may scroll in two dimensions, the page may not). The region
 * is named by the caption and can take focus, so it scrolls by keyboard too.
 */
export function table(
  caption: string,
  headers: readonly string[],
  rows: readonly Cell[][],
  opts: { rowHeader?: number } = {},
): HTMLElement {
  const t = el(
    'table',
    {},
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, ...rows.map((cells) => row(cells, opts.rowHeader))),
  );
  return el('div', { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: '0' }, t);
}

/** One row of cells; the cell at `rowHeader` (if given) heads its row (`th scope=row`). */
export const row = (cells: readonly Cell[], rowHeader?: number): HTMLTableRowElement =>
  el(
    'tr',
    {},
    ...cells.map((c, i) => {
      const tag = i === rowHeader ? 'th' : 'td';
      const attrs = i === rowHeader ? { scope: 'row' } : {};
      return typeof c === 'string' ? el(tag, { ...attrs, text: c }) : el(tag, attrs, c);
    }),
  );

/** A definition list of facts (`dl.summary`). */
export function facts(rows: readonly [string, Cell][]): HTMLDListElement {
  const dl = el('dl', { class: 'summary' });
  for (const [k, v] of rows)
    dl.append(el('dt', { text: k }), typeof v === 'string' ? el('dd', { text: v }) : el('dd', {}, v));
  return dl;
}

/** Every page of a list route, following the cursor (at most `maxPages`). */
export async function allPages<T>(path: string, params: Record<string, string> = {}, maxPages = 50): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null | undefined = null;
  for (let i = 0; i < maxPages; i++) {
    const q = new URLSearchParams({ ...params, ...(cursor ? { cursor } : {}) });
    const page: Page<T> = await api<Page<T>>('GET', `${path}?${q}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** Hand the browser a file to save. */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A download that needs the sign-in token: fetched with it, then saved. Throws on a refusal. */
export async function fetchWithToken(path: string): Promise<Response> {
  const s = session();
  const res = await fetch(path, { headers: s ? { authorization: `Bearer ${s.token}` } : {} });
  if (!res.ok) {
    const body = await res.json().catch(() => undefined);
    throw new ApiError(res.status, body);
  }
  return res;
}

/** The status of an error thrown by api() (0 for anything else, such as a network failure). */
export const statusOf = (err: unknown): number => (err instanceof ApiError ? err.status : 0);
/** The API's message for a refusal, or the fallback. */
export const messageOf = (err: unknown, fallback: string): string =>
  (err instanceof ApiError ? err.body?.message : undefined) || fallback;
/** The API's field issues for a 400, if any. */
export const issuesOf = (err: unknown) =>
  err instanceof ApiError && err.status === 400 && Array.isArray(err.body?.issues) ? err.body.issues : undefined;

/** "1 January 2027" for a calendar date (`YYYY-MM-DD`): the same in every time zone, as the messages say it. */
export const longDate = describeDate;
/** "Monday 2 March 2026" for a calendar date. */
export const fullDate = (date: string): string =>
  new Intl.DateTimeFormat('en-IE', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
/** "2 Mar 2026" for a calendar date. */
export const shortDate = (date: string | null | undefined): string =>
  date
    ? new Intl.DateTimeFormat('en-IE', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`))
    : '';

/** "Participant number ending 7QXZ": a long id shortened to what people can read out. */
export const shortId = (id: string): string => id.slice(-4).toUpperCase();

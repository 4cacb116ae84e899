/**
 * A date as three fields, day, month and year, in that order for everyone: a browser's date picker
 * follows the browser's locale (month first in US English), which misleads people in Ireland and
 * the UK. Reads what was typed as `YYYY-MM-DD`, or says which part is wrong.
 */
import { el } from './app.js';

export type DateRead = { date: string } | { problem: string; part: 'day' | 'month' | 'year' };

const pad = (n: number) => String(n).padStart(2, '0');

export function readDateParts(day: string, month: string, year: string): DateRead {
  const [d, m, y] = [day, month, year].map((v) => v.trim());
  if (!d && !m && !y) return { problem: 'Enter the date.', part: 'day' };
  if (!/^\d{1,2}$/.test(d ?? '')) return { problem: 'Enter the day as a number, for example 2.', part: 'day' };
  if (!/^\d{1,2}$/.test(m ?? '') || Number(m) < 1 || Number(m) > 12)
    return { problem: 'Enter the month as a number from 1 to 12.', part: 'month' };
  if (!/^\d{4}$/.test(y ?? '')) return { problem: 'Enter the year with 4 digits, for example 2026.', part: 'year' };
  const date = `${y}-${pad(Number(m))}-${pad(Number(d))}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date)
    return { problem: 'That date does not exist. Check the day and the month.', part: 'day' };
  return { date };
}

/** `YYYY-MM-DD` → the three field values. */
export const dateToParts = (date: string) => {
  const [y = '', m = '', d = ''] = date.split('-');
  return { day: String(Number(d) || ''), month: String(Number(m) || ''), year: y };
};

/** The three inputs, labelled Day, Month and Year, for a fieldset whose legend names the date. */
export function datePartInputs(idPrefix: string, value = '', describedBy?: string): HTMLElement {
  const parts = dateToParts(value);
  const input = (part: 'day' | 'month' | 'year', label: string, width: string) =>
    el(
      'div',
      { class: `date-part date-${part}` },
      el('label', { for: `${idPrefix}-${part}`, text: label }),
      el('input', {
        type: 'text',
        inputmode: 'numeric',
        id: `${idPrefix}-${part}`,
        name: `${idPrefix}-${part}`,
        class: width,
        autocomplete: 'off',
        value: value ? parts[part] : undefined,
        'aria-describedby': describedBy,
      }),
    );
  return el(
    'div',
    { class: 'date-parts' },
    input('day', 'Day', 'w2'),
    input('month', 'Month', 'w2'),
    input('year', 'Year', 'w4'),
  );
}

/** Reads the three inputs made by datePartInputs. */
export function readDateInputs(root: ParentNode, idPrefix: string): DateRead {
  const v = (part: string) => root.querySelector<HTMLInputElement>(`#${idPrefix}-${part}`)?.value ?? '';
  return readDateParts(v('day'), v('month'), v('year'));
}

const FORMAT_HINT = 'Day, month and year, for example 2 3 2026.';

/**
 * Turns each `<input type="date">` under `root` (in its `.field` with a `<label>`) into day, month
 * and year fields in a fieldset named by the label, keeping the original input as a hidden field of
 * the same name that holds `YYYY-MM-DD` (or '' while the parts do not make a date), so the page reads
 * it as before. The fieldset keeps the field's `data-path`, so the API's errors still land there.
 */
export function upgradeDateInputs(root: ParentNode = document): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[type=date]')) {
    const wrapper = input.closest<HTMLElement>('.field');
    const label = wrapper?.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(input.id)}"]`);
    if (!wrapper || !label || !input.id) continue;
    const fieldset = el('fieldset', { class: 'field date-field', 'data-path': wrapper.dataset.path });
    const formatId = `${input.id}-format`;
    const describedBy = [input.getAttribute('aria-describedby'), formatId].filter(Boolean).join(' ');
    fieldset.append(el('legend', { text: label.textContent ?? '' }));
    for (const hint of wrapper.querySelectorAll('.hint')) fieldset.append(hint);
    fieldset.append(el('span', { class: 'hint', id: formatId, text: FORMAT_HINT }));
    const parts = datePartInputs(input.id, input.value, describedBy);
    fieldset.append(parts);
    wrapper.replaceWith(fieldset);
    input.type = 'hidden';
    input.removeAttribute('aria-describedby');
    input.removeAttribute('required');
    fieldset.append(input);
    const sync = () => {
      const r = readDateInputs(fieldset, input.id);
      input.value = 'date' in r ? r.date : '';
    };
    parts.addEventListener('input', sync);
    // A form reset clears the parts; the hidden field follows once the reset has happened.
    fieldset.closest('form')?.addEventListener('reset', () => setTimeout(sync, 0));
  }
}

/** Sets an upgraded date field (and its parts) by the hidden field's name. */
export function setDateField(form: HTMLFormElement, name: string, date: string): void {
  const hidden = form.querySelector<HTMLInputElement>(`input[type=hidden][name="${CSS.escape(name)}"]`);
  if (!hidden) return;
  hidden.value = date;
  const p = dateToParts(date);
  for (const part of ['day', 'month', 'year'] as const) {
    const i = form.querySelector<HTMLInputElement>(`#${CSS.escape(hidden.id)}-${part}`);
    if (i) i.value = p[part];
  }
}

/** What is wrong with each upgraded date field where something was typed, for showErrors. */
export function dateProblems(form: HTMLFormElement): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const fs of form.querySelectorAll<HTMLElement>('fieldset.date-field')) {
    const hidden = fs.querySelector<HTMLInputElement>('input[type=hidden]');
    if (!hidden) continue;
    const typed = ['day', 'month', 'year'].some(
      (p) => (fs.querySelector<HTMLInputElement>(`#${CSS.escape(hidden.id)}-${p}`)?.value ?? '').trim() !== '',
    );
    const r = readDateInputs(fs, hidden.id);
    if (typed && 'problem' in r) out.push({ path: fs.dataset.path ?? '', message: r.problem });
  }
  return out;
}

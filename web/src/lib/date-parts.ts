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

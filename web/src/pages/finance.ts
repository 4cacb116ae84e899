import type { FinancePaymentView, IssuedMany } from '../lib/api-types.js';
import {
  announce,
  announceToScreenReader,
  api,
  clearErrors,
  el,
  money,
  requireRole,
  sendOnce,
  showErrors,
} from '../lib/app.js';
import { dateProblems, setDateField, upgradeDateInputs } from '../lib/date-parts.js';
import {
  allPages,
  byId,
  fetchWithToken,
  fieldValue,
  isChecked,
  issuesOf,
  messageOf,
  saveFile,
  setFieldValue,
  shortDate,
  table,
} from '../lib/dom.js';
import { issuedSummary, totalsByCurrency } from '../lib/finance.js';

type P = FinancePaymentView;
const all = (status: string) => allPages<P>('/api/payments', { status, limit: '100' });
const describe = (p: P) =>
  `${p.payeeReference}, session on ${shortDate(p.sessionDate)}, ${money(p.totalMinor ?? 0, p.currency)}`;

let toPay: P[] = [];

/** The list of payments to make, each with a box to select it; the bulk form acts on the selected ones. */
function dueTable(items: P[]): HTMLElement {
  const t = table(
    'Payments waiting to be made, earliest first',
    ['Select', 'Payee reference', 'Session date', 'Pay by', 'Fee', 'Expenses', 'Total', 'Duplicate check reference'],
    items.map((p) => [
      el(
        'span',
        { class: 'choice' },
        el('input', { type: 'checkbox', id: `select-${p.paymentId}`, name: 'paymentIds', value: p.paymentId }),
        el(
          'label',
          { for: `select-${p.paymentId}` },
          el('span', { class: 'visually-hidden', text: `Select ${describe(p)}` }),
        ),
      ),
      p.payeeReference,
      shortDate(p.sessionDate),
      shortDate(p.payableOn),
      p.feeMinor === null ? '–' : `${money(p.feeMinor, p.currency)}${p.feeTo === 'charity' ? ' (to a charity)' : ''}`,
      money(p.expensesMinor, p.currency),
      money(p.totalMinor ?? 0, p.currency),
      el('code', { text: p.paymentIdempotencyKey }),
    ]),
    { rowHeader: 1 },
  );
  t.querySelector('table')?.classList.add('finance');
  return t;
}

const selected = () =>
  [...document.querySelectorAll<HTMLInputElement>('#due-list input[name=paymentIds]:checked')].map((i) => i.value);

function showSelection() {
  const ids = new Set(selected());
  const chosen = toPay.filter((p) => ids.has(p.paymentId));
  byId('selection').textContent = chosen.length
    ? `Selected: ${totalsByCurrency(chosen).join('; ')}.`
    : 'No payments selected yet.';
}

function renderFailOptions() {
  const select = byId<HTMLSelectElement>('fail-payment');
  select.replaceChildren(
    el('option', { value: '', text: 'Choose a payment' }),
    ...toPay.map((p) => el('option', { value: p.paymentId, text: describe(p) })),
  );
}

async function load() {
  const dueList = byId('due-list');
  const failedList = byId('failed-list');
  const [due, declined, failed] = await Promise.all([all('due'), all('declined'), all('failed')]);
  toPay = [...due, ...declined.filter((p) => p.awaitingFinance)].sort((a, b) =>
    (a.payableOn ?? '').localeCompare(b.payableOn ?? ''),
  );
  byId('totals').textContent = toPay.length ? `To pay: ${totalsByCurrency(toPay).join('; ')}.` : '';
  byId('bulk-section').hidden = toPay.length === 0;
  dueList.replaceChildren(
    toPay.length ? dueTable(toPay) : el('p', { text: 'There are no payments waiting to be made.' }),
  );
  renderFailOptions();
  showSelection();
  failedList.replaceChildren(
    ...(failed.length
      ? [
          el('h2', { text: 'Payments that could not be made' }),
          table(
            'Payments that failed',
            ['Payee reference', 'Session date', 'Total', 'Why'],
            failed.map((p) => [
              p.payeeReference,
              shortDate(p.sessionDate),
              money(p.totalMinor ?? 0, p.currency),
              p.failureReason ?? '',
            ]),
          ),
        ]
      : []),
  );
}

function setUpBulk() {
  const form = byId<HTMLFormElement>('bulk-form');
  const dueList = byId('due-list');
  dueList.addEventListener('change', showSelection);
  byId('select-all').addEventListener('click', () => {
    const boxes = [...dueList.querySelectorAll<HTMLInputElement>('input[name=paymentIds]')];
    const allOn = boxes.every((b) => b.checked);
    for (const b of boxes) b.checked = !allOn;
    showSelection();
    announceToScreenReader(allOn ? 'No payments selected.' : `All ${boxes.length} payments selected.`);
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const financeRef = fieldValue(form, 'financeRef').trim();
    const paymentIds = selected();
    const issues = [];
    if (!paymentIds.length) issues.push({ path: 'paymentIds', message: 'Select the payments you have paid.' });
    if (!financeRef) issues.push({ path: 'financeRef', message: 'Enter the reference from your finance system.' });
    if (issues.length) {
      showErrors(form, issues);
      return;
    }
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    button.disabled = true;
    try {
      const r = await sendOnce<IssuedMany>(form, 'POST', '/api/payments/issued', { paymentIds, financeRef });
      delete form.dataset.idempotencyKey;
      const names = new Map(toPay.map((p) => [p.paymentId, p.payeeReference]));
      const refused = r.items.some((i) => i.status === 'refused');
      setFieldValue(form, 'financeRef', '');
      await load();
      announce(
        issuedSummary(r, financeRef, (id) => names.get(id) ?? 'A payment'),
        refused ? 'notice' : 'success',
      );
      // The rows that had focus are gone: carry on from the list just updated (WCAG 2.4.3).
      byId('due-heading').focus();
    } catch (err) {
      showErrors(
        form,
        issuesOf(err) ?? [{ path: '', message: messageOf(err, 'Saving did not work. Please try again.') }],
      );
    } finally {
      button.disabled = false;
    }
  });
}

function setUpFail() {
  const form = byId<HTMLFormElement>('fail-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const paymentId = fieldValue(form, 'paymentId');
    const reason = fieldValue(form, 'reason').trim();
    const issues = [];
    if (!paymentId) issues.push({ path: 'paymentId', message: 'Choose the payment that could not be made.' });
    if (!reason) issues.push({ path: 'reason', message: 'Say why the payment could not be made.' });
    if (issues.length) {
      showErrors(form, issues);
      return;
    }
    const p = toPay.find((x) => x.paymentId === paymentId);
    try {
      await api('POST', `/api/payments/${encodeURIComponent(paymentId)}/failed`, { reason });
      form.reset();
      await load();
      announce(`${p?.payeeReference ?? 'The payment'}: marked as failed.`, 'notice');
      byId('due-heading').focus();
    } catch (err) {
      showErrors(
        form,
        issuesOf(err) ?? [{ path: '', message: messageOf(err, 'Saving did not work. Please try again.') }],
      );
    }
  });
}

function setUpExport() {
  const form = byId<HTMLFormElement>('export-form');
  upgradeDateInputs(form);
  const today = new Date().toISOString().slice(0, 10);
  setDateField(form, 'from', `${today.slice(0, 8)}01`);
  setDateField(form, 'to', today);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const wrong = dateProblems(form);
    if (wrong.length) {
      showErrors(form, wrong);
      return;
    }
    const from = fieldValue(form, 'from');
    const to = fieldValue(form, 'to');
    const params = new URLSearchParams({ from, to, ...(isChecked(form, 'bom') ? {} : { bom: 'false' }) });
    try {
      const res = await fetchWithToken(`/api/finance/export.csv?${params}`);
      saveFile(`coproduce-payments-${from}-to-${to}.csv`, await res.blob());
      announce('The spreadsheet has been downloaded.');
    } catch (err) {
      showErrors(form, issuesOf(err) ?? [{ path: '', message: 'The download did not work. Please try again.' }]);
    }
  });
}

if (requireRole('finance')) {
  setUpExport();
  setUpBulk();
  setUpFail();
  load().catch(() => {
    byId('due-list').replaceChildren(el('p', { text: 'Payments could not be loaded. Please reload the page.' }));
  });
}

import { announce, api, clearErrors, el, money, requireRole, session, showErrors } from '/assets/app.js';

const day = (date) =>
  date
    ? new Intl.DateTimeFormat('en-IE', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`))
    : '';

async function all(status) {
  const items = [];
  let cursor = null;
  do {
    const page = await api('GET', `/api/payments?status=${status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** A one-field form in a table cell: its label names the payment, so each is clear out of context. */
function actionForm(p, { name, label, path, button, secondary, submit }) {
  const id = `${name}-${p.paymentId}`;
  const form = el(
    'form',
    { class: 'inline', novalidate: true },
    el(
      'div',
      { class: 'field', 'data-path': path },
      // Short on screen; the full name says which payment, for screen readers and voice control.
      el(
        'label',
        { for: id },
        label,
        el('span', {
          class: 'visually-hidden',
          text: ` for ${p.payeeReference}, session on ${day(p.sessionDate)}, ${money(p.totalMinor, p.currency)}`,
        }),
      ),
      el('input', { type: 'text', id, name, autocomplete: 'off' }),
    ),
    el('button', { type: 'submit', class: secondary ? 'secondary' : undefined, text: button }),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const value = form.querySelector('input').value.trim();
    try {
      await submit(value);
    } catch (err) {
      if (err.status === 400 && err.body?.issues) showErrors(form, err.body.issues);
      else showErrors(form, [{ path: '', message: err.body?.message ?? 'Saving did not work. Please try again.' }]);
    }
  });
  return form;
}

function table(caption, items, withFail, reload) {
  return el(
    'table',
    {},
    el('caption', { text: caption }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Payee reference', 'Session date', 'Fee', 'Expenses', 'Total', 'Duplicate check reference', 'Record'].map(
          (h) => el('th', { scope: 'col', text: h }),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...items.map((p) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row', text: p.payeeReference }),
          el('td', { text: day(p.sessionDate) }),
          el('td', { text: `${money(p.feeMinor, p.currency)}${p.feeTo === 'charity' ? ' (to a charity)' : ''}` }),
          el('td', { text: money(p.expensesMinor, p.currency) }),
          el('td', { text: money(p.totalMinor, p.currency) }),
          el('td', {}, el('code', { text: p.paymentIdempotencyKey })),
          el(
            'td',
            {},
            actionForm(p, {
              name: 'financeRef',
              path: 'financeRef',
              label: 'Finance reference',
              button: 'Mark as paid',
              submit: async (financeRef) => {
                await api('POST', `/api/payments/${encodeURIComponent(p.paymentId)}/issued`, { financeRef });
                announce(`${p.payeeReference}: marked as paid (${financeRef}).`);
                await reload();
                focusDueList();
              },
            }),
            withFail
              ? actionForm(p, {
                  name: 'reason',
                  path: 'reason',
                  label: 'Why it could not be paid',
                  button: 'Mark as failed',
                  secondary: true,
                  submit: async (reason) => {
                    await api('POST', `/api/payments/${encodeURIComponent(p.paymentId)}/failed`, { reason });
                    announce(`${p.payeeReference}: marked as failed.`, 'notice');
                    await reload();
                    focusDueList();
                  },
                })
              : p.failureReason
                ? el('p', { class: 'hint', text: `Failed: ${p.failureReason}` })
                : null,
          ),
        ),
      ),
    ),
  );
}

/**
 * After marking a payment, its row (and the button that had focus) is gone: put focus on the heading
 * of the list just updated, so keyboard and screen-reader users carry on from there (WCAG 2.4.3).
 */
function focusDueList() {
  document.getElementById('due-heading')?.focus();
}

async function load() {
  const dueList = document.getElementById('due-list');
  const failedList = document.getElementById('failed-list');
  const [due, declined, failed] = await Promise.all([all('due'), all('declined'), all('failed')]);
  const toPay = [...due, ...declined.filter((p) => p.awaitingFinance)].sort((a, b) =>
    (a.payableOn ?? '').localeCompare(b.payableOn ?? ''),
  );
  dueList.replaceChildren(
    toPay.length
      ? table('Payments waiting to be made', toPay, true, load)
      : el('p', { text: 'There are no payments waiting to be made.' }),
  );
  failedList.replaceChildren(
    ...(failed.length
      ? [el('h2', { text: 'Payments that could not be made' }), table('Payments that failed', failed, false, load)]
      : []),
  );
}

function setUpExport() {
  const form = document.getElementById('export-form');
  const today = new Date().toISOString().slice(0, 10);
  form.from.value = `${today.slice(0, 8)}01`;
  form.to.value = today;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const params = new URLSearchParams({ from: form.from.value, to: form.to.value });
    const res = await fetch(`/api/finance/export.csv?${params}`, {
      headers: { authorization: `Bearer ${session().token}` },
    });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      showErrors(form, body.issues ?? [{ path: '', message: 'The download did not work. Please try again.' }]);
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = el('a', { href: url, download: `coproduce-payments-${form.from.value}-to-${form.to.value}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    announce('The spreadsheet has been downloaded.');
  });
}

if (requireRole('finance')) {
  setUpExport();
  load().catch(() => {
    document
      .getElementById('due-list')
      .replaceChildren(el('p', { text: 'Payments could not be loaded. Please reload the page.' }));
  });
}

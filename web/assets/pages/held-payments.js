import { announce, api, clearErrors, el, money, requireRole, sendOnce, showErrors } from '/assets/app.js';

const day = (date) =>
  new Intl.DateTimeFormat('en-IE', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

export const periodWords = (p) =>
  p.period.scheme === 'UK.UC'
    ? `the assessment period from ${day(p.period.start)} to ${day(p.period.end)}`
    : `the week from ${day(p.period.start)} to ${day(p.period.end)}`;

/** The options in plain words; `you` switches between the coordinator's and the member's voice. */
function optionLabel(option, p, you) {
  const fee = money(p.feeMinor, p.currency);
  const expenses = money(p.expensesMinor, p.currency);
  switch (option) {
    case 'reduced':
      return `A smaller fee that keeps ${you ? 'your' : 'their'} benefits safe (up to ${money(p.headroomMinor, p.currency)})`;
    case 'charity':
      return `Pay the fee of ${fee} to a charity instead`;
    case 'expenses-only':
      return `Pay back expenses only (${expenses})`;
    case 'decline':
      return `No fee for ${you ? 'your' : 'their'} time (expenses of ${expenses} are still paid back)`;
    case 'full':
      return `Pay the full fee of ${fee} anyway`;
    default:
      return option;
  }
}

const unique = (texts) => [...new Set(texts.filter(Boolean))];

/**
 * What could happen to the person's benefits, in two plain parts: what attending has already set off
 * whatever they choose (IE.CA's hours rule counts unpaid hours too), and what only paying the full
 * fee would. The heading says neither, so it is true of both.
 */
function consequences(p, you) {
  const their = you ? 'your' : 'their';
  const unavoidable = unique(p.reasons.filter((r) => r.avoidableByChoice === false).map((r) => r.consequence));
  const avoidable = unique(p.reasons.filter((r) => r.avoidableByChoice !== false).map((r) => r.consequence));
  if (!unavoidable.length && !avoidable.length) return [];
  const parts = [el('h3', { text: `What this could mean for ${their} benefits` })];
  if (unavoidable.length) {
    parts.push(
      el('p', {
        text: `Because ${you ? 'you' : 'they'} attended, this could happen whatever ${you ? 'you choose' : 'they choose'} below. A smaller fee, expenses only or no fee does not change it:`,
      }),
      el('ul', {}, ...unavoidable.map((c) => el('li', { text: c }))),
    );
  }
  if (avoidable.length) {
    parts.push(
      el('p', { text: unavoidable.length ? 'And if the full fee is paid:' : 'If the full fee is paid:' }),
      el('ul', {}, ...avoidable.map((c) => el('li', { text: c }))),
    );
  }
  return parts;
}

/**
 * Move focus to the message saying what just happened: the control that had focus has gone with
 * the re-render, and focus must not drop to the top of the page (WCAG 2.4.3). The message is
 * made focusable for this (tabindex -1 keeps it out of the tab order).
 */
export function focusStatus() {
  const region = document.getElementById('status-message');
  if (!region) return;
  region.setAttribute('tabindex', '-1');
  region.focus();
}

/**
 * One held payment: why it is held, what would happen, where to get advice, and the choice form.
 * Used by the coordinator's held payments page and the member's own payments page.
 */
export function renderHeldPayment(p, { name, you = false, onDone }) {
  const key = p.paymentId;
  const headingId = `h-${key}`;
  const section = el('section', { class: 'panel held-payment', 'aria-labelledby': headingId });
  section.append(
    el('h2', {
      id: headingId,
      text: `${you ? 'Your payment' : name} for the session on ${day(p.sessionDate)}`,
    }),
  );
  section.append(
    el(
      'dl',
      { class: 'summary' },
      el('dt', { text: 'Fee' }),
      el('dd', { text: `${money(p.feeMinor, p.currency)} (${p.hours} hours)` }),
      el('dt', { text: 'Expenses' }),
      el('dd', { text: `${money(p.expensesMinor, p.currency)} – always paid back` }),
      el('dt', { text: 'Benefit period' }),
      el('dd', { text: periodWords(p) }),
    ),
  );
  section.append(el('h3', { text: 'Why we have not paid it yet' }));
  section.append(el('ul', {}, ...p.reasons.map((r) => el('li', { text: r.explanation }))));
  section.append(...consequences(p, you));
  section.append(el('h3', { text: 'Free, independent benefits advice' }));
  section.append(
    el(
      'ul',
      {},
      ...p.advice.map((a) =>
        el(
          'li',
          {},
          el('a', { href: a.url, rel: 'noopener', target: '_blank', text: `${a.name} (opens in a new tab)` }),
        ),
      ),
    ),
  );

  const form = el('form', { novalidate: true, 'aria-labelledby': `${headingId} legend-${key}` });
  const fieldset = el('fieldset', { class: 'field', 'data-path': 'option' });
  fieldset.append(
    el('legend', { id: `legend-${key}`, text: you ? 'What do you want to do?' : 'What does the person choose?' }),
  );
  let amountField;
  let adviceField;
  for (const option of p.options) {
    const id = `opt-${key}-${option}`;
    fieldset.append(
      el(
        'div',
        { class: 'choice' },
        el('input', { type: 'radio', id, name: 'option', value: option }),
        el('label', { for: id, text: optionLabel(option, p, you) }),
      ),
    );
    if (option === 'reduced') {
      amountField = el(
        'div',
        { class: 'field', 'data-path': 'amountMinor', hidden: true },
        el('label', { for: `amount-${key}`, text: `Amount (${p.currency === 'EUR' ? 'euro' : 'pounds'})` }),
        el('span', {
          class: 'hint',
          id: `amount-hint-${key}`,
          text: `Up to ${money(p.headroomMinor, p.currency)}. We check it again when you save.`,
        }),
        el('input', {
          type: 'text',
          inputmode: 'decimal',
          id: `amount-${key}`,
          name: 'amount',
          'aria-describedby': `amount-hint-${key}`,
        }),
      );
      fieldset.append(amountField);
    }
    if (option === 'full') {
      adviceField = el(
        'div',
        { class: 'field', 'data-path': 'adviceAcknowledged', hidden: true },
        el(
          'div',
          { class: 'choice' },
          el('input', { type: 'checkbox', id: `advice-${key}`, name: 'adviceAcknowledged' }),
          el('label', {
            for: `advice-${key}`,
            text: you
              ? 'I have been offered independent benefits advice and I accept my benefits may be reduced'
              : 'They have been offered independent benefits advice and accept their benefits may be reduced',
          }),
        ),
      );
      fieldset.append(adviceField);
    }
  }
  form.append(fieldset, el('button', { type: 'submit', text: you ? 'Save my choice' : 'Record their choice' }));
  form.addEventListener('change', () => {
    const chosen = form.querySelector('input[name=option]:checked')?.value;
    if (amountField) amountField.hidden = chosen !== 'reduced';
    if (adviceField) adviceField.hidden = chosen !== 'full';
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const option = form.querySelector('input[name=option]:checked')?.value;
    if (!option) {
      showErrors(form, [{ path: 'option', message: 'Choose what to do with this payment.' }]);
      return;
    }
    const body = { option };
    if (option === 'reduced') {
      const raw = form.querySelector('input[name=amount]').value.trim().replace(/^[€£]/, '');
      if (!/^\d+(\.\d{1,2})?$/.test(raw)) {
        showErrors(form, [{ path: 'amountMinor', message: 'Enter an amount like 12.50.' }]);
        return;
      }
      body.amountMinor = Math.round(Number(raw) * 100);
    }
    if (option === 'full') body.adviceAcknowledged = form.querySelector('input[name=adviceAcknowledged]').checked;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const updated = await sendOnce(form, 'POST', `/api/payments/${encodeURIComponent(p.paymentId)}/choice`, body);
      onDone(updated);
    } catch (err) {
      if (err.status === 400 && err.body?.issues) showErrors(form, err.body.issues);
      else if (err.status === 409)
        showErrors(form, [{ path: '', message: err.body?.message ?? 'This payment has changed. Reload the page.' }]);
      else showErrors(form, [{ path: '', message: 'Saving did not work. Nothing was saved. Please try again.' }]);
    } finally {
      button.disabled = false;
    }
  });
  section.append(form);
  return section;
}

export const outcomeWords = (p) =>
  p.status === 'declined'
    ? p.expensesMinor > 0
      ? `no fee; expenses of ${money(p.expensesMinor, p.currency)} will be paid back`
      : 'no payment'
    : `${money(p.feeMinor + p.expensesMinor, p.currency)} will be paid${p.feeTo === 'charity' ? ' (the fee to a charity)' : ''}`;

async function loadHeldPage() {
  const list = document.getElementById('held-list');
  const names = new Map();
  const nameOf = async (id) => {
    if (!names.has(id)) {
      names.set(
        id,
        api('GET', `/api/participants/${encodeURIComponent(id)}`)
          .then((p) => p.displayName)
          .catch(() => 'Participant'),
      );
    }
    return names.get(id);
  };
  const items = [];
  let cursor = null;
  do {
    const page = await api('GET', `/api/payments?status=held&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  list.replaceChildren();
  if (items.length === 0) {
    list.append(el('p', { text: 'No payments are held. Everything due has gone to finance.' }));
    return;
  }
  const waiting = (n) =>
    n === 0
      ? 'No payments are held now. Everything due has gone to finance.'
      : `${n} payment${n === 1 ? ' is' : 's are'} waiting for a choice.`;
  const count = el('p', { text: waiting(items.length) });
  list.append(count);
  let left = items.length;
  for (const p of items) {
    const name = await nameOf(p.participantId);
    const card = renderHeldPayment(p, {
      name,
      onDone: (updated) => {
        card.remove();
        left -= 1;
        count.textContent = waiting(left);
        announce(`Choice recorded for ${name}: ${outcomeWords(updated)}.`);
        focusStatus();
      },
    });
    list.append(card);
  }
}

if (document.getElementById('held-list') && requireRole('coordinator')) {
  loadHeldPage().catch(() => {
    document
      .getElementById('held-list')
      .replaceChildren(el('p', { text: 'Held payments could not be loaded. Please reload the page.' }));
  });
}

import { announce, api, el, money, requireRole } from '/assets/app.js';
import { focusStatus, outcomeWords, renderHeldPayment } from '/assets/pages/held-payments.js';

const STATUS = {
  held: 'Waiting for you to choose',
  due: 'To be paid',
  issued: 'Paid',
  failed: 'Could not be paid yet – your coordinator will be in touch',
  declined: 'No fee',
};

const day = (date) =>
  new Intl.DateTimeFormat('en-IE', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

async function load(s) {
  const list = document.getElementById('payment-list');
  const decisions = document.getElementById('decisions');
  const items = [];
  let cursor = null;
  do {
    const page = await api(
      'GET',
      `/api/payments?participantId=${encodeURIComponent(s.participantId)}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);

  decisions.replaceChildren();
  for (const p of items.filter((x) => x.status === 'held')) {
    decisions.append(
      renderHeldPayment(p, {
        you: true,
        onDone: async (updated) => {
          announce(`Your choice is saved: ${outcomeWords(updated)}.`);
          // The form that had focus is gone once the list is drawn again: focus the message instead.
          await load(s).catch(() => undefined);
          focusStatus();
        },
      }),
    );
  }

  list.replaceChildren();
  if (items.length === 0) {
    list.append(el('p', { text: 'You have no payments yet. They appear here after each session you attend.' }));
    return;
  }
  list.append(
    el(
      'table',
      {},
      el('caption', { text: 'Payments for the sessions you attended' }),
      el(
        'thead',
        {},
        el('tr', {}, ...['Session', 'Fee', 'Expenses', 'Status'].map((h) => el('th', { scope: 'col', text: h }))),
      ),
      el(
        'tbody',
        {},
        ...items.map((p) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row', text: day(p.sessionDate) }),
            el('td', {
              text: `${money(p.feeMinor, p.currency)}${p.feeTo === 'charity' ? ' (to a charity)' : ''}`,
            }),
            el('td', { text: money(p.expensesMinor, p.currency) }),
            el('td', { text: STATUS[p.status] ?? p.status }),
          ),
        ),
      ),
    ),
  );
}

const s = requireRole('member');
if (s) {
  load(s).catch(() => {
    document
      .getElementById('payment-list')
      .replaceChildren(el('p', { text: 'Your payments could not be loaded. Please reload the page.' }));
  });
}

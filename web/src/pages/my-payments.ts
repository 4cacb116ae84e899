import { paymentStatusWordsForYou } from '../../../shared/payments/domain/words.js';
import type { FullPaymentView } from '../lib/api-types.js';
import { announce, el, money, requireRole, type Session } from '../lib/app.js';
import { allPages, byId, shortDate, table } from '../lib/dom.js';
import { focusStatus, outcomeWords, renderHeldPayment } from '../lib/held-payment.js';

async function load(s: Session): Promise<void> {
  const list = byId('payment-list');
  const decisions = byId('decisions');
  const items = await allPages<FullPaymentView>('/api/payments', {
    participantId: s.participantId ?? '',
    limit: '100',
  });

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
    table(
      'Payments for the sessions you attended',
      ['Session', 'Fee', 'Expenses', 'Status'],
      items.map((p) => [
        shortDate(p.sessionDate),
        p.status === 'held'
          ? `${money(p.fullFeeMinor, p.currency)} waiting for your choice`
          : `${money(p.feeMinor, p.currency)}${p.feeTo === 'charity' ? ' (to a charity)' : ''}`,
        money(p.expensesMinor, p.currency),
        paymentStatusWordsForYou[p.status] ?? p.status,
      ]),
      { rowHeader: 0 },
    ),
  );
}

const s = requireRole('member');
if (s) {
  load(s).catch(() => {
    byId('payment-list').replaceChildren(
      el('p', { text: 'Your payments could not be loaded. Please reload the page.' }),
    );
  });
}

import type { FullPaymentView, ParticipantView } from '../lib/api-types.js';
import { announce, api, el, requireRole } from '../lib/app.js';
import { allPages, byId } from '../lib/dom.js';
import { focusStatus, outcomeWords, renderHeldPayment } from '../lib/held-payment.js';

async function loadHeldPage() {
  const list = byId('held-list');
  const names = new Map<string, Promise<string>>();
  const nameOf = (id: string): Promise<string> => {
    let n = names.get(id);
    if (!n) {
      n = api<ParticipantView>('GET', `/api/participants/${encodeURIComponent(id)}`)
        .then((p) => p.displayName)
        .catch(() => 'Participant');
      names.set(id, n);
    }
    return n;
  };
  const items = await allPages<FullPaymentView>('/api/payments', { status: 'held', limit: '100' });
  list.replaceChildren();
  const waiting = (n: number) =>
    n === 0
      ? 'No payments are held now. Everything due has gone to finance.'
      : `${n} payment${n === 1 ? ' is' : 's are'} waiting for a choice.`;
  if (items.length === 0) {
    list.append(el('p', { text: waiting(0) }));
    return;
  }
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

if (requireRole('coordinator')) {
  loadHeldPage().catch(() => {
    byId('held-list').replaceChildren(el('p', { text: 'Held payments could not be loaded. Please reload the page.' }));
  });
}

import type { Role } from '../../../shared/kernel/names.js';
import { el, renderHeader, session } from '../lib/app.js';
import { byId } from '../lib/dom.js';

renderHeader();
const s = session();
const box = byId('home-content');

/** What each role comes here to do, in the person's own words. */
const tasks: Record<Role, [href: string, text: string][]> = {
  coordinator: [
    ['/participants/new', 'Recruit someone, with their consent'],
    ['/forums', 'Plan forums and sessions'],
    ['/payments/held', 'Help people decide about held payments'],
    ['/decisions', 'Propose decisions for sign-off'],
  ],
  member: [
    ['/decisions', 'Decisions waiting for your answer'],
    ['/my-sessions', 'Sessions you are invited to'],
    ['/my-payments', 'Your payments'],
  ],
  finance: [['/finance', 'Payments to make']],
  governance: [
    ['/governance', 'The decision log and its check'],
    ['/report', 'The co-production report'],
  ],
};

if (!s) {
  box.append(el('p', {}, el('a', { class: 'button', href: '/sign-in', text: 'Sign in to start' })));
} else {
  const list = el('ul');
  for (const g of s.groups) {
    for (const [href, text] of tasks[g] ?? []) list.append(el('li', {}, el('a', { href, text })));
  }
  box.append(el('h2', { text: 'What you can do' }), list);
}

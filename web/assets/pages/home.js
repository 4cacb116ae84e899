import { el, renderHeader, session } from '/assets/app.js';

renderHeader();
const s = session();
const box = document.getElementById('home-content');
if (!s) {
  box.append(el('p', {}, el('a', { class: 'button', href: '/sign-in', text: 'Sign in to start' })));
} else {
  const tasks = {
    coordinator: [
      ['/participants/new', 'Recruit someone, with their consent'],
      ['/forums', 'Plan forums and sessions'],
      ['/payments/held', 'Help people decide about held payments'],
      ['/decisions', 'Propose decisions for sign-off'],
    ],
    member: [
      ['/decisions', 'Decisions waiting for my signature'],
      ['/my-sessions', 'Sessions I am invited to'],
      ['/my-payments', 'My payments'],
    ],
    finance: [['/finance', 'Payments to make']],
    governance: [
      ['/governance', 'The decision log and its check'],
      ['/report', 'The co-production report'],
    ],
  };
  const list = el('ul');
  for (const g of s.groups) {
    for (const [href, text] of tasks[g] ?? []) list.append(el('li', {}, el('a', { href, text })));
  }
  box.append(el('h2', { text: 'What you can do' }), list);
}

import { announceToScreenReader, api, el, requireRole, when } from '/assets/app.js';

const LABELS = {
  'service-user': 'Service user',
  'family-member': 'Family member',
  carer: 'Carer',
  provider: 'Staff (provider)',
};

if (requireRole('coordinator')) {
  const list = document.getElementById('list');
  const form = document.getElementById('filter-form');
  let cursor = null;

  async function load(append) {
    const params = new URLSearchParams({ limit: '25' });
    if (form.areaId.value.trim()) params.set('areaId', form.areaId.value.trim());
    if (append && cursor) params.set('cursor', cursor);
    const page = await api('GET', `/api/participants?${params}`);
    cursor = page.nextCursor;
    let table = list.querySelector('table');
    if (!append || !table) {
      list.replaceChildren();
      if (page.items.length === 0) {
        list.append(el('p', { text: 'Nobody has been recruited yet.' }));
        announceToScreenReader('Nobody has been recruited yet.');
        return;
      }
      table = el(
        'table',
        {},
        el('caption', { text: 'People taking part' }),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...['Name', 'Takes part as', 'Area', 'Consent', 'Joined'].map((h) => el('th', { scope: 'col', text: h })),
          ),
        ),
        el('tbody'),
      );
      list.append(table);
    }
    const tbody = table.querySelector('tbody');
    for (const p of page.items) {
      tbody.append(
        el(
          'tr',
          {},
          el(
            'td',
            {},
            el('a', { href: `/participants/view?id=${encodeURIComponent(p.participantId)}`, text: p.displayName }),
          ),
          el('td', { text: LABELS[p.stakeholderGroup] ?? p.stakeholderGroup }),
          el('td', { text: p.areaId }),
          el('td', { text: p.consent.status === 'given' ? 'Given' : 'Withdrawn' }),
          el('td', { text: when(p.createdAt) }),
        ),
      );
    }
    list.querySelector('#more')?.remove();
    announceToScreenReader(
      `${page.items.length} ${append ? 'more ' : ''}${page.items.length === 1 ? 'person' : 'people'} shown${cursor ? '; there are more' : ''}.`,
    );
    if (cursor) {
      const more = el('button', { type: 'button', id: 'more', class: 'secondary', text: 'Show more' });
      more.addEventListener('click', () => load(true));
      list.append(more);
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load(false);
  });
  load(false);
}

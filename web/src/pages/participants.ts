import { stakeholderGroupWords } from '../../../shared/kernel/words.js';
import type { Page, ParticipantSummary } from '../lib/api-types.js';
import { announceToScreenReader, api, el, requireRole, when } from '../lib/app.js';
import { byId, fieldValue, row, table } from '../lib/dom.js';

if (requireRole('coordinator')) {
  const list = byId('list');
  const form = byId<HTMLFormElement>('filter-form');
  let cursor: string | null | undefined = null;

  const load = async (append: boolean): Promise<void> => {
    const params = new URLSearchParams({ limit: '25' });
    const area = fieldValue(form, 'areaId').trim();
    if (area) params.set('areaId', area);
    if (append && cursor) params.set('cursor', cursor);
    const page = await api<Page<ParticipantSummary>>('GET', `/api/participants?${params}`);
    cursor = page.nextCursor;
    let t: HTMLElement | null = list.querySelector('table');
    if (!append || !t) {
      list.replaceChildren();
      if (page.items.length === 0) {
        list.append(el('p', { text: 'Nobody has been recruited yet.' }));
        announceToScreenReader('Nobody has been recruited yet.');
        return;
      }
      t = table('People taking part', ['Name', 'Takes part as', 'Area', 'Consent', 'Joined'], []);
      list.append(t);
    }
    const tbody = t.querySelector('tbody');
    for (const p of page.items) {
      tbody?.append(
        row([
          el('a', { href: `/participants/view?id=${encodeURIComponent(p.participantId)}`, text: p.displayName }),
          stakeholderGroupWords[p.stakeholderGroup] ?? p.stakeholderGroup,
          p.areaId,
          p.consent.status === 'given' ? 'Given' : 'Withdrawn',
          when(p.createdAt),
        ]),
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
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load(false);
  });
  load(false);
}

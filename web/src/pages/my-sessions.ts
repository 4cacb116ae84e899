import { describeTimes } from '../../../shared/forums/domain/time.js';
import type { MySession } from '../lib/api-types.js';
import { el, requireRole } from '../lib/app.js';
import { allPages, byId, table } from '../lib/dom.js';

const ANSWERS = { yes: 'Yes, coming', maybe: 'Maybe', no: 'No, cannot come' } as const;
const STATUS: Record<string, string> = {
  scheduled: 'Attendance not recorded yet',
  held: 'Held',
  cancelled: 'Cancelled',
};

const loadAll = (when: 'upcoming' | 'past') => allPages<MySession>('/api/my/sessions', { when, limit: '50' });

const link = (s: MySession) =>
  el(
    'span',
    {},
    el('a', { href: `/sessions/view?id=${encodeURIComponent(s.sessionId)}`, text: s.title }),
    el('br'),
    s.forumName,
  );

function renderUpcoming(box: HTMLElement, items: MySession[]) {
  if (items.length === 0) {
    box.replaceChildren(
      el('p', { text: 'You have no sessions coming up. When you are invited to one, it appears here.' }),
    );
    return;
  }
  box.replaceChildren(
    table(
      'Sessions you are invited to, soonest first',
      ['Session', 'When', 'Where', 'Accessible venue', 'Your answer'],
      items.map((s) => [
        link(s),
        describeTimes(s, s.timeZone),
        s.venue.name,
        s.venue.accessible ? 'Yes' : 'No, or not sure',
        s.rsvp ? ANSWERS[s.rsvp] : 'Not answered yet: open the session to answer',
      ]),
      { rowHeader: 0 },
    ),
  );
}

function renderPast(box: HTMLElement, items: MySession[]) {
  if (items.length === 0) {
    box.replaceChildren(el('p', { text: 'You have no past sessions yet.' }));
    return;
  }
  box.replaceChildren(
    table(
      'Sessions you were invited to, latest first',
      ['Session', 'When', 'Where', 'Your answer', 'What happened'],
      items.map((s) => [
        link(s),
        describeTimes(s, s.timeZone),
        s.venue.name,
        s.rsvp ? ANSWERS[s.rsvp] : 'No answer given',
        STATUS[s.status] ?? s.status,
      ]),
      { rowHeader: 0 },
    ),
  );
}

async function show(id: string, when: 'upcoming' | 'past', render: typeof renderPast, failure: string) {
  const box = byId(id);
  try {
    render(box, await loadAll(when));
  } catch {
    box.replaceChildren(el('p', { text: failure }));
  } finally {
    box.removeAttribute('aria-busy');
  }
}

if (requireRole('member')) {
  show('upcoming', 'upcoming', renderUpcoming, 'Your sessions could not be loaded. Please reload the page.');
  show('past', 'past', renderPast, 'Your past sessions could not be loaded. Please reload the page.');
}

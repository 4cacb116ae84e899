import { api, el, requireRole } from '/assets/app.js';
import { describeTimes } from '/assets/pages/forums-time.js';

const ANSWERS = { yes: 'Yes, coming', maybe: 'Maybe', no: 'No, cannot come' };
const STATUS = { scheduled: 'Attendance not recorded yet', held: 'Held', cancelled: 'Cancelled' };

/** Every page of one list (`upcoming` or `past`). */
async function loadAll(when) {
  const items = [];
  let cursor = null;
  do {
    const page = await api(
      'GET',
      `/api/my/sessions?when=${when}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const link = (s) => el('a', { href: `/sessions/view?id=${encodeURIComponent(s.sessionId)}`, text: s.title });

function table(caption, headings, items, row) {
  return el(
    'table',
    {},
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, ...headings.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, ...items.map(row)),
  );
}

function renderUpcoming(box, items) {
  box.replaceChildren();
  if (items.length === 0) {
    box.append(el('p', { text: 'You have no sessions coming up. When you are invited to one, it appears here.' }));
    return;
  }
  box.append(
    table(
      'Sessions you are invited to, soonest first',
      ['Session', 'When', 'Where', 'Accessible venue', 'Your answer'],
      items,
      (s) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, link(s), el('br'), s.forumName),
          el('td', { text: describeTimes(s.startsAt, s.endsAt, s.timeZone) }),
          el('td', { text: s.venue.name }),
          el('td', { text: s.venue.accessible ? 'Yes' : 'No, or not sure' }),
          el('td', { text: s.rsvp ? ANSWERS[s.rsvp] : 'Not answered yet: open the session to answer' }),
        ),
    ),
  );
}

function renderPast(box, items) {
  box.replaceChildren();
  if (items.length === 0) {
    box.append(el('p', { text: 'You have no past sessions yet.' }));
    return;
  }
  box.append(
    table(
      'Sessions you were invited to, latest first',
      ['Session', 'When', 'Where', 'Your answer', 'What happened'],
      items,
      (s) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, link(s), el('br'), s.forumName),
          el('td', { text: describeTimes(s.startsAt, s.endsAt, s.timeZone) }),
          el('td', { text: s.venue.name }),
          el('td', { text: s.rsvp ? ANSWERS[s.rsvp] : 'No answer given' }),
          el('td', { text: STATUS[s.status] ?? s.status }),
        ),
    ),
  );
}

async function show(id, when, render, failure) {
  const box = document.getElementById(id);
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

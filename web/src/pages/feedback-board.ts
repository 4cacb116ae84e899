/**
 * A forum's "You said, we did" board (/feedback/board?forumId=[&sessionId=]), for members and
 * staff: four columns — new, in progress, done, not possible (with the reason). Without a forum, a
 * member sees what they themselves have said. Never who raised an item, except "You" on your own.
 */
import { type BoardColumn, boardColumns, boardColumnWords } from '../../../shared/feedback/domain/feedback.js';
import type { SessionView } from '../../../shared/forums/domain/views.js';
import { ApiError, announceToScreenReader, api, el, requireRole } from '../lib/app.js';
import { allFeedback, boardColumn, type FeedbackItemView, itemCard } from '../lib/feedback.js';

const me = requireRole('member', 'coordinator', 'governance');
const params = new URLSearchParams(location.search);
const forumId = params.get('forumId') ?? '';
const sessionId = params.get('sessionId') ?? '';
const content = document.getElementById('content') as HTMLElement;

const EMPTY: Record<BoardColumn, string> = {
  open: 'Nothing new waiting.',
  'in-progress': 'Nothing in progress.',
  done: 'Nothing done yet.',
  'not-possible': 'Nothing here.',
};

/** The forum's name: from the session (members) or the forum (coordinators); none for governance. */
async function forumName(): Promise<string | undefined> {
  try {
    if (sessionId) return (await api<SessionView>('GET', `/api/sessions/${encodeURIComponent(sessionId)}`)).forum.name;
    if (forumId && me?.groups.includes('coordinator')) {
      return (await api<{ name: string }>('GET', `/api/forums/${encodeURIComponent(forumId)}`)).name;
    }
  } catch {
    // The board does not need the name: it still shows the items.
  }
  return undefined;
}

async function start() {
  if (!me) return;
  const back = document.getElementById('back');
  if (sessionId)
    back?.append(el('a', { href: `/sessions/view?id=${encodeURIComponent(sessionId)}`, text: 'Back to the session' }));
  else if (me.groups.includes('coordinator'))
    back?.append(el('a', { href: '/feedback/queue', text: 'Go to feedback to answer' }));
  let items: FeedbackItemView[];
  let name: string | undefined;
  try {
    [items, name] = await Promise.all([allFeedback(forumId ? { forumId } : {}), forumName()]);
  } catch (err) {
    content.replaceChildren(
      el('p', {
        class: 'panel notice',
        text: err instanceof ApiError ? err.message : 'We could not load the board. Please try again.',
      }),
    );
    content.removeAttribute('aria-busy');
    return;
  }
  const title = document.getElementById('title') as HTMLElement;
  const lead = document.getElementById('lead') as HTMLElement;
  if (!forumId) {
    title.textContent = 'What you have said';
    lead.textContent = 'Everything you have said at forums, and what became of it.';
  } else if (name) {
    title.textContent = `You said, we did: ${name}`;
    document.title = `You said, we did: ${name} – Coproduce`;
  }
  const columns = boardColumns.map((column) => {
    const inColumn = items.filter((i) => boardColumn(i.status) === column);
    const headingId = `column-${column}`;
    return el(
      'section',
      { 'aria-labelledby': headingId, class: 'board-column' },
      el('h2', { id: headingId, text: `${boardColumnWords[column]} (${inColumn.length})` }),
      ...(inColumn.length
        ? inColumn.map((i) =>
            itemCard(i, { headingLevel: 'h3', mine: i.raisedBy != null && i.raisedBy === me.participantId }),
          )
        : [el('p', { text: EMPTY[column] })]),
    );
  });
  content.replaceChildren(...columns);
  content.removeAttribute('aria-busy');
  announceToScreenReader(`${items.length} ${items.length === 1 ? 'item' : 'items'} shown.`);
}

start();

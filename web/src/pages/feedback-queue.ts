/**
 * The coordinator's queue (/feedback/queue): every open item (or, when asked, every closed one),
 * oldest first, each with a form to move it on, write the note the person and the forum will
 * read, and link a decision of the same forum. A closed item can only be reopened. Also: enter
 * something said at a forum for the person who said it, or from a comments box (no one named).
 */
import { NOTE_MIN, statusWords, type UpdateStatus, updateStatuses } from '../../../shared/feedback/domain/feedback.js';
import {
  ApiError,
  announce,
  announceToScreenReader,
  api,
  clearErrors,
  el,
  requireRole,
  sendOnce,
  showErrors,
} from '../lib/app.js';
import { allFeedback, boardColumn, type FeedbackItemView, itemCard } from '../lib/feedback.js';

type Page<T> = { items: T[]; nextCursor: string | null };
type ForumSeen = { forumId: string; name: string };
type DecisionSeen = { decisionId: string; title: string; forumId: string };
type PersonSeen = { participantId: string; displayName: string };

const me = requireRole('coordinator');
const content = document.getElementById('content') as HTMLElement;
const filters = document.getElementById('filters') as HTMLElement;
const showing = new URLSearchParams(location.search).get('status') === 'closed' ? 'closed' : 'open';

const hidden = (text: string) => el('span', { class: 'visually-hidden', text });

async function allPages<T>(path: string, pages = 5): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await api<Page<T>>(
      'GET',
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

let forums: ForumSeen[] = [];
let decisions: DecisionSeen[] = [];
let people: PersonSeen[] = [];

async function load(focusId?: string) {
  const items = await allFeedback({ status: showing });
  render(items);
  content.removeAttribute('aria-busy');
  if (focusId) document.getElementById(focusId)?.focus();
  announceToScreenReader(`${items.length} ${items.length === 1 ? 'item' : 'items'} shown.`);
}

function filterForm(): HTMLElement {
  const f = el('form', { method: 'get', action: '/feedback/queue', class: 'panel' });
  const select = el(
    'select',
    { id: 'show', name: 'status' },
    el('option', { value: 'open', text: 'Open items (to answer)', selected: showing === 'open' }),
    el('option', { value: 'closed', text: 'Closed items (to reopen)', selected: showing === 'closed' }),
  );
  f.append(el('div', { class: 'field' }, el('label', { for: 'show', text: 'Show' }), select));
  f.append(el('button', { type: 'submit', class: 'button secondary', text: 'Show these items' }));
  return f;
}

function commentsBoxForm(): HTMLElement {
  const f = el('form', { novalidate: true });
  const forum = el(
    'select',
    { id: 'new-forum', name: 'forumId' },
    el('option', { value: '', text: 'Choose a forum' }),
    ...forums.map((x) => el('option', { value: x.forumId, text: x.name })),
  );
  const text = el('textarea', { id: 'new-text', name: 'text', rows: 4 });
  const who = el(
    'select',
    { id: 'new-who', name: 'raisedBy', 'aria-describedby': 'new-who-hint' },
    el('option', { value: '', text: 'No one (a comments box, or they asked not to be named)' }),
    ...people.map((p) => el('option', { value: p.participantId, text: p.displayName })),
  );
  f.append(
    el('div', { class: 'field', 'data-path': 'forumId' }, el('label', { for: 'new-forum', text: 'Forum' }), forum),
    el(
      'div',
      { class: 'field', 'data-path': 'text' },
      el('label', { for: 'new-text', text: 'What was said' }),
      el('span', { class: 'hint', id: 'new-text-hint', text: 'As it was said or written.' }),
      text,
    ),
    el(
      'div',
      { class: 'field', 'data-path': 'raisedBy' },
      el('label', { for: 'new-who', text: 'Who said it (optional)' }),
      el('span', {
        class: 'hint',
        id: 'new-who-hint',
        text: 'Choose the person only if they want to hear back. They will be emailed at each change (if they agreed to be contacted); the forum never sees their name.',
      }),
      who,
    ),
    el('button', { type: 'submit', class: 'button secondary', text: 'Add it' }),
  );
  text.setAttribute('aria-describedby', 'new-text-hint');
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(f);
    try {
      await sendOnce(f, 'POST', '/api/feedback', {
        forumId: forum.value || undefined,
        text: text.value,
        ...(who.value ? { raisedBy: who.value } : {}),
      });
      delete f.dataset.idempotencyKey;
      f.reset();
      await load();
      announce('Added. It is now in the list below.');
    } catch (err) {
      if (err instanceof ApiError && err.body?.issues?.length) showErrors(f, err.body.issues);
      else announce(err instanceof ApiError ? err.message : 'We could not add it. Please try again.', 'error');
    }
  });
  return el('details', { class: 'panel' }, el('summary', { text: 'Add something from a comments box' }), f);
}

/** Short enough for a phone's select box; the first letters differ, so typing one picks it. */
const OPTION_WORDS: Record<UpdateStatus, string> = {
  considering: 'Looking at it',
  planned: 'Planned',
  done: 'Done (write what was done)',
  'not-possible': 'Not possible (write why)',
};

function updateForm(v: FeedbackItemView, forumName: string): HTMLElement {
  const f = el('form', { novalidate: true, class: 'update-form' });
  const id = v.feedbackId;
  const closed = boardColumn(v.status) === 'done' || boardColumn(v.status) === 'not-possible';
  const choices: readonly UpdateStatus[] = closed ? ['considering'] : updateStatuses;
  const status = el(
    'select',
    { id: `status-${id}`, name: 'status' },
    ...choices.map((s) => el('option', { value: s, text: closed ? 'Reopen: looking at it again' : OPTION_WORDS[s] })),
  );
  const note = el('textarea', { id: `note-${id}`, name: 'note', rows: 3, 'aria-describedby': `note-${id}-hint` });
  const theirs = decisions.filter((d) => d.forumId === v.forumId);
  const decision = el(
    'select',
    { id: `decision-${id}`, name: 'decisionId' },
    el('option', { value: '', text: theirs.length ? 'No decision' : 'This forum has no decisions yet' }),
    ...theirs.map((d) => el('option', { value: d.decisionId, text: d.title })),
  );
  f.append(
    el(
      'div',
      { class: 'field', 'data-path': 'status' },
      el('label', { for: status.id }, 'What is happening now', hidden(` with this item from ${forumName}`)),
      status,
    ),
    el(
      'div',
      { class: 'field', 'data-path': 'note' },
      el('label', { for: note.id }, 'Note for the person and the forum', hidden(' about this item')),
      el('span', {
        class: 'hint',
        id: `note-${id}-hint`,
        text: `Needed to close, reopen or step back: at least ${NOTE_MIN} characters. Write what was decided or done, not who said what.`,
      }),
      note,
    ),
    el(
      'div',
      { class: 'field', 'data-path': 'decisionId' },
      el('label', { for: decision.id }, 'Link a decision of this forum (optional)', hidden(' to this item')),
      decision,
    ),
    el('button', { type: 'submit', class: 'button' }, 'Save update', hidden(' for this item')),
  );
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(f);
    const body = {
      status: status.value,
      ...(note.value.trim() ? { note: note.value } : {}),
      ...(decision.value ? { decisionId: decision.value } : {}),
    };
    try {
      await sendOnce(f, 'POST', `/api/feedback/${encodeURIComponent(id)}/updates`, body);
      await load('content');
      announce(
        `Saved. The item is now “${statusWords[status.value as UpdateStatus]}”, and the person who raised it will be told.`,
      );
    } catch (err) {
      if (err instanceof ApiError && err.body?.issues?.length) showErrors(f, err.body.issues);
      else
        announce(err instanceof ApiError ? err.message : 'We could not save this update. Please try again.', 'error');
    }
  });
  return f;
}

function render(items: FeedbackItemView[]) {
  const names = new Map(forums.map((x) => [x.forumId, x.name]));
  const parts: HTMLElement[] = [commentsBoxForm()];
  parts.push(
    el('h2', {
      id: 'items-heading',
      text: showing === 'open' ? `Open items (${items.length})` : `Closed items (${items.length})`,
    }),
  );
  if (!items.length)
    parts.push(el('p', { text: showing === 'open' ? 'Nothing waiting for an answer.' : 'No closed items.' }));
  for (const v of items) {
    const forumName = names.get(v.forumId) ?? 'a forum';
    const card = itemCard(v, { headingLevel: 'h3', forumName });
    card.append(
      el(
        'p',
        {},
        el('a', {
          href: `/feedback/board?forumId=${encodeURIComponent(v.forumId)}`,
          text: `See the board of ${forumName}`,
        }),
      ),
      updateForm(v, forumName),
    );
    parts.push(card);
  }
  content.replaceChildren(...parts);
  content.setAttribute('tabindex', '-1');
}

async function start() {
  if (!me) return;
  filters.replaceChildren(filterForm());
  try {
    [forums, decisions, people] = await Promise.all([
      allPages<ForumSeen>('/api/forums'),
      allPages<DecisionSeen>('/api/decisions'),
      allPages<PersonSeen>('/api/participants', 10),
    ]);
    await load();
  } catch (err) {
    content.replaceChildren(
      el('p', {
        class: 'panel notice',
        text: err instanceof ApiError ? err.message : 'We could not load the queue. Please try again.',
      }),
    );
    content.removeAttribute('aria-busy');
  }
}

start();

/**
 * A member says something to the forum from their session page (/feedback/raise?sessionId=):
 * one plain question, one box, and a promise to write back. POST /api/feedback, for themselves.
 */
import { charCount, TEXT_MAX } from '../../../shared/feedback/domain/feedback.js';
import type { SessionView } from '../../../shared/forums/domain/views.js';
import { ApiError, announce, api, clearErrors, el, requireRole, sendOnce, showErrors } from '../lib/app.js';

const me = requireRole('member', 'coordinator');
const content = document.getElementById('content') as HTMLElement;
const sessionId = new URLSearchParams(location.search).get('sessionId') ?? '';

async function start() {
  if (!me) return;
  if (!sessionId) {
    content.replaceChildren(
      el('p', { text: 'Open this page from one of your sessions, so we know which forum it is for.' }),
      el('p', {}, el('a', { href: '/my-sessions', text: 'Go to your sessions' })),
    );
    content.removeAttribute('aria-busy');
    return;
  }
  let session: SessionView;
  try {
    session = await api<SessionView>('GET', `/api/sessions/${encodeURIComponent(sessionId)}`);
  } catch (err) {
    content.replaceChildren(
      el('p', {
        class: 'panel notice',
        text: err instanceof ApiError ? err.message : 'We could not load this session.',
      }),
    );
    content.removeAttribute('aria-busy');
    return;
  }
  const back = document.getElementById('back');
  back?.replaceChildren(
    el('a', { href: `/sessions/view?id=${encodeURIComponent(sessionId)}`, text: `Back to ${session.title}` }),
  );
  content.replaceChildren(form(session));
  content.removeAttribute('aria-busy');
}

function form(session: SessionView): HTMLElement {
  const f = el('form', { novalidate: true });
  const textId = 'feedback-text';
  const hintId = 'feedback-text-hint';
  const countId = 'feedback-text-count';
  const textarea = el('textarea', {
    id: textId,
    name: 'text',
    rows: 6,
    'aria-describedby': `${hintId} ${countId}`,
  });
  const count = el('span', { class: 'hint', id: countId, 'aria-live': 'polite' });
  const showCount = () => {
    const left = TEXT_MAX - charCount(textarea.value);
    count.textContent =
      left >= 0
        ? `You can write ${left.toLocaleString('en-GB')} more characters.`
        : `That is ${(-left).toLocaleString('en-GB')} characters too many.`;
  };
  textarea.addEventListener('input', showCount);
  showCount();
  f.append(
    el(
      'div',
      { class: 'field', 'data-path': 'text' },
      el('label', { for: textId, text: `What would you like to tell ${session.forum.name}?` }),
      el('span', {
        class: 'hint',
        id: hintId,
        text: 'In your own words. The forum will see what you write, but not your name. Your coordinator will see that it came from you, so they can tell you what happens.',
      }),
      textarea,
      count,
    ),
    el('button', { type: 'submit', class: 'button', text: 'Send to the forum' }),
  );
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(f);
    try {
      await sendOnce(f, 'POST', '/api/feedback', {
        forumId: session.forumId,
        sessionId: session.sessionId,
        text: textarea.value,
      });
      const board = `/feedback/board?forumId=${encodeURIComponent(session.forumId)}&sessionId=${encodeURIComponent(session.sessionId)}`;
      content.replaceChildren(
        el(
          'div',
          { class: 'panel success', role: 'status' },
          el('h2', { text: 'Thank you: we have received what you said' }),
          el('p', {
            text: 'We will write to you each time something changes, and the forum will hear what became of it at its next session.',
          }),
        ),
        el('p', {}, el('a', { href: board, text: 'See what the forum has said and what became of it' })),
        el(
          'p',
          {},
          el('a', { href: `/sessions/view?id=${encodeURIComponent(session.sessionId)}`, text: 'Back to the session' }),
        ),
      );
      (content.querySelector('h2') as HTMLElement | null)?.setAttribute('tabindex', '-1');
      (content.querySelector('h2') as HTMLElement | null)?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.body?.issues?.length) showErrors(f, err.body.issues);
      else announce(err instanceof ApiError ? err.message : 'We could not send this. Please try again.', 'error');
    }
  });
  return f;
}

start();

import { announce, api, clearErrors, el, requireRole, showErrors, when } from '/assets/app.js';
import { approvalsText, decisionLink, statusBadge, table } from '/assets/pages/decisions-shared.js';

const s = requireRole('coordinator', 'member');
if (s) {
  if (s.groups.includes('member')) loadAwaiting();
  if (s.groups.includes('coordinator')) setUpCoordinator();
}

async function loadAwaiting() {
  const section = document.getElementById('member-section');
  const box = document.getElementById('awaiting');
  section.hidden = false;
  try {
    const page = await api('GET', '/api/decisions?awaiting=me&limit=50');
    if (page.items.length === 0) {
      box.replaceChildren(el('p', { text: 'Nothing is waiting for your answer. Thank you.' }));
      return;
    }
    box.replaceChildren(
      table(
        'Decisions waiting for your answer',
        ['Decision', 'Status', 'Answer by'],
        page.items.map((d) => [decisionLink(d), statusBadge(d), when(d.signOffDueAt)]),
      ),
    );
  } catch {
    box.replaceChildren(el('p', { text: 'We could not load your decisions. Please try again later.' }));
  }
}

function setUpCoordinator() {
  document.getElementById('coordinator-section').hidden = false;
  const form = document.getElementById('propose-form');
  const filter = document.getElementById('filter-form');
  const list = document.getElementById('all');
  let cursor = null;

  // Offer the forums by name when the forums list is there; otherwise the forum number is typed in.
  api('GET', '/api/forums?limit=100')
    .then((page) => {
      const forums = page?.items ?? [];
      if (!forums.length) return;
      const select = el(
        'select',
        { id: 'forumId', name: 'forumId', 'aria-describedby': 'forumId-hint', required: true },
        el('option', { value: '', text: 'Choose a forum' }),
        ...forums.map((f) => el('option', { value: f.forumId, text: f.name ?? f.forumId })),
      );
      form.forumId.replaceWith(select);
    })
    .catch(() => {});

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const due = form.signOffDueAt.value;
    const body = {
      title: form.title.value,
      text: form.text.value,
      forumId: form.forumId.value.trim(),
      ...(form.sessionId.value.trim() ? { sessionId: form.sessionId.value.trim() } : {}),
      signOffDueAt: due ? new Date(due).toISOString() : '',
    };
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const key = form.dataset.idempotencyKey || crypto.randomUUID();
      form.dataset.idempotencyKey = key; // a double click proposes once
      const { decisionId } = await api('POST', '/api/decisions', body, { 'idempotency-key': key });
      location.href = `/decisions/view?id=${encodeURIComponent(decisionId)}&proposed=1`;
    } catch (err) {
      delete form.dataset.idempotencyKey;
      if (err.status === 400 && err.body?.issues) showErrors(form, err.body.issues);
      else announce('Proposing did not work. Nothing was saved. Please try again.', 'notice');
    } finally {
      button.disabled = false;
    }
  });

  async function load(append) {
    const params = new URLSearchParams({ limit: '25' });
    if (filter.status.value) params.set('status', filter.status.value);
    if (append && cursor) params.set('cursor', cursor);
    const page = await api('GET', `/api/decisions?${params}`);
    cursor = page.nextCursor;
    const rows = page.items.map((d) => [decisionLink(d), statusBadge(d), approvalsText(d), when(d.signOffDueAt)]);
    const existing = list.querySelector('tbody');
    if (append && existing) {
      for (const cells of rows) {
        existing.append(
          el('tr', {}, ...cells.map((c) => (typeof c === 'string' ? el('td', { text: c }) : el('td', {}, c)))),
        );
      }
    } else if (rows.length === 0) {
      list.replaceChildren(el('p', { text: 'No decisions to show.' }));
    } else {
      list.replaceChildren(
        table('Decisions, newest first', ['Decision', 'Status', 'Approvals', 'Sign-off due by'], rows),
      );
    }
    list.querySelector('#more')?.remove();
    if (cursor) {
      const more = el('button', { type: 'button', id: 'more', class: 'secondary', text: 'Show more decisions' });
      more.addEventListener('click', () => load(true));
      list.append(more);
    }
  }
  filter.addEventListener('submit', (e) => {
    e.preventDefault();
    load(false);
  });
  load(false);
}

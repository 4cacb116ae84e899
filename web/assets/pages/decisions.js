import { announce, api, clearErrors, el, requireRole, sendOnce, showErrors } from '/assets/app.js';
import {
  approvalsText,
  decisionLink,
  localInputToIso,
  statusBadge,
  table,
  whenIn,
  zoneLabel,
} from '/assets/pages/decisions-shared.js';

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
    // The answer is filtered to the decisions this member may sign, so a page can come back short:
    // follow the cursor (a bounded number of pages) rather than say "nothing" too early.
    const items = [];
    let cursor = null;
    for (let i = 0; i < 10 && items.length < 50; i++) {
      const params = new URLSearchParams({ awaiting: 'me', limit: '50', ...(cursor ? { cursor } : {}) });
      const page = await api('GET', `/api/decisions?${params}`);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    if (items.length === 0) {
      box.replaceChildren(el('p', { text: 'Nothing is waiting for your answer. Thank you.' }));
      return;
    }
    box.replaceChildren(
      table(
        'Decisions waiting for your answer',
        ['Decision', 'Status', 'Answer by'],
        items.map((d) => [decisionLink(d), statusBadge(d), whenIn(d.signOffDueAt, d.timeZone)]),
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
  /** Each forum's time zone: the due date is entered in the chosen forum's time, not the browser's. */
  const zones = new Map();
  const dueHint = document.getElementById('due-hint');
  const dueHintText = dueHint.textContent;
  const showZone = () => {
    const tz = zones.get(form.forumId.value);
    dueHint.textContent = tz ? `${dueHintText} In ${zoneLabel(tz)}, the forum’s time zone.` : dueHintText;
  };

  // Offer the forums by name when the forums list is there; otherwise the forum number is typed in.
  api('GET', '/api/forums?limit=100')
    .then((page) => {
      const forums = page?.items ?? [];
      if (!forums.length) return;
      for (const f of forums) if (f.timeZone) zones.set(f.forumId, f.timeZone);
      const select = el(
        'select',
        { id: 'forumId', name: 'forumId', 'aria-describedby': 'forumId-hint', required: true },
        el('option', { value: '', text: 'Choose a forum' }),
        ...forums.map((f) => el('option', { value: f.forumId, text: f.name ?? f.forumId })),
      );
      form.forumId.replaceWith(select);
      select.addEventListener('change', showZone);
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
      // In the forum's zone when we know it; a forum number typed in by hand falls back to this device's.
      signOffDueAt: due
        ? zones.has(form.forumId.value.trim())
          ? localInputToIso(due, zones.get(form.forumId.value.trim()))
          : new Date(due).toISOString()
        : '',
    };
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const { decisionId } = await sendOnce(form, 'POST', '/api/decisions', body);
      location.href = `/decisions/view?id=${encodeURIComponent(decisionId)}&proposed=1`;
    } catch (err) {
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
    const rows = page.items.map((d) => [
      decisionLink(d),
      statusBadge(d),
      approvalsText(d),
      whenIn(d.signOffDueAt, d.timeZone),
    ]);
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

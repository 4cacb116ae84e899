import { describeTimes } from '../../../shared/forums/domain/time.js';
import type { DecisionSummary, ForumSummary, Page, Proposed, SessionSummary } from '../lib/api-types.js';
import { announce, api, clearErrors, el, requireRole, sendOnce, showErrors } from '../lib/app.js';
import { readDateInputs } from '../lib/date-parts.js';
import {
  approvalsText,
  decisionLink,
  localInputToIso,
  statusBadge,
  statusOptions,
  whenIn,
  zoneLabel,
} from '../lib/decision-words.js';
import { allPages, byId, control, fieldValue, issuesOf, row, table } from '../lib/dom.js';

async function loadAwaiting() {
  const section = byId('member-section');
  const box = byId('awaiting');
  section.hidden = false;
  try {
    // The answer is filtered to the decisions this member may sign, so a page can come back short:
    // follow the cursor (a bounded number of pages) rather than say "nothing" too early.
    const items = await allPages<DecisionSummary>('/api/decisions', { awaiting: 'me', limit: '50' }, 10);
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
  byId('coordinator-section').hidden = false;
  const form = byId<HTMLFormElement>('propose-form');
  const filter = byId<HTMLFormElement>('filter-form');
  const list = byId('all');
  const sessionSelect = byId<HTMLSelectElement>('sessionId');
  statusOptions(byId<HTMLSelectElement>('status'));
  let cursor: string | null | undefined = null;
  /** Each forum's time zone: the due date is entered in the chosen forum's time, not the browser's. */
  const zones = new Map<string, string>();
  const dueHint = byId('due-hint');
  const dueHintText = dueHint.textContent ?? '';
  const forumValue = () => fieldValue(form, 'forumId').trim();
  const showZone = () => {
    const tz = zones.get(forumValue());
    dueHint.textContent = tz ? `${dueHintText} In ${zoneLabel(tz)}, the forum’s time zone.` : dueHintText;
  };

  /** The chosen forum's sessions, latest first, to pick the one it was decided at (no number to copy). */
  const loadSessions = async () => {
    sessionSelect.replaceChildren(el('option', { value: '', text: 'Not decided at a session' }));
    const forumId = forumValue();
    if (!forumId || !zones.has(forumId)) return;
    try {
      const page = await api<Page<SessionSummary>>(
        'GET',
        `/api/forums/${encodeURIComponent(forumId)}/sessions?limit=100`,
      );
      const tz = zones.get(forumId) ?? 'UTC';
      for (const x of [...page.items].reverse()) {
        if (x.status === 'cancelled') continue;
        sessionSelect.append(el('option', { value: x.sessionId, text: `${x.title} – ${describeTimes(x, tz)}` }));
      }
    } catch {
      // Without the list, the decision can still be proposed for the whole forum.
    }
  };

  // Offer the forums by name when the forums list is there; otherwise the forum number is typed in.
  api<Page<ForumSummary>>('GET', '/api/forums?limit=100')
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
      control(form, 'forumId').replaceWith(select);
      select.addEventListener('change', () => {
        showZone();
        loadSessions();
      });
    })
    .catch(() => {});

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const forumId = forumValue();
    const read = readDateInputs(form, 'due');
    const time = fieldValue(form, 'due-time') || '17:00';
    // Nothing typed: the API names the field. A date typed wrongly: say which part.
    const typed = ['day', 'month', 'year'].some((p) => fieldValue(form, `due-${p}`).trim() !== '');
    if (typed && 'problem' in read) {
      showErrors(form, [{ path: 'signOffDueAt', message: read.problem }]);
      return;
    }
    const due = 'date' in read ? `${read.date}T${time}` : '';
    const sessionId = fieldValue(form, 'sessionId');
    const body = {
      title: fieldValue(form, 'title'),
      text: fieldValue(form, 'text'),
      forumId,
      ...(sessionId ? { sessionId } : {}),
      // In the forum's zone when we know it; a forum number typed in by hand falls back to this device's.
      signOffDueAt: due
        ? zones.has(forumId)
          ? localInputToIso(due, zones.get(forumId))
          : new Date(due).toISOString()
        : '',
    };
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    button.disabled = true;
    try {
      const { decisionId } = await sendOnce<Proposed>(form, 'POST', '/api/decisions', body);
      location.href = `/decisions/view?id=${encodeURIComponent(decisionId)}&proposed=1`;
    } catch (err) {
      const issues = issuesOf(err);
      if (issues) showErrors(form, issues);
      else announce('Proposing did not work. Nothing was saved. Please try again.', 'notice');
    } finally {
      button.disabled = false;
    }
  });

  const load = async (append: boolean): Promise<void> => {
    const params = new URLSearchParams({ limit: '25' });
    const status = fieldValue(filter, 'status');
    if (status) params.set('status', status);
    if (append && cursor) params.set('cursor', cursor);
    const page = await api<Page<DecisionSummary>>('GET', `/api/decisions?${params}`);
    cursor = page.nextCursor;
    const rows = page.items.map((d) => [
      decisionLink(d),
      statusBadge(d),
      approvalsText(d),
      whenIn(d.signOffDueAt, d.timeZone),
    ]);
    const existing = list.querySelector('tbody');
    if (append && existing) {
      for (const cells of rows) existing.append(row(cells));
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
  };
  filter.addEventListener('submit', (e) => {
    e.preventDefault();
    load(false);
  });
  load(false);
}

const s = requireRole('coordinator', 'member');
if (s) {
  if (s.groups.includes('member')) loadAwaiting();
  if (s.groups.includes('coordinator')) setUpCoordinator();
}

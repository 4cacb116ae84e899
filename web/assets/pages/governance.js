import {
  announce,
  announceToScreenReader,
  api,
  clearErrors,
  el,
  requireRole,
  session,
  showErrors,
} from '/assets/app.js';
import { CONSTITUENCY, decisionLink, STANCE, statusBadge, table, whenIn } from '/assets/pages/decisions-shared.js';

const s = requireRole('governance');
const result = document.getElementById('verify-result');
const filter = document.getElementById('filter-form');
const log = document.getElementById('log');
let cursor = null;

async function verify() {
  result.className = 'panel';
  result.textContent = 'Checking the log…';
  try {
    const v = await api('GET', '/api/audit/verify');
    if (v.ok) {
      result.className = 'panel success';
      result.textContent = `The log is intact. All ${v.entries} entries for ${v.chains} ${v.chains === 1 ? 'decision' : 'decisions'} check out: nothing has been changed, removed or put out of order.`;
    } else {
      result.className = 'panel notice';
      result.textContent = `The log has been altered. The first problem is at entry ${v.firstBrokenEntry}. ${v.reason} Report this to your data protection officer.`;
    }
  } catch {
    result.className = 'panel notice';
    result.textContent = 'The check could not be run just now. Please try again.';
  }
}

function query(extra = {}) {
  const params = new URLSearchParams();
  if (filter.from.value) params.set('from', filter.from.value);
  if (filter.to.value) params.set('to', filter.to.value);
  if (filter.status.value) params.set('status', filter.status.value);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params;
}

function answers(d) {
  if (!d.signatures.length) return el('span', { text: 'No answers yet' });
  return el(
    'ul',
    { class: 'plain' },
    ...d.signatures.map((x) =>
      el('li', {
        text: `${STANCE[x.stance]} by participant ${x.participantId} (${CONSTITUENCY[x.constituency]}), version ${x.revision}, ${whenIn(x.signedAt, d.timeZone)}${x.countsTowardCurrentText ? '' : ' – earlier wording'}`,
      }),
    ),
  );
}

async function load(append) {
  clearErrors(filter);
  let page;
  try {
    page = await api('GET', `/api/audit/decisions?${query({ limit: '25', ...(append && cursor ? { cursor } : {}) })}`);
  } catch (err) {
    if (err.status === 400 && err.body?.issues) showErrors(filter, err.body.issues);
    else announce('The log could not be loaded. Please try again.', 'notice');
    return;
  }
  cursor = page.nextCursor;
  const rows = page.items.map((d) => [
    decisionLink(d),
    statusBadge(d),
    whenIn(d.proposedAt, d.timeZone),
    whenIn(d.signOffDueAt, d.timeZone),
    answers(d),
  ]);
  const tbody = log.querySelector('tbody');
  if (append && tbody) {
    for (const cells of rows) {
      tbody.append(
        el('tr', {}, ...cells.map((c) => (typeof c === 'string' ? el('td', { text: c }) : el('td', {}, c)))),
      );
    }
  } else if (!rows.length) {
    log.replaceChildren(el('p', { text: 'No decisions match.' }));
  } else {
    log.replaceChildren(
      table('Decisions, newest first', ['Decision', 'Status', 'Proposed', 'Sign-off due by', 'Answers'], rows),
    );
  }
  log.querySelector('#more')?.remove();
  announceToScreenReader(
    rows.length
      ? `${rows.length} ${append ? 'more ' : ''}decision${rows.length === 1 ? '' : 's'} shown${cursor ? '; there are more' : ''}.`
      : 'No decisions match.',
  );
  if (cursor) {
    const more = el('button', { type: 'button', id: 'more', class: 'secondary', text: 'Show more decisions' });
    more.addEventListener('click', () => load(true));
    log.append(more);
  }
}

/** Downloads need the sign-in token, so they are fetched and handed to the browser as a file. */
function save(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function exportCsv() {
  const res = await fetch(`/api/audit/decisions.csv?${query()}`, {
    headers: { authorization: `Bearer ${session().token}` },
  });
  if (!res.ok) return announce('The download did not work. Check the dates and try again.', 'notice');
  save('decision-log.csv', 'text/csv', await res.text());
  announce('The spreadsheet has been downloaded.');
}

async function exportJson() {
  const items = [];
  let next = null;
  do {
    const page = await api('GET', `/api/audit/decisions?${query({ limit: '100', ...(next ? { cursor: next } : {}) })}`);
    items.push(...page.items);
    next = page.nextCursor;
  } while (next);
  save(
    'decision-log.json',
    'application/json',
    JSON.stringify({ exportedAt: new Date().toISOString(), items }, null, 2),
  );
  announce(`The data file with ${items.length} decisions has been downloaded.`);
}

if (s) {
  document.getElementById('verify').addEventListener('click', verify);
  filter.addEventListener('submit', (e) => {
    e.preventDefault();
    load(false);
  });
  document
    .getElementById('export-csv')
    .addEventListener('click', () => exportCsv().catch(() => announce('The download did not work.', 'notice')));
  document
    .getElementById('export-json')
    .addEventListener('click', () => exportJson().catch(() => announce('The download did not work.', 'notice')));
  verify();
  load(false);
}

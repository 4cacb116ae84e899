import { stanceWords } from '../../../shared/decisions/domain/words.js';
import { constituencyWords } from '../../../shared/kernel/words.js';
import type { AuditedDecision, AuditVerify, Page } from '../lib/api-types.js';
import { announce, announceToScreenReader, api, clearErrors, el, requireRole, showErrors } from '../lib/app.js';
import { dateProblems, upgradeDateInputs } from '../lib/date-parts.js';
import { decisionLink, signerNames, statusBadge, statusOptions, whenIn } from '../lib/decision-words.js';
import { allPages, byId, fetchWithToken, fieldValue, issuesOf, row, saveFile, table } from '../lib/dom.js';

const s = requireRole('governance');
const result = byId('verify-result');
const filter = byId<HTMLFormElement>('filter-form');
const log = byId('log');
let cursor: string | null | undefined = null;

async function verify() {
  result.className = 'panel';
  result.textContent = 'Checking the log…';
  try {
    const v = await api<AuditVerify>('GET', '/api/audit/verify');
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

function query(extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const k of ['from', 'to', 'status']) {
    const v = fieldValue(filter, k);
    if (v) params.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params;
}

function answers(d: AuditedDecision) {
  if (!d.signatures.length) return el('span', { text: 'No answers yet' });
  const who = signerNames(d.signatures);
  return el(
    'ul',
    { class: 'plain' },
    ...d.signatures.map((x) =>
      el('li', {
        text: `${stanceWords[x.stance]} by ${who.get(x.participantId) ?? constituencyWords[x.constituency]}, version ${x.revision}, ${whenIn(x.signedAt, d.timeZone)}${x.countsTowardCurrentText ? '' : ' – earlier wording'}`,
      }),
    ),
  );
}

async function load(append: boolean) {
  clearErrors(filter);
  const wrong = dateProblems(filter);
  if (wrong.length) {
    showErrors(filter, wrong);
    return;
  }
  let page: Page<AuditedDecision>;
  try {
    page = await api<Page<AuditedDecision>>(
      'GET',
      `/api/audit/decisions?${query({ limit: '25', ...(append && cursor ? { cursor } : {}) })}`,
    );
  } catch (err) {
    const issues = issuesOf(err);
    if (issues) showErrors(filter, issues);
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
    for (const cells of rows) tbody.append(row(cells));
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

async function exportCsv() {
  try {
    const res = await fetchWithToken(`/api/audit/decisions.csv?${query()}`);
    saveFile('decision-log.csv', new Blob([await res.text()], { type: 'text/csv' }));
    announce('The spreadsheet has been downloaded.');
  } catch {
    announce('The download did not work. Check the dates and try again.', 'notice');
  }
}

async function exportJson() {
  const items = await allPages<AuditedDecision>(
    '/api/audit/decisions',
    Object.fromEntries(query({ limit: '100' })),
    1000,
  );
  saveFile(
    'decision-log.json',
    new Blob([JSON.stringify({ exportedAt: new Date().toISOString(), items }, null, 2)], { type: 'application/json' }),
  );
  announce(`The data file with ${items.length} decisions has been downloaded.`);
}

if (s) {
  upgradeDateInputs(filter);
  statusOptions(byId<HTMLSelectElement>('status'));
  byId('verify').addEventListener('click', verify);
  filter.addEventListener('submit', (e) => {
    e.preventDefault();
    load(false);
  });
  byId('export-csv').addEventListener('click', () => exportCsv());
  byId('export-json').addEventListener('click', () =>
    exportJson().catch(() => announce('The download did not work.', 'notice')),
  );
  verify();
  load(false);
}

import { paymentChoiceWords } from '../../../shared/payments/domain/words.js';
import type { CoproductionReport } from '../lib/api-types.js';
import { announce, announceToScreenReader, api, clearErrors, el, money, requireRole, showErrors } from '../lib/app.js';
import { dateProblems, setDateField, upgradeDateInputs } from '../lib/date-parts.js';
import { byId, fieldValue, issuesOf, table } from '../lib/dom.js';

const s = requireRole('governance', 'coordinator');
const form = byId<HTMLFormElement>('range-form');
const out = byId('report');

const LEVEL: Record<string, string> = { local: 'Local', area: 'Area' };
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const dateWords = (d: string) =>
  new Intl.DateTimeFormat('en-IE', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
const hours = (h: number) => `${h} ${h === 1 ? 'hour' : 'hours'}`;

function forumsSection(r: CoproductionReport) {
  const t = r.totals;
  const caption =
    t.sessionsHeld === 0
      ? 'No sessions were held in these dates'
      : `Lived-experience presence was met at ${t.presenceMet} of ${plural(t.sessionsHeld, 'session', 'sessions')} held`;
  return el(
    'section',
    { 'aria-labelledby': 'forums-heading' },
    el('h2', { id: 'forums-heading', text: 'Forums' }),
    r.forums.length
      ? table(
          caption,
          [
            'Forum',
            'Level and area',
            'Sessions held',
            'Sessions cancelled',
            'Presence met',
            'Presence not met',
            'Attendances by people with lived experience',
            'Attendances by providers',
            'Hours by people with lived experience',
          ],
          r.forums.map((f) => [
            f.name,
            `${LEVEL[f.level] ?? f.level}, ${f.areaId}`,
            String(f.sessionsHeld),
            String(f.sessionsCancelled),
            `${f.presenceMet} of ${f.sessionsHeld}`,
            `${f.presenceNotMet} of ${f.sessionsHeld}`,
            String(f.livedExperienceAttendances),
            String(f.providerAttendances),
            hours(f.livedExperienceHours),
          ]),
        )
      : el('p', { text: 'There are no forums yet.' }),
  );
}

function decisionsSection(r: CoproductionReport) {
  const d = r.decisions;
  const median =
    d.medianDaysToCoSign === null
      ? 'No decision proposed in these dates has been co-signed yet'
      : `${d.medianDaysToCoSign} ${d.medianDaysToCoSign === 1 ? 'day' : 'days'} (the middle value)`;
  return el(
    'section',
    { 'aria-labelledby': 'decisions-heading' },
    el('h2', { id: 'decisions-heading', text: 'Decisions' }),
    table(
      `${d.coSigned} of ${plural(d.proposed, 'decision', 'decisions')} proposed ${d.coSigned === 1 ? 'was' : 'were'} co-signed`,
      ['What', 'Number'],
      [
        ['Proposed', String(d.proposed)],
        ['Co-signed by both constituencies', String(d.coSigned)],
        ['Objected – needs amending', String(d.objected)],
        ['Overdue for sign-off', String(d.overdue)],
        ['Still open (not co-signed)', String(d.stillOpen)],
        ['Time from proposal to co-sign-off', median],
      ],
    ),
  );
}

function paymentsSection(r: CoproductionReport) {
  const section = el(
    'section',
    { 'aria-labelledby': 'payments-heading' },
    el('h2', { id: 'payments-heading', text: 'Payments' }),
  );
  if (!r.payments.length) {
    section.append(el('p', { text: 'No payments became payable or were held in these dates.' }));
    return section;
  }
  for (const p of r.payments) {
    const choices = p.choices as Record<string, number | undefined>;
    section.append(
      table(
        `Payments in ${p.currency}: ${plural(p.fees.count, 'fee', 'fees')} of ${money(p.fees.totalMinor, p.currency)} became payable`,
        ['What', 'Number', 'Amount'],
        [
          ['Fees that became payable', String(p.fees.count), money(p.fees.totalMinor, p.currency)],
          ['Expenses that became payable', String(p.expenses.count), money(p.expenses.totalMinor, p.currency)],
          ['Held now, waiting for the person’s choice', String(p.heldAwaitingChoice), '–'],
          ['Issued by finance', String(p.issued), '–'],
          ['Failed to pay', String(p.failed), '–'],
          ...Object.entries(paymentChoiceWords).map(([k, words]) => [
            `Choice recorded: ${words}`,
            String(choices[k] ?? 0),
            '–',
          ]),
        ],
      ),
    );
  }
  return section;
}

async function load() {
  clearErrors(form);
  const wrong = dateProblems(form);
  if (wrong.length) {
    showErrors(form, wrong);
    return;
  }
  const params = new URLSearchParams({ from: fieldValue(form, 'from'), to: fieldValue(form, 'to') });
  let r: CoproductionReport;
  try {
    r = await api<CoproductionReport>('GET', `/api/reports/coproduction?${params}`);
  } catch (err) {
    const issues = issuesOf(err);
    if (issues) showErrors(form, issues);
    else announce('The report could not be made just now. Please try again.', 'notice');
    return;
  }
  out.replaceChildren(
    el('p', {
      id: 'report-range',
      text: `From ${dateWords(r.range.from)} to ${dateWords(r.range.to)}. Made ${new Intl.DateTimeFormat('en-IE', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(r.generatedAt))}.`,
    }),
    forumsSection(r),
    decisionsSection(r),
    paymentsSection(r),
    el(
      'section',
      { 'aria-labelledby': 'notes-heading' },
      el('h2', { id: 'notes-heading', text: 'How this is counted' }),
      el('ul', {}, ...r.notes.map((n) => el('li', { text: n }))),
    ),
  );
  announceToScreenReader('The report is ready.');
}

if (s) {
  // Default: the last 90 days up to today.
  const today = new Date();
  const start = new Date(today.getTime() - 89 * 86_400_000);
  const params = new URLSearchParams(location.search);
  upgradeDateInputs(form);
  setDateField(form, 'from', params.get('from') ?? start.toISOString().slice(0, 10));
  setDateField(form, 'to', params.get('to') ?? today.toISOString().slice(0, 10));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    history.replaceState(
      null,
      '',
      `?${new URLSearchParams({ from: fieldValue(form, 'from'), to: fieldValue(form, 'to') })}`,
    );
    load();
  });
  load();
}

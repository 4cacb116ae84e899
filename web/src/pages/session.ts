import {
  expenseKindWords,
  MAX_EXPENSE_LINES,
  MAX_EXPENSE_MINOR,
  TRAVEL_MARGIN_HOURS,
} from '../../../shared/forums/domain/limits.js';
import { describeTimes } from '../../../shared/forums/domain/time.js';
import { reminderLeadsWords } from '../../../shared/forums/domain/wording.js';
import { formatMoney } from '../../../shared/kernel/money-format.js';
import { isoToZoned, zonedToIso, zoneName } from '../../../shared/kernel/time.js';
import { currencyWords, stakeholderGroupWords } from '../../../shared/kernel/words.js';
import type { Page, ParticipantSummary, Rescheduled, SessionView } from '../lib/api-types.js';
import { announce, api, clearErrors, el, money, requireRole, showErrors } from '../lib/app.js';
import { datePartInputs, readDateInputs } from '../lib/date-parts.js';
import { byId, facts, fetchWithToken, field, issuesOf, messageOf, saveFile, statusOf, table } from '../lib/dom.js';
import {
  isUpcoming,
  mergeWarnings,
  rememberWarnings,
  scheduledMessage,
  takeWarnings,
  type Warning,
} from '../lib/session-warnings.js';

type Invitee = SessionView['invitees'][number];
type Rsvp = 'yes' | 'maybe' | 'no';

const STATUS: Record<string, string> = {
  scheduled: 'Scheduled',
  cancelled: 'Cancelled: this session will not take place.',
  held: 'Held: attendance has been recorded.',
};
const ANSWERS: Record<Rsvp, string> = { yes: 'Yes, coming', maybe: 'Maybe', no: 'No, cannot come' };
const QUORUM: Record<string, { word: string; cls: string }> = {
  met: { word: 'Met', cls: 'ok' },
  'at-risk': { word: 'At risk', cls: 'warn' },
  'not-met': { word: 'Not met', cls: 'bad' },
};

const hidden = (text: string) => el('span', { class: 'visually-hidden', text });
const section = (id: string, heading: string, ...children: (Node | string)[]) =>
  el('section', { 'aria-labelledby': `${id}-heading` }, el('h2', { id: `${id}-heading`, text: heading }), ...children);
/** `label` is text, or a list of text and nodes (e.g. a visually hidden name that makes it unique). */
const me = requireRole('coordinator', 'member');
const sessionId = new URLSearchParams(location.search).get('id');
const content = byId('content');
const isCoordinator = me?.groups.includes('coordinator') ?? false;
/** Warnings the scheduling or the last move answered with, shown beside the view's own. */
let kept: Warning[] = sessionId ? takeWarnings(sessionId) : [];

async function load(focusId?: string): Promise<SessionView> {
  const v = await api<SessionView>('GET', `/api/sessions/${encodeURIComponent(sessionId ?? '')}`);
  render(v);
  content.removeAttribute('aria-busy');
  if (focusId) document.getElementById(focusId)?.focus();
  return v;
}

function render(v: SessionView) {
  byId('title').textContent = v.title;
  document.title = `${v.title} – Coproduce`;
  byId('back').replaceChildren(
    isCoordinator
      ? el('a', { href: `/forums/view?id=${encodeURIComponent(v.forumId)}`, text: `Back to ${v.forum.name}` })
      : el('a', { href: '/my-sessions', text: 'Back to your sessions' }),
  );
  const parts: HTMLElement[] = [details(v)];
  if (v.status === 'scheduled' && !isCoordinator) parts.push(myAnswer(v));
  if (v.youSaidWeDid?.length) parts.push(youSaidWeDid(v));
  if (v.status !== 'cancelled') parts.push(haveYourSay(v));
  // Presence is the coordinator's to manage: a member's page puts no pressure on them.
  if (isCoordinator) parts.push(quorum(v));
  const warnings = isCoordinator ? mergeWarnings(v.warnings, kept) : [];
  if (warnings.length) parts.push(warningList(warnings));
  if (isCoordinator) parts.push(invitees(v));
  parts.push(calendar(v));
  if (isCoordinator && v.status === 'scheduled') parts.push(attendanceForm(v), manage(v));
  if (v.status === 'held' && v.attendance) parts.push(attendanceRecorded(v));
  content.replaceChildren(...parts);
}

function details(v: SessionView) {
  const dl = facts([
    ['Forum', v.forum.name],
    ['Status', STATUS[v.status] ?? v.status],
    ['When', describeTimes(v, v.timeZone)],
    ['Where', `${v.venue.name}${v.venue.accessible ? ' (accessible)' : ' (not marked as accessible)'}`],
    [
      'Reminders',
      isUpcoming(v)
        ? reminderLeadsWords(v.reminders.leadMinutes)
        : v.status === 'scheduled'
          ? 'None: the session has already started'
          : 'None (not scheduled)',
    ],
  ]);
  dl.append(
    el('dt', { text: 'Agenda' }),
    el('dd', {}, v.agenda.length ? el('ol', {}, ...v.agenda.map((a) => el('li', { text: a }))) : 'No agenda yet'),
  );
  return dl;
}

/** What the forum is to hear at this session (feedback closed since the last one); never who raised it. */
function youSaidWeDid(v: SessionView) {
  const outcome: Record<string, string> = { done: 'Done', 'not-possible': 'We cannot do this' };
  return section(
    'you-said',
    'You said, we did',
    el('p', { text: 'What people said at this forum, and what became of it.' }),
    el(
      'ul',
      { class: 'plain' },
      ...(v.youSaidWeDid ?? []).map((i) =>
        el(
          'li',
          { class: 'panel' },
          el('blockquote', {}, el('p', { text: i.text })),
          el('p', {}, el('strong', { text: `${outcome[i.status] ?? i.status}: ` }), i.note ?? ''),
        ),
      ),
    ),
  );
}

/** Links to say something to the forum (members) and to its "You said, we did" board. */
function haveYourSay(v: SessionView) {
  const ids = `forumId=${encodeURIComponent(v.forumId)}&sessionId=${encodeURIComponent(v.sessionId)}`;
  return section(
    'have-your-say',
    'Have your say',
    el(
      'ul',
      { class: 'plain' },
      isCoordinator
        ? null
        : el(
            'li',
            {},
            el('a', {
              href: `/feedback/raise?sessionId=${encodeURIComponent(v.sessionId)}`,
              text: 'Say something to the forum',
            }),
          ),
      el('li', {}, el('a', { href: `/feedback/board?${ids}`, text: 'See what people said and what became of it' })),
    ),
  );
}

function quorum(v: SessionView) {
  const q = QUORUM[v.quorum.status] ?? { word: v.quorum.status, cls: '' };
  return section(
    'quorum',
    v.quorum.basis === 'attendance' ? 'Lived-experience presence at the session' : 'Lived-experience presence',
    el('p', {}, el('strong', { class: `status ${q.cls}`, text: q.word }), ' '),
    el('p', { text: v.quorum.explanation }),
  );
}

function warningList(list: readonly Warning[]) {
  return section(
    'warnings',
    'Things to check',
    el('div', { class: 'panel notice' }, el('ul', {}, ...list.map((w) => el('li', { text: w.message })))),
  );
}

function answerControls(v: SessionView, inv: Invitee, { compact }: { compact: boolean }) {
  const form = el('form', { novalidate: true, class: compact ? 'inline-answer' : undefined });
  const selectId = `answer-${inv.participantId}`;
  const select = el(
    'select',
    { id: selectId, name: 'response' },
    el('option', { value: '', text: 'No answer yet', disabled: true, selected: inv.rsvp === null }),
    ...Object.entries(ANSWERS).map(([value, text]) => el('option', { value, text, selected: inv.rsvp === value })),
  );
  form.append(
    el('label', { for: selectId }, compact ? hidden(`Answer for ${inv.displayName}`) : 'Your answer'),
    select,
    el('button', { type: 'submit', class: 'secondary' }, 'Save', hidden(` answer for ${inv.displayName}`)),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!select.value) return;
    const answer = select.value as Rsvp;
    try {
      await api('POST', `/api/sessions/${encodeURIComponent(v.sessionId)}/rsvp`, {
        participantId: inv.participantId,
        response: answer,
      });
      await load(selectId);
      announce(compact ? `Saved: ${inv.displayName} – ${ANSWERS[answer]}.` : `Saved: ${ANSWERS[answer]}.`);
    } catch (err) {
      announce(messageOf(err, 'The answer could not be saved. Please try again.'), 'notice');
    }
  });
  return form;
}

function myAnswer(v: SessionView) {
  const mine = v.invitees[0];
  if (mine?.status !== 'invited') {
    return section('answer', 'Can you come?', el('p', { text: 'You are no longer invited to this session.' }));
  }
  return section(
    'answer',
    'Can you come?',
    el('p', { text: mine.rsvp ? `You said: ${ANSWERS[mine.rsvp]}.` : 'You have not answered yet.' }),
    answerControls(v, mine, { compact: false }),
  );
}

function invitees(v: SessionView) {
  return section(
    'invitees',
    'Invited people',
    table(
      'Invited people and their answers',
      ['Name', 'Takes part as', 'Answer', 'Change answer'],
      v.invitees.map((i) => [
        i.displayName,
        `${i.stakeholderGroup ? stakeholderGroupWords[i.stakeholderGroup] : 'Unknown'}${i.constituency === 'lived-experience' ? ' (lived experience)' : ''}`,
        i.status === 'invited'
          ? i.rsvp
            ? ANSWERS[i.rsvp]
            : 'No answer yet'
          : i.status === 'dropped'
            ? 'No longer taking part (withdrew consent)'
            : 'Session cancelled',
        i.status === 'invited' && v.status === 'scheduled' ? answerControls(v, i, { compact: true }) : '–',
      ]),
      { rowHeader: 0 },
    ),
  );
}

function calendar(v: SessionView) {
  const button = el(
    'button',
    { type: 'button', class: 'secondary', id: 'ics' },
    'Download a calendar invite (.ics file)',
  );
  button.addEventListener('click', async () => {
    try {
      const res = await fetchWithToken(v.calendarUrl);
      saveFile(`${v.title}.ics`, await res.blob());
    } catch {
      announce('The calendar invite could not be downloaded. Please try again.', 'notice');
    }
  });
  return section(
    'calendar',
    'Add it to a calendar',
    el('p', {
      text: `The invite has the time in ${zoneName(v.timeZone)}, the venue and a link back to this page. It does not list who else is invited.`,
    }),
    button,
  );
}

// ---- Attendance ----------------------------------------------------------------------------------

function attendanceForm(v: SessionView) {
  const form = el('form', { id: 'attendance-form', novalidate: true });
  const list = el('div', { class: 'field', 'data-path': 'attendance' }, el('span', { class: 'label', text: 'People' }));
  const hoursDefault = (Date.parse(v.endsAt) - Date.parse(v.startsAt)) / 3600_000;
  const currency = v.forum.remuneration.currency;
  const added = new Set<string>();
  const maxExpense = formatMoney(MAX_EXPENSE_MINOR, currency).replace(/^[€£]/, '');

  type Person = {
    participantId: string;
    displayName: string;
    stakeholderGroup: Invitee['stakeholderGroup'];
    constituency: Invitee['constituency'];
  };
  function attendee(p: Person, walkIn: boolean, attended: boolean) {
    added.add(p.participantId);
    const pid = p.participantId;
    const name = p.displayName;
    const box = el('fieldset', {
      class: 'attendee',
      'data-participant': pid,
      'data-walk-in': walkIn ? 'true' : 'false',
    });
    const group = p.stakeholderGroup ? stakeholderGroupWords[p.stakeholderGroup] : '';
    box.append(
      el('legend', { text: `${name}${group ? ` – ${group}` : ''}${walkIn ? ' (walk-in: not invited)' : ''}` }),
    );
    box.append(
      el(
        'div',
        { class: 'choice', 'data-role': 'participant' },
        el('input', { type: 'checkbox', id: `att-${pid}`, name: 'attended', checked: attended }),
        el('label', { for: `att-${pid}`, text: `${name} attended` }),
      ),
    );
    const hours = el('input', {
      type: 'number',
      id: `hours-${pid}`,
      name: 'hours',
      min: '0.25',
      step: '0.25',
      inputmode: 'decimal',
      value: String(hoursDefault),
    });
    const hoursField = field(
      '',
      `Hours for ${name}`,
      hours,
      `In quarter hours, for example 2.5. Include travel and preparation time, up to ${TRAVEL_MARGIN_HOURS} hours more than the session.`,
    );
    hoursField.dataset.role = 'hours';
    box.append(hoursField);
    if (p.constituency === 'provider') {
      box.append(
        el('p', {
          class: 'hint',
          text: 'Staff are not paid for taking part. Their attendance is recorded for the record and the quorum.',
        }),
      );
    } else {
      const expenses = el('fieldset', { 'data-role': 'expenses' }, el('legend', { text: `Expenses for ${name}` }));
      const addButton = el('button', { type: 'button', class: 'secondary' }, 'Add an expense', hidden(` for ${name}`));
      let n = 0;
      const addRow = () => {
        const k = n++;
        const r = el('div', { class: 'expense' });
        const kind = el(
          'select',
          { id: `exp-${pid}-${k}-kind`, name: 'kind' },
          ...Object.entries(expenseKindWords).map(([value, text]) => el('option', { value, text })),
        );
        const amount = el('input', {
          type: 'number',
          id: `exp-${pid}-${k}-amount`,
          name: 'amount',
          min: '0',
          step: '0.01',
          inputmode: 'decimal',
        });
        const ref = el('input', { type: 'text', id: `exp-${pid}-${k}-ref`, name: 'receiptRef', maxlength: '64' });
        const forName = hidden(` for ${name}`);
        const f1 = field('', [`Expense ${k + 1}: what for`, forName.cloneNode(true)], kind);
        const f2 = field(
          '',
          [`Expense ${k + 1}: amount in ${currencyWords[currency]}`, forName.cloneNode(true)],
          amount,
          `Leave empty if there is no expense. Paid back at cost, up to ${maxExpense} for one expense.`,
        );
        const f3 = field(
          '',
          [`Expense ${k + 1}: receipt reference`, forName],
          ref,
          'The number on the receipt or ticket. Every expense needs one: we pay back costs only against a receipt.',
        );
        f1.dataset.role = 'kind';
        f2.dataset.role = 'amount';
        f3.dataset.role = 'receiptRef';
        r.append(f1, f2, f3);
        addButton.before(r);
        if (n >= MAX_EXPENSE_LINES) {
          addButton.hidden = true;
          addButton.after(
            el('p', {
              class: 'hint',
              text: `At most ${MAX_EXPENSE_LINES} expenses for one person. Put costs of the same kind on one line.`,
            }),
          );
        }
        return amount;
      };
      expenses.append(addButton);
      addRow();
      addButton.addEventListener('click', () => addRow().focus());
      box.append(expenses);
    }
    list.append(box);
  }

  for (const i of v.invitees.filter((x) => x.status === 'invited')) attendee(i, false, i.rsvp === 'yes');

  const walkInSelect = el(
    'select',
    { id: 'walk-in', name: 'walkIn' },
    el('option', { value: '', text: 'Choose a person' }),
  );
  const walkInButton = el('button', { type: 'button', class: 'secondary', text: 'Add this person' });
  const walkIns = el(
    'fieldset',
    { class: 'field' },
    el('legend', { text: 'Someone came who was not invited' }),
    field(
      '',
      'Add a walk-in',
      walkInSelect,
      'They must already be recruited. Recruit them first if they are not listed.',
    ),
    walkInButton,
  );
  let people: ParticipantSummary[] = [];
  api<Page<ParticipantSummary>>('GET', '/api/participants?limit=100')
    .then((r) => {
      // Only people the forum can pay (or staff): the API refuses lived-experience walk-ins from another country.
      const jurisdiction = currency === 'GBP' ? 'UK' : 'IE';
      people = r.items.filter(
        (p) => p.consent.status === 'given' && (p.constituency === 'provider' || p.jurisdiction === jurisdiction),
      );
      for (const p of people) {
        if (!added.has(p.participantId)) {
          walkInSelect.append(
            el('option', {
              value: p.participantId,
              text: `${p.displayName} – ${stakeholderGroupWords[p.stakeholderGroup] ?? ''}, ${p.areaId}`,
            }),
          );
        }
      }
    })
    .catch(() => undefined);
  walkInButton.addEventListener('click', () => {
    const p = people.find((x) => x.participantId === walkInSelect.value);
    if (!p) return;
    attendee(p, true, true);
    walkInSelect.querySelector(`option[value="${CSS.escape(p.participantId)}"]`)?.remove();
    document.getElementById(`hours-${p.participantId}`)?.focus();
    announce(`${p.displayName} added as a walk-in.`);
  });

  const submit = el('button', { type: 'submit', text: 'Record attendance' });
  form.append(
    el('p', {
      class: 'hint',
      text: 'Fill this in after the session: it cannot be saved before the session starts, and it can be saved only once. Payments are worked out from it.',
    }),
    list,
    walkIns,
    submit,
  );

  const body = () => {
    for (const e of form.querySelectorAll('[data-path]')) if (e !== list) e.removeAttribute('data-path');
    const attendance: {
      participantId: string;
      hours?: number;
      expenses: { kind: string; amountMinor: number; receiptRef?: string }[];
    }[] = [];
    for (const box of list.querySelectorAll<HTMLElement>('fieldset.attendee')) {
      if (!box.querySelector<HTMLInputElement>('input[name=attended]')?.checked) continue;
      const i = attendance.length;
      box.setAttribute('data-path', `attendance.${i}`);
      box.querySelector('[data-role=participant]')?.setAttribute('data-path', `attendance.${i}.participantId`);
      box.querySelector('[data-role=hours]')?.setAttribute('data-path', `attendance.${i}.hours`);
      const hoursValue = box.querySelector<HTMLInputElement>('input[name=hours]')?.value.trim() ?? '';
      const expenses = [];
      for (const r of box.querySelectorAll<HTMLElement>('.expense')) {
        const amount = r.querySelector<HTMLInputElement>('input[name=amount]')?.value.trim() ?? '';
        if (amount === '') continue;
        const j = expenses.length;
        r.setAttribute('data-path', `attendance.${i}.expenses.${j}`);
        for (const [role, key] of [
          ['kind', 'kind'],
          ['amount', 'amountMinor'],
          ['receiptRef', 'receiptRef'],
        ] as const) {
          r.querySelector(`[data-role=${role}]`)?.setAttribute('data-path', `attendance.${i}.expenses.${j}.${key}`);
        }
        const ref = r.querySelector<HTMLInputElement>('input[name=receiptRef]')?.value.trim() ?? '';
        expenses.push({
          kind: r.querySelector<HTMLSelectElement>('select[name=kind]')?.value ?? 'other',
          amountMinor: Math.round(Number(amount) * 100),
          ...(ref ? { receiptRef: ref } : {}),
        });
      }
      attendance.push({
        participantId: box.dataset.participant ?? '',
        hours: hoursValue === '' ? undefined : Number(hoursValue),
        expenses,
      });
    }
    return { attendance };
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    try {
      await api('POST', `/api/sessions/${encodeURIComponent(v.sessionId)}/held`, body());
      kept = [];
      await load();
      announce('Attendance recorded. Payments for the people with lived experience are being worked out now.');
      byId('main').focus();
    } catch (err) {
      const issues = issuesOf(err);
      if (issues) showErrors(form, issues);
      else announce(messageOf(err, 'Attendance could not be saved. Nothing was saved. Please try again.'), 'notice');
    } finally {
      submit.disabled = false;
    }
  });
  return section('attendance', 'Record who attended', form);
}

function attendanceRecorded(v: SessionView) {
  const currency = v.forum.remuneration.currency;
  return section(
    'attended',
    'Who attended',
    table(
      'Attendance as recorded',
      ['Person', 'Hours', 'Expenses', 'Invited'],
      (v.attendance ?? []).map((a) => [
        a.displayName,
        String(a.hours),
        money(a.expensesMinor, currency),
        a.walkIn ? 'No (walk-in)' : 'Yes',
      ]),
      { rowHeader: 0 },
    ),
  );
}

// ---- Move or cancel ------------------------------------------------------------------------------

function manage(v: SessionView) {
  const start = isoToZoned(v.startsAt, v.timeZone);
  const end = isoToZoned(v.endsAt, v.timeZone);
  const form = el('form', { id: 'reschedule-form', novalidate: true });
  const from = el('input', { type: 'time', id: 'new-start', name: 'start', value: start.time });
  const to = el('input', { type: 'time', id: 'new-end', name: 'end', value: end.time });
  form.append(
    el(
      'fieldset',
      {},
      el('legend', { text: `Move this session (times in ${zoneName(v.timeZone)})` }),
      el(
        'fieldset',
        { class: 'field', 'data-path': 'startsAt' },
        el('legend', { text: 'New date' }),
        el('span', { class: 'hint', id: 'new-date-hint', text: 'Day, month and year, for example 2 3 2026.' }),
        datePartInputs('new-date', start.date, 'new-date-hint'),
      ),
      field('startsAt.time', 'New start time', from),
      field('endsAt', 'New end time', to),
      el('p', { class: 'hint', text: 'Answers already given are kept. Reminders move with the session.' }),
      el('button', { type: 'submit', class: 'secondary', text: 'Move session' }),
    ),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const read = readDateInputs(form, 'new-date');
    if ('problem' in read) {
      showErrors(form, [{ path: 'startsAt', message: read.problem }]);
      return;
    }
    try {
      const r = await api<Rescheduled>('POST', `/api/sessions/${encodeURIComponent(v.sessionId)}/reschedule`, {
        startsAt: zonedToIso(read.date, from.value, v.timeZone),
        endsAt: zonedToIso(read.date, to.value, v.timeZone),
      });
      kept = r.warnings;
      rememberWarnings(v.sessionId, []);
      await load();
      announce(
        `Session moved to ${describeTimes(r, v.timeZone)}.${r.warnings.length ? ' There are things to check: see the list on this page.' : ''}`,
      );
    } catch (err) {
      const issues = issuesOf(err);
      if (issues) showErrors(form, issues);
      else announce(messageOf(err, 'The session could not be moved. Please try again.'), 'notice');
    }
  });
  const cancel = el('button', { type: 'button', class: 'secondary', text: 'Cancel this session' });
  cancel.addEventListener('click', async () => {
    if (!confirm('Cancel this session? Reminders will stop and it cannot be held.')) return;
    try {
      await api('POST', `/api/sessions/${encodeURIComponent(v.sessionId)}/cancel`);
      kept = [];
      await load();
      announce('Session cancelled. No more reminders will be sent.');
    } catch (err) {
      announce(messageOf(err, 'The session could not be cancelled. Please try again.'), 'notice');
    }
  });
  return section('manage', 'Change this session', form, cancel);
}

if (me && sessionId) {
  load()
    .then((v) => {
      if (new URLSearchParams(location.search).get('created')) announce(scheduledMessage(v));
    })
    .catch((err: unknown) => {
      content.removeAttribute('aria-busy');
      const status = statusOf(err);
      content.replaceChildren(
        el('p', {
          text:
            status === 404
              ? 'We could not find this session.'
              : status === 403
                ? 'You can only see sessions you are invited to.'
                : 'This session could not be shown.',
        }),
      );
    });
} else if (me) {
  content.replaceChildren(el('p', { text: 'No session was chosen.' }));
}

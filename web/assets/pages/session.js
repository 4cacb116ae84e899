import { announce, api, clearErrors, el, money, requireRole, showErrors, session as signedIn } from '/assets/app.js';
import { describeLeads, describeTimes, GROUPS, isoToZoned, zonedToIso, zoneName } from '/assets/pages/forums-time.js';

const STATUS = {
  scheduled: 'Scheduled',
  cancelled: 'Cancelled: this session will not take place.',
  held: 'Held: attendance has been recorded.',
};
const ANSWERS = { yes: 'Yes, coming', maybe: 'Maybe', no: 'No, cannot come' };
const QUORUM = {
  met: { word: 'Met', cls: 'ok' },
  'at-risk': { word: 'At risk', cls: 'warn' },
  'not-met': { word: 'Not met', cls: 'bad' },
};
/** Expense lines per person for one session, as the API allows (shared/domain/forums.ts). */
const MAX_EXPENSE_LINES = 10;
const EXPENSE_KINDS = {
  travel: 'Travel',
  childcare: 'Childcare',
  subsistence: 'Food and drink',
  other: 'Something else',
};

const hidden = (text) => el('span', { class: 'visually-hidden', text });
const section = (id, heading, ...children) =>
  el('section', { 'aria-labelledby': `${id}-heading` }, el('h2', { id: `${id}-heading`, text: heading }), ...children);
/** `label` is text, or a list of text and nodes (e.g. a visually hidden name that makes it unique). */
const field = (path, label, input, hint) => {
  const f = el('div', { class: 'field', 'data-path': path || undefined });
  f.append(el('label', { for: input.id }, ...[label].flat()));
  if (hint) {
    const hid = `${input.id}-hint`;
    f.append(el('span', { class: 'hint', id: hid, text: hint }));
    input.setAttribute('aria-describedby', hid);
  }
  f.append(input);
  return f;
};
const apiErrorText = (err, fallback) => err.body?.message || fallback;

const me = requireRole('coordinator', 'member');
const sessionId = new URLSearchParams(location.search).get('id');
const content = document.getElementById('content');
const isCoordinator = me?.groups.includes('coordinator');

async function load(focusId) {
  const v = await api('GET', `/api/sessions/${encodeURIComponent(sessionId)}`);
  render(v);
  content.removeAttribute('aria-busy');
  if (focusId) document.getElementById(focusId)?.focus();
  return v;
}

function render(v) {
  document.getElementById('title').textContent = v.title;
  document.title = `${v.title} – Coproduce`;
  const back = document.getElementById('back');
  back.replaceChildren(
    isCoordinator
      ? el('a', { href: `/forums/view?id=${encodeURIComponent(v.forumId)}`, text: `Back to ${v.forum.name}` })
      : el('a', { href: '/', text: 'Back to the start page' }),
  );
  const parts = [details(v)];
  if (v.status === 'scheduled' && !isCoordinator) parts.push(myAnswer(v));
  if (v.youSaidWeDid?.length) parts.push(youSaidWeDid(v));
  if (v.status !== 'cancelled') parts.push(haveYourSay(v));
  parts.push(quorum(v));
  if (v.warnings.length) parts.push(warnings(v));
  if (isCoordinator) parts.push(invitees(v));
  parts.push(calendar(v));
  if (isCoordinator && v.status === 'scheduled') parts.push(attendanceForm(v), manage(v));
  if (v.status === 'held' && v.attendance) parts.push(attendanceRecorded(v));
  content.replaceChildren(...parts);
}

function details(v) {
  const dl = el('dl', { class: 'summary' });
  const rows = [
    ['Forum', v.forum.name],
    ['Status', STATUS[v.status] ?? v.status],
    ['When', describeTimes(v.startsAt, v.endsAt, v.timeZone)],
    ['Where', `${v.venue.name}${v.venue.accessible ? ' (accessible)' : ' (not marked as accessible)'}`],
    ['Reminders', v.status === 'scheduled' ? describeLeads(v.reminders.leadMinutes) : 'None (not scheduled)'],
  ];
  for (const [k, val] of rows) dl.append(el('dt', { text: k }), el('dd', { text: val }));
  dl.append(
    el('dt', { text: 'Agenda' }),
    el('dd', {}, v.agenda.length ? el('ol', {}, ...v.agenda.map((a) => el('li', { text: a }))) : 'No agenda yet'),
  );
  return dl;
}

/** What the forum is to hear at this session (feedback closed since the last one); never who raised it. */
function youSaidWeDid(v) {
  const outcome = { done: 'Done', 'not-possible': 'We cannot do this' };
  return section(
    'you-said',
    'You said, we did',
    el('p', { text: 'What people said at this forum, and what became of it.' }),
    el(
      'ul',
      { class: 'plain' },
      ...v.youSaidWeDid.map((i) =>
        el(
          'li',
          { class: 'panel' },
          el('blockquote', {}, el('p', { text: i.text })),
          el('p', {}, el('strong', { text: `${outcome[i.status] ?? i.status}: ` }), i.note),
        ),
      ),
    ),
  );
}

/** Links to say something to the forum (members) and to its "You said, we did" board. */
function haveYourSay(v) {
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

function quorum(v) {
  const q = QUORUM[v.quorum.status];
  return section(
    'quorum',
    v.quorum.basis === 'attendance' ? 'Lived-experience presence at the session' : 'Lived-experience presence',
    el('p', {}, el('strong', { class: `status ${q.cls}`, text: q.word }), ' '),
    el('p', { text: v.quorum.explanation }),
  );
}

function warnings(v) {
  return section(
    'warnings',
    'Things to check',
    el('div', { class: 'panel notice' }, el('ul', {}, ...v.warnings.map((w) => el('li', { text: w.message })))),
  );
}

function answerControls(sessionView, inv, { compact }) {
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
    try {
      await api('POST', `/api/sessions/${encodeURIComponent(sessionView.sessionId)}/rsvp`, {
        participantId: inv.participantId,
        response: select.value,
      });
      await load(selectId);
      announce(`Saved: ${inv.displayName} – ${ANSWERS[select.value]}.`);
    } catch (err) {
      announce(apiErrorText(err, 'The answer could not be saved. Please try again.'), 'notice');
    }
  });
  return form;
}

function myAnswer(v) {
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

function invitees(v) {
  const rows = v.invitees.map((i) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row', text: i.displayName }),
      el('td', {
        text: `${GROUPS[i.stakeholderGroup] ?? 'Unknown'}${i.constituency === 'lived-experience' ? ' (lived experience)' : ''}`,
      }),
      el('td', {
        text:
          i.status === 'invited'
            ? (ANSWERS[i.rsvp] ?? 'No answer yet')
            : i.status === 'dropped'
              ? 'No longer taking part (withdrew consent)'
              : 'Session cancelled',
      }),
      el('td', {}, i.status === 'invited' && v.status === 'scheduled' ? answerControls(v, i, { compact: true }) : '–'),
    ),
  );
  return section(
    'invitees',
    'Invited people',
    el(
      'table',
      {},
      el('caption', { text: 'Invited people and their answers' }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Name', 'Takes part as', 'Answer', 'Change answer'].map((h) => el('th', { scope: 'col', text: h })),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
  );
}

function calendar(v) {
  const button = el(
    'button',
    { type: 'button', class: 'secondary', id: 'ics' },
    'Download a calendar invite (.ics file)',
  );
  button.addEventListener('click', async () => {
    try {
      const res = await fetch(v.calendarUrl, { headers: { authorization: `Bearer ${signedIn().token}` } });
      if (!res.ok) throw new Error(String(res.status));
      const url = URL.createObjectURL(await res.blob());
      const a = el('a', { href: url, download: `${v.title}.ics` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
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

function attendanceForm(v) {
  const form = el('form', { id: 'attendance-form', novalidate: true });
  const list = el('div', { class: 'field', 'data-path': 'attendance' }, el('span', { class: 'label', text: 'People' }));
  const hoursDefault = (Date.parse(v.endsAt) - Date.parse(v.startsAt)) / 3600_000;
  const currency = v.forum.remuneration.currency;
  const added = new Set();

  function attendee(p, walkIn, attended) {
    added.add(p.participantId);
    const pid = p.participantId;
    const name = p.displayName;
    const box = el('fieldset', {
      class: 'attendee',
      'data-participant': pid,
      'data-walk-in': walkIn ? 'true' : 'false',
    });
    const group = GROUPS[p.stakeholderGroup] ?? '';
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
      'In quarter hours, for example 2.5. Include travel and preparation time, up to 2 hours more than the session.',
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
        const row = el('div', { class: 'expense' });
        const kind = el(
          'select',
          { id: `exp-${pid}-${k}-kind`, name: 'kind' },
          ...Object.entries(EXPENSE_KINDS).map(([value, text]) => el('option', { value, text })),
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
          [`Expense ${k + 1}: amount in ${currency === 'GBP' ? 'pounds' : 'euro'}`, forName.cloneNode(true)],
          amount,
          'Leave empty if there is no expense. Paid back at cost, up to 500.00 for one expense.',
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
        row.append(f1, f2, f3);
        addButton.before(row);
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
  let people = [];
  api('GET', '/api/participants?limit=100')
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
              text: `${p.displayName} – ${GROUPS[p.stakeholderGroup] ?? ''}, ${p.areaId}`,
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

  function body() {
    for (const e of form.querySelectorAll('[data-path]')) if (e !== list) e.removeAttribute('data-path');
    const attendance = [];
    for (const box of list.querySelectorAll('fieldset.attendee')) {
      if (!box.querySelector('input[name=attended]').checked) continue;
      const i = attendance.length;
      box.setAttribute('data-path', `attendance.${i}`);
      box.querySelector('[data-role=participant]').setAttribute('data-path', `attendance.${i}.participantId`);
      box.querySelector('[data-role=hours]').setAttribute('data-path', `attendance.${i}.hours`);
      const hoursValue = box.querySelector('input[name=hours]').value.trim();
      const expenses = [];
      for (const row of box.querySelectorAll('.expense')) {
        const amount = row.querySelector('input[name=amount]').value.trim();
        if (amount === '') continue;
        const j = expenses.length;
        row.setAttribute('data-path', `attendance.${i}.expenses.${j}`);
        for (const [role, key] of [
          ['kind', 'kind'],
          ['amount', 'amountMinor'],
          ['receiptRef', 'receiptRef'],
        ]) {
          row.querySelector(`[data-role=${role}]`).setAttribute('data-path', `attendance.${i}.expenses.${j}.${key}`);
        }
        const ref = row.querySelector('input[name=receiptRef]').value.trim();
        expenses.push({
          kind: row.querySelector('select[name=kind]').value,
          amountMinor: Math.round(Number(amount) * 100),
          ...(ref ? { receiptRef: ref } : {}),
        });
      }
      attendance.push({
        participantId: box.dataset.participant,
        hours: hoursValue === '' ? undefined : Number(hoursValue),
        expenses,
      });
    }
    return { attendance };
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    submit.disabled = true;
    try {
      await api('POST', `/api/sessions/${encodeURIComponent(v.sessionId)}/held`, body());
      await load();
      announce('Attendance recorded. Payments for the people with lived experience are being worked out now.');
      document.getElementById('main').focus();
    } catch (err) {
      if (err.status === 400 && err.body?.issues) showErrors(form, err.body.issues);
      else announce(apiErrorText(err, 'Attendance could not be saved. Nothing was saved. Please try again.'), 'notice');
    } finally {
      submit.disabled = false;
    }
  });
  return section('attendance', 'Record who attended', form);
}

function attendanceRecorded(v) {
  const currency = v.forum.remuneration.currency;
  return section(
    'attended',
    'Who attended',
    el(
      'table',
      {},
      el('caption', { text: 'Attendance as recorded' }),
      el(
        'thead',
        {},
        el('tr', {}, ...['Person', 'Hours', 'Expenses', 'Invited'].map((h) => el('th', { scope: 'col', text: h }))),
      ),
      el(
        'tbody',
        {},
        ...v.attendance.map((a) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row', text: a.displayName }),
            el('td', { text: String(a.hours) }),
            el('td', { text: money(a.expensesMinor, currency) }),
            el('td', { text: a.walkIn ? 'No (walk-in)' : 'Yes' }),
          ),
        ),
      ),
    ),
  );
}

// ---- Move or cancel ------------------------------------------------------------------------------

function manage(v) {
  const start = isoToZoned(v.startsAt, v.timeZone);
  const end = isoToZoned(v.endsAt, v.timeZone);
  const form = el('form', { id: 'reschedule-form', novalidate: true });
  const date = el('input', { type: 'date', id: 'new-date', name: 'date', value: start.date });
  const from = el('input', { type: 'time', id: 'new-start', name: 'start', value: start.time });
  const to = el('input', { type: 'time', id: 'new-end', name: 'end', value: end.time });
  form.append(
    el(
      'fieldset',
      {},
      el('legend', { text: `Move this session (times in ${zoneName(v.timeZone)})` }),
      field('startsAt', 'New date', date),
      field('startsAt.time', 'New start time', from),
      field('endsAt', 'New end time', to),
      el('p', { class: 'hint', text: 'Answers already given are kept. Reminders move with the session.' }),
      el('button', { type: 'submit', class: 'secondary', text: 'Move session' }),
    ),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    try {
      const r = await api('POST', `/api/sessions/${encodeURIComponent(v.sessionId)}/reschedule`, {
        startsAt: zonedToIso(date.value, from.value, v.timeZone),
        endsAt: zonedToIso(date.value, to.value, v.timeZone),
      });
      await load();
      announce(`Session moved to ${describeTimes(r.startsAt, r.endsAt, v.timeZone)}.`);
    } catch (err) {
      if (err.status === 400 && err.body?.issues) showErrors(form, err.body.issues);
      else announce(apiErrorText(err, 'The session could not be moved. Please try again.'), 'notice');
    }
  });
  const cancel = el('button', { type: 'button', class: 'secondary', text: 'Cancel this session' });
  cancel.addEventListener('click', async () => {
    if (!confirm('Cancel this session? Reminders will stop and it cannot be held.')) return;
    try {
      await api('POST', `/api/sessions/${encodeURIComponent(v.sessionId)}/cancel`);
      await load();
      announce('Session cancelled. No more reminders will be sent.');
    } catch (err) {
      announce(apiErrorText(err, 'The session could not be cancelled. Please try again.'), 'notice');
    }
  });
  return section('manage', 'Change this session', form, cancel);
}

if (me && sessionId) {
  load()
    .then(() => {
      if (new URLSearchParams(location.search).get('created')) {
        announce('Session scheduled. Reminders will be sent to everyone invited who agreed to be contacted.');
      }
    })
    .catch((err) => {
      content.removeAttribute('aria-busy');
      content.replaceChildren(
        el('p', {
          text:
            err.status === 404
              ? 'We could not find this session.'
              : err.status === 403
                ? 'You can only see sessions you are invited to.'
                : 'This session could not be shown.',
        }),
      );
    });
} else if (me) {
  content.replaceChildren(el('p', { text: 'No session was chosen.' }));
}

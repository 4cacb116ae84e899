/**
 * The coordinator's (and governance's) survey page: the surveys of an area, opening a new one,
 * entering a paper response, and reading the results — tables per question by group, suppressed
 * groups explained, shared comments, and the aggregate as CSV.
 */
import type { z } from 'zod/mini';
import type { AreaSurveysView, SurveyResultsView, SurveyView } from '../../../shared/surveys/http/schemas.js';
import {
  ApiError,
  announce,
  api,
  clearErrors,
  el,
  requireRole,
  type Session,
  sendOnce,
  session,
  showErrors,
  when,
} from '../lib/app.js';
import { field } from '../lib/dom.js';

type Survey = z.infer<typeof SurveyView>;
type Results = z.infer<typeof SurveyResultsView>;
type Summary = z.infer<typeof AreaSurveysView>['items'][number];
type Breakdown = Results['responses'];
type Cell = Breakdown['overall'];

const root = document.getElementById('surveys-page') as HTMLElement;
const me = requireRole('coordinator', 'governance');
const isCoordinator = (s: Session | null) => s?.groups.includes('coordinator') === true;

const STATUS_WORDS: Record<Summary['status'], string> = {
  'not-open-yet': 'Not open yet',
  open: 'Open',
  closed: 'Closed',
};

/** The rows of every results table, in reading order. */
const GROUPS: {
  label: string;
  pick: <T>(b: {
    overall: T;
    byConstituency: Record<string, T>;
    byStakeholderGroup: Record<string, T>;
  }) => T | undefined;
}[] = [
  { label: 'Everyone', pick: (b) => b.overall },
  { label: 'Lived experience (all)', pick: (b) => b.byConstituency['lived-experience'] },
  { label: 'Service users', pick: (b) => b.byStakeholderGroup['service-user'] },
  { label: 'Family members', pick: (b) => b.byStakeholderGroup['family-member'] },
  { label: 'Carers', pick: (b) => b.byStakeholderGroup.carer },
  { label: 'Staff', pick: (b) => b.byConstituency.provider },
];

const HIDDEN_WORDS = 'Hidden: fewer than 5 people, or it would give away a smaller group';

// ---- The list and opening a survey ---------------------------------------------------------------

async function showArea(areaId: string | null): Promise<void> {
  root.replaceChildren();
  const areaInput = el('input', { name: 'areaId', autocomplete: 'off', value: areaId ?? '' });
  const areaForm = el(
    'form',
    { method: 'get', action: '/surveys', 'aria-label': 'Choose an area' },
    field('areaId', 'Area', areaInput, 'The area’s id, for example cho5-waterford.'),
    el('button', { type: 'submit', class: 'button', text: 'Show surveys' }),
  );
  root.append(areaForm);
  if (!areaId) return;

  const { items } = await api<{ items: Summary[] }>('GET', `/api/surveys?areaId=${encodeURIComponent(areaId)}`);
  root.append(el('h2', { text: `Surveys for ${areaId}` }));
  if (items.length === 0) root.append(el('p', { text: 'This area has no surveys yet.' }));
  else {
    const body = el('tbody');
    for (const s of items) {
      body.append(
        el(
          'tr',
          {},
          el('td', {}, el('a', { href: `/surveys?id=${encodeURIComponent(s.surveyId)}`, text: s.title })),
          el('td', { text: String(s.year) }),
          el('td', { text: `${when(s.opensAt)} to ${when(s.closesAt)}` }),
          el('td', { text: STATUS_WORDS[s.status] }),
        ),
      );
    }
    root.append(
      el(
        'table',
        { class: 'results-table' },
        el('caption', { text: `Surveys for ${areaId}, newest year first` }),
        el(
          'thead',
          {},
          el('tr', {}, ...['Survey', 'Year', 'Open', 'Status'].map((t) => el('th', { scope: 'col', text: t }))),
        ),
        body,
      ),
    );
  }
  if (isCoordinator(me)) root.append(openForm(areaId));
}

function openForm(areaId: string): HTMLElement {
  const year = new Date().getFullYear();
  const form = el('form', { novalidate: true, 'aria-labelledby': 'open-heading' });
  const qpr = el('input', { type: 'checkbox', id: 'instr-qpr', name: 'instruments', value: 'qpr-15' });
  qpr.setAttribute('aria-describedby', 'instr-qpr-hint');
  form.append(
    el('h2', { id: 'open-heading', text: 'Open a new survey' }),
    field('year', 'Year', el('input', { name: 'year', type: 'number', inputmode: 'numeric', value: String(year) })),
    field('title', 'Title', el('input', { name: 'title', value: `Taking part in ${year}` }), 'Members see this.'),
    field('opensAt', 'Opens', el('input', { name: 'opensAt', type: 'datetime-local' })),
    field('closesAt', 'Closes', el('input', { name: 'closesAt', type: 'datetime-local' })),
    el(
      'fieldset',
      { class: 'field', 'data-path': 'instruments' },
      el('legend', { text: 'Questions to ask' }),
      el(
        'div',
        { class: 'choice' },
        el('input', { type: 'checkbox', id: 'instr-exp', name: 'instruments', value: 'experience', checked: true }),
        el('label', { for: 'instr-exp', text: 'Taking part this year (for everyone)' }),
      ),
      el(
        'div',
        { class: 'choice', 'data-path': 'instruments.1' },
        qpr,
        el(
          'div',
          {},
          el('label', { for: 'instr-qpr', text: 'QPR-15, about personal recovery (service users only)' }),
          el('p', {
            class: 'hint',
            id: 'instr-qpr-hint',
            text: 'Needs its licensed wording added to this service first.',
          }),
        ),
      ),
    ),
    el('button', { type: 'submit', class: 'button', text: 'Open the survey' }),
  );
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
  const iso = (local: string) => (local ? new Date(local).toISOString() : local);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const instruments = [...form.querySelectorAll<HTMLInputElement>('input[name=instruments]:checked')].map(
      (i) => i.value,
    );
    try {
      const { surveyId } = await sendOnce<{ surveyId: string }>(form, 'POST', '/api/surveys', {
        areaId,
        year: Number(value('year')),
        title: value('title'),
        opensAt: iso(value('opensAt')),
        closesAt: iso(value('closesAt')),
        instruments,
      });
      location.href = `/surveys?id=${encodeURIComponent(surveyId)}`;
    } catch (err) {
      if (err instanceof ApiError && err.body?.issues) showErrors(form, err.body.issues);
      else showErrors(form, [{ path: '(body)', message: 'We could not open the survey. Please try again.' }]);
    }
  });
  return form;
}

// ---- One survey: results and paper responses -----------------------------------------------------

async function showSurvey(surveyId: string): Promise<void> {
  const path = `/api/surveys/${encodeURIComponent(surveyId)}`;
  const [survey, results] = await Promise.all([api<Survey>('GET', path), api<Results>('GET', `${path}/results`)]);
  document.title = `${survey.title} – Coproduce`;
  (document.getElementById('page-title') as HTMLElement).textContent = survey.title;
  (document.getElementById('page-lead') as HTMLElement).textContent =
    `${survey.areaId}, ${survey.year}. Open from ${when(survey.opensAt)} to ${when(survey.closesAt)}.`;
  root.replaceChildren(
    el(
      'p',
      {},
      el('a', { href: `/surveys?areaId=${encodeURIComponent(survey.areaId)}`, text: 'All surveys for this area' }),
    ),
  );
  const resultsBox = el('div', { id: 'results' });
  root.append(resultsBox);
  renderResults(resultsBox, survey, results);
  // Open by the server's clock, which is the one that takes or refuses the response.
  if (isCoordinator(me) && results.status === 'open') {
    root.append(
      paperForm(survey, async () => renderResults(resultsBox, survey, await api<Results>('GET', `${path}/results`))),
    );
  }
}

function renderResults(box: HTMLElement, survey: Survey, results: Results) {
  box.replaceChildren(
    el('h2', { text: 'Results' }),
    el('p', {
      text: `A group is shown only when at least ${results.minGroupSize} people in it answered. Another group may be hidden too, when showing it would let a small group be worked out by subtraction (for example “everyone” minus “service users”).`,
    }),
  );
  const closed = results.status === 'closed';
  if (closed) {
    const download = el('button', { type: 'button', class: 'button secondary', text: 'Download the results (CSV)' });
    download.addEventListener('click', () => void downloadCsv(survey));
    box.append(el('p', {}, download));
  } else {
    box.append(
      el('p', {
        id: 'results-not-yet',
        text: `The answers to each question are shown here once the survey has closed, on ${when(results.closesAt)}. Until then, only how many people have answered is shown: figures read before and after one more answer could give that answer away.`,
      }),
    );
  }

  box.append(
    table(
      'How many people answered',
      ['Group', 'People'],
      (b) => {
        const c = b as Cell;
        return c.suppressed ? null : [String(c.count)];
      },
      results.responses,
    ),
  );

  const textOf = new Map(survey.instruments.flatMap((i) => i.questions.map((q) => [q.id, q.text ?? q.id] as const)));
  for (const q of results.questions) {
    const title = q.text ?? textOf.get(q.questionId) ?? q.questionId;
    if (q.kind === 'scale') {
      box.append(
        table(
          title,
          ['Group', 'How they answered'],
          (cell) => {
            const c = cell as Extract<typeof q.figures.overall, { suppressed: false }> | { suppressed: true };
            if (c.suppressed) return null;
            return [figures(c.count, `${c.mean} out of ${c.distribution.at(-1)?.value ?? ''}`, c.distribution)];
          },
          q.figures,
        ),
      );
    } else {
      box.append(
        table(
          `${title} (how many wrote something)`,
          ['Group', 'People'],
          (cell) => {
            const c = cell as Cell;
            return c.suppressed ? null : [String(c.count)];
          },
          q.answered,
        ),
      );
      box.append(el('h3', { text: 'What people agreed to share' }));
      if (q.comments.length === 0) box.append(el('p', { text: 'Nothing shared.' }));
      else {
        const list = el('ul');
        for (const c of q.comments) list.append(el('li', { text: c }));
        box.append(list);
      }
    }
  }
  for (const t of results.totals) {
    box.append(
      table(
        `${t.instrumentId === 'qpr-15' ? 'QPR-15' : t.instrumentId} total score (${t.min}–${t.max}, complete answers only)`,
        ['Group', 'Scores'],
        (cell) => {
          const c = cell as Extract<typeof t.figures.overall, { suppressed: false }> | { suppressed: true };
          if (c.suppressed) return null;
          return [figures(c.count, String(c.mean), c.distribution)];
        },
        t.figures,
      ),
    );
  }
}

/** "6 people, average 3.83 out of 5", then how many gave each answer. */
function figures(count: number, average: string, spread: readonly { label: string; count: number }[]): HTMLElement {
  const list = el('ul', { class: 'spread' });
  for (const d of spread) list.append(el('li', { text: `${d.label}: ${d.count}` }));
  return el('div', {}, el('p', { class: 'figures', text: `${count} people, average ${average}` }), list);
}

function table(
  caption: string,
  heads: string[],
  cells: (cell: unknown) => (string | HTMLElement)[] | null,
  breakdown: { overall: unknown; byConstituency: Record<string, unknown>; byStakeholderGroup: Record<string, unknown> },
): HTMLElement {
  const body = el('tbody');
  for (const g of GROUPS) {
    const c = g.pick(breakdown);
    const row = el('tr', {}, el('th', { scope: 'row', text: g.label }));
    const shown = cells(c);
    if (shown === null) row.append(el('td', { colspan: heads.length - 1, text: HIDDEN_WORDS }));
    else for (const v of shown) row.append(el('td', {}, v));
    body.append(row);
  }
  return el(
    'table',
    { class: 'results-table' },
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, ...heads.map((h) => el('th', { scope: 'col', text: h })))),
    body,
  );
}

async function downloadCsv(survey: Survey) {
  const res = await fetch(`/api/surveys/${encodeURIComponent(survey.surveyId)}/results.csv`, {
    headers: { authorization: `Bearer ${session()?.token ?? ''}` },
  });
  if (!res.ok) {
    announce('We could not download the results. Please try again.', 'error');
    return;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', { href: url, download: `survey-${survey.areaId}-${survey.year}-results.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
  announce('The results were downloaded as a CSV file.', 'info');
}

function paperForm(survey: Survey, after: () => Promise<void>): HTMLElement {
  const form = el('form', { novalidate: true, 'aria-labelledby': 'paper-heading' });
  form.append(
    el('h2', { id: 'paper-heading', text: 'Enter a paper response' }),
    el('p', {
      text: 'Type in a paper form for the person it belongs to. They can answer only once, on paper or online. You will have seen their answers even if they chose to be anonymous.',
    }),
    field('participantId', 'Their participant number', el('input', { name: 'participantId', autocomplete: 'off' })),
    el(
      'fieldset',
      { class: 'field', 'data-path': 'anonymous' },
      el('legend', { text: 'What did they choose?' }),
      radio('p-anonymous', 'anonymous', 'yes', 'Anonymous (keep it without their id)', true),
      radio('p-anonymous', 'anonymous', 'no', 'With their name', false),
    ),
  );
  for (const inst of survey.instruments) {
    form.append(el('h3', { text: `${inst.title}${inst.id === 'qpr-15' ? ' (service users only)' : ''}` }));
    for (const q of inst.questions) {
      if (q.kind === 'scale') {
        const fs = el(
          'fieldset',
          { class: 'field', 'data-path': `answers.${q.id}` },
          el('legend', { text: q.text ?? q.id }),
        );
        for (const o of q.scale.options)
          fs.append(radio(`p-${q.id}`, `p-${q.id}`, String(o.value), `${o.value} ${o.label}`, false));
        form.append(fs);
      } else {
        form.append(
          field(`answers.${q.id}`, q.text, el('textarea', { name: `p-${q.id}`, rows: 4, maxlength: q.maxLength })),
        );
      }
    }
  }
  form.append(
    el(
      'div',
      { class: 'field choice', 'data-path': 'shareComments' },
      el('input', { type: 'checkbox', id: 'p-share', name: 'shareComments' }),
      el('label', { for: 'p-share', text: 'They agreed that what they wrote may be shown in the results.' }),
    ),
    el('button', { type: 'submit', class: 'button', text: 'Save the paper response' }),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const answers: Record<string, number | string> = {};
    for (const q of survey.instruments.flatMap((i) => i.questions)) {
      if (q.kind === 'scale') {
        const v = form.querySelector<HTMLInputElement>(`input[name="p-${CSS.escape(q.id)}"]:checked`)?.value;
        if (v !== undefined) answers[q.id] = Number(v);
      } else {
        const v = (form.elements.namedItem(`p-${q.id}`) as HTMLTextAreaElement).value.trim();
        if (v) answers[q.id] = v;
      }
    }
    const participantId = (form.elements.namedItem('participantId') as HTMLInputElement).value.trim();
    try {
      await api('POST', `/api/surveys/${encodeURIComponent(survey.surveyId)}/paper-responses`, {
        participantId,
        answers,
        anonymous: form.querySelector<HTMLInputElement>('input[name=p-anonymous]:checked')?.value !== 'no',
        shareComments: (form.elements.namedItem('shareComments') as HTMLInputElement).checked,
      });
      form.reset();
      announce('The paper response was saved.');
      document.getElementById('status-message')?.setAttribute('tabindex', '-1');
      document.getElementById('status-message')?.focus();
      await after();
    } catch (err) {
      if (err instanceof ApiError && err.body?.issues) showErrors(form, err.body.issues);
      else if (err instanceof ApiError) showErrors(form, [{ path: '(body)', message: err.message }]);
      else showErrors(form, [{ path: '(body)', message: 'We could not save it. Please try again.' }]);
    }
  });
  return form;
}

function radio(group: string, idBase: string, value: string, label: string, checked: boolean): HTMLElement {
  const id = `${idBase}-${value}`;
  return el(
    'div',
    { class: 'choice' },
    el('input', { type: 'radio', name: group, value, id, checked }),
    el('label', { for: id, text: label }),
  );
}

async function start() {
  if (!me) return;
  const params = new URLSearchParams(location.search);
  const id = params.get('id');
  try {
    if (id) await showSurvey(id);
    else await showArea(params.get('areaId'));
  } catch (err) {
    root.replaceChildren(
      el('p', {
        class: 'panel error',
        role: 'alert',
        text:
          err instanceof ApiError && err.status === 404
            ? 'We could not find that survey.'
            : err instanceof ApiError && err.body?.issues
              ? err.body.issues.map((i) => i.message).join(' ')
              : 'We could not load this page. Please try again.',
      }),
      el('p', {}, el('a', { href: '/surveys', text: 'Back to surveys' })),
    );
  }
}

void start();

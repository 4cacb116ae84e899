/**
 * /evaluation/record (coordinator): record a staff activity (providers attend, people with lived
 * experience co-facilitate), a lived-experience role with its dates and FTE, and the provider view
 * of the self-assessment. People are picked from the area's participants, by name.
 */
import {
  type Action,
  actionLabels,
  actions,
  type Rating,
  ratingLabels,
  ratings,
} from '../../../shared/evaluation/domain/self-assessment.js';
import { ApiError, announce, api, clearErrors, el, requireRole, sendOnce, showErrors } from '../lib/app.js';
import { field } from '../lib/dom.js';

type Person = { participantId: string; displayName: string; constituency: 'lived-experience' | 'provider' };
const ROLES: [string, string][] = [
  ['peer-support-worker', 'Peer support worker'],
  ['peer-educator', 'Peer educator'],
  ['area-lead', 'Area lead'],
  ['lived-experience-facilitator', 'Lived-experience facilitator'],
  ['other', 'Another lived-experience role'],
];

const checkboxes = (path: string, legend: string, people: Person[], prefix: string) =>
  el(
    'fieldset',
    { class: 'field', 'data-path': path },
    el('legend', { text: legend }),
    ...(people.length
      ? people.map((p) =>
          el(
            'div',
            { class: 'choice' },
            el('input', { type: 'checkbox', id: `${prefix}-${p.participantId}`, name: path, value: p.participantId }),
            el('label', { for: `${prefix}-${p.participantId}`, text: p.displayName }),
          ),
        )
      : [el('p', { class: 'hint', text: 'Nobody in this area yet.' })]),
  );

const checked = (form: HTMLFormElement, name: string) =>
  [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
const value = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null)?.value ?? '';

async function submit(form: HTMLFormElement, send: () => Promise<unknown>, done: string) {
  clearErrors(form);
  try {
    await send();
    announce(done);
    form.reset();
    delete form.dataset.idempotencyKey;
  } catch (err) {
    if (err instanceof ApiError && err.body?.issues) showErrors(form, err.body.issues);
    else
      announce(
        err instanceof ApiError && err.body?.message ? err.body.message : 'It was not saved. Please try again.',
        'error',
      );
  }
}

function activityForm(areaId: string, people: Person[]) {
  const providers = people.filter((p) => p.constituency === 'provider');
  const lived = people.filter((p) => p.constituency === 'lived-experience');
  const form = el(
    'form',
    { novalidate: true, 'aria-labelledby': 'activity-heading' },
    el('h2', { id: 'activity-heading', text: 'A training or reflective-practice session' }),
    el(
      'fieldset',
      { class: 'field', 'data-path': 'kind' },
      el('legend', { text: 'What kind of session' }),
      el(
        'div',
        { class: 'choice' },
        el('input', { type: 'radio', name: 'kind', id: 'kind-rp', value: 'reflective-practice', checked: true }),
        el('label', { for: 'kind-rp', text: 'Team reflective practice on recovery' }),
      ),
      el(
        'div',
        { class: 'choice' },
        el('input', { type: 'radio', name: 'kind', id: 'kind-tr', value: 'co-production-training' }),
        el('label', { for: 'kind-tr', text: 'Co-production training' }),
      ),
    ),
    field('title', 'Title', el('input', { type: 'text', id: 'act-title', name: 'title', maxlength: 200 })),
    field('date', 'Date', el('input', { type: 'date', id: 'act-date', name: 'date' })),
    field(
      'hours',
      'Hours',
      el('input', {
        type: 'number',
        id: 'act-hours',
        name: 'hours',
        step: 0.25,
        min: 0.25,
        max: 24,
        inputmode: 'decimal',
      }),
      'In quarter hours, like 1.5.',
    ),
    checkboxes('attendees', 'Staff who attended', providers, 'att'),
    checkboxes('coFacilitators', 'Co-facilitated by (people with lived experience)', lived, 'cof'),
    el('button', { type: 'submit', text: 'Record the session' }),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void submit(
      form,
      () =>
        sendOnce(form, 'POST', '/api/staff-activities', {
          kind: value(form, 'kind') || (form.querySelector<HTMLInputElement>('input[name=kind]:checked')?.value ?? ''),
          title: value(form, 'title'),
          date: value(form, 'date'),
          hours: Number(value(form, 'hours')),
          areaId,
          attendees: checked(form, 'attendees'),
          coFacilitators: checked(form, 'coFacilitators'),
        }),
      'The session is recorded.',
    );
  });
  return form;
}

function roleForm(people: Person[]) {
  const lived = people.filter((p) => p.constituency === 'lived-experience');
  const form = el(
    'form',
    { novalidate: true, 'aria-labelledby': 'role-heading' },
    el('h2', { id: 'role-heading', text: 'A lived-experience role' }),
    field(
      'id',
      'Who',
      el(
        'select',
        { id: 'role-who', name: 'who' },
        el('option', { value: '', text: 'Choose' }),
        ...lived.map((p) => el('option', { value: p.participantId, text: p.displayName })),
      ),
    ),
    field(
      'role',
      'Role',
      el('select', { id: 'role-role', name: 'role' }, ...ROLES.map(([v, t]) => el('option', { value: v, text: t }))),
    ),
    field('from', 'In post from', el('input', { type: 'date', id: 'role-from', name: 'from' })),
    field(
      'to',
      'Last day in post (optional)',
      el('input', { type: 'date', id: 'role-to', name: 'to' }),
      'Leave empty while they are still in post.',
    ),
    field(
      'fte',
      'FTE',
      el('input', { type: 'number', id: 'role-fte', name: 'fte', step: 0.01, min: 0.01, max: 1, inputmode: 'decimal' }),
      '1 is full-time, 0.5 half-time.',
    ),
    el('button', { type: 'submit', text: 'Record the role' }),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const who = value(form, 'who');
    if (!who) {
      showErrors(form, [{ path: 'id', message: 'Choose who holds the role.' }]);
      return;
    }
    const to = value(form, 'to');
    void submit(
      form,
      () =>
        sendOnce(form, 'POST', `/api/participants/${encodeURIComponent(who)}/roles`, {
          role: value(form, 'role'),
          from: value(form, 'from'),
          ...(to ? { to } : {}),
          fte: Number(value(form, 'fte')),
        }),
      'The role is recorded.',
    );
  });
  return form;
}

function providerView(areaId: string) {
  const year = new Date().getFullYear();
  const rows = actions.map((a: Action) =>
    el(
      'fieldset',
      { class: 'field' },
      el('legend', { text: actionLabels[a] }),
      field(
        `rating-${a}`,
        'How far the service has got',
        el(
          'select',
          { id: `sa-${a}`, name: `rating-${a}` },
          el('option', { value: '', text: 'Not rated' }),
          ...ratings.map((r: Rating) => el('option', { value: r, text: ratingLabels[r] })),
        ),
      ),
      field(
        `evidence-${a}`,
        'Evidence',
        el('textarea', { id: `sa-ev-${a}`, name: `evidence-${a}`, rows: 2, maxlength: 2000 }),
      ),
    ),
  );
  const form = el(
    'form',
    { novalidate: true, 'aria-labelledby': 'provider-heading' },
    el('h2', { id: 'provider-heading', text: `The provider view of ${year}` }),
    el('p', {
      text: 'Rate the actions you have evidence for. Members of the area give their own view; both are shown side by side.',
    }),
    ...rows,
    el('button', { type: 'submit', text: 'Save the ratings' }),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const rated = actions.filter((a) => value(form, `rating-${a}`));
    if (rated.length === 0) {
      showErrors(form, [{ path: `rating-${actions[0]}`, message: 'Rate at least one action.' }]);
      return;
    }
    try {
      for (const a of rated) {
        await api('PUT', `/api/evaluations/${encodeURIComponent(areaId)}/${year}/self-assessment/${a}`, {
          rating: value(form, `rating-${a}`),
          evidence: value(form, `evidence-${a}`),
        });
      }
      announce(`Saved ${rated.length} ${rated.length === 1 ? 'rating' : 'ratings'}.`);
    } catch (err) {
      announce(
        err instanceof ApiError && err.body?.issues?.[0]
          ? err.body.issues[0].message
          : 'Not every rating was saved. Please try again.',
        'error',
      );
    }
  });
  return form;
}

const s = requireRole('coordinator');
const areaForm = document.getElementById('area-form') as HTMLFormElement | null;
const out = document.getElementById('forms');

async function load(areaId: string) {
  if (!areaForm || !out) return;
  const people: Person[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Person[]; nextCursor: string | null } = await api(
      'GET',
      `/api/participants?areaId=${encodeURIComponent(areaId)}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    people.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && people.length < 1000);
  people.sort((a, b) => a.displayName.localeCompare(b.displayName));
  out.replaceChildren(activityForm(areaId, people), roleForm(people), providerView(areaId));
  const given = await api<{ items: { action: Action; rating: Rating; evidence: string }[] }>(
    'GET',
    `/api/evaluations/${encodeURIComponent(areaId)}/${new Date().getFullYear()}/self-assessment`,
  );
  for (const i of given.items) {
    const rating = document.getElementById(`sa-${i.action}`) as HTMLSelectElement | null;
    const evidence = document.getElementById(`sa-ev-${i.action}`) as HTMLTextAreaElement | null;
    if (rating) rating.value = i.rating;
    if (evidence) evidence.value = i.evidence;
  }
  history.replaceState(null, '', `?areaId=${encodeURIComponent(areaId)}`);
}

if (s && areaForm) {
  const input = areaForm.elements.namedItem('areaId') as HTMLInputElement;
  input.value = new URLSearchParams(location.search).get('areaId') ?? '';
  areaForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearErrors(areaForm);
    if (!input.value.trim()) showErrors(areaForm, [{ path: 'areaId', message: 'Enter the area.' }]);
    else load(input.value.trim()).catch(() => announce('The people of this area could not be loaded.', 'error'));
  });
  if (input.value) void load(input.value);
}

/**
 * /my-ladder (member): "How did this session feel?" for each session the member attended and
 * each decision they signed, with the rungs in plain words (the ladder of co-production, from the
 * domain), optional and changeable; and the member's own view of the self-assessment of their area.
 */
import { ladderQuestions, type Rung, rungLabels, rungs } from '../../../shared/evaluation/domain/ladder.js';
import {
  type Action,
  actionLabels,
  actions,
  type Rating,
  ratingLabels,
  ratings,
} from '../../../shared/evaluation/domain/self-assessment.js';
import { ApiError, announce, api, clearErrors, el, requireRole, showErrors } from '../lib/app.js';

type LadderItem = { subject: 'session' | 'decision'; subjectId: string; on: string; title: string; rung: Rung | null };

const dateWords = (d: string) =>
  new Intl.DateTimeFormat('en-IE', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));

let n = 0;

function ladderForm(item: LadderItem): HTMLElement {
  const id = `q${++n}`;
  const question = item.subject === 'session' ? ladderQuestions.session : ladderQuestions.decision;
  const what =
    item.subject === 'session' ? `Session on ${dateWords(item.on)}` : `Decision proposed on ${dateWords(item.on)}`;
  const status = el('p', {
    class: 'hint',
    id: `${id}-status`,
    text: item.rung ? `Your answer: ${rungLabels[item.rung]}` : 'You have not answered yet.',
  });
  // Highest rung first: the first choice people read is the one the service aims for.
  const choices = [...rungs]
    .reverse()
    .map((r) =>
      el(
        'div',
        { class: 'choice' },
        el('input', { type: 'radio', name: 'rung', id: `${id}-${r}`, value: r, checked: item.rung === r }),
        el('label', { for: `${id}-${r}`, text: rungLabels[r] }),
      ),
    );
  const form = el(
    'form',
    { class: 'ladder-item', novalidate: true, 'aria-labelledby': `${id}-title` },
    el('h3', { id: `${id}-title`, text: item.title }),
    el('p', { class: 'hint', text: what }),
    el('fieldset', { class: 'field rungs', 'data-path': 'rung' }, el('legend', { text: question }), ...choices),
    status,
    el('button', { type: 'submit', text: item.rung ? 'Change my answer' : 'Save my answer' }),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const picked = form.querySelector<HTMLInputElement>('input[name=rung]:checked');
    if (!picked) {
      showErrors(form, [{ path: 'rung', message: 'Choose the answer closest to how it felt, or leave this one.' }]);
      return;
    }
    const kind = item.subject === 'session' ? 'sessions' : 'decisions';
    try {
      await api('POST', `/api/${kind}/${encodeURIComponent(item.subjectId)}/ladder`, { rung: picked.value });
      status.textContent = `Your answer: ${rungLabels[picked.value as Rung]}`;
      const button = form.querySelector('button');
      if (button) button.textContent = 'Change my answer';
      announce(`Thank you. Your answer on “${item.title}” is saved.`);
    } catch (err) {
      if (err instanceof ApiError && err.body?.issues) showErrors(form, err.body.issues);
      else
        announce(
          err instanceof ApiError && err.body?.message
            ? err.body.message
            : 'Your answer was not saved. Please try again.',
          'error',
        );
    }
  });
  return form;
}

function selfAssessmentForm(areaId: string, year: number, action: Action): HTMLElement {
  const id = `sa-${action}`;
  const form = el(
    'form',
    { class: 'ladder-item', novalidate: true, 'aria-labelledby': `${id}-title` },
    el('h3', { id: `${id}-title`, text: actionLabels[action] }),
    el(
      'div',
      { class: 'field', 'data-path': 'rating' },
      el('label', { for: `${id}-rating`, text: `How far has ${areaId} got with this in ${year}?` }),
      el(
        'select',
        { id: `${id}-rating`, name: 'rating' },
        el('option', { value: '', text: 'Choose' }),
        ...ratings.map((r: Rating) => el('option', { value: r, text: ratingLabels[r] })),
      ),
    ),
    el(
      'div',
      { class: 'field', 'data-path': 'evidence' },
      el('label', { for: `${id}-evidence`, text: 'What makes you say so? (optional)' }),
      el('textarea', { id: `${id}-evidence`, name: 'evidence', rows: 3, maxlength: 2000 }),
    ),
    el('button', { type: 'submit', text: 'Save' }),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const rating = (form.elements.namedItem('rating') as HTMLSelectElement).value;
    const evidence = (form.elements.namedItem('evidence') as HTMLTextAreaElement).value;
    if (!rating) {
      showErrors(form, [{ path: 'rating', message: 'Choose how far it has got.' }]);
      return;
    }
    try {
      await api('PUT', `/api/evaluations/${encodeURIComponent(areaId)}/${year}/self-assessment/${action}`, {
        rating,
        evidence,
      });
      announce(`Saved: ${actionLabels[action]} – ${ratingLabels[rating as Rating]}.`);
    } catch (err) {
      if (err instanceof ApiError && err.body?.issues) showErrors(form, err.body.issues);
      else
        announce(
          err instanceof ApiError && err.body?.message ? err.body.message : 'It was not saved. Please try again.',
          'error',
        );
    }
  });
  return form;
}

const s = requireRole('member');
const ladderOut = document.getElementById('ladder');
const selfOut = document.getElementById('self');

if (s && ladderOut && selfOut) {
  api<{ items: LadderItem[] }>('GET', '/api/my/ladder')
    .then(({ items }) =>
      ladderOut.replaceChildren(
        ...(items.length
          ? items.map(ladderForm)
          : [
              el('p', { text: 'Once you have been to a session, or signed a decision, you can say here how it felt.' }),
            ]),
      ),
    )
    .catch(() =>
      ladderOut.replaceChildren(el('p', { text: 'Your sessions could not be loaded. Please try again later.' })),
    );
  if (s.participantId) {
    api<{ areaId: string; constituency: string; jurisdiction: string }>(
      'GET',
      `/api/participants/${encodeURIComponent(s.participantId)}`,
    )
      .then((me) => {
        if (me.constituency !== 'lived-experience') {
          selfOut.replaceChildren(el('p', { text: 'Staff give their view through the coordinator.' }));
          return;
        }
        const year = new Date().getFullYear();
        selfOut.replaceChildren(...actions.map((a) => selfAssessmentForm(me.areaId, year, a)));
        // Show what they said before, so it can be changed.
        return api<{ items: { action: Action; rating: Rating; evidence: string }[] }>(
          'GET',
          `/api/evaluations/${encodeURIComponent(me.areaId)}/${year}/self-assessment`,
        ).then(({ items }) => {
          for (const i of items) {
            const rating = document.getElementById(`sa-${i.action}-rating`) as HTMLSelectElement | null;
            const evidence = document.getElementById(`sa-${i.action}-evidence`) as HTMLTextAreaElement | null;
            if (rating) rating.value = i.rating;
            if (evidence) evidence.value = i.evidence;
          }
        });
      })
      .catch(() => selfOut.replaceChildren(el('p', { text: 'This could not be loaded. Please try again later.' })));
  }
}

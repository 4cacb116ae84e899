/**
 * A member's yearly survey: the open surveys of their area, then one survey one question per
 * screen — the anonymity choice first, in plain words, then each question, then a check of the
 * answers before sending. Works by keyboard (native radios and buttons; focus moves to each new
 * screen's heading) and on a phone.
 */
import type { z } from 'zod/mini';
import type { MySurveysView, SurveyView } from '../../../shared/surveys/http/schemas.js';
import { ApiError, announceToScreenReader, api, clearErrors, el, requireRole, showErrors, when } from '../lib/app.js';

type Survey = z.infer<typeof SurveyView>;
type Question = Survey['instruments'][number]['questions'][number];
type Mine = z.infer<typeof MySurveysView>['items'][number];

const root = document.getElementById('surveys') as HTMLElement;
const me = requireRole('member');

async function showList(): Promise<void> {
  const { items } = await api<{ items: Mine[] }>('GET', '/api/my/surveys');
  root.replaceChildren();
  if (items.length === 0) {
    root.append(el('p', { text: 'There is no survey open for you right now. We will let you know when there is.' }));
    return;
  }
  const list = el('ul', { class: 'plain' });
  for (const s of items) {
    const li = el('li', { class: 'panel' }, el('h2', { text: s.title }));
    li.append(el('p', { text: `Open until ${when(s.closesAt)}.` }));
    if (s.answered) li.append(el('p', { text: 'You have answered this survey. Thank you.' }));
    else
      li.append(
        el(
          'a',
          { class: 'button', href: `/my-surveys?id=${encodeURIComponent(s.surveyId)}` },
          'Answer this survey',
          el('span', { class: 'visually-hidden', text: `: ${s.title}` }),
        ),
      );
    list.append(li);
  }
  root.append(list);
}

// ---- One survey ------------------------------------------------------------------------------

type Step = { section: HTMLElement; heading: HTMLElement; question?: Question };

async function showSurvey(surveyId: string, participantId: string): Promise<void> {
  const [survey, mine, person] = await Promise.all([
    api<Survey>('GET', `/api/surveys/${encodeURIComponent(surveyId)}`),
    api<{ items: Mine[] }>('GET', '/api/my/surveys'),
    api<{ stakeholderGroup: Survey['instruments'][number]['audience'][number] }>(
      'GET',
      `/api/participants/${encodeURIComponent(participantId)}`,
    ),
  ]);
  document.title = `${survey.title} – Coproduce`;
  (document.getElementById('page-title') as HTMLElement).textContent = survey.title;
  const lead = document.getElementById('page-lead') as HTMLElement;
  lead.textContent = `Open until ${when(survey.closesAt)}. You can stop at any time; nothing is sent until the last screen.`;
  root.replaceChildren();
  const status = mine.items.find((s) => s.surveyId === surveyId);
  if (!status) {
    root.append(
      el('p', { text: 'This survey is not open for answers now.' }),
      el('p', {}, el('a', { href: '/my-surveys', text: 'Back to your surveys' })),
    );
    return;
  }
  if (status.answered) {
    root.append(
      el('p', { class: 'panel success', text: 'You have answered this survey. Thank you.' }),
      el('p', {}, el('a', { href: '/my-surveys', text: 'Back to your surveys' })),
    );
    return;
  }

  const instruments = survey.instruments.filter((i) => i.audience.includes(person.stakeholderGroup));
  const questions = instruments.flatMap((i) => i.questions.filter((q) => q.text !== null));
  const form = el('form', { novalidate: true, 'aria-labelledby': 'page-title' });
  const steps: Step[] = [];

  // Screen 1: how your answers are kept.
  const introHeading = el('h2', { text: 'Before you start', tabindex: '-1' });
  const intro = el(
    'section',
    { class: 'survey-step' },
    introHeading,
    ...instruments.map((i) => el('p', { text: i.intro })),
    el(
      'fieldset',
      { class: 'field', 'data-path': 'anonymous' },
      el('legend', { text: 'How should we keep your answers?' }),
      choice(
        'anonymous',
        'yes',
        'Anonymously (without your name)',
        true,
        'We keep your answers without your name, your participant number or the time you sent them. We keep only a scrambled code, which stops anyone answering twice.',
      ),
      choice(
        'anonymous',
        'no',
        'With my name',
        false,
        'Your coordinator can see these are your answers, and can follow up with you about them.',
      ),
    ),
    el(
      'details',
      {},
      el('summary', { text: 'What anonymous can and cannot do' }),
      el('p', {
        text: 'We keep which group you are in (for example carer or service user), so results can be shown by group. Results are only shown for groups of 5 people or more.',
      }),
      el('p', {
        text: 'If very few people answer, or you write something only you would say, people who know you well might still guess. If a coordinator types in a paper form for you, they will have seen your answers.',
      }),
    ),
    el('p', {
      class: 'hint',
      text: 'If you write something, it is only shown in the results if you say it can be, and never with your name.',
    }),
  );
  steps.push({ section: intro, heading: introHeading });

  for (const [n, q] of questions.entries()) {
    const heading = el('p', {
      class: 'survey-progress',
      text: `Question ${n + 1} of ${questions.length}`,
      tabindex: '-1',
    });
    const section = el(
      'section',
      { class: 'survey-step', 'aria-label': `Question ${n + 1} of ${questions.length}` },
      heading,
    );
    section.append(q.kind === 'scale' ? scaleField(q) : textField(q));
    steps.push({ section, heading, question: q });
  }

  // Last screen: check and send.
  const checkHeading = el('h2', { text: 'Check your answers', tabindex: '-1' });
  const checkList = el('dl', { class: 'survey-answers' });
  const check = el('section', { class: 'survey-step' }, checkHeading, checkList);
  steps.push({ section: check, heading: checkHeading });

  const back = el('button', { type: 'button', class: 'button secondary', text: 'Back' });
  const next = el('button', { type: 'button', class: 'button', text: 'Next' });
  const send = el('button', { type: 'submit', class: 'button', text: 'Send my answers' });
  const actions = el('div', { class: 'survey-actions' }, back, next, send);
  for (const s of steps) form.append(s.section);
  form.append(actions);
  root.append(form);

  let at = 0;
  const go = (to: number, focus = true) => {
    at = Math.max(0, Math.min(steps.length - 1, to));
    steps.forEach((s, i) => {
      s.section.hidden = i !== at;
    });
    back.hidden = at === 0;
    next.hidden = at === steps.length - 1;
    send.hidden = at !== steps.length - 1;
    if (at === steps.length - 1) fillCheck();
    if (focus) steps[at]?.heading.focus();
  };

  const value = (q: Question): number | string | null => {
    if (q.kind === 'scale') {
      const picked = form.querySelector<HTMLInputElement>(`input[name="${CSS.escape(q.id)}"]:checked`);
      return picked ? Number(picked.value) : null;
    }
    const text = form.querySelector<HTMLTextAreaElement>(`textarea[name="${CSS.escape(q.id)}"]`)?.value.trim();
    return text ? text : null;
  };
  const anonymous = () => form.querySelector<HTMLInputElement>('input[name="anonymous"]:checked')?.value !== 'no';
  const shareComments = () => form.querySelector<HTMLInputElement>('input[name="shareComments"]')?.checked === true;

  function fillCheck() {
    checkList.replaceChildren();
    const row = (term: string, detail: string, step: number) => {
      const change = el('button', { type: 'button', class: 'button secondary', text: 'Change' });
      change.setAttribute('aria-label', `Change: ${term}`);
      change.addEventListener('click', () => go(step));
      checkList.append(el('dt', { text: term }), el('dd', {}, `${detail} `, change));
    };
    row('How we keep your answers', anonymous() ? 'Anonymously' : 'With your name', 0);
    for (const [i, q] of questions.entries()) {
      const v = value(q);
      const shown =
        v === null
          ? 'Not answered'
          : q.kind === 'scale'
            ? (q.scale.options.find((o) => o.value === v)?.label ?? String(v))
            : `${v}${shareComments() ? ' (may be shared, without your name)' : ' (not shared)'}`;
      row(q.text ?? q.id, shown, i + 1);
    }
  }

  next.addEventListener('click', () => {
    const q = steps[at]?.question;
    clearErrors(form);
    if (q?.required && value(q) === null) {
      showErrors(form, [{ path: `answers.${q.id}`, message: 'Answer this question, please.' }]);
      return;
    }
    go(at + 1);
  });
  back.addEventListener('click', () => {
    clearErrors(form);
    go(at - 1);
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const answers = Object.fromEntries(questions.map((q) => [q.id, value(q)]).filter(([, v]) => v !== null));
    send.disabled = true;
    try {
      await api('POST', `/api/surveys/${encodeURIComponent(surveyId)}/responses`, {
        answers,
        anonymous: anonymous(),
        shareComments: shareComments(),
      });
      thanks(anonymous());
    } catch (err) {
      send.disabled = false;
      if (err instanceof ApiError && err.status === 400 && err.body?.issues) {
        const first = err.body.issues[0]?.path ?? '';
        const step = steps.findIndex((s) => s.question && first === `answers.${s.question.id}`);
        go(Math.max(step, 0), false);
        showErrors(form, err.body.issues);
      } else if (err instanceof ApiError && err.status === 409) {
        root.replaceChildren(
          el('p', { class: 'panel', text: err.message, tabindex: '-1', id: 'done' }),
          el('p', {}, el('a', { href: '/my-surveys', text: 'Back to your surveys' })),
        );
        document.getElementById('done')?.focus();
      } else {
        showErrors(form, [{ path: '(body)', message: 'We could not send your answers. Please try again.' }]);
      }
    }
  });
  go(0, false);
}

function thanks(anon: boolean) {
  const heading = el('h2', { text: 'Thank you. Your answers have been sent.', tabindex: '-1' });
  root.replaceChildren(
    el(
      'div',
      { class: 'panel success' },
      heading,
      el('p', {
        text: anon
          ? 'They are kept without your name. You cannot change them now, because we do not know which answers are yours.'
          : 'They are kept with your name, so your coordinator can follow up with you.',
      }),
    ),
    el('p', {}, el('a', { href: '/my-surveys', text: 'Back to your surveys' })),
  );
  heading.focus();
  announceToScreenReader('Your answers have been sent.');
}

function choice(name: string, value: string, label: string, checked: boolean, hint?: string): HTMLElement {
  const id = `${name}-${value}`;
  const input = el('input', { type: 'radio', name, value, id, checked });
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  const text = el('div', {}, el('label', { for: id, text: label }));
  if (hint) text.append(el('p', { class: 'hint', id: `${id}-hint`, text: hint }));
  return el('div', { class: 'choice' }, input, text);
}

function scaleField(q: Extract<Question, { kind: 'scale' }>): HTMLElement {
  const fs = el('fieldset', { class: 'field', 'data-path': `answers.${q.id}` }, el('legend', { text: q.text ?? q.id }));
  if (q.hint) fs.append(el('p', { class: 'hint', text: q.hint }));
  for (const o of q.scale.options) fs.append(choice(q.id, String(o.value), o.label, false));
  if (!q.required) fs.append(el('p', { class: 'hint', text: 'You can skip this one.' }));
  return fs;
}

function textField(q: Extract<Question, { kind: 'text' }>): HTMLElement {
  const id = `q-${q.id}`;
  const area = el('textarea', { id, name: q.id, rows: 6, maxlength: q.maxLength, 'aria-describedby': `${id}-hint` });
  const share = el('input', { type: 'checkbox', id: 'shareComments', name: 'shareComments' });
  return el(
    'div',
    {},
    el(
      'div',
      { class: 'field', 'data-path': `answers.${q.id}` },
      el('label', { for: id, text: q.text }),
      el('p', { class: 'hint', id: `${id}-hint`, text: q.hint ?? '' }),
      area,
    ),
    el(
      'div',
      { class: 'field', 'data-path': 'shareComments' },
      el(
        'div',
        { class: 'choice' },
        share,
        el('label', {
          for: 'shareComments',
          text: 'You may show what I wrote in the results, without my name.',
        }),
      ),
      el('p', {
        class: 'hint',
        text: 'If you leave this unticked, what you wrote is kept but not shown in the results.',
      }),
    ),
  );
}

async function start() {
  if (!me?.participantId) return;
  const id = new URLSearchParams(location.search).get('id');
  try {
    if (id) await showSurvey(id, me.participantId);
    else await showList();
  } catch (err) {
    root.replaceChildren(
      el('p', {
        class: 'panel error',
        role: 'alert',
        text:
          err instanceof ApiError && err.status === 403
            ? (err.message ?? 'This survey is not for you.')
            : err instanceof ApiError && err.status === 404
              ? 'We could not find that survey.'
              : 'We could not load your surveys. Please try again.',
      }),
      el('p', {}, el('a', { href: '/my-surveys', text: 'Back to your surveys' })),
    );
  }
}

void start();

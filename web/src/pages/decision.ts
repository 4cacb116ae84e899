import { stanceWords } from '../../../shared/decisions/domain/words.js';
import { constituencyWords } from '../../../shared/kernel/words.js';
import type { DecisionView, ParticipantView } from '../lib/api-types.js';
import { announce, api, clearErrors, el, requireRole, sendOnce, showErrors } from '../lib/app.js';
import {
  approvalsText,
  localInputToIso,
  signerNames,
  statusBadge,
  statusSentence,
  textBlock,
  whenIn,
  zoneLabel,
} from '../lib/decision-words.js';
import { byId, type Cell, fieldValue, issuesOf, messageOf, setFieldValue, statusOf, table } from '../lib/dom.js';

const s = requireRole('coordinator', 'member', 'governance');
const id = new URLSearchParams(location.search).get('id') ?? '';
const box = byId('decision');
const signSection = byId('sign-section');
const signForm = byId<HTMLFormElement>('sign-form');
const amendSection = byId('amend-section');
const amendForm = byId<HTMLFormElement>('amend-form');
const isMember = s?.groups.includes('member') ?? false;
const isCoordinator = s?.groups.includes('coordinator') ?? false;
/** The wording fingerprint is a check for governance and coordinators, not something members need to read. */
const showsFingerprint = !!s && (isCoordinator || s.groups.includes('governance'));
let current: DecisionView | undefined;
const names = new Map<string, string>();
/** Every time on this page is the forum's, named; set from the decision as it is shown. */
let when = (iso: string | null | undefined) => whenIn(iso, 'UTC');

function render(d: DecisionView) {
  when = (iso) => whenIn(iso, d.timeZone);
  current = d;
  byId('title').textContent = d.title;
  document.title = `${d.title} – Decision – Coproduce`;
  const facts = el(
    'dl',
    { class: 'summary' },
    el('dt', { text: 'Status' }),
    el('dd', {}, statusBadge(d)),
    el('dt', { text: 'Sign-off due by' }),
    el('dd', { text: when(d.signOffDueAt) }),
    el('dt', { text: 'Times are shown in' }),
    el('dd', { text: `${zoneLabel(d.timeZone)}, the forum’s time zone` }),
    el('dt', { text: 'Version of the wording' }),
    el('dd', { text: `${d.revision}${d.amendedAt ? `, changed on ${when(d.amendedAt)}` : ''}` }),
    el('dt', { text: 'Approvals' }),
    el('dd', { text: approvalsText(d) }),
  );
  if (showsFingerprint) {
    facts.append(
      el('dt', { text: 'Wording fingerprint' }),
      el(
        'dd',
        {},
        el(
          'details',
          {},
          el('summary', { text: 'Show the fingerprint (to check the log)' }),
          el('span', { class: 'fingerprint', text: d.textHash }),
        ),
      ),
    );
  }
  box.replaceChildren(
    el(
      'div',
      { class: `panel ${d.status === 'co-signed' ? 'success' : 'notice'}` },
      el('p', { text: statusSentence(d) }),
    ),
    el('h2', { text: 'The decision' }),
    textBlock(d.text),
    facts,
  );
  renderSigning(d);
  renderAmend(d);
  renderHistory(d);
}

/** The panel saying where the member's answer stands; focusable, so focus can land on it after signing. */
function renderSigning(d: DecisionView) {
  if (!s || !isMember) return;
  const mine = d.signatures.find((x) => x.participantId === s.participantId && x.countsTowardCurrentText);
  signSection.hidden = false;
  signSection.querySelector('.panel')?.remove();
  if (mine) {
    signForm.hidden = true;
    signSection.append(
      el(
        'div',
        { class: 'panel success', id: 'my-answer', tabindex: '-1' },
        el('p', {
          text: `You ${(stanceWords[mine.stance] ?? mine.stance).toLowerCase()} this wording on ${when(mine.signedAt)}.`,
        }),
      ),
    );
  } else if (d.status === 'co-signed') {
    signForm.hidden = true;
    signSection.append(
      el(
        'div',
        { class: 'panel', id: 'my-answer', tabindex: '-1' },
        el('p', { text: 'This decision is already co-signed. If you disagree with it, talk to the coordinator.' }),
      ),
    );
  } else {
    signForm.hidden = false;
  }
}

function renderAmend(d: DecisionView) {
  if (!isCoordinator) return;
  amendSection.hidden = false;
  if (!fieldValue(amendForm, 'text')) setFieldValue(amendForm, 'text', d.text);
  byId('amend-due-hint').textContent =
    `In ${zoneLabel(d.timeZone)}, the forum’s time zone. Leave empty to keep the current date.`;
}

function renderHistory(d: DecisionView) {
  byId('history').hidden = false;
  const sigs = d.signatures;
  const who = signerNames(sigs, { me: isMember ? s?.participantId : undefined, names });
  byId('signatures').replaceChildren(
    sigs.length
      ? table(
          'Who has answered',
          ['Who', 'Takes part as', 'Answer', 'Version', 'When', 'Counts now', 'Comment'],
          sigs.map((x) => [
            who.get(x.participantId) ?? 'Someone',
            constituencyWords[x.constituency] ?? x.constituency,
            stanceWords[x.stance] ?? x.stance,
            String(x.revision),
            when(x.signedAt),
            x.countsTowardCurrentText ? 'Yes' : 'No – the wording changed after',
            x.comment ?? '',
          ]),
        )
      : el('p', { text: 'Nobody has answered yet.' }),
  );
  byId('revisions').replaceChildren(
    table(
      'Versions of the wording',
      ['Version', 'Written on', ...(showsFingerprint ? ['Fingerprint'] : []), 'Wording'],
      d.revisions.map((r) => {
        const wording: Cell =
          r.revision === d.revision
            ? 'The current wording, shown above'
            : r.text === undefined
              ? ''
              : el('details', {}, el('summary', { text: `Read version ${r.revision}` }), textBlock(r.text));
        return [
          String(r.revision),
          when(r.createdAt),
          ...(showsFingerprint ? [el('span', { class: 'fingerprint', text: r.textHash })] : []),
          wording,
        ];
      }),
    ),
  );
}

/** Coordinators see who signed by name (they may read participants); others see "Person 1…". */
async function loadNames(d: DecisionView) {
  if (!isCoordinator) return;
  const missing = [...new Set(d.signatures.map((x) => x.participantId))].filter((p) => !names.has(p));
  await Promise.all(
    missing.map((pid) =>
      api<ParticipantView>('GET', `/api/participants/${encodeURIComponent(pid)}`)
        .then((p) => names.set(pid, p.displayName))
        .catch(() => undefined),
    ),
  );
}

async function load() {
  try {
    const d = await api<DecisionView>('GET', `/api/decisions/${encodeURIComponent(id)}`);
    await loadNames(d);
    render(d);
  } catch (err) {
    const status = statusOf(err);
    const message =
      status === 404
        ? 'We could not find this decision.'
        : status === 403
          ? messageOf(err, 'This decision could not be shown.')
          : 'This decision could not be shown.';
    box.replaceChildren(el('p', { text: message }));
  }
}

signForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(signForm);
  const stance = fieldValue(signForm, 'stance');
  if (!stance) {
    showErrors(signForm, [{ path: 'stance', message: 'Choose whether you approve or object.' }]);
    return;
  }
  const button = signForm.querySelector<HTMLButtonElement>('button[type=submit]')!;
  button.disabled = true;
  try {
    const comment = fieldValue(signForm, 'comment').trim();
    // One key per answer: sending it again after a timeout or a double click replays the first answer.
    await sendOnce(signForm, 'POST', `/api/decisions/${encodeURIComponent(id)}/signatures`, {
      stance,
      ...(comment ? { comment } : {}),
      textHash: current?.textHash,
    });
    delete signForm.dataset.idempotencyKey;
    signForm.reset();
    await load();
    announce(
      stance === 'approve'
        ? 'Thank you. Your approval has been recorded.'
        : 'Thank you. Your objection has been recorded.',
    );
    // The form that had focus is hidden now: carry on from what the answer became (WCAG 2.4.3).
    (document.getElementById('my-answer') ?? byId('sign-heading')).focus();
  } catch (err) {
    const issues = issuesOf(err);
    const status = statusOf(err);
    if (issues) showErrors(signForm, issues);
    else if (status === 409 || status === 403) {
      announce(messageOf(err, 'Your answer could not be recorded.'), 'notice');
      if (status === 409) await load();
    } else announce('Sending your answer did not work. Please try again.', 'notice');
  } finally {
    button.disabled = false;
  }
});

amendForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(amendForm);
  const button = amendForm.querySelector<HTMLButtonElement>('button[type=submit]')!;
  button.disabled = true;
  try {
    const due = fieldValue(amendForm, 'signOffDueAt');
    const d = await api<DecisionView>('PATCH', `/api/decisions/${encodeURIComponent(id)}`, {
      text: fieldValue(amendForm, 'text'),
      ...(due ? { signOffDueAt: localInputToIso(due, current?.timeZone) } : {}),
    });
    setFieldValue(amendForm, 'signOffDueAt', '');
    render(d);
    announce('The new wording is saved. Everyone is asked to sign again.');
  } catch (err) {
    const issues = issuesOf(err);
    if (issues) showErrors(amendForm, issues);
    else announce(messageOf(err, 'Saving did not work. Please try again.'), 'notice');
  } finally {
    button.disabled = false;
  }
});

if (s) {
  if (!id)
    box.replaceChildren(
      el('p', { text: 'No decision was chosen.' }),
      el('p', {}, el('a', { href: '/decisions', text: 'Go to decisions' })),
    );
  else
    load().then(() => {
      if (new URLSearchParams(location.search).get('proposed') && current) {
        announce('The decision has been proposed. Members can now sign it.');
      }
    });
}

import { announce, api, clearErrors, el, requireRole, sendOnce, showErrors } from '/assets/app.js';
import {
  approvalsText,
  CONSTITUENCY,
  localInputToIso,
  STANCE,
  statusBadge,
  statusSentence,
  table,
  textBlock,
  whenIn,
  zoneLabel,
} from '/assets/pages/decisions-shared.js';

const s = requireRole('coordinator', 'member', 'governance');
const id = new URLSearchParams(location.search).get('id');
const box = document.getElementById('decision');
const signSection = document.getElementById('sign-section');
const signForm = document.getElementById('sign-form');
const amendSection = document.getElementById('amend-section');
const amendForm = document.getElementById('amend-form');
let current;
/** Every time on this page is the forum's, named; set from the decision as it is shown. */
let when = (iso) => whenIn(iso, 'UTC');

function render(d) {
  when = (iso) => whenIn(iso, d.timeZone);
  current = d;
  document.getElementById('title').textContent = d.title;
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
    el('dt', { text: 'Wording fingerprint' }),
    el('dd', { class: 'fingerprint', text: d.textHash }),
  );
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

function renderSigning(d) {
  if (!s.groups.includes('member')) return;
  const mine = d.signatures.find((x) => x.participantId === s.participantId && x.countsTowardCurrentText);
  signSection.hidden = false;
  signSection.querySelector('.panel')?.remove();
  if (mine) {
    signForm.hidden = true;
    signSection.append(
      el(
        'div',
        { class: 'panel success' },
        el('p', { text: `You ${STANCE[mine.stance].toLowerCase()} this wording on ${when(mine.signedAt)}.` }),
      ),
    );
  } else if (d.status === 'co-signed') {
    signForm.hidden = true;
    signSection.append(
      el(
        'div',
        { class: 'panel' },
        el('p', { text: 'This decision is already co-signed. If you disagree with it, talk to the coordinator.' }),
      ),
    );
  } else {
    signForm.hidden = false;
  }
}

function renderAmend(d) {
  if (!s.groups.includes('coordinator')) return;
  amendSection.hidden = false;
  if (!amendForm.text.value) amendForm.text.value = d.text;
  document.getElementById('amend-due-hint').textContent =
    `In ${zoneLabel(d.timeZone)}, the forum’s time zone. Leave empty to keep the current date.`;
}

function renderHistory(d) {
  document.getElementById('history').hidden = false;
  const sigs = d.signatures;
  document.getElementById('signatures').replaceChildren(
    sigs.length
      ? table(
          'Who has answered',
          ['Participant number', 'Takes part as', 'Answer', 'Version', 'When', 'Counts now', 'Comment'],
          sigs.map((x) => [
            x.participantId,
            CONSTITUENCY[x.constituency] ?? x.constituency,
            STANCE[x.stance] ?? x.stance,
            String(x.revision),
            when(x.signedAt),
            x.countsTowardCurrentText ? 'Yes' : 'No – the wording changed after',
            x.comment ?? '',
          ]),
        )
      : el('p', { text: 'Nobody has answered yet.' }),
  );
  document.getElementById('revisions').replaceChildren(
    table(
      'Versions of the wording',
      ['Version', 'Written on', 'Fingerprint', 'Wording'],
      d.revisions.map((r) => [
        String(r.revision),
        when(r.createdAt),
        el('span', { class: 'fingerprint', text: r.textHash }),
        r.revision === d.revision
          ? 'The current wording, shown above'
          : r.text === undefined
            ? ''
            : el('details', {}, el('summary', { text: `Read version ${r.revision}` }), textBlock(r.text)),
      ]),
    ),
  );
}

async function load() {
  try {
    render(await api('GET', `/api/decisions/${encodeURIComponent(id)}`));
  } catch (err) {
    const message =
      err.status === 404
        ? 'We could not find this decision.'
        : err.status === 403 && err.body?.message
          ? err.body.message
          : 'This decision could not be shown.';
    box.replaceChildren(el('p', { text: message }));
  }
}

signForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(signForm);
  const stance = signForm.querySelector('input[name=stance]:checked')?.value;
  if (!stance) return showErrors(signForm, [{ path: 'stance', message: 'Choose whether you approve or object.' }]);
  const button = signForm.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const comment = signForm.comment.value.trim();
    // One key per answer: sending it again after a timeout or a double click replays the first answer.
    await sendOnce(signForm, 'POST', `/api/decisions/${encodeURIComponent(id)}/signatures`, {
      stance,
      ...(comment ? { comment } : {}),
      textHash: current.textHash,
    });
    delete signForm.dataset.idempotencyKey;
    signForm.reset();
    await load();
    announce(
      stance === 'approve'
        ? 'Thank you. Your approval has been recorded.'
        : 'Thank you. Your objection has been recorded.',
    );
  } catch (err) {
    if (err.status === 400 && err.body?.issues) showErrors(signForm, err.body.issues);
    else if (err.status === 409 || err.status === 403) {
      announce(err.body?.message ?? 'Your answer could not be recorded.', 'notice');
      if (err.status === 409) await load();
    } else announce('Sending your answer did not work. Please try again.', 'notice');
  } finally {
    button.disabled = false;
  }
});

amendForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(amendForm);
  const button = amendForm.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const due = amendForm.signOffDueAt.value;
    const d = await api('PATCH', `/api/decisions/${encodeURIComponent(id)}`, {
      text: amendForm.text.value,
      ...(due ? { signOffDueAt: localInputToIso(due, current?.timeZone) } : {}),
    });
    amendForm.signOffDueAt.value = '';
    render(d);
    announce('The new wording is saved. Everyone is asked to sign again.');
  } catch (err) {
    if (err.status === 400 && err.body?.issues) showErrors(amendForm, err.body.issues);
    else announce(err.body?.message ?? 'Saving did not work. Please try again.', 'notice');
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

import { api, el, requireRole, when } from '/assets/app.js';

/** The message text as written: one line each, blank lines between paragraphs. */
function body(text) {
  return text.split(/\n{2,}/).map((para) => {
    const p = el('p');
    para.split('\n').forEach((line, i) => {
      if (i > 0) p.append(el('br'));
      p.append(line);
    });
    return p;
  });
}

if (requireRole('coordinator')) {
  const box = document.getElementById('messages');

  async function load() {
    try {
      const { items } = await api('GET', '/api/dev/mailbox');
      if (items.length === 0) {
        box.replaceChildren(el('p', { text: 'No messages have been sent yet.' }));
        return;
      }
      const table = el(
        'table',
        {},
        el('caption', { text: `Messages sent (${items.length})` }),
        el(
          'thead',
          {},
          el('tr', {}, ...['Sent', 'To', 'Subject', 'Message'].map((h) => el('th', { scope: 'col', text: h }))),
        ),
        el(
          'tbody',
          {},
          ...items.map((m) =>
            el(
              'tr',
              {},
              el('td', { text: when(m.sentAt) }),
              el('td', {}, m.to, el('br'), el('span', { class: 'hint', text: `Participant ${m.participantId}` })),
              el('th', { scope: 'row', text: m.subject }),
              el('td', {}, el('details', {}, el('summary', {}, 'Read the message'), ...body(m.text))),
            ),
          ),
        ),
      );
      box.replaceChildren(table);
    } catch (err) {
      box.replaceChildren(
        el('p', {
          text:
            err.status === 404
              ? 'The mailbox exists only when Coproduce runs on this computer. In the real service, messages are sent by email.'
              : 'The messages could not be shown. Please try again.',
        }),
      );
    }
  }

  document.getElementById('refresh').addEventListener('click', load);
  load();
}

import { api, el, requireRole, when } from '../lib/app.js';
import { byId, statusOf, table } from '../lib/dom.js';

type MailboxItem = { sentAt: string; to: string; participantId?: string; subject: string; text: string };

/** The message text as written: one line each, blank lines between paragraphs. */
function body(text: string): HTMLParagraphElement[] {
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
  const box = byId('messages');

  const load = async () => {
    try {
      const { items } = await api<{ items: MailboxItem[] }>('GET', '/api/dev/mailbox');
      if (items.length === 0) {
        box.replaceChildren(el('p', { text: 'No messages have been sent yet.' }));
        return;
      }
      const t = table(
        `Messages sent (${items.length})`,
        ['Sent', 'To', 'Subject', 'Message'],
        items.map((m) => [
          when(m.sentAt),
          m.to,
          m.subject,
          el('details', {}, el('summary', {}, 'Read the message'), ...body(m.text)),
        ]),
        { rowHeader: 2 },
      );
      box.replaceChildren(t);
    } catch (err) {
      box.replaceChildren(
        el('p', {
          text:
            statusOf(err) === 404
              ? 'The mailbox exists only when Coproduce runs on this computer. In the real service, messages are sent by email.'
              : 'The messages could not be shown. Please try again.',
        }),
      );
    }
  };

  byId('refresh').addEventListener('click', load);
  load();
}

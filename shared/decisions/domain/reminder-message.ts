import type { Decision } from './decisions.js';

/** The words of the sign-off reminder email. Pure: the use case decides whom to write to and sends it. */

const dateText = (iso: string) =>
  new Intl.DateTimeFormat('en-IE', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));

/** The decision's page, from the pages' base URL. */
export const decisionLink = (publicBaseUrl: string, decisionId: string) =>
  `${publicBaseUrl.replace(/\/$/, '')}/decisions/view?id=${encodeURIComponent(decisionId)}`;

export function signOffReminder(
  d: Pick<Decision, 'title' | 'signOffDueAt'>,
  person: { displayName: string },
  link: string,
): { subject: string; text: string } {
  return {
    subject: `A decision is waiting for your sign-off: ${d.title}`,
    text: [
      `Hello ${person.displayName},`,
      '',
      `The decision "${d.title}" was due to be signed off by ${dateText(d.signOffDueAt)} (UTC).`,
      'It counts only when at least one person with lived experience and one member of staff have approved it.',
      '',
      'You can read the full text and approve it or object to it here:',
      link,
      '',
      'If you have questions, please contact your coordinator.',
    ].join('\n'),
  };
}

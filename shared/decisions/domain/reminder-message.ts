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

/**
 * The words asking a member to sign, when a decision is proposed or its wording changes. Plain,
 * addressed to them, and clear that objecting is as welcome as approving.
 */
export function signRequest(
  d: Pick<Decision, 'title' | 'signOffDueAt'>,
  person: { displayName: string },
  link: string,
  why: { kind: 'proposed' } | { kind: 'amended'; signedEarlier: boolean },
): { subject: string; text: string } {
  const opening =
    why.kind === 'proposed'
      ? [`A decision has been proposed, and you are one of the people who can sign it: "${d.title}".`]
      : [
          `The wording of the decision "${d.title}" has changed.`,
          why.signedEarlier
            ? 'You signed the earlier wording. That signature does not count for the new wording, so please read it again and sign it if you want your say to count.'
            : 'You can read the new wording and sign it.',
        ];
  return {
    subject: why.kind === 'proposed' ? `Please read and sign: ${d.title}` : `The wording has changed: ${d.title}`,
    text: [
      `Hello ${person.displayName},`,
      '',
      ...opening,
      'It counts only when at least one person with lived experience and one member of staff have approved it. You can approve it or object to it: both help.',
      '',
      `Please sign by ${dateText(d.signOffDueAt)} (UTC), here:`,
      link,
      '',
      'If you have questions, please contact your coordinator.',
    ].join('\n'),
  };
}

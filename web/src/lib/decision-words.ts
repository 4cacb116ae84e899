// Words and small pieces shared by the decision pages (list, one decision, governance log).

import { decisionStatusWords } from '../../../shared/decisions/domain/words.js';
import { zonedToIso, zoneName } from '../../../shared/kernel/time.js';
import type { DecisionSummary } from './api-types.js';
import { el } from './app.js';

const whenOptions: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'long',
};

/**
 * A decision time in the forum's own time zone, with the zone named ("Thursday 15 July 2027 at
 * 17:00 Irish Standard Time"), never the browser's: a due time means the same hour to everyone.
 */
export function whenIn(iso: string | null | undefined, timeZone: string | undefined): string {
  if (!iso) return '';
  try {
    return new Intl.DateTimeFormat('en-IE', { ...whenOptions, timeZone: timeZone || 'UTC' }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en-IE', { ...whenOptions, timeZone: 'UTC' }).format(new Date(iso));
  }
}

/** "Irish time (Europe/Dublin)": the zone the forum's times are shown and entered in. */
export const zoneLabel = (timeZone: string | undefined): string => {
  const name = zoneName(timeZone || 'UTC');
  return name === timeZone || !timeZone ? name : `${name} (${timeZone})`;
};

/** A datetime-local value ("2026-03-16T17:00") read in the forum's zone, as ISO with an offset. */
export const localInputToIso = (value: string, timeZone: string | undefined): string => {
  const [date = '', time = '00:00'] = value.split('T');
  return zonedToIso(date, time.slice(0, 5), timeZone || 'UTC');
};

type Summary = Pick<DecisionSummary, 'status' | 'overdue'>;

/** A status as a labelled word (never colour alone). */
export function statusBadge(d: Summary): HTMLElement {
  const s = decisionStatusWords[d.status] ?? { text: d.status, kind: '' };
  const badge = el('span', { class: `status ${s.kind}`, text: s.text });
  if (d.overdue && d.status !== 'overdue') {
    return el('span', {}, badge, ' ', el('span', { class: 'status bad', text: decisionStatusWords.overdue.text }));
  }
  return badge;
}

/** "Approvals of this wording: 1 person with lived experience, 0 staff." */
export function approvalsText(d: Pick<DecisionSummary, 'approvals'>): string {
  const le = d.approvals.livedExperience;
  const staff = d.approvals.provider;
  return `Approvals of this wording: ${le} ${le === 1 ? 'person' : 'people'} with lived experience, ${staff} staff.`;
}

/** What the status means, in a sentence. */
export function statusSentence(
  d: Pick<DecisionSummary, 'status' | 'coSignedAt' | 'signOffDueAt' | 'timeZone'>,
): string {
  switch (d.status) {
    case 'co-signed':
      return `Co-signed on ${whenIn(d.coSignedAt, d.timeZone)}: people with lived experience and staff have both approved this wording. The decision counts.`;
    case 'objected':
      return 'Someone objected to this wording. The coordinator can change the wording, and then everyone signs again.';
    case 'overdue':
      return `Sign-off was due by ${whenIn(d.signOffDueAt, d.timeZone)} and has not happened yet.`;
    default:
      return `Waiting for sign-off by ${whenIn(d.signOffDueAt, d.timeZone)}. It needs approval from at least one person with lived experience and one member of staff.`;
  }
}

/** The decision's text exactly as stored: paragraphs on blank lines, line breaks kept, never as HTML. */
export function textBlock(text: string): HTMLElement {
  const box = el('div', { class: 'decision-text' });
  for (const para of text.split(/\n\s*\n/)) {
    const p = el('p');
    para.split('\n').forEach((line, i) => {
      if (i > 0) p.append(el('br'));
      p.append(line);
    });
    box.append(p);
  }
  return box;
}

export const decisionLink = (d: Pick<DecisionSummary, 'decisionId' | 'title'>) =>
  el('a', { href: `/decisions/view?id=${encodeURIComponent(d.decisionId)}`, text: d.title });

/** The status filter's options, in the words the badges use. */
export function statusOptions(select: HTMLSelectElement): void {
  for (const [value, w] of Object.entries(decisionStatusWords)) select.append(el('option', { value, text: w.text }));
}

/**
 * Who gave an answer, in words: "You" for the signed-in member, a name where the page knows it
 * (coordinators), otherwise "Person 2 with lived experience" — numbered in the order they first
 * answered, never the 26-character participant number.
 */
export function signerNames(
  signatures: readonly { participantId: string; constituency: 'lived-experience' | 'provider' }[],
  opts: { me?: string; names?: ReadonlyMap<string, string> } = {},
): Map<string, string> {
  const out = new Map<string, string>();
  let n = 0;
  for (const s of signatures) {
    if (out.has(s.participantId)) continue;
    n++;
    const known = s.participantId === opts.me ? 'You' : opts.names?.get(s.participantId);
    out.set(s.participantId, known ?? `Person ${n} (${s.constituency === 'provider' ? 'staff' : 'lived experience'})`);
  }
  return out;
}

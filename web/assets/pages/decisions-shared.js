// Words and small pieces shared by the decision pages (list, one decision, governance log).
import { el } from '/assets/app.js';
import { zonedToIso, zoneName } from '/assets/pages/forums-time.js';

/**
 * A decision time in the forum's own time zone, with the zone named ("Thursday 15 July 2027 at
 * 17:00 Irish Standard Time"), never the browser's: a due time means the same hour to everyone.
 * The API gives each decision its forum's `timeZone`.
 */
export function whenIn(iso, timeZone) {
  if (!iso) return '';
  const options = {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'long',
  };
  try {
    return new Intl.DateTimeFormat('en-IE', { ...options, timeZone: timeZone || 'UTC' }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en-IE', { ...options, timeZone: 'UTC' }).format(new Date(iso));
  }
}

/** "Irish time (Europe/Dublin)": the zone the forum's times are shown and entered in. */
export const zoneLabel = (timeZone) => {
  const name = zoneName(timeZone || 'UTC');
  return name === timeZone || !timeZone ? name : `${name} (${timeZone})`;
};

/** A datetime-local value ("2026-03-16T17:00") read in the forum's zone, as ISO with an offset. */
export const localInputToIso = (value, timeZone) => {
  const [date, time] = value.split('T');
  return zonedToIso(date, time.slice(0, 5), timeZone || 'UTC');
};

export const STATUS = {
  proposed: { text: 'Waiting for sign-off', kind: 'warn' },
  'co-signed': { text: 'Co-signed', kind: 'ok' },
  objected: { text: 'Objected – needs amending', kind: 'bad' },
  overdue: { text: 'Overdue', kind: 'bad' },
};

export const CONSTITUENCY = { 'lived-experience': 'Lived experience', provider: 'Staff (provider)' };
export const STANCE = { approve: 'Approved', object: 'Objected' };

/** A status as a labelled word (never colour alone). */
export function statusBadge(d) {
  const s = STATUS[d.status] ?? { text: d.status, kind: '' };
  const badge = el('span', { class: `status ${s.kind}`, text: s.text });
  if (d.overdue && d.status !== 'overdue') {
    return el('span', {}, badge, ' ', el('span', { class: 'status bad', text: 'Overdue' }));
  }
  return badge;
}

/** "1 person with lived experience and 0 staff have approved this wording." */
export function approvalsText(d) {
  const le = d.approvals.livedExperience;
  const staff = d.approvals.provider;
  return `Approvals of this wording: ${le} ${le === 1 ? 'person' : 'people'} with lived experience, ${staff} staff.`;
}

/** What the status means, in a sentence. */
export function statusSentence(d) {
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
export function textBlock(text) {
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

/** A table with a caption, column headers with scope, and rows of cells (strings or nodes). */
export function table(caption, headers, rows) {
  return el(
    'table',
    {},
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', text: h })))),
    el(
      'tbody',
      {},
      ...rows.map((cells) =>
        el('tr', {}, ...cells.map((c) => (typeof c === 'string' ? el('td', { text: c }) : el('td', {}, c)))),
      ),
    ),
  );
}

export const decisionLink = (d) =>
  el('a', { href: `/decisions/view?id=${encodeURIComponent(d.decisionId)}`, text: d.title });

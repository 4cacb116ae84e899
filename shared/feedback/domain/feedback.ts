/**
 * "You said, we did": what members say at a forum is tracked until the forum hears what became of it.
 * Pure rules only — no I/O. The use cases read and write the items; this decides what may change.
 */

import type { Role } from '../../kernel/names.js';
import { charCount, groupedNumber, unsafeTextProblem as kernelTextProblem } from '../../kernel/text.js';

export type { Constituency, Role } from '../../kernel/names.js';
export { charCount };
/** Feedback is free text: line breaks allowed. */
export const unsafeTextProblem = (s: string) => kernelTextProblem(s, { multiline: true });

// ---------------------------------------------------------------------------------------------
// Statuses

export const feedbackStatuses = ['raised', 'considering', 'planned', 'done', 'not-possible'] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];

/** What a coordinator may set. `raised` is set only when the item is created. */
export const updateStatuses = ['considering', 'planned', 'done', 'not-possible'] as const;
export type UpdateStatus = (typeof updateStatuses)[number];

export const closedStatuses = ['done', 'not-possible'] as const;
export type ClosedStatus = (typeof closedStatuses)[number];

export const isUpdateStatus = (s: unknown): s is UpdateStatus => (updateStatuses as readonly unknown[]).includes(s);
export const isClosedStatus = (s: FeedbackStatus): s is ClosedStatus => s === 'done' || s === 'not-possible';
export const isClosed = (item: { status: FeedbackStatus }) => isClosedStatus(item.status);

/** A note that closes, reopens or steps back must say something: at least this many characters (trimmed). */
export const NOTE_MIN = 10;
/** Feedback text and notes: at most this many characters (Unicode code points, as a person counts them). */
export const TEXT_MAX = 2000;

// ---------------------------------------------------------------------------------------------
// The item

export type FeedbackUpdate = {
  at: string;
  status: UpdateStatus;
  /** Empty when a coordinator moved the item forward without a note. */
  note: string;
  decisionId?: string;
};

export type FeedbackItem = {
  feedbackId: string;
  forumId: string;
  sessionId?: string;
  text: string;
  /** The participant who raised it; absent when a coordinator entered it from e.g. a comments box. */
  raisedBy?: string;
  status: FeedbackStatus;
  raisedAt: string;
  /** Set when the item is closed (done / not-possible); cleared when it is reopened. */
  closedAt?: string;
  /** Set when the forum heard about the item's latest closure; cleared when it is reopened. */
  reportedBackAt?: string;
  decisionIds: string[];
  updates: FeedbackUpdate[];
};

/** ISO time with an explicit +00:00 offset, as the contract requires (stored normalised to UTC). */
export const utcIso = (value: string | Date) => new Date(value).toISOString().replace('Z', '+00:00');

/** The item right after it is raised. */
export function raisedItem(
  input: { forumId: string; sessionId?: string; text: string; raisedBy?: string },
  feedbackId: string,
  now: Date | string,
): FeedbackItem {
  return withoutUndefined({
    feedbackId,
    forumId: input.forumId,
    sessionId: input.sessionId,
    text: input.text,
    raisedBy: input.raisedBy,
    status: 'raised',
    raisedAt: utcIso(now),
    decisionIds: [],
    updates: [],
  });
}

// ---------------------------------------------------------------------------------------------
// Transitions

/**
 * How an update moves an item:
 * - `forward`   — on towards done (raised → considering → planned). No note needed; a note is welcome.
 * - `progress`  — same open status again, to tell the person something new. Needs a note (it is the whole point).
 * - `step-back` — planned → considering: the plan fell through or needs rethinking. Needs a note saying why.
 * - `close`     — to done or not-possible, from any open status. Needs a note: what was done / why not.
 * - `reopen`    — a closed item back to considering. Needs a note saying why it is being looked at again.
 */
export type Move = 'forward' | 'progress' | 'step-back' | 'close' | 'reopen';

/**
 * The transition table. Anything not listed is refused. Forward steps may be skipped
 * (raised → planned, raised → done): a coordinator often already knows the answer, and forcing
 * the in-between steps would only send the person more messages with nothing new in them.
 * A closed item changes only by being reopened, so the record of what was done or why not
 * is never silently rewritten.
 */
export const transitions: Readonly<Record<FeedbackStatus, Readonly<Partial<Record<UpdateStatus, Move>>>>> = {
  raised: { considering: 'forward', planned: 'forward', done: 'close', 'not-possible': 'close' },
  considering: { considering: 'progress', planned: 'forward', done: 'close', 'not-possible': 'close' },
  planned: { considering: 'step-back', planned: 'progress', done: 'close', 'not-possible': 'close' },
  done: { considering: 'reopen' },
  'not-possible': { considering: 'reopen' },
};

export const noteRequired: Readonly<Record<Move, boolean>> = {
  forward: false,
  progress: true,
  'step-back': true,
  close: true,
  reopen: true,
};

export type UpdateInput = { status: UpdateStatus; note?: string; decisionId?: string };

export type RefusalCode =
  | 'status-not-allowed'
  | 'item-closed'
  | 'note-required'
  | 'note-too-long'
  | 'note-unsafe-characters'
  | 'decision-not-found'
  | 'decision-other-forum'
  | 'too-many-updates';

/**
 * Why an update was refused, in words a coordinator can act on. `kind` tells the HTTP layer how
 * to answer: `validation` → 400 naming `field`; `conflict` → 409 (the item's state forbids it).
 */
export type UpdateRefusal = {
  ok: false;
  kind: 'validation' | 'conflict';
  code: RefusalCode;
  field: 'status' | 'note' | 'decisionId';
  message: string;
};

export type UpdateApplied = {
  ok: true;
  item: FeedbackItem;
  from: FeedbackStatus;
  to: UpdateStatus;
  move: Move;
  /** The note as stored (trimmed). */
  note: string;
};

export type UpdateResult = UpdateApplied | UpdateRefusal;

/** What the caller found when it looked up `update.decisionId` (omit the decision when there is none). */
export type UpdateLookups = { decision?: { forumId: string } };

const refuse = (
  kind: UpdateRefusal['kind'],
  code: RefusalCode,
  field: UpdateRefusal['field'],
  message: string,
): UpdateRefusal => ({ ok: false, kind, code, field, message });

const noteMessage = (move: Move, to: UpdateStatus, from: FeedbackStatus): string => {
  const min = `Write a note of at least ${NOTE_MIN} characters`;
  const readers = 'The person who raised this, and the forum, will read it.';
  if (move === 'close' && to === 'done') return `${min} saying what was done. ${readers}`;
  if (move === 'close') return `${min} saying why this cannot be done. ${readers}`;
  if (move === 'reopen') return `To reopen this item, ${min.toLowerCase()} saying why it is being looked at again.`;
  if (move === 'step-back') return `${min} saying why this is being looked at again instead of going ahead as planned.`;
  return `This item is already “${statusWords[from]}”. To send an update without changing that, ${min.toLowerCase()}.`;
};

/**
 * Apply a coordinator's update. Returns the new item, or a refusal naming the field to fix.
 * `lookups.decision` is the decision named by `update.decisionId` as the caller found it; a
 * decision must belong to the item's forum. Pure: `now` is passed in.
 */
/**
 * At most this many updates on one item (and linked decisions): each note can be 2,000 characters,
 * and the item, with every update, must stay far below DynamoDB's 400 KB item limit and a page of
 * items below the 6 MB response limit.
 */
export const MAX_UPDATES = 100;

export function applyUpdate(
  item: FeedbackItem,
  update: UpdateInput,
  now: Date | string,
  lookups: UpdateLookups = {},
): UpdateResult {
  if (!isUpdateStatus(update.status)) {
    return refuse(
      'validation',
      'status-not-allowed',
      'status',
      'Choose what is happening now: we are looking at it, we plan to do it, it is done, or it cannot be done.',
    );
  }
  const to = update.status;
  const from = item.status;
  const move = transitions[from][to];
  if (!move) {
    return refuse(
      'conflict',
      'item-closed',
      'status',
      `This item is closed (“${statusWords[from]}”). To change it, first reopen it: choose “${statusWords.considering}” and write a note saying why.`,
    );
  }

  // Closing stays possible at the cap, so an item never gets stuck open; nothing else does.
  const closing = (closedStatuses as readonly string[]).includes(to);
  if ((item.updates.length >= MAX_UPDATES && !closing) || item.updates.length > MAX_UPDATES) {
    return refuse(
      'conflict',
      'too-many-updates',
      'status',
      `This item already has ${MAX_UPDATES} updates. Close it with what was done or why it cannot be done, and raise a new item for what is still open.`,
    );
  }

  const note = (update.note ?? '').trim();
  if (charCount(note) > TEXT_MAX) {
    return refuse(
      'validation',
      'note-too-long',
      'note',
      `The note can be at most ${groupedNumber(TEXT_MAX)} characters.`,
    );
  }
  const unsafe = unsafeTextProblem(note);
  if (unsafe) return refuse('validation', 'note-unsafe-characters', 'note', unsafe);
  if (noteRequired[move] && charCount(note) < NOTE_MIN) {
    return refuse('validation', 'note-required', 'note', noteMessage(move, to, from));
  }

  if (update.decisionId !== undefined) {
    if (!lookups.decision) {
      return refuse(
        'validation',
        'decision-not-found',
        'decisionId',
        'We could not find that decision. Choose a decision of this forum, or leave it out.',
      );
    }
    if (lookups.decision.forumId !== item.forumId) {
      return refuse(
        'validation',
        'decision-other-forum',
        'decisionId',
        'That decision belongs to another forum. Link only decisions of the forum this was said at.',
      );
    }
  }

  const at = utcIso(now);
  const entry: FeedbackUpdate = withoutUndefined({ at, status: to, note, decisionId: update.decisionId });
  const decisionIds =
    update.decisionId && !item.decisionIds.includes(update.decisionId)
      ? [...item.decisionIds, update.decisionId]
      : item.decisionIds;
  const next: FeedbackItem = withoutUndefined({
    ...item,
    status: to,
    closedAt: move === 'close' ? at : move === 'reopen' ? undefined : item.closedAt,
    reportedBackAt: move === 'reopen' ? undefined : item.reportedBackAt,
    decisionIds,
    updates: [...item.updates, entry],
  });
  return { ok: true, item: next, from, to, move, note };
}

// ---------------------------------------------------------------------------------------------
// Reporting back at the forum's next session

export type YouSaidWeDidEntry = { feedbackId: string; text: string; status: ClosedStatus; note: string };

/** Closed and not yet reported back: what the forum's next session must hear. Oldest closure first. */
export function dueForReportBack(items: readonly FeedbackItem[], forumId: string): FeedbackItem[] {
  return items
    .filter((i) => i.forumId === forumId && isClosed(i) && i.reportedBackAt === undefined)
    .sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? '') || a.feedbackId.localeCompare(b.feedbackId));
}

/** The closing note: the last update (a closed item has had no update since it closed). */
export const closingNote = (item: FeedbackItem) => item.updates.at(-1)?.note ?? '';

/** The session's "You said, we did" list: the words, the outcome and the note — never who raised it. */
export function youSaidWeDid(items: readonly FeedbackItem[], forumId: string): YouSaidWeDidEntry[] {
  return dueForReportBack(items, forumId).map((i) => ({
    feedbackId: i.feedbackId,
    text: i.text,
    status: i.status as ClosedStatus,
    note: closingNote(i),
  }));
}

/**
 * Mark reported back: pass the forum's items and the time the forum heard them (the held
 * session's start). Only items closed at or before `at` are marked — one closed during or
 * after the meeting was not heard there and waits for the next one. Returns just the items that
 * changed (the ones to write); items already reported back are left alone, so it is safe to repeat.
 */
export function markReportedBack(items: readonly FeedbackItem[], at: Date | string): FeedbackItem[] {
  const when = utcIso(at);
  const cutoff = new Date(when).getTime();
  return items
    .filter(
      (i) =>
        isClosed(i) &&
        i.reportedBackAt === undefined &&
        i.closedAt !== undefined &&
        new Date(i.closedAt).getTime() <= cutoff,
    )
    .map((i) => ({ ...i, reportedBackAt: when }));
}

// ---------------------------------------------------------------------------------------------
// Who sees who raised it

export type Viewer = { role: Role; participantId?: string };

/** `raisedBy` is shown to coordinators and to the person who raised it only. */
export const maySeeWhoRaised = (item: Pick<FeedbackItem, 'raisedBy'>, viewer: Viewer) =>
  viewer.role === 'coordinator' ||
  (viewer.role === 'member' && item.raisedBy !== undefined && item.raisedBy === viewer.participantId);

/** The item as this viewer may see it: without `raisedBy` unless they may see it. */
export function forViewer(item: FeedbackItem, viewer: Viewer): FeedbackItem {
  if (maySeeWhoRaised(item, viewer)) return item;
  const { raisedBy: _hidden, ...rest } = item;
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Words a member sees

/** Each status as a member sees it, on the board and in messages. */
export const statusWords: Readonly<Record<FeedbackStatus, string>> = {
  raised: 'We have received this',
  considering: 'We are looking at this',
  planned: 'We plan to do this',
  done: 'Done',
  'not-possible': 'We cannot do this',
};

/** The forum's "You said, we did" board has four columns (open, in progress, done, not possible). */
export const boardColumns = ['open', 'in-progress', 'done', 'not-possible'] as const;
export type BoardColumn = (typeof boardColumns)[number];
export const boardColumnWords: Readonly<Record<BoardColumn, string>> = {
  open: 'New',
  'in-progress': 'In progress',
  done: 'Done',
  'not-possible': 'Not possible — with the reason',
};
export const boardColumn = (status: FeedbackStatus): BoardColumn =>
  status === 'raised'
    ? 'open'
    : status === 'considering' || status === 'planned'
      ? 'in-progress'
      : status === 'done'
        ? 'done'
        : 'not-possible';

export type Message = { subject: string; text: string };

/** How much of the person's own words to quote back, so they know which item this is about. */
const QUOTE_MAX = 300;
const quote = (text: string) => {
  const points = [...text.trim()];
  return points.length > QUOTE_MAX ? `${points.slice(0, QUOTE_MAX).join('').trimEnd()}…` : points.join('');
};

/**
 * The message the person who raised an item gets when it changes. Its input is deliberately
 * narrow — the forum's name, the item's own text, the move, the new status and the note — so
 * it cannot carry anyone else's details (no names, no ids, no other items). The coordinator's
 * note is included as written: the docs ask coordinators not to name people in notes.
 */
export function changeMessage(input: {
  forumName: string;
  text: string;
  move: Move;
  status: UpdateStatus;
  note: string;
}): Message {
  const note = input.note.trim();
  const lines: string[] = [
    'Hello,',
    '',
    `Thank you for what you said at ${input.forumName}:`,
    `“${quote(input.text)}”`,
    '',
  ];
  let subject: string;
  const noteLine = (label: string) => {
    if (note) lines.push(`${label}: ${note}`, '');
  };

  if (input.move === 'reopen') {
    subject = 'We are looking again at what you said';
    lines.push('We are looking at this again.', '');
    noteLine('Why');
    lines.push('We will let you know what happens.');
  } else if (input.move === 'step-back') {
    subject = 'A change to our plan for what you said';
    lines.push('We had planned to do this, but we need to look at it again.', '');
    noteLine('Why');
    lines.push('We will let you know what happens.');
  } else if (input.move === 'progress') {
    subject = 'An update on what you said';
    lines.push(`Where it stands: ${statusWords[input.status]}.`, '');
    noteLine('What is new');
    lines.push('We will let you know when anything changes.');
  } else if (input.status === 'considering') {
    subject = 'We are looking at what you said';
    lines.push('We are looking at this now.', '');
    noteLine('Our note');
    lines.push('We will let you know when anything changes.');
  } else if (input.status === 'planned') {
    subject = 'We plan to act on what you said';
    lines.push('We plan to do this.', '');
    noteLine('What we plan');
    lines.push('We will let you know when it is done.');
  } else if (input.status === 'done') {
    subject = 'What you said: it is done';
    lines.push('This is done.', '');
    noteLine('What we did');
    lines.push('The forum will hear about this at its next session.');
  } else {
    subject = 'What you said: we cannot do this';
    lines.push('We are sorry, but we cannot do this.', '');
    noteLine('Why');
    lines.push(
      'It still matters that you said it. Thank you for raising it. The forum will hear about this at its next session.',
    );
  }
  lines.push(
    '',
    'You do not need to reply. If you have a question, or you would rather not get these emails, talk to your coordinator.',
  );
  return { subject, text: lines.join('\n') };
}

/** Drop keys whose value is undefined, so stored items never carry `"closedAt": undefined`. */
function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * What the feedback pages share: the item's shape (the route's response type), reading every page
 * of a list, and one item drawn as a card in plain words. The words come from the domain
 * (shared/feedback/domain/feedback.ts, zod-free), so the board says what the emails say.
 */
import { boardColumn, closingNote, type FeedbackItem, statusWords } from '../../../shared/feedback/domain/feedback.js';
import type { FeedbackItemView, FeedbackListResponse } from '../../../shared/feedback/http/schemas.js';
import { api, el } from './app.js';

/** "2 March 2026": the day only (the time of day adds nothing here). */
const day = (iso: string) => new Intl.DateTimeFormat('en-IE', { dateStyle: 'long' }).format(new Date(iso));

export type { FeedbackItemView };

/** Every item of a list, following the cursor (at most `pages` pages of 100). */
export async function allFeedback(query: Record<string, string>, pages = 10): Promise<FeedbackItemView[]> {
  const items: FeedbackItemView[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const qs = new URLSearchParams({ ...query, limit: '100', ...(cursor ? { cursor } : {}) });
    const page: FeedbackListResponse = await api<FeedbackListResponse>('GET', `/api/feedback?${qs}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** The view as the domain's item (nulls as absent), for the domain's helpers. */
export const asItem = (v: FeedbackItemView): FeedbackItem => ({
  feedbackId: v.feedbackId,
  forumId: v.forumId,
  text: v.text,
  status: v.status,
  raisedAt: v.raisedAt,
  decisionIds: v.decisionIds,
  updates: v.updates.map((u) => ({
    at: u.at,
    status: u.status,
    note: u.note,
    ...(u.decisionId ? { decisionId: u.decisionId } : {}),
  })),
  ...(v.sessionId ? { sessionId: v.sessionId } : {}),
  ...(v.closedAt ? { closedAt: v.closedAt } : {}),
  ...(v.reportedBackAt ? { reportedBackAt: v.reportedBackAt } : {}),
});

export { boardColumn, statusWords };

/** The latest note written on the item (the closing note once it is closed), or none. */
export const latestNote = (v: FeedbackItemView): string =>
  boardColumn(v.status) === 'done' || boardColumn(v.status) === 'not-possible'
    ? closingNote(asItem(v))
    : ([...v.updates].reverse().find((u) => u.note)?.note ?? '');

/**
 * One item as a card: the words said (a quote), where it stands, the latest note, and when it was
 * raised and reported back. `headingLevel` keeps the page's heading order; `mine` marks the person's own.
 */
export function itemCard(
  v: FeedbackItemView,
  opts: { headingLevel: 'h3' | 'h4'; mine?: boolean; forumName?: string },
): HTMLElement {
  const headingId = `item-${v.feedbackId}`;
  const card = el('article', { class: 'panel feedback-item', 'aria-labelledby': headingId });
  card.append(el(opts.headingLevel, { id: headingId, text: statusWords[v.status] }));
  card.append(el('blockquote', {}, el('p', { text: v.text })));
  const dl = el('dl', { class: 'summary' });
  const row = (k: string, val: string) => dl.append(el('dt', { text: k }), el('dd', { text: val }));
  if (opts.forumName) row('Forum', opts.forumName);
  row('Raised', day(v.raisedAt));
  if (opts.mine) row('Who raised it', 'You');
  const note = latestNote(v);
  const column = boardColumn(v.status);
  if (note) row(column === 'done' ? 'What we did' : column === 'not-possible' ? 'Why not' : 'Latest note', note);
  if (v.decisionIds.length) row('Decisions', `${v.decisionIds.length} linked`);
  if (v.reportedBackAt) row('Told the forum', day(v.reportedBackAt));
  else if (v.closedAt) row('Told the forum', 'At its next session');
  card.append(dl);
  if (v.decisionIds.length) {
    card.append(
      el(
        'ul',
        { class: 'plain' },
        ...v.decisionIds.map((id, i) =>
          el(
            'li',
            {},
            el('a', { href: `/decisions/view?id=${encodeURIComponent(id)}`, text: `Read linked decision ${i + 1}` }),
          ),
        ),
      ),
    );
  }
  return card;
}

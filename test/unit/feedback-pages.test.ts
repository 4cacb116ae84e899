// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { type FeedbackItemView, itemCard, latestNote } from '../../web/src/lib/feedback.js';

/** How the feedback pages draw one item (web/src/lib/feedback.ts), without a browser. */
const item = (over: Partial<FeedbackItemView> = {}): FeedbackItemView => ({
  feedbackId: 'I1',
  forumId: 'F1',
  sessionId: null,
  text: 'The ramp is broken.',
  status: 'raised',
  raisedAt: '2026-03-02T10:00:00.000+00:00',
  closedAt: null,
  reportedBackAt: null,
  decisionIds: [],
  updates: [],
  ...over,
});

const rows = (card: HTMLElement) =>
  Object.fromEntries(
    [...card.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
  );

describe('a feedback item on the board', () => {
  it('says where it stands in plain words, quotes what was said, and names no one', () => {
    const card = itemCard(item(), { headingLevel: 'h3' });
    expect(card.querySelector('h3')?.textContent).toBe('We have received this');
    expect(card.querySelector('blockquote')?.textContent).toBe('The ramp is broken.');
    expect(rows(card)).toEqual({ Raised: '2 March 2026' });
  });

  it('shows the reason on an item that cannot be done, and "You" on your own', () => {
    const card = itemCard(
      item({
        status: 'not-possible',
        closedAt: '2026-03-05T10:00:00.000+00:00',
        updates: [
          { at: '2026-03-03T10:00:00.000+00:00', status: 'considering', note: 'Asked estates.', decisionId: null },
          {
            at: '2026-03-05T10:00:00.000+00:00',
            status: 'not-possible',
            note: 'The building is listed; no ramp allowed.',
            decisionId: null,
          },
        ],
      }),
      { headingLevel: 'h3', mine: true },
    );
    expect(card.querySelector('h3')?.textContent).toBe('We cannot do this');
    expect(rows(card)).toMatchObject({
      'Who raised it': 'You',
      'Why not': 'The building is listed; no ramp allowed.',
      'Told the forum': 'At its next session',
    });
  });

  it('shows the latest note written while in progress, and links the decisions', () => {
    const v = item({
      status: 'planned',
      decisionIds: ['D1'],
      updates: [
        { at: '2026-03-03T10:00:00.000+00:00', status: 'considering', note: 'Asked estates.', decisionId: null },
        { at: '2026-03-04T10:00:00.000+00:00', status: 'planned', note: '', decisionId: 'D1' },
      ],
    });
    expect(latestNote(v)).toBe('Asked estates.');
    const card = itemCard(v, { headingLevel: 'h4', forumName: 'Waterford local forum' });
    expect(card.querySelector('h4')?.textContent).toBe('We plan to do this');
    expect(rows(card)).toMatchObject({ Forum: 'Waterford local forum', 'Latest note': 'Asked estates.' });
    expect(card.querySelector('a')?.getAttribute('href')).toBe('/decisions/view?id=D1');
  });
});

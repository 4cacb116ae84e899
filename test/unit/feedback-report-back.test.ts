import { describe, expect, it } from 'vitest';
import {
  applyUpdate,
  boardColumn,
  dueForReportBack,
  type FeedbackItem,
  markReportedBack,
  raisedItem,
  youSaidWeDid,
} from '../../shared/feedback/domain/feedback.js';

const raisedAt = '2026-03-02T18:00:00.000+00:00';

function item(id: string, forumId = 'F1'): FeedbackItem {
  return raisedItem({ forumId, text: `Said ${id}`, raisedBy: `P-${id}` }, id, raisedAt);
}
function closed(id: string, status: 'done' | 'not-possible', at: string, forumId = 'F1'): FeedbackItem {
  const r = applyUpdate(item(id, forumId), { status, note: `Closing note for ${id}.` }, at);
  if (!r.ok) throw new Error(r.message);
  return r.item;
}

describe('"You said, we did" on the next session', () => {
  it('lists closed items not yet reported back, oldest closure first, with their closing note', () => {
    // Prepare
    const items = [
      closed('B', 'not-possible', '2026-03-06T10:00:00Z'),
      item('OPEN'),
      closed('A', 'done', '2026-03-04T10:00:00Z'),
      { ...closed('OLD', 'done', '2026-03-01T10:00:00Z'), reportedBackAt: '2026-03-02T18:00:00.000+00:00' },
      closed('OTHER-FORUM', 'done', '2026-03-04T10:00:00Z', 'F2'),
    ];

    // Act
    const list = youSaidWeDid(items, 'F1');

    // Assess
    expect(list).toEqual([
      { feedbackId: 'A', text: 'Said A', status: 'done', note: 'Closing note for A.' },
      { feedbackId: 'B', text: 'Said B', status: 'not-possible', note: 'Closing note for B.' },
    ]);
  });

  it('never says who raised an item', () => {
    const list = youSaidWeDid([closed('A', 'done', '2026-03-04T10:00:00Z')], 'F1');

    expect(JSON.stringify(list)).not.toContain('P-A');
    expect(Object.keys(list[0]!)).toEqual(['feedbackId', 'text', 'status', 'note']);
  });

  it('lists a reopened item again only once it closes again', () => {
    // Prepare: closed, reported back, then reopened
    const reported = {
      ...closed('A', 'done', '2026-03-04T10:00:00Z'),
      reportedBackAt: '2026-03-09T18:00:00.000+00:00',
    };
    const reopened = applyUpdate(reported, { status: 'considering', note: 'It broke again.' }, '2026-03-10T10:00:00Z');
    if (!reopened.ok) throw new Error(reopened.message);

    // Act, Assess
    expect(dueForReportBack([reopened.item], 'F1')).toEqual([]);
    const again = applyUpdate(reopened.item, { status: 'done', note: 'Fixed properly now.' }, '2026-03-12T10:00:00Z');
    if (!again.ok) throw new Error(again.message);
    expect(youSaidWeDid([again.item], 'F1').map((e) => e.note)).toEqual(['Fixed properly now.']);
  });
});

describe('marking reported back', () => {
  const sessionStart = '2026-03-09T18:00:00+00:00';

  it('marks the closed items closed by the start of the held session, and returns only those', () => {
    // Prepare
    const items = [
      closed('A', 'done', '2026-03-04T10:00:00Z'),
      closed('B', 'not-possible', '2026-03-09T18:00:00Z'),
      closed('DURING', 'done', '2026-03-09T18:30:00Z'),
      item('OPEN'),
    ];

    // Act
    const marked = markReportedBack(items, sessionStart);

    // Assess
    expect(marked.map((i) => [i.feedbackId, i.reportedBackAt])).toEqual([
      ['A', '2026-03-09T18:00:00.000+00:00'],
      ['B', '2026-03-09T18:00:00.000+00:00'],
    ]);
  });

  it('leaves an item closed during the meeting for the next session', () => {
    const during = closed('DURING', 'done', '2026-03-09T18:30:00Z');

    markReportedBack([during], sessionStart);

    expect(youSaidWeDid([during], 'F1').map((e) => e.feedbackId)).toEqual(['DURING']);
  });

  it('changes nothing when repeated', () => {
    const first = markReportedBack([closed('A', 'done', '2026-03-04T10:00:00Z')], sessionStart);

    expect(markReportedBack(first, '2026-03-16T18:00:00Z')).toEqual([]);
    expect(youSaidWeDid(first, 'F1')).toEqual([]);
  });

  it('does not change the items it is given', () => {
    const items = [closed('A', 'done', '2026-03-04T10:00:00Z')];

    markReportedBack(items, sessionStart);

    expect(items[0]!.reportedBackAt).toBeUndefined();
  });
});

describe('the board', () => {
  it('puts each status in one of four columns', () => {
    expect((['raised', 'considering', 'planned', 'done', 'not-possible'] as const).map((s) => boardColumn(s))).toEqual([
      'open',
      'in-progress',
      'in-progress',
      'done',
      'not-possible',
    ]);
  });
});

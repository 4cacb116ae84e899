import { describe, expect, it } from 'vitest';
import {
  FeedbackItemRecord,
  putNewFeedback,
  replaceFeedback,
  type StoredFeedback,
  toFeedbackItem,
} from '../../shared/feedback/adapters/feedback-repo.js';
import { applyUpdate, markReportedBack, raisedItem } from '../../shared/feedback/domain/feedback.js';
import type { Db, TxItem } from '../../shared/runtime/store/db.js';
import { parseItem } from '../../shared/runtime/store/item.js';

/** The writes feedback-repo plans, without a table: which items each change puts and deletes. */
const db = { table: 'T', doc: undefined } as unknown as Db;
const place = { areaId: 'cho5-waterford', raisedOn: '2026-03-02' };

const keysOf = (items: TxItem[]) =>
  items.map((i) =>
    i.Put
      ? `put ${String(i.Put.Item?.pk)} ${String(i.Put.Item?.sk)}`
      : `delete ${String(i.Delete?.Key?.pk)} ${String(i.Delete?.Key?.sk)}`,
  );

const stored = (item: ReturnType<typeof raisedItem>, version = 1): StoredFeedback => ({ ...item, ...place, version });

describe('feedback items and their pointers', () => {
  const raised = raisedItem(
    { forumId: 'F1', text: 'More evening sessions', raisedBy: 'P1' },
    'I1',
    '2026-03-02T10:00:00Z',
  );

  it('a new item goes in with its staff-list and raised-by pointers, and reads back as it was', () => {
    const items = putNewFeedback(db, raised, place);
    expect(keysOf(items)).toEqual([
      'put FEEDBACK#I1 ITEM',
      'put FEEDBACKS 1-open#2026-03-02T10:00:00.000+00:00#I1',
      'put FEEDBACKBY#P1 2026-03-02T10:00:00.000+00:00#I1',
    ]);
    const record = items[0]?.Put?.Item ?? {};
    expect(record).toMatchObject({
      gsi1pk: 'FEEDBACK#FORUM#F1',
      gsi1sk: '1-open#2026-03-02T10:00:00.000+00:00#I1',
      gsi2pk: 'FEEDBACK#AREA#cho5-waterford',
      gsi2sk: '2026-03-02#2026-03-02T10:00:00.000+00:00#I1',
    });
    expect(toFeedbackItem(parseItem(FeedbackItemRecord, record))).toEqual(raised);
  });

  it('closing moves it to the closed list and makes it due at the forum; reporting back removes that', () => {
    const closed = applyUpdate(
      raised,
      { status: 'done', note: 'Two evening sessions from April.' },
      '2026-03-05T12:00:00Z',
    );
    if (!closed.ok) throw new Error(closed.message);
    expect(keysOf(replaceFeedback(db, stored(raised), closed.item))).toEqual([
      'put FEEDBACK#I1 ITEM',
      'delete FEEDBACKS 1-open#2026-03-02T10:00:00.000+00:00#I1',
      'put FEEDBACKS 2-closed#2026-03-02T10:00:00.000+00:00#I1',
      'put FEEDBACKDUE#F1 2026-03-05T12:00:00.000+00:00#I1',
    ]);
    const [heard] = markReportedBack([closed.item], '2026-03-09T18:00:00Z');
    if (!heard) throw new Error('not marked');
    const writes = replaceFeedback(db, stored(closed.item, 2), heard);
    expect(keysOf(writes)).toEqual(['put FEEDBACK#I1 ITEM', 'delete FEEDBACKDUE#F1 2026-03-05T12:00:00.000+00:00#I1']);
    expect(writes[0]?.Put?.ConditionExpression).toBe('version = :v');
    expect(writes[0]?.Put?.ExpressionAttributeValues).toEqual({ ':v': 2 });
    expect(writes[0]?.Put?.Item?.version).toBe(3);
  });

  it('reopening before the forum heard it takes it off the due list and back to open', () => {
    const closed = applyUpdate(
      raised,
      { status: 'not-possible', note: 'The hall is not ours to change.' },
      '2026-03-05T12:00:00Z',
    );
    if (!closed.ok) throw new Error(closed.message);
    const reopened = applyUpdate(
      closed.item,
      { status: 'considering', note: 'A new hall may be possible.' },
      '2026-03-06T12:00:00Z',
    );
    if (!reopened.ok) throw new Error(reopened.message);
    expect(keysOf(replaceFeedback(db, stored(closed.item, 2), reopened.item))).toEqual([
      'put FEEDBACK#I1 ITEM',
      'delete FEEDBACKS 2-closed#2026-03-02T10:00:00.000+00:00#I1',
      'put FEEDBACKS 1-open#2026-03-02T10:00:00.000+00:00#I1',
      'delete FEEDBACKDUE#F1 2026-03-05T12:00:00.000+00:00#I1',
    ]);
  });

  it('an open item moving on touches only the item', () => {
    const planned = applyUpdate(raised, { status: 'planned' }, '2026-03-03T12:00:00Z');
    if (!planned.ok) throw new Error(planned.message);
    expect(keysOf(replaceFeedback(db, stored(raised), planned.item))).toEqual(['put FEEDBACK#I1 ITEM']);
  });
});

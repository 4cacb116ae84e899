import { describe, expect, it } from 'vitest';
import {
  applyUpdate,
  changeMessage,
  type FeedbackItem,
  type Move,
  raisedItem,
  statusWords,
  type UpdateStatus,
} from '../../shared/feedback/domain/feedback.js';

const item: FeedbackItem = raisedItem(
  { forumId: 'F1', text: 'The room is too cold in the evenings.', raisedBy: 'P-AOIFE' },
  'FB1',
  '2026-03-02T18:00:00Z',
);
const forumName = 'Waterford local forum';

const message = (status: UpdateStatus, move: Move, note: string) =>
  changeMessage({ forumName, text: item.text, status, move, note });

describe('the words a member sees', () => {
  it('names each status in plain words', () => {
    expect(statusWords).toEqual({
      raised: 'We have received this',
      considering: 'We are looking at this',
      planned: 'We plan to do this',
      done: 'Done',
      'not-possible': 'We cannot do this',
    });
  });
});

describe('the message to the person who raised it', () => {
  it('tells them it is done, quoting their words and the note, addressed as you', () => {
    // Prepare, Act
    const m = message('done', 'close', 'The heating now comes on at 17:00.');

    // Assess
    expect(m.subject).toBe('What you said: it is done');
    expect(m.text).toContain('Thank you for what you said at Waterford local forum:');
    expect(m.text).toContain('“The room is too cold in the evenings.”');
    expect(m.text).toContain('What we did: The heating now comes on at 17:00.');
    expect(m.text).toContain('next session');
  });

  it('says kindly why something cannot be done', () => {
    const m = message('not-possible', 'close', 'The building is being sold next year.');

    expect(m.subject).toBe('What you said: we cannot do this');
    expect(m.text).toContain('We are sorry, but we cannot do this.');
    expect(m.text).toContain('Why: The building is being sold next year.');
    expect(m.text).toContain('It still matters that you said it.');
  });

  it.each<[UpdateStatus, Move, string]>([
    ['considering', 'forward', 'We are looking at what you said'],
    ['planned', 'forward', 'We plan to act on what you said'],
    ['considering', 'reopen', 'We are looking again at what you said'],
    ['considering', 'step-back', 'A change to our plan for what you said'],
    ['planned', 'progress', 'An update on what you said'],
  ])('has a plain subject for %s (%s)', (status, move, subject) => {
    expect(message(status, move, 'A note of some length.').subject).toBe(subject);
  });

  it('leaves out the note line when there is no note', () => {
    const m = message('considering', 'forward', '');

    expect(m.text).not.toContain('Our note');
    expect(m.text).toContain('We are looking at this now.');
  });

  it('never carries who raised it or any id, even when built from an applied update', () => {
    // Prepare
    const r = applyUpdate(
      item,
      { status: 'planned', note: 'New radiators are ordered.', decisionId: 'D-77' },
      '2026-03-05T10:00:00Z',
      {
        decision: { forumId: 'F1' },
      },
    );
    if (!r.ok) throw new Error(r.message);

    // Act
    const m = changeMessage({ forumName, text: r.item.text, status: r.to, move: r.move, note: r.note });

    // Assess
    const all = `${m.subject}\n${m.text}`;
    for (const hidden of ['P-AOIFE', 'FB1', 'F1', 'D-77']) expect(all).not.toContain(hidden);
  });

  it('quotes at most 300 characters of a long text', () => {
    const long = 'word '.repeat(200);

    const m = changeMessage({ forumName, text: long, status: 'considering', move: 'forward', note: '' });

    const quoted = /“(.*)”/.exec(m.text)![1]!;
    expect([...quoted].length).toBeLessThanOrEqual(301);
    expect(quoted.endsWith('…')).toBe(true);
  });

  it('tells them they need not reply and how to stop the emails', () => {
    expect(message('done', 'close', 'Heating fixed now.').text).toContain(
      'You do not need to reply. If you have a question, or you would rather not get these emails, talk to your coordinator.',
    );
  });
});

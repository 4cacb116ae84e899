import { describe, expect, it } from 'vitest';
import {
  applyUpdate,
  type FeedbackItem,
  type FeedbackStatus,
  forViewer,
  isClosed,
  raisedItem,
  transitions,
  type UpdateApplied,
  type UpdateInput,
  type UpdateRefusal,
  type UpdateStatus,
  updateStatuses,
} from '../../shared/feedback/domain/feedback.js';

const raisedAt = '2026-03-02T18:00:00.000+00:00';
const later = '2026-03-09T10:00:00.000+00:00';
const fresh = (): FeedbackItem =>
  raisedItem(
    { forumId: 'F1', sessionId: 'S1', text: 'The room is too cold in the evenings.', raisedBy: 'P1' },
    'FB1',
    raisedAt,
  );

const ok = (r: ReturnType<typeof applyUpdate>): UpdateApplied => {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r;
};
const refused = (r: ReturnType<typeof applyUpdate>): UpdateRefusal => {
  if (r.ok) throw new Error(`applied: ${r.item.status}`);
  return r;
};
const note = 'We asked estates to fix the heating.';

/** An item brought to `status` by the shortest allowed path. */
function at(status: FeedbackStatus): FeedbackItem {
  const item = fresh();
  if (status === 'raised') return item;
  if (status === 'planned') return ok(applyUpdate(item, { status: 'planned' }, later)).item;
  return ok(applyUpdate(item, { status, note }, later)).item;
}

describe('a raised item', () => {
  it('starts raised, open, with no updates, and keeps who raised it', () => {
    // Prepare, Act
    const item = fresh();

    // Assess
    expect(item).toEqual({
      feedbackId: 'FB1',
      forumId: 'F1',
      sessionId: 'S1',
      text: 'The room is too cold in the evenings.',
      raisedBy: 'P1',
      status: 'raised',
      raisedAt,
      decisionIds: [],
      updates: [],
    });
    expect(isClosed(item)).toBe(false);
  });

  it('carries no raisedBy key at all when entered from a comments box', () => {
    const item = raisedItem({ forumId: 'F1', text: 'More evening sessions please.' }, 'FB2', raisedAt);

    expect('raisedBy' in item).toBe(false);
    expect('sessionId' in item).toBe(false);
  });
});

describe('the transition table', () => {
  const cases: [FeedbackStatus, UpdateStatus, 'applies' | 'refused'][] = [];
  const statuses: FeedbackStatus[] = ['raised', 'considering', 'planned', 'done', 'not-possible'];
  for (const from of statuses)
    for (const to of updateStatuses) cases.push([from, to, transitions[from][to] ? 'applies' : 'refused']);

  it.each(cases)('from %s to %s %s (with a note)', (from, to, expected) => {
    // Prepare
    const item = at(from);

    // Act
    const result = applyUpdate(item, { status: to, note: 'Looked at by the team this week.' }, later);

    // Assess
    expect(result.ok).toBe(expected === 'applies');
    if (result.ok) expect(result.item.status).toBe(to);
    else expect(result).toMatchObject({ kind: 'conflict', code: 'item-closed', field: 'status' });
  });

  it('lets only considering reopen a closed item', () => {
    expect(transitions.done).toEqual({ considering: 'reopen' });
    expect(transitions['not-possible']).toEqual({ considering: 'reopen' });
  });
});

describe('moving forward', () => {
  it('goes from raised to considering without a note', () => {
    const r = ok(applyUpdate(fresh(), { status: 'considering' }, later));

    expect(r.item.status).toBe('considering');
    expect(r.move).toBe('forward');
    expect(r.item.updates).toEqual([{ at: later, status: 'considering', note: '' }]);
  });

  it('goes from considering to planned and records the update in order', () => {
    const considering = ok(applyUpdate(fresh(), { status: 'considering', note: 'First look.' }, later)).item;

    const r = ok(applyUpdate(considering, { status: 'planned', note: 'Heating on from 17:00.' }, later));

    expect(r.item.updates.map((u) => u.status)).toEqual(['considering', 'planned']);
    expect(r.item.closedAt).toBeUndefined();
  });

  it('may skip ahead from raised straight to planned', () => {
    const r = ok(applyUpdate(fresh(), { status: 'planned' }, later));

    expect(r).toMatchObject({ from: 'raised', to: 'planned', move: 'forward' });
  });

  it('normalises the time to UTC with an explicit offset', () => {
    const r = ok(applyUpdate(fresh(), { status: 'considering' }, '2026-03-09T11:00:00+01:00'));

    expect(r.item.updates[0]!.at).toBe('2026-03-09T10:00:00.000+00:00');
  });
});

describe('closing', () => {
  it('closes as done with a note of at least 10 characters, and sets closedAt', () => {
    const r = ok(applyUpdate(at('planned'), { status: 'done', note: '  Heating fixed.  ' }, later));

    expect(r.item.status).toBe('done');
    expect(isClosed(r.item)).toBe(true);
    expect(r.item.closedAt).toBe(later);
    expect(r.note).toBe('Heating fixed.');
    expect(r.item.updates.at(-1)).toEqual({ at: later, status: 'done', note: 'Heating fixed.' });
  });

  it('refuses done without a note, naming the note', () => {
    const r = refused(applyUpdate(at('planned'), { status: 'done' }, later));

    expect(r).toMatchObject({ kind: 'validation', code: 'note-required', field: 'note' });
    expect(r.message).toContain('saying what was done');
  });

  it('refuses done with a note of only spaces or under 10 characters', () => {
    expect(refused(applyUpdate(at('planned'), { status: 'done', note: '          ' }, later)).field).toBe('note');
    expect(refused(applyUpdate(at('planned'), { status: 'done', note: 'Fixed it' }, later)).code).toBe('note-required');
  });

  it('accepts a note of exactly 10 characters', () => {
    expect(applyUpdate(at('planned'), { status: 'done', note: '0123456789' }, later).ok).toBe(true);
  });

  it('refuses not-possible without a note saying why', () => {
    const r = refused(applyUpdate(fresh(), { status: 'not-possible', note: 'No.' }, later));

    expect(r.field).toBe('note');
    expect(r.message).toContain('why this cannot be done');
  });

  it.each<FeedbackStatus>(['raised', 'considering', 'planned'])('allows not-possible from %s', (from) => {
    const r = ok(applyUpdate(at(from), { status: 'not-possible', note: 'The building is being sold.' }, later));

    expect(r.item.status).toBe('not-possible');
    expect(r.item.closedAt).toBe(later);
  });

  it('refuses planned on a closed item as a conflict, saying how to reopen', () => {
    const r = refused(applyUpdate(at('done'), { status: 'planned', note }, later));

    expect(r).toMatchObject({ kind: 'conflict', code: 'item-closed', field: 'status' });
    expect(r.message).toContain('reopen');
  });

  it('refuses changing a done item straight to not-possible', () => {
    expect(refused(applyUpdate(at('done'), { status: 'not-possible', note }, later)).code).toBe('item-closed');
  });
});

describe('reopening', () => {
  it('reopens a closed item with considering and a note, clearing closedAt and reportedBackAt', () => {
    // Prepare
    const closed = { ...at('done'), reportedBackAt: '2026-03-16T18:00:00.000+00:00' };

    // Act
    const r = ok(applyUpdate(closed, { status: 'considering', note: 'The heating failed again.' }, later));

    // Assess
    expect(r.move).toBe('reopen');
    expect(r.item.status).toBe('considering');
    expect(isClosed(r.item)).toBe(false);
    expect('closedAt' in r.item).toBe(false);
    expect('reportedBackAt' in r.item).toBe(false);
    expect(r.item.updates.map((u) => u.status)).toEqual(['done', 'considering']);
  });

  it('refuses to reopen without a note', () => {
    const r = refused(applyUpdate(at('not-possible'), { status: 'considering' }, later));

    expect(r).toMatchObject({ code: 'note-required', field: 'note' });
    expect(r.message).toContain('To reopen this item');
  });
});

describe('stepping back and progress notes', () => {
  it('steps back from planned to considering only with a note saying why', () => {
    const planned = at('planned');

    const without = applyUpdate(planned, { status: 'considering' }, later);
    const withNote = applyUpdate(planned, { status: 'considering', note: 'The budget was cut.' }, later);

    expect(refused(without).message).toContain('instead of going ahead as planned');
    expect(ok(withNote).move).toBe('step-back');
  });

  it('sends a progress note at the same status only when there is a note', () => {
    const considering = at('considering');

    expect(refused(applyUpdate(considering, { status: 'considering' }, later)).code).toBe('note-required');
    const r = ok(applyUpdate(considering, { status: 'considering', note: 'Estates visit booked.' }, later));
    expect(r).toMatchObject({ from: 'considering', to: 'considering', move: 'progress' });
  });
});

describe('the note and the status', () => {
  it('refuses a status outside the four a coordinator may set', () => {
    const r = refused(applyUpdate(fresh(), { status: 'raised' } as unknown as UpdateInput, later));

    expect(r).toMatchObject({ kind: 'validation', field: 'status', code: 'status-not-allowed' });
  });

  it('refuses a note longer than 2,000 characters', () => {
    expect(refused(applyUpdate(fresh(), { status: 'considering', note: 'a'.repeat(2001) }, later)).code).toBe(
      'note-too-long',
    );
  });

  it('counts an emoji as one character', () => {
    expect(applyUpdate(fresh(), { status: 'considering', note: '🙂'.repeat(2000) }, later).ok).toBe(true);
  });

  it('refuses a note with a bidirectional override character', () => {
    const r = refused(applyUpdate(fresh(), { status: 'done', note: 'Fixed the \u202Eheating' }, later));

    expect(r).toMatchObject({ code: 'note-unsafe-characters', field: 'note' });
  });
});

describe('linking decisions', () => {
  it('links a decision of the same forum, once', () => {
    const first = ok(
      applyUpdate(fresh(), { status: 'planned', decisionId: 'D1' }, later, { decision: { forumId: 'F1' } }),
    );
    const again = ok(
      applyUpdate(first.item, { status: 'done', note: 'Heating fixed.', decisionId: 'D1' }, later, {
        decision: { forumId: 'F1' },
      }),
    );

    expect(first.item.decisionIds).toEqual(['D1']);
    expect(again.item.decisionIds).toEqual(['D1']);
    expect(again.item.updates.map((u) => u.decisionId)).toEqual(['D1', 'D1']);
  });

  it('refuses a decision of another forum', () => {
    const r = refused(
      applyUpdate(fresh(), { status: 'planned', decisionId: 'D9' }, later, { decision: { forumId: 'F2' } }),
    );

    expect(r).toMatchObject({ field: 'decisionId', code: 'decision-other-forum', kind: 'validation' });
  });

  it('refuses a decision the caller could not find', () => {
    expect(refused(applyUpdate(fresh(), { status: 'planned', decisionId: 'D404' }, later)).code).toBe(
      'decision-not-found',
    );
  });

  it('leaves the item unchanged when refused', () => {
    const item = fresh();
    const before = structuredClone(item);

    applyUpdate(item, { status: 'done' }, later);

    expect(item).toEqual(before);
  });
});

describe('who sees who raised it', () => {
  const item = fresh();

  it('shows raisedBy to coordinators and to the person who raised it', () => {
    expect(forViewer(item, { role: 'coordinator' }).raisedBy).toBe('P1');
    expect(forViewer(item, { role: 'member', participantId: 'P1' }).raisedBy).toBe('P1');
  });

  it('hides raisedBy from governance and from other members', () => {
    expect('raisedBy' in forViewer(item, { role: 'governance' })).toBe(false);
    expect('raisedBy' in forViewer(item, { role: 'member', participantId: 'P2' })).toBe(false);
    expect('raisedBy' in forViewer(item, { role: 'member' })).toBe(false);
  });
});

describe('an item has at most MAX_UPDATES updates', () => {
  it('refuses another progress note at the cap with a conflict, but still lets it close', async () => {
    const { applyUpdate: apply, MAX_UPDATES: cap } = await import('../../shared/feedback/domain/feedback.js');
    const base = {
      feedbackId: 'F1',
      forumId: 'FORUM1',
      sessionId: null,
      text: 'The room was cold.',
      status: 'considering',
      raisedAt: '2026-03-01T10:00:00.000Z',
      closedAt: null,
      reportedBackAt: null,
      decisionIds: [],
      updates: Array.from({ length: cap }, (_, i) => ({
        at: '2026-03-02T10:00:00.000Z',
        status: 'considering',
        note: `Still looking, note ${i}.`,
        decisionId: null,
      })),
    } as unknown as Parameters<typeof apply>[0];
    const more = apply(base, { status: 'considering', note: 'One more progress note.' }, '2026-03-03T10:00:00.000Z');
    expect(more).toMatchObject({ ok: false, kind: 'conflict', code: 'too-many-updates' });
    const close = apply(
      base,
      { status: 'not-possible', note: 'We cannot change the heating contract this year.' },
      '2026-03-03T10:00:00.000Z',
    );
    expect(close.ok).toBe(true);
  });
});

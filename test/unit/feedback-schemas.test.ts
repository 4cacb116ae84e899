import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { applyUpdate, raisedItem, youSaidWeDid } from '../../shared/feedback/domain/feedback.js';
import {
  FeedbackItemView,
  feedbackResponseSchemas,
  ListFeedbackQuery,
  RaiseFeedbackRequest,
  UpdateFeedbackRequest,
  YouSaidWeDidView,
} from '../../shared/feedback/http/schemas.js';

const messages = (r: { success: boolean; error?: z.core.$ZodError }) =>
  (r.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('raising feedback', () => {
  it('accepts forumId and text, with sessionId and raisedBy optional', () => {
    expect(RaiseFeedbackRequest.safeParse({ forumId: 'F1', text: 'More evening sessions.' }).success).toBe(true);
    expect(
      RaiseFeedbackRequest.safeParse({ forumId: 'F1', sessionId: 'S1', text: 'Line one\nline two', raisedBy: 'P1' })
        .success,
    ).toBe(true);
  });

  it('refuses empty or blank text, naming the text', () => {
    expect(messages(RaiseFeedbackRequest.safeParse({ forumId: 'F1', text: '   ' }))).toEqual([
      { path: 'text', message: 'Write the feedback.' },
    ]);
    // Only invisible characters (zero-width space, word joiner) is blank too.
    expect(messages(RaiseFeedbackRequest.safeParse({ forumId: 'F1', text: '\u200b\u2060 ' }))).toEqual([
      { path: 'text', message: 'Write the feedback.' },
    ]);
  });

  it('refuses text over 2,000 characters but counts an emoji as one', () => {
    expect(RaiseFeedbackRequest.safeParse({ forumId: 'F1', text: 'a'.repeat(2001) }).success).toBe(false);
    expect(RaiseFeedbackRequest.safeParse({ forumId: 'F1', text: '🙂'.repeat(2000) }).success).toBe(true);
  });

  it.each([
    ['a control character', 'Hello\u0007there'],
    ['a right-to-left override', 'Pay \u202Eevil'],
    ['a directional isolate', 'Pay \u2066evil\u2069'],
    ['a broken surrogate', 'Half \uD800 a character'],
  ])('refuses text with %s, saying what to fix', (_what, text) => {
    const issues = messages(RaiseFeedbackRequest.safeParse({ forumId: 'F1', text }));

    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('text');
    expect(issues[0]!.message).toMatch(/Retype that part/);
  });

  it('accepts right-to-left marks used in Arabic and Hebrew', () => {
    expect(RaiseFeedbackRequest.safeParse({ forumId: 'F1', text: 'שלום\u200F' }).success).toBe(true);
  });

  it('refuses unknown fields', () => {
    const r = RaiseFeedbackRequest.safeParse({ forumId: 'F1', text: 'Hi', status: 'done' });

    expect(r.success).toBe(false);
  });
});

describe('updating feedback', () => {
  it('refuses done without a note, naming the note', () => {
    expect(messages(UpdateFeedbackRequest.safeParse({ status: 'done' }))).toEqual([
      { path: 'note', message: 'Write a note of at least 10 characters saying what was done.' },
    ]);
  });

  it('refuses not-possible with a too-short note', () => {
    expect(messages(UpdateFeedbackRequest.safeParse({ status: 'not-possible', note: 'No.' }))[0]!.path).toBe('note');
  });

  it('accepts considering without a note, and refuses raised', () => {
    expect(UpdateFeedbackRequest.safeParse({ status: 'considering' }).success).toBe(true);
    expect(messages(UpdateFeedbackRequest.safeParse({ status: 'raised' }))[0]!.path).toBe('status');
  });
});

describe('listing feedback', () => {
  it('reads limit from the query string and bounds it', () => {
    expect(ListFeedbackQuery.parse({ forumId: 'F1', status: 'open', limit: '20' })).toEqual({
      forumId: 'F1',
      status: 'open',
      limit: 20,
    });
    expect(ListFeedbackQuery.safeParse({ limit: '500' }).success).toBe(false);
  });
});

describe('response schemas', () => {
  it('each convert to JSON Schema with no custom x- keywords', () => {
    for (const [name, schema] of Object.entries(feedbackResponseSchemas)) {
      const json = JSON.stringify(z.toJSONSchema(schema, { io: 'output' }));
      expect(json, name).not.toMatch(/"x-/);
    }
  });

  it('describe an item as the domain produces it, shown with nulls for what is not set', () => {
    // Prepare
    const r = applyUpdate(
      raisedItem({ forumId: 'F1', text: 'Cold room.', raisedBy: 'P1' }, 'FB1', '2026-03-02T18:00:00Z'),
      { status: 'done', note: 'Heating fixed.' },
      '2026-03-05T10:00:00Z',
    );
    if (!r.ok) throw new Error(r.message);
    const i = r.item;

    // Act
    const view = FeedbackItemView.safeParse({
      ...i,
      sessionId: i.sessionId ?? null,
      closedAt: i.closedAt ?? null,
      reportedBackAt: i.reportedBackAt ?? null,
      updates: i.updates.map((u) => ({ ...u, decisionId: u.decisionId ?? null })),
    });

    // Assess
    expect(view.success).toBe(true);
    expect(YouSaidWeDidView.safeParse(youSaidWeDid([i], 'F1')).success).toBe(true);
  });
});

import * as z from 'zod/mini';
import { groupedNumber, isBlank } from '../../kernel/text.js';
import {
  charCount,
  closedStatuses,
  feedbackStatuses,
  NOTE_MIN,
  TEXT_MAX,
  unsafeTextProblem,
  updateStatuses,
} from '../domain/feedback.js';

/**
 * Request and response schemas for the feedback routes ("Feedback — you said, we did" in the
 * contract). Requests are strict and every message says what to fix. Responses carry no
 * transforms and no custom keywords, so OpenAPI can be generated from them.
 */

const MAX = groupedNumber(TEXT_MAX);

const id = (what: string) =>
  z
    .string(`Choose the ${what}.`)
    .check(
      z.minLength(1, `Choose the ${what}.`),
      z.maxLength(64, `That ${what} id is too long to be one of ours.`),
      z.regex(/^[A-Za-z0-9_-]+$/, `That ${what} id is not one of ours.`),
    );

const safe = (s: string) => unsafeTextProblem(s) === undefined;
const safeMessage = (s: string) => unsafeTextProblem(s) ?? '';

/**
 * Free text of 1–2,000 characters (as a person counts them), not blank, without control or
 * bidirectional-override characters. The UTF-16 bound (two units a character at most) keeps a
 * hard limit in the generated schema.
 */
const text = (what: string) =>
  z.string(`Write the ${what}.`).check(
    z.maxLength(TEXT_MAX * 2, `The ${what} can be at most ${MAX} characters.`),
    z.refine((s) => !isBlank(s), `Write the ${what}.`),
    z.refine((s) => charCount(s) <= TEXT_MAX, `The ${what} can be at most ${MAX} characters.`),
    z.refine(safe, { error: (iss) => safeMessage(iss.input as string) }),
  );

const optionalNote = z.string('Write the note as text.').check(
  z.maxLength(TEXT_MAX * 2, `The note can be at most ${MAX} characters.`),
  z.refine((s) => charCount(s) <= TEXT_MAX, `The note can be at most ${MAX} characters.`),
  z.refine(safe, { error: (iss) => safeMessage(iss.input as string) }),
);

const IsoDateTime = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------------------------------------
// POST /api/feedback

export const RaiseFeedbackRequest = z.strictObject(
  {
    forumId: id('forum'),
    sessionId: z.optional(id('session')),
    text: text('feedback'),
    raisedBy: z.optional(id('participant who raised it')),
  },
  'Send the feedback as an object with forumId and text.',
);
export type RaiseFeedbackRequest = z.infer<typeof RaiseFeedbackRequest>;

export const RaiseFeedbackResponse = z.strictObject({ feedbackId: z.string().check(z.minLength(1), z.maxLength(64)) });
export type RaiseFeedbackResponse = z.infer<typeof RaiseFeedbackResponse>;

// ---------------------------------------------------------------------------------------------
// POST /api/feedback/:id/updates

const closing = new Set<string>(closedStatuses);

export const UpdateFeedbackRequest = z
  .strictObject(
    {
      status: z.enum(updateStatuses, {
        error: 'Choose what is happening now: considering, planned, done or not-possible.',
      }),
      note: z.optional(optionalNote),
      decisionId: z.optional(id('decision')),
    },
    'Send the update as an object with a status and a note.',
  )
  .check(
    z.superRefine((u, ctx) => {
      if (closing.has(u.status) && charCount((u.note ?? '').trim()) < NOTE_MIN) {
        ctx.addIssue({
          code: 'custom',
          path: ['note'],
          message:
            u.status === 'done'
              ? `Write a note of at least ${NOTE_MIN} characters saying what was done.`
              : `Write a note of at least ${NOTE_MIN} characters saying why this cannot be done.`,
        });
      }
    }),
  );
export type UpdateFeedbackRequest = z.infer<typeof UpdateFeedbackRequest>;

// ---------------------------------------------------------------------------------------------
// GET /api/feedback?forumId=&status=open|closed&limit=&cursor=

export const ListFeedbackQuery = z.strictObject(
  {
    forumId: z.optional(id('forum')),
    status: z.optional(z.enum(['open', 'closed'], { error: 'Choose open or closed.' })),
    limit: z.optional(
      z.coerce
        .number('The limit must be a number.')
        .check(
          z.int('The limit must be a whole number.'),
          z.gte(1, 'The limit must be at least 1.'),
          z.lte(100, 'The limit can be at most 100.'),
        ),
    ),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048, 'That cursor is not one we gave out.'))),
  },
  'Use only forumId, status, limit and cursor in the query.',
);
export type ListFeedbackQuery = z.infer<typeof ListFeedbackQuery>;

// ---------------------------------------------------------------------------------------------
// Responses

export const FeedbackUpdateView = z.strictObject({
  at: IsoDateTime,
  status: z.enum(updateStatuses),
  note: z.string().check(z.maxLength(TEXT_MAX * 2)),
  decisionId: z.nullable(z.string().check(z.maxLength(64))),
});

/** One item. `raisedBy` is present only for coordinators and for the person who raised it. */
export const FeedbackItemView = z.strictObject({
  feedbackId: z.string().check(z.minLength(1), z.maxLength(64)),
  forumId: z.string().check(z.minLength(1), z.maxLength(64)),
  sessionId: z.nullable(z.string().check(z.maxLength(64))),
  text: z.string().check(z.minLength(1), z.maxLength(TEXT_MAX * 2)),
  raisedBy: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  status: z.enum(feedbackStatuses),
  raisedAt: IsoDateTime,
  closedAt: z.nullable(IsoDateTime),
  reportedBackAt: z.nullable(IsoDateTime),
  decisionIds: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(200)),
  updates: z.array(FeedbackUpdateView).check(z.maxLength(500)),
});
export type FeedbackItemView = z.infer<typeof FeedbackItemView>;

export const UpdateFeedbackResponse = FeedbackItemView;

export const FeedbackListResponse = z.strictObject({
  items: z.array(FeedbackItemView).check(z.maxLength(100)),
  nextCursor: z.nullable(z.string().check(z.maxLength(2048))),
});
export type FeedbackListResponse = z.infer<typeof FeedbackListResponse>;

/** What `GET /api/sessions/:id` adds: the closed items the forum is to hear about. */
export const YouSaidWeDidEntryView = z.strictObject({
  feedbackId: z.string().check(z.minLength(1), z.maxLength(64)),
  text: z.string().check(z.minLength(1), z.maxLength(TEXT_MAX * 2)),
  status: z.enum(closedStatuses),
  note: z.string().check(z.maxLength(TEXT_MAX * 2)),
});
export const YouSaidWeDidView = z.array(YouSaidWeDidEntryView).check(z.maxLength(500));
export type YouSaidWeDidView = z.infer<typeof YouSaidWeDidView>;

/** Every response schema of these routes, for the OpenAPI generator and its tests. */
export const feedbackResponseSchemas = {
  RaiseFeedbackResponse,
  UpdateFeedbackResponse,
  FeedbackListResponse,
  YouSaidWeDidView,
} as const;

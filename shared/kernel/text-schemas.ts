import * as z from 'zod/mini';
import { charCount, isBlank, unsafeTextProblem } from './text.js';

/**
 * Zod schemas for what people type, bounded and clean (text.ts): every name, title and note the API
 * accepts is one of these, so no field takes hidden characters or unbounded text.
 */
const refineText =
  (multiline: boolean, blankMessage: string | undefined) => (s: string, ctx: z.core.$RefinementCtx) => {
    const problem = unsafeTextProblem(s, { multiline });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    else if (blankMessage && isBlank(s)) ctx.addIssue({ code: 'custom', message: blankMessage });
  };

/** One line of visible text (a name, a title): trimmed, 1 to `max` characters. */
export const SingleLine = (max: number, requiredMessage: string) =>
  z
    .string(requiredMessage)
    .check(
      z.trim(),
      z.minLength(1, requiredMessage),
      z.maxLength(max, `Use at most ${max} characters.`),
      z.superRefine(refineText(false, requiredMessage)),
    );

/** Free text (a note, a comment): line breaks allowed, at most `max` characters, optionally required. */
export const FreeText = (max: number, opts: { requiredMessage?: string; min?: number; minMessage?: string } = {}) =>
  z.string(opts.requiredMessage).check(
    z.trim(),
    z.minLength(opts.min ?? (opts.requiredMessage ? 1 : 0), opts.minMessage ?? opts.requiredMessage),
    z.refine((s) => charCount(s) <= max, `Use at most ${max} characters.`),
    z.superRefine(refineText(true, opts.requiredMessage)),
  );

/** A short code or reference typed or pasted by a person (a receipt number, a finance reference). */
export const Reference = (max: number, requiredMessage: string) =>
  SingleLine(max, requiredMessage).check(
    z.regex(/^[\p{L}\p{N} ._/#:-]+$/u, 'Use letters, digits, spaces and . _ / # : - only.'),
  );

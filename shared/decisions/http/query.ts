import * as z from 'zod/mini';
import { IsoDate } from '../../kernel/index.js';
import { DecisionStatus, decisionStatuses } from '../domain/decisions.js';

/**
 * Query parameters shared by the decision and audit routes. Each bad value is a 400 naming it; an
 * empty one (`?status=`) is the same as leaving it out.
 */
const orEmpty = <T extends z.ZodMiniType<string>>(schema: T, message: string) =>
  z.pipe(
    z.optional(z.union([z.literal(''), schema], message)),
    z.transform((v) => v || undefined),
  );

/** `?status=`: one of the decision statuses. */
export const statusParam = orEmpty(DecisionStatus, `Choose one of: ${decisionStatuses.join(', ')}.`);

/** `?awaiting=`: `me`, or nothing. */
export const awaitingParam = orEmpty(z.literal('me'), 'Use awaiting=me, or leave it out.');

/** A real calendar date, YYYY-MM-DD (the kernel's IsoDate), with the message the forms show. */
const dateParam = (message: string) => orEmpty(z.iso.date(message), message);

/** `?from=&to=`: inclusive dates on the proposal time, each optional. Check the order with `toNotBeforeFrom`. */
export const dateRange = {
  from: dateParam('Enter a date like 2026-03-01.'),
  to: dateParam('Enter a date like 2026-03-31.'),
};

const isDate = (s: unknown): s is string => IsoDate.safeParse(s).success;

/** When both dates are given (and are dates), `to` may not be before `from`. */
export function toNotBeforeFrom(q: { from?: string; to?: string }, ctx: z.core.$RefinementCtx) {
  if (isDate(q.from) && isDate(q.to) && q.from > q.to) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: 'The end date must be the same as or after the start date.',
    });
  }
}

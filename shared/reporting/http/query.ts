import * as z from 'zod/mini';
import { IsoDate } from '../../kernel/index.js';
import { daysInRange, MAX_REPORT_DAYS } from '../domain/report.js';

const isDate = (s: string) => IsoDate.safeParse(s).success;
const required = (message: string) => z.string(message).check(z.minLength(1, message), z.meta({ format: 'date' }));

/**
 * `?from=&to=`: both required, real dates (YYYY-MM-DD), in order, at most 366 days inclusive;
 * otherwise a 400 naming the field. Missing fields are named first; a malformed other field is
 * named too, so the form shows every problem at once (hence the check runs even when one is missing).
 */
export const reportRangeQuery = z
  .object({
    from: required('Enter the start date, like 2026-03-01.'),
    to: required('Enter the end date, like 2026-03-31.'),
  })
  .check(
    z.superRefine(
      (q, ctx) => {
        const issue = (path: 'from' | 'to', message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
        if (q.from && !isDate(q.from)) issue('from', 'Enter a date like 2026-03-01.');
        if (q.to && !isDate(q.to)) issue('to', 'Enter a date like 2026-03-31.');
        if (ctx.issues.length > 0) return;
        if (q.from > q.to) issue('to', 'The end date must be the same as or after the start date.');
        else if (daysInRange(q) > MAX_REPORT_DAYS) issue('to', `Choose a range of at most ${MAX_REPORT_DAYS} days.`);
      },
      { when: () => true },
    ),
  );

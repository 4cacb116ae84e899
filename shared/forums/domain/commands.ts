import * as z from 'zod/mini';
import {
  Currency,
  currencyOf,
  Id,
  Jurisdiction,
  jurisdictionOfCurrency,
  Reference,
  SingleLine,
  TimeZone,
  timeZoneOf,
} from '../../kernel/index.js';
import {
  expenseKinds,
  ForumLevel,
  MAX_EXPENSE_LINES,
  MAX_EXPENSE_MINOR,
  MAX_INVITEES,
  MAX_SESSION_EXPENSE_LINES,
  MAX_SESSION_MINUTES,
  RsvpResponse,
} from './forums.js';
import { minutesBetween } from './time.js';
import { forumCurrencyMessage, forumTimeZoneMessage } from './wording.js';

/**
 * What coordinators and members ask of the forums context, as the API accepts it: each field's
 * check with the message the form shows beside it.
 */

const ReminderLeadsInput = z.strictObject({
  leadMinutes: z
    .array(
      z
        .number()
        .check(
          z.int('Use whole minutes.'),
          z.gte(5, 'A reminder needs at least 5 minutes before the start.'),
          z.lte(14 * 24 * 60, 'Reminders can be at most 14 days before the start.'),
        ),
    )
    .check(
      z.maxLength(5, 'Choose at most 5 reminders.'),
      z.refine((a) => new Set(a).size === a.length, 'Each reminder time can be chosen once.'),
    ),
});

export const HourlyRateMinor = z
  .number('Enter the hourly rate.')
  .check(
    z.int('Enter the rate in cents or pence, a whole number.'),
    z.gte(0, 'The rate cannot be negative.'),
    z.lte(100_000, 'That rate looks too high. Enter it in cents or pence, for example 2500 for 25.00.'),
  );

export const EffectiveFrom = z.iso.date('Enter the date the rate applies from as YYYY-MM-DD, for example 2027-01-01.');

/** `POST /api/forums`. */
export const ForumInput = z
  .strictObject({
    name: SingleLine(120, 'Enter a name for the forum.'),
    level: z.enum(ForumLevel.options, 'Choose whether this is a local or an area forum.'),
    areaId: Reference(64, 'Enter the area.'),
    remuneration: z.strictObject({
      hourlyRateMinor: HourlyRateMinor,
      currency: Currency,
      /** The first day this rate applies; the forum's creation date (its local date) when left out. */
      effectiveFrom: z.optional(EffectiveFrom),
    }),
    quorum: z.strictObject({
      minLivedExperienceMembers: z
        .number('Enter how many people with lived experience must attend.')
        .check(
          z.int('Enter a whole number.'),
          z.gte(1, 'At least one person with lived experience must attend.'),
          z.lte(100),
        ),
      minLivedExperienceShare: z
        .number('Enter the share as a number from 0 to 1, for example 0.3 for 30%.')
        .check(z.gte(0, 'Enter a share from 0 to 1.'), z.lte(1, 'Enter a share from 0 to 1, for example 0.3 for 30%.')),
    }),
    /** Where the forum meets. Derived from the currency when left out (EUR: Ireland, GBP: the UK). */
    jurisdiction: z.optional(Jurisdiction),
    /** Derived from the jurisdiction when left out. */
    timeZone: z.optional(TimeZone),
    reminders: z.optional(ReminderLeadsInput),
  })
  .check(
    z.superRefine((f, ctx) => {
      const j = f.jurisdiction ?? jurisdictionOfCurrency[f.remuneration.currency];
      if (currencyOf[j] !== f.remuneration.currency) {
        ctx.addIssue({ code: 'custom', path: ['remuneration', 'currency'], message: forumCurrencyMessage(j) });
      }
      if (f.timeZone && f.timeZone !== timeZoneOf[j]) {
        ctx.addIssue({ code: 'custom', path: ['timeZone'], message: forumTimeZoneMessage(j) });
      }
    }),
  );
export type ForumInput = z.infer<typeof ForumInput>;

/** `POST /api/forums/{id}/rates`. The currency is the forum's own: it never changes. */
export const RateInput = z.strictObject({ hourlyRateMinor: HourlyRateMinor, effectiveFrom: EffectiveFrom });
export type RateInput = z.infer<typeof RateInput>;

/** Checks shared by scheduling and rescheduling: the end follows the start, within one sitting. */
function checkTimes(t: { startsAt: string; endsAt: string }, ctx: z.core.$RefinementCtx) {
  const minutes = minutesBetween(t.startsAt, t.endsAt);
  if (!(minutes > 0)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The end must be after the start.' });
  } else if (minutes > MAX_SESSION_MINUTES) {
    ctx.addIssue({
      code: 'custom',
      path: ['endsAt'],
      message: `A session can last at most ${MAX_SESSION_MINUTES / 60} hours. Schedule longer events as several sessions.`,
    });
  }
}

const SessionTimes = {
  startsAt: z.iso.datetime({ offset: true, error: 'Enter the start as a date and time with its offset.' }),
  endsAt: z.iso.datetime({ offset: true, error: 'Enter the end as a date and time with its offset.' }),
};

/** `POST /api/forums/{id}/sessions`. */
export const SessionInput = z
  .strictObject({
    title: SingleLine(150, 'Enter a title for the session.'),
    ...SessionTimes,
    venue: z.strictObject({
      name: SingleLine(200, 'Enter where the session takes place.'),
      accessible: z.boolean('Say whether the venue is accessible.'),
    }),
    agenda: z
      .array(SingleLine(300, 'Remove the empty agenda item.'))
      .check(z.maxLength(30, 'Keep the agenda to at most 30 items.')),
    invitees: z
      .array(Id)
      .check(
        z.minLength(1, 'Invite at least one person.'),
        z.maxLength(MAX_INVITEES, `Invite at most ${MAX_INVITEES} people to one session.`),
      ),
    reminders: z.optional(ReminderLeadsInput),
  })
  .check(
    z.superRefine((s, ctx) => {
      checkTimes(s, ctx);
      const seen = new Set<string>();
      s.invitees.forEach((id, i) => {
        if (seen.has(id)) {
          ctx.addIssue({ code: 'custom', path: ['invitees', i], message: 'This person is already on the list.' });
        }
        seen.add(id);
      });
    }),
  );
export type SessionInput = z.infer<typeof SessionInput>;

/** `POST /api/sessions/{id}/reschedule`. */
export const RescheduleInput = z.strictObject(SessionTimes).check(z.superRefine(checkTimes));
export type RescheduleInput = z.infer<typeof RescheduleInput>;

/** `POST /api/sessions/{id}/rsvp`. */
export const RsvpInput = z.strictObject({
  participantId: Id,
  response: z.enum(RsvpResponse.options, 'Choose yes, no or maybe.'),
});
export type RsvpInput = z.infer<typeof RsvpInput>;

export const Expense = z
  .strictObject({
    kind: z.enum(expenseKinds, 'Choose what the expense was for.'),
    amountMinor: z
      .number('Enter the amount.')
      .check(
        z.int('Enter the amount in cents or pence, a whole number.'),
        z.gte(0, 'The amount cannot be negative.'),
        z.lte(
          MAX_EXPENSE_MINOR,
          `One expense can be at most ${(MAX_EXPENSE_MINOR / 100).toFixed(2)}. Check the amount is in cents or pence; larger costs go through your organisation's own expenses process.`,
        ),
      ),
    receiptRef: z.optional(z.string().check(z.trim(), z.maxLength(64, 'Keep the receipt reference to 64 characters.'))),
  })
  .check(
    z.superRefine((e, ctx) => {
      // Expenses are paid back at cost, against a receipt: never as a way to pay for time.
      if (e.amountMinor > 0 && !e.receiptRef) {
        ctx.addIssue({
          code: 'custom',
          path: ['receiptRef'],
          message:
            'Enter the receipt reference, for example the number on the receipt or ticket. Expenses are paid back only against a receipt.',
        });
      }
    }),
  );
export type Expense = z.infer<typeof Expense>;

/** `POST /api/sessions/{id}/held`: who attended, their hours and expenses. */
export const HeldInput = z
  .strictObject({
    attendance: z
      .array(
        z.strictObject({
          participantId: Id,
          // Exact quarter hours from 0.25: zod's multipleOf tolerates floating-point error, so 1e-101
          // would pass it and record a near-zero payment.
          hours: z.number('Enter the hours.').check(
            z.gte(0.25, 'Hours must be at least a quarter of an hour (0.25).'),
            z.refine((h) => Number.isInteger(h * 4), 'Enter hours in quarter hours, for example 2.5 or 2.75.'),
          ),
          expenses: z._default(
            z
              .array(Expense)
              .check(
                z.maxLength(
                  MAX_EXPENSE_LINES,
                  `Record at most ${MAX_EXPENSE_LINES} expenses for one person. Put costs of the same kind on one line.`,
                ),
              ),
            [],
          ),
        }),
      )
      .check(
        z.minLength(1, 'Record at least one person who attended.'),
        z.maxLength(MAX_INVITEES, `Record at most ${MAX_INVITEES} people for one session.`),
      ),
  })
  .check(
    z.superRefine((h, ctx) => {
      const lines = h.attendance.reduce((n, a) => n + a.expenses.length, 0);
      if (lines > MAX_SESSION_EXPENSE_LINES) {
        ctx.addIssue({
          code: 'custom',
          path: ['attendance'],
          message: `Record at most ${MAX_SESSION_EXPENSE_LINES} expense lines for one session. Put costs of the same kind on one line.`,
        });
      }
      const seen = new Set<string>();
      h.attendance.forEach((a, i) => {
        if (seen.has(a.participantId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['attendance', i, 'participantId'],
            message: 'This person is listed twice.',
          });
        }
        seen.add(a.participantId);
      });
    }),
  );
export type HeldInput = z.infer<typeof HeldInput>;

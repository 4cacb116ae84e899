import * as z from 'zod/mini';
import { Currency, Id, IsoDate, IsoDateTime, MinorUnits } from './common.js';
import { defineEvent } from './define-event.js';

const source = 'coproduce.forums' as const;

export const ForumSessionScheduled = defineEvent({
  source,
  detailType: 'ForumSessionScheduled',
  description: 'A session of a forum was scheduled and its invitees invited.',
  data: z.strictObject({
    sessionId: Id,
    forumId: Id,
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    inviteeIds: z.array(Id),
  }),
});

export const SessionRescheduled = defineEvent({
  source,
  detailType: 'SessionRescheduled',
  description: 'A scheduled session moved to a new time; its reminders move with it.',
  data: z.strictObject({ sessionId: Id, forumId: Id, startsAt: IsoDateTime, endsAt: IsoDateTime }),
});

export const SessionCancelled = defineEvent({
  source,
  detailType: 'SessionCancelled',
  description: 'A scheduled session was cancelled; its reminders are removed.',
  data: z.strictObject({ sessionId: Id, forumId: Id }),
});

export const SessionRsvpRecorded = defineEvent({
  source,
  detailType: 'SessionRsvpRecorded',
  description: 'An invitee (or the coordinator for them) answered an invitation.',
  data: z.strictObject({ sessionId: Id, participantId: Id, response: z.enum(['yes', 'no', 'maybe']) }),
});

export const SessionReminderDue = defineEvent({
  source,
  detailType: 'SessionReminderDue',
  description: 'A reminder for a session is due (raised by the scheduler).',
  data: z.strictObject({ sessionId: Id, leadMinutes: z.number().check(z.int(), z.positive()), startsAt: IsoDateTime }),
});

export const AttendanceRecord = z.strictObject({
  participantId: Id,
  hours: z.number().check(z.positive()),
  expensesMinor: MinorUnits,
  walkIn: z.boolean(),
});

export const SessionHeld = defineEvent({
  source,
  detailType: 'SessionHeld',
  description: 'A session took place; attendance (ids and numbers only) is what remuneration pays from.',
  data: z.strictObject({
    sessionId: Id,
    forumId: Id,
    heldOn: IsoDate,
    startsAt: IsoDateTime,
    hourlyRateMinor: MinorUnits,
    currency: Currency,
    attendance: z.array(AttendanceRecord),
  }),
});

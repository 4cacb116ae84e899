import { buildEvent } from '../../../events/define-event.js';
import { SessionReminderDue } from '../../../events/forums.js';
import type { Clock } from '../../kernel/index.js';
import type { SchedulerPort } from '../../runtime/deps.js';
import type { Db } from '../../runtime/store/db.js';
import { reminderSendClaim } from '../adapters/sends-repo.js';
import { getSession } from '../adapters/sessions-repo.js';
import { reminderScheduleName, reminderTimes } from '../domain/forums.js';
import { reminderMessage } from '../domain/messages.js';
import { loadSessionAudience, type NoticeDeps, reminderRecipients, sendOncePerRecipient } from './notices.js';

export type ReminderScheduleDeps = { db: Db; clock: Clock; scheduler: SchedulerPort };

/**
 * Make the session's reminder schedules match the session as it is now: one one-time schedule per
 * lead still to come while it is scheduled, none once it is cancelled or held. Run on
 * ForumSessionScheduled, SessionRescheduled and SessionCancelled. It reads the current state rather
 * than trusting the event, so events that arrive twice, late or out of order all end in the same
 * schedules; schedule names are deterministic, so an upsert moves a schedule and a remove is final.
 *
 * Why here and not in the API request: the schedules are created from the event, which the outbox
 * guarantees is published once the session is committed. A scheduler call inside the request could
 * fail after the commit and leave a session without reminders; here a failure is retried by the bus
 * (and lands in the DLQ if it persists).
 */
export async function reconcileReminderSchedules(
  sessionId: string,
  deps: ReminderScheduleDeps,
): Promise<{ upserted: number; removed: number }> {
  const session = await getSession(deps.db, sessionId);
  if (!session) return { upserted: 0, removed: 0 };
  const due =
    session.status === 'scheduled'
      ? reminderTimes(session.startsAt, session.reminders.leadMinutes, deps.clock.now())
      : [];
  const keep = new Set(due.map((d) => d.leadMinutes));
  for (const d of due) {
    const event = buildEvent(
      SessionReminderDue,
      { sessionId, leadMinutes: d.leadMinutes, startsAt: session.startsAt },
      {
        idempotencyKey: `session-reminder:${sessionId}:${d.leadMinutes}:${session.startsAt}`,
        occurredAt: d.at.replace('Z', '+00:00'),
      },
    );
    await deps.scheduler.upsert({
      name: reminderScheduleName(sessionId, d.leadMinutes),
      at: d.at,
      source: event.source,
      detailType: event.detailType,
      detail: event.detail,
    });
  }
  const gone = session.reminders.leadMinutes.filter((lead) => !keep.has(lead));
  for (const lead of gone) await deps.scheduler.remove(reminderScheduleName(sessionId, lead));
  return { upserted: due.length, removed: gone.length };
}

/** Send one reminder to each recipient, at most once per (session, lead, start, participant). */
export async function sendSessionReminders(
  data: { sessionId: string; leadMinutes: number; startsAt: string },
  deps: NoticeDeps,
): Promise<{ sent: number; skipped: number }> {
  const session = await getSession(deps.db, data.sessionId);
  // Cancelled, held, moved since this reminder was scheduled, or gone: nothing to remind about.
  if (session?.status !== 'scheduled' || Date.parse(session.startsAt) !== Date.parse(data.startsAt)) {
    return { sent: 0, skipped: 0 };
  }
  const { forum, invitations, participants } = await loadSessionAudience(session, deps.db);
  const sent = await sendOncePerRecipient(
    reminderRecipients(invitations, participants),
    ({ participant }) => reminderSendClaim(session, data.leadMinutes, participant.participantId),
    ({ participant, invitation }) =>
      reminderMessage(session, forum, participant, invitation, deps.config.publicBaseUrl),
    deps,
  );
  return { sent, skipped: invitations.length - sent };
}

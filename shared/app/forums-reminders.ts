import { buildEvent } from '../../events/define-event.js';
import { SessionReminderDue } from '../../events/forums.js';
import type { Db } from '../adapters/db.js';
import {
  claimReminderSend,
  getForum,
  getInvitations,
  getSession,
  markReminderSent,
  releaseReminderSend,
} from '../adapters/forums-repo.js';
import { getParticipants } from '../adapters/participants-repo.js';
import {
  describeTimes,
  type Forum,
  type Invitation,
  reminderScheduleName,
  reminderTimes,
  type Session,
} from '../domain/forums.js';
import { hasConsentFor, type Participant } from '../domain/participants.js';
import type { Clock } from '../runtime/clock.js';
import type { AppConfig, Notifier, SchedulerPort } from '../runtime/deps.js';

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
  deps: { db: Db; clock: Clock; scheduler: SchedulerPort },
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

export type ReminderDeps = {
  db: Db;
  clock: Clock;
  notifier: Notifier;
  config: Pick<AppConfig, 'publicBaseUrl'>;
};

/** Who gets a reminder: still invited, has not said no, agreed to be contacted, and has an email. */
export function reminderRecipients(
  invitations: readonly Invitation[],
  participants: ReadonlyMap<string, Participant>,
): { invitation: Invitation; participant: Participant & { contact: { email: string } } }[] {
  return invitations.flatMap((invitation) => {
    const participant = participants.get(invitation.participantId);
    if (invitation.status !== 'invited' || invitation.rsvp === 'no') return [];
    if (!participant || !hasConsentFor(participant, 'contact') || !participant.contact?.email) return [];
    return [{ invitation, participant: participant as Participant & { contact: { email: string } } }];
  });
}

/**
 * Send one reminder to each recipient, at most once per (session, lead, start, participant).
 *
 * Each send is claimed with a conditional put BEFORE the message goes out, and marked sent after.
 * A redelivered or concurrent SessionReminderDue finds the claim and skips that person. If the send
 * fails, the claim is released and the error thrown, so the retry sends it. The one gap is a crash
 * between a successful send and recording it: the claim stays `sending`, and a retry after the
 * five-minute lease sends again. We accept that rare duplicate (at-least-once) rather than risk a
 * person never hearing about a session (at-most-once): a second reminder is a nuisance, a missed one
 * can cost someone their place.
 */
export async function sendSessionReminders(
  data: { sessionId: string; leadMinutes: number; startsAt: string },
  deps: ReminderDeps,
): Promise<{ sent: number; skipped: number }> {
  const session = await getSession(deps.db, data.sessionId);
  // Cancelled, held, moved since this reminder was scheduled, or gone: nothing to remind about.
  if (session?.status !== 'scheduled' || Date.parse(session.startsAt) !== Date.parse(data.startsAt)) {
    return { sent: 0, skipped: 0 };
  }
  const [forum, invitations] = await Promise.all([
    getForum(deps.db, session.forumId),
    getInvitations(deps.db, session.sessionId),
  ]);
  if (!forum) throw new Error(`Forum ${session.forumId} of session ${session.sessionId} is missing`);
  const participants = await getParticipants(
    deps.db,
    invitations.map((i) => i.participantId),
  );
  const recipients = reminderRecipients(invitations, participants);
  let sent = 0;
  for (const { invitation, participant } of recipients) {
    const key = {
      sessionId: session.sessionId,
      leadMinutes: data.leadMinutes,
      startsAt: session.startsAt,
      participantId: participant.participantId,
    };
    if (!(await claimReminderSend(deps.db, key, deps.clock.now()))) continue;
    try {
      await deps.notifier.send({
        to: participant.contact.email,
        participantId: participant.participantId,
        ...reminderMessage(session, forum, participant, invitation, deps.config.publicBaseUrl),
      });
    } catch (err) {
      await releaseReminderSend(deps.db, key).catch(() => undefined);
      throw err;
    }
    await markReminderSent(deps.db, key, deps.clock.now());
    sent++;
  }
  return { sent, skipped: invitations.length - sent };
}

const ANSWERS = { yes: 'you said you are coming', maybe: 'you said maybe', no: 'you said you cannot come' } as const;

/** A plain-language reminder: what, when, where, what their answer is, and how to change it. */
export function reminderMessage(
  session: Session,
  forum: Pick<Forum, 'name' | 'timeZone'>,
  participant: Pick<Participant, 'displayName'>,
  invitation: Pick<Invitation, 'rsvp'>,
  publicBaseUrl: string,
): { subject: string; text: string } {
  const when = describeTimes(session, forum.timeZone);
  const url = `${publicBaseUrl.replace(/\/$/, '')}/sessions/view?id=${encodeURIComponent(session.sessionId)}`;
  const lines = [
    `Hello ${participant.displayName},`,
    '',
    `This is a reminder about "${session.title}" (${forum.name}).`,
    '',
    `When: ${when}`,
    `Where: ${session.venue.name}${session.venue.accessible ? ' (accessible venue)' : ' (this venue is not marked as accessible: tell us what you need)'}`,
  ];
  if (session.agenda.length) {
    lines.push('', 'What we will talk about:', ...session.agenda.map((a) => `- ${a}`));
  }
  lines.push(
    '',
    invitation.rsvp ? `Your answer: ${ANSWERS[invitation.rsvp]}.` : 'You have not told us yet whether you can come.',
    `See the details or change your answer: ${url}`,
    '',
    'If you cannot come, that is fine. You do not need to give a reason.',
  );
  return { subject: `Reminder: ${session.title}, ${when}`, text: lines.join('\n') };
}

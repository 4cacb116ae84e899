import { buildEvent } from '../../../events/define-event.js';
import { SessionReminderDue } from '../../../events/forums.js';
import type { Clock } from '../../kernel/index.js';
import { getParticipants, hasConsentFor, type Participant } from '../../participants/index.js';
import type { AppConfig, Notifier, SchedulerPort } from '../../runtime/deps.js';
import type { Db } from '../../runtime/store/db.js';
import { claimSend, markSent, releaseSend, type SendClaim } from '../../runtime/store/send-claims.js';
import { getForum, getInvitations, getSession, reminderSendKey } from '../adapters/forums-repo.js';
import {
  describeTimes,
  type Forum,
  type Invitation,
  reminderScheduleName,
  reminderTimes,
  type Session,
} from '../domain/forums.js';

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

type Recipient = { invitation: Invitation; participant: Participant & { contact: { email: string } } };

/**
 * Who gets a reminder (or a session message): their invitation is in one of `statuses` (by default
 * still invited), they have not said no, agreed to be contacted, and have an email.
 */
export function reminderRecipients(
  invitations: readonly Invitation[],
  participants: ReadonlyMap<string, Participant>,
  statuses: readonly Invitation['status'][] = ['invited'],
): Recipient[] {
  return invitations.flatMap((invitation) => {
    const participant = participants.get(invitation.participantId);
    if (!statuses.includes(invitation.status) || invitation.rsvp === 'no') return [];
    if (!participant || !hasConsentFor(participant, 'contact') || !participant.contact?.email) return [];
    return [{ invitation, participant: participant as Recipient['participant'] }];
  });
}

const RETENTION_SECONDS = 90 * 24 * 3600;
/** Send records are kept until 90 days after the session's start. */
const keepUntil = (startsAt: string) => Math.floor(Date.parse(startsAt) / 1000) + RETENTION_SECONDS;

/**
 * Send one message to each recipient, at most once per claim (what was sent, to whom).
 *
 * Each send is claimed with a conditional put BEFORE the message goes out, and marked sent after.
 * A redelivered or concurrent event finds the claim and skips that person. If the send fails, the
 * claim is released and the error thrown, so the retry sends it. The one gap is a crash between a
 * successful send and recording it: the claim stays `sending`, and a retry after the five-minute
 * lease sends again. We accept that rare duplicate (at-least-once) rather than risk a person never
 * hearing about a session (at-most-once): a second message is a nuisance, a missed one can cost
 * someone their place.
 */
export async function sendOncePerRecipient(
  recipients: readonly Recipient[],
  claimFor: (r: Recipient) => SendClaim,
  messageFor: (r: Recipient) => { subject: string; text: string },
  deps: Pick<ReminderDeps, 'db' | 'clock' | 'notifier'>,
): Promise<number> {
  let sent = 0;
  for (const r of recipients) {
    const claim = claimFor(r);
    if (!(await claimSend(deps.db, claim, deps.clock.now()))) continue;
    try {
      await deps.notifier.send({
        to: r.participant.contact.email,
        participantId: r.participant.participantId,
        ...messageFor(r),
      });
    } catch (err) {
      await releaseSend(deps.db, claim.key).catch(() => undefined);
      throw err;
    }
    await markSent(deps.db, claim.key, deps.clock.now());
    sent++;
  }
  return sent;
}

/** The session, its forum, its invitations and the invitees' profiles, as one consumer needs them. */
export async function loadSessionAudience(session: Session, db: Db) {
  const [forum, invitations] = await Promise.all([
    getForum(db, session.forumId),
    getInvitations(db, session.sessionId),
  ]);
  if (!forum) throw new Error(`Forum ${session.forumId} of session ${session.sessionId} is missing`);
  const participants = await getParticipants(
    db,
    invitations.map((i) => i.participantId),
  );
  return { forum, invitations, participants };
}

/** Send one reminder to each recipient, at most once per (session, lead, start, participant). */
export async function sendSessionReminders(
  data: { sessionId: string; leadMinutes: number; startsAt: string },
  deps: ReminderDeps,
): Promise<{ sent: number; skipped: number }> {
  const session = await getSession(deps.db, data.sessionId);
  // Cancelled, held, moved since this reminder was scheduled, or gone: nothing to remind about.
  if (session?.status !== 'scheduled' || Date.parse(session.startsAt) !== Date.parse(data.startsAt)) {
    return { sent: 0, skipped: 0 };
  }
  const { forum, invitations, participants } = await loadSessionAudience(session, deps.db);
  const sent = await sendOncePerRecipient(
    reminderRecipients(invitations, participants),
    ({ participant }) => {
      const attributes = {
        sessionId: session.sessionId,
        leadMinutes: data.leadMinutes,
        startsAt: session.startsAt,
        participantId: participant.participantId,
      };
      return {
        key: reminderSendKey(session.sessionId, data.leadMinutes, session.startsAt, participant.participantId),
        attributes,
        entity: 'reminder-send',
        expiresAt: keepUntil(session.startsAt),
      };
    },
    ({ participant, invitation }) =>
      reminderMessage(session, forum, participant, invitation, deps.config.publicBaseUrl),
    deps,
  );
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
  const url = sessionUrl(publicBaseUrl, session.sessionId);
  const lines = [
    `Hello ${participant.displayName},`,
    '',
    `This is a reminder about "${session.title}" (${forum.name}).`,
    '',
    ...sessionDetails(session, when),
  ];
  lines.push(
    '',
    invitation.rsvp ? `Your answer: ${ANSWERS[invitation.rsvp]}.` : 'You have not told us yet whether you can come.',
    `See the details or change your answer: ${url}`,
    '',
    'If you cannot come, that is fine. You do not need to give a reason.',
  );
  return { subject: `Reminder: ${session.title}, ${when}`, text: lines.join('\n') };
}

/** The page where an invitee sees the session, answers, and downloads the calendar invite. */
export const sessionUrl = (publicBaseUrl: string, sessionId: string) =>
  `${publicBaseUrl.replace(/\/$/, '')}/sessions/view?id=${encodeURIComponent(sessionId)}`;

/** When, where (and whether it is accessible) and the agenda, one line each. */
export function sessionDetails(session: Session, when: string): string[] {
  const lines = [
    `When: ${when}`,
    `Where: ${session.venue.name}${session.venue.accessible ? ' (accessible venue)' : ' (this venue is not marked as accessible: tell us what you need)'}`,
  ];
  if (session.agenda.length) {
    lines.push('', 'What we will talk about:', ...session.agenda.map((a) => `- ${a}`));
  }
  return lines;
}

import type { Forum, Invitation, Session } from './forums.js';
import { describeTimes } from './time.js';

/**
 * The emails the forums context sends invitees: invited, moved, cancelled and reminded. Pure: what
 * the message says; app/ decides who gets one and sends it once.
 */

type SessionFacts = Pick<Session, 'sessionId' | 'title' | 'startsAt' | 'endsAt' | 'venue' | 'agenda'>;
type ForumNames = Pick<Forum, 'name' | 'timeZone'>;
type Named = { displayName: string };
export type Message = { subject: string; text: string };

/** The page where an invitee sees the session, answers, and downloads the calendar invite. */
export const sessionUrl = (publicBaseUrl: string, sessionId: string) =>
  `${publicBaseUrl.replace(/\/$/, '')}/sessions/view?id=${encodeURIComponent(sessionId)}`;

/** When, where (and whether it is accessible) and the agenda, one line each. */
export function sessionDetails(session: SessionFacts, when: string): string[] {
  const lines = [
    `When: ${when}`,
    `Where: ${session.venue.name}${session.venue.accessible ? ' (accessible venue)' : ' (this venue is not marked as accessible: tell us what you need)'}`,
  ];
  if (session.agenda.length) {
    lines.push('', 'What we will talk about:', ...session.agenda.map((a) => `- ${a}`));
  }
  return lines;
}

const ANSWERS = { yes: 'you said you are coming', maybe: 'you said maybe', no: 'you said you cannot come' } as const;

/** A plain-language reminder: what, when, where, what their answer is, and how to change it. */
export function reminderMessage(
  session: SessionFacts,
  forum: ForumNames,
  participant: Named,
  invitation: Pick<Invitation, 'rsvp'>,
  publicBaseUrl: string,
): Message {
  const when = describeTimes(session, forum.timeZone);
  const lines = [
    `Hello ${participant.displayName},`,
    '',
    `This is a reminder about "${session.title}" (${forum.name}).`,
    '',
    ...sessionDetails(session, when),
    '',
    invitation.rsvp ? `Your answer: ${ANSWERS[invitation.rsvp]}.` : 'You have not told us yet whether you can come.',
    `See the details or change your answer: ${sessionUrl(publicBaseUrl, session.sessionId)}`,
    '',
    'If you cannot come, that is fine. You do not need to give a reason.',
  ];
  return { subject: `Reminder: ${session.title}, ${when}`, text: lines.join('\n') };
}

/** The invitation: what, when (in the forum's time zone, named), where, the agenda, and where to answer. */
export function invitationMessage(
  session: SessionFacts,
  forum: ForumNames,
  participant: Named,
  publicBaseUrl: string,
): Message {
  const when = describeTimes(session, forum.timeZone);
  const lines = [
    `Hello ${participant.displayName},`,
    '',
    `You are invited to "${session.title}" (${forum.name}).`,
    '',
    ...sessionDetails(session, when),
    '',
    `Please tell us whether you can come, and download the calendar invite, here: ${sessionUrl(publicBaseUrl, session.sessionId)}`,
    '',
    'If you cannot come, that is fine. You do not need to give a reason.',
  ];
  return { subject: `Invitation: ${session.title}, ${when}`, text: lines.join('\n') };
}

export function movedMessage(
  session: SessionFacts,
  forum: ForumNames,
  participant: Named,
  publicBaseUrl: string,
): Message {
  const when = describeTimes(session, forum.timeZone);
  const lines = [
    `Hello ${participant.displayName},`,
    '',
    `"${session.title}" (${forum.name}) has moved to a new time.`,
    '',
    ...sessionDetails(session, when),
    '',
    `Please check whether you can still come, and download the updated calendar invite, here: ${sessionUrl(publicBaseUrl, session.sessionId)}`,
  ];
  return { subject: `Session moved: ${session.title}, now ${when}`, text: lines.join('\n') };
}

export function cancelledMessage(
  session: SessionFacts,
  forum: ForumNames,
  participant: Named,
  publicBaseUrl: string,
): Message {
  const when = describeTimes(session, forum.timeZone);
  const lines = [
    `Hello ${participant.displayName},`,
    '',
    `"${session.title}" (${forum.name}), which was to be on ${when}, has been cancelled.`,
    '',
    'You do not need to do anything. If it is in your calendar, you can remove it.',
    `Details: ${sessionUrl(publicBaseUrl, session.sessionId)}`,
  ];
  return { subject: `Cancelled: ${session.title}`, text: lines.join('\n') };
}

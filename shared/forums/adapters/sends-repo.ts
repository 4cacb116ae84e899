import * as z from 'zod/mini';
import { Id, IsoDateTime } from '../../kernel/index.js';
import type { Key } from '../../runtime/store/db.js';
import { defineItem } from '../../runtime/store/item.js';
import type { SendClaim } from '../../runtime/store/send-claims.js';
import type { Session } from '../domain/forums.js';
import { sortableTime } from '../domain/time.js';

/**
 * "Sent at most once" records of the messages to invitees, in the session's partition
 * (docs/data-model.md, "Forums"): a reminder send per (lead, start, person) and a notice send per
 * (kind, person, and the start for a move). runtime/store/send-claims.ts claims, marks and releases
 * them; this says what they are called and what they hold.
 */

/** Send records are kept until 90 days after the session's start (DynamoDB TTL). */
const RETENTION_SECONDS = 90 * 24 * 3600;
const keepUntil = (startsAt: string) => Math.floor(Date.parse(startsAt) / 1000) + RETENTION_SECONDS;

/** What send-claims.ts writes beside each record's own attributes. */
const ClaimState = {
  state: z.enum(['sending', 'sent']),
  claimedAt: IsoDateTime,
  sentAt: z.optional(IsoDateTime),
  expiresAt: z.number().check(z.int()),
};

// ---- Reminder sends ----------------------------------------------------------------------------

export const ReminderSend = z.object({
  sessionId: Id,
  leadMinutes: z.number().check(z.int(), z.positive()),
  startsAt: IsoDateTime,
  participantId: Id,
});
export type ReminderSend = z.infer<typeof ReminderSend>;
export const ReminderSendItem = defineItem({ entity: 'reminder-send', schema: z.extend(ReminderSend, ClaimState) });

/** Keyed by the start it was for: after a reschedule the new time is reminded again. */
export const reminderSendKey = (
  sessionId: string,
  leadMinutes: number,
  startsAt: string,
  participantId: string,
): Key => ({
  pk: `SESSION#${sessionId}`,
  sk: `REMINDER#${leadMinutes}m#${sortableTime(startsAt)}#${participantId}`,
});

export function reminderSendClaim(
  session: Pick<Session, 'sessionId' | 'startsAt'>,
  leadMinutes: number,
  participantId: string,
): SendClaim {
  const attributes: ReminderSend = {
    sessionId: session.sessionId,
    leadMinutes,
    startsAt: session.startsAt,
    participantId,
  };
  return {
    key: reminderSendKey(session.sessionId, leadMinutes, session.startsAt, participantId),
    attributes,
    entity: ReminderSendItem.entity,
    expiresAt: keepUntil(session.startsAt),
  };
}

// ---- Notice sends (invited, moved, cancelled) --------------------------------------------------

export const SessionNoticeKind = z.enum(['invited', 'moved', 'cancelled']);
export type SessionNoticeKind = z.infer<typeof SessionNoticeKind>;

export const NoticeSend = z.object({
  sessionId: Id,
  kind: SessionNoticeKind,
  startsAt: IsoDateTime,
  participantId: Id,
});
export type NoticeSend = z.infer<typeof NoticeSend>;
export const NoticeSendItem = defineItem({ entity: 'session-notice-send', schema: z.extend(NoticeSend, ClaimState) });

/** One record per (session, kind, participant), and per start time for a move. */
export const sessionNoticeKey = (
  sessionId: string,
  kind: SessionNoticeKind,
  participantId: string,
  startsAt?: string,
): Key => ({
  pk: `SESSION#${sessionId}`,
  sk: `NOTICE#${kind}#${kind === 'moved' && startsAt ? `${sortableTime(startsAt)}#` : ''}${participantId}`,
});

export function noticeSendClaim(
  session: Pick<Session, 'sessionId' | 'startsAt'>,
  kind: SessionNoticeKind,
  participantId: string,
): SendClaim {
  const attributes: NoticeSend = { sessionId: session.sessionId, kind, startsAt: session.startsAt, participantId };
  return {
    key: sessionNoticeKey(session.sessionId, kind, participantId, session.startsAt),
    attributes,
    entity: NoticeSendItem.entity,
    expiresAt: keepUntil(session.startsAt),
  };
}

import { buildEvent } from '../../../events/define-event.js';
import { SessionRsvpRecorded } from '../../../events/forums.js';
import { type Actor, ConflictError, ForbiddenError, isoNow, ValidationError } from '../../kernel/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import { getInvitation, recordRsvp } from '../adapters/invitations-repo.js';
import { sessionIsScheduled } from '../adapters/sessions-repo.js';
import type { RsvpInput } from '../domain/commands.js';
import type { RsvpResponse } from '../domain/forums.js';
import { type ForumDeps, readSession } from './forums.js';
import { assertScheduled, commitOrConflict } from './scheduling.js';

/** Coordinators answer for anyone; a member only for themself. */
export function assertMayAnswerFor(actor: Actor, participantId: string) {
  if (actor.roles.includes('coordinator')) return;
  if (actor.roles.includes('member') && actor.participantId === participantId) return;
  throw new ForbiddenError('You can only answer for yourself.');
}

/**
 * Record an invitee's answer, with SessionRsvpRecorded, while the session is still scheduled. The
 * same answer again changes nothing and emits nothing (`changed: false`).
 */
export async function recordSessionRsvp(
  sessionId: string,
  answer: RsvpInput,
  actor: Actor,
  deps: ForumDeps,
): Promise<{ sessionId: string; participantId: string; response: RsvpResponse; changed: boolean }> {
  assertMayAnswerFor(actor, answer.participantId);
  const session = await readSession(sessionId, deps);
  assertScheduled(session, 'answer the invitation');
  const inv = await getInvitation(deps.db, sessionId, answer.participantId);
  if (!inv) {
    throw new ValidationError([{ path: 'participantId', message: 'This person is not invited to this session.' }]);
  }
  if (inv.status !== 'invited') throw new ConflictError('This person is no longer invited to this session.');
  const result = { sessionId, participantId: answer.participantId, response: answer.response };
  if (inv.rsvp === answer.response) return { ...result, changed: false };
  const now = isoNow(deps.clock);
  const event = buildEvent(SessionRsvpRecorded, result, {
    idempotencyKey: `session-rsvp:${sessionId}:${answer.participantId}:${inv.rsvpVersion + 1}`,
    occurredAt: now,
  });
  await commitOrConflict(deps.db, [
    recordRsvp(deps.db, inv, { response: answer.response, by: actor.sub, at: now }),
    sessionIsScheduled(deps.db, sessionId),
    outboxPut(deps.db, event, now),
  ]);
  return { ...result, changed: true };
}

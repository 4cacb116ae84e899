import { buildEvent } from '../../../events/define-event.js';
import { FeedbackRaised } from '../../../events/index.js';
import {
  type Actor,
  type FieldIssue,
  ForbiddenError,
  hasRole,
  localDate,
  newId,
  ValidationError,
} from '../../kernel/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import type { TxItem } from '../../runtime/store/db.js';
import { putNewFeedback } from '../adapters/feedback-repo.js';
import { type FeedbackItem, raisedItem } from '../domain/feedback.js';
import type { FeedbackDeps } from './deps.js';

/** What POST /api/feedback asks for (validated by the route's schema). */
export type RaiseInput = { forumId: string; sessionId?: string; text: string; raisedBy?: string };

import { getForum, getPerson, getSession, takesPartIn } from './ports.js';

/**
 * Raise an item (POST /api/feedback): the writes, to be committed together with the caller's
 * Idempotency-Key — the item, its pointers and FeedbackRaised (ids and the status only).
 *
 * A member raises it for themselves only (`raisedBy` another person → 403, before anything is
 * read) at a forum they take part in; a coordinator may name the person it came from, or no one.
 * A forum, session or person that does not exist is a 400 on that field.
 */
export async function raiseFeedback(
  input: RaiseInput,
  actor: Actor,
  deps: FeedbackDeps,
): Promise<{ item: FeedbackItem; items: TxItem[] }> {
  const coordinator = hasRole(actor, 'coordinator');
  let raisedBy = input.raisedBy;
  if (!coordinator) {
    const me = actor.participantId;
    if (!me)
      throw new ForbiddenError('Your sign-in is not linked to a participant record, so you cannot raise feedback.');
    if (raisedBy !== undefined && raisedBy !== me) {
      throw new ForbiddenError(
        'You can raise feedback for yourself only. If someone asked you to pass on what they said, ask your coordinator to add it for them.',
      );
    }
    raisedBy = me;
  }

  const [forum, session, person] = await Promise.all([
    getForum(deps.db, input.forumId),
    input.sessionId ? getSession(deps.db, input.sessionId) : undefined,
    raisedBy ? getPerson(deps.db, raisedBy) : undefined,
  ]);
  const issues: FieldIssue[] = [];
  if (!forum) issues.push({ path: 'forumId', message: 'We could not find this forum. Choose one from the list.' });
  if (input.sessionId && !session) {
    issues.push({ path: 'sessionId', message: 'We could not find this session. Choose one from the list.' });
  } else if (session && session.forumId !== input.forumId) {
    issues.push({ path: 'sessionId', message: 'This session belongs to another forum.' });
  }
  if (coordinator && raisedBy && !person) {
    issues.push({
      path: 'raisedBy',
      message: 'We could not find this person. Choose them from the list, or leave it empty.',
    });
  }
  if (issues.length) throw new ValidationError(issues);
  if (!forum) throw new Error('unreachable: the forum was checked');

  if (!coordinator) {
    if (!person) throw new ForbiddenError('We could not find your participant record, so you cannot raise feedback.');
    if (person.consent.status !== 'given') {
      throw new ForbiddenError(
        'You have withdrawn your consent, so you cannot raise feedback. Talk to your coordinator if you want to take part again.',
      );
    }
    if (!(await takesPartIn(person, forum, deps.db, input.sessionId))) {
      throw new ForbiddenError(
        'You can raise feedback at forums you take part in: in your area, or where you were invited to a session. Talk to your coordinator if you think this should include you.',
      );
    }
  }

  const now = deps.clock.now();
  const item = raisedItem({ ...input, text: input.text.trim(), raisedBy }, newId(), now);
  const event = buildEvent(
    FeedbackRaised,
    { feedbackId: item.feedbackId, forumId: item.forumId, sessionId: item.sessionId, status: 'raised' },
    { idempotencyKey: `feedback-raised:${item.feedbackId}`, occurredAt: item.raisedAt },
  );
  const place = { areaId: forum.areaId, raisedOn: localDate(now, forum.timeZone) };
  return { item, items: [...putNewFeedback(deps.db, item, place), outboxPut(deps.db, event, item.raisedAt)] };
}

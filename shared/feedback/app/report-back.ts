import { transact } from '../../runtime/store/db.js';
import { feedbackDueAt, getFeedback, replaceFeedback, toFeedbackItem } from '../adapters/feedback-repo.js';
import { type FeedbackItem, markReportedBack, type YouSaidWeDidEntry, youSaidWeDid } from '../domain/feedback.js';
import type { FeedbackDeps } from './deps.js';
import { sessionsStarting } from './ports.js';
import { retryOnFreshItem } from './update.js';

/**
 * A session still counts as "next" for this long after it started: the meeting is happening, or
 * has just happened and is not recorded as held yet. A session left `scheduled` longer than this
 * (never recorded, never cancelled) does not keep the forum's next one from hearing back.
 */
export const NEXT_SESSION_GRACE_MS = 24 * 3600_000;

type SessionSeen = { forumId: string; sessionId: string; status: string; startsAt: string };

/**
 * Whether this is the forum's next scheduled session: scheduled, started no more than a day ago,
 * and no other scheduled session of the forum comes before it. One Query on the forum's sessions index.
 */
export async function isNextScheduledSession(session: SessionSeen, deps: FeedbackDeps): Promise<boolean> {
  if (session.status !== 'scheduled') return false;
  const from = new Date(deps.clock.now().getTime() - NEXT_SESSION_GRACE_MS).toISOString();
  const starts = Date.parse(session.startsAt);
  if (starts < Date.parse(from)) return false;
  const sessions = await sessionsStarting(deps.db, session.forumId, { from, to: session.startsAt });
  return !sessions.some(
    (s) =>
      s.sessionId !== session.sessionId &&
      s.status === 'scheduled' &&
      (Date.parse(s.startsAt) < starts || (Date.parse(s.startsAt) === starts && s.sessionId < session.sessionId)),
  );
}

/**
 * "You said, we did" for `GET /api/sessions/:id`: on the forum's next scheduled session, every
 * closed item not yet reported back (the words, the outcome and the closing note, never who raised
 * it); on any other session, none.
 */
export async function youSaidWeDidAt(session: SessionSeen, deps: FeedbackDeps): Promise<YouSaidWeDidEntry[]> {
  if (!(await isNextScheduledSession(session, deps))) return [];
  const due = await feedbackDueAt(deps.db, session.forumId);
  return youSaidWeDid(due.map(toFeedbackItem), session.forumId);
}

/**
 * On SessionHeld: the forum heard its "You said, we did" list, so every item closed by the time the
 * session started gets `reportedBackAt` (the session's start). Idempotent: an item already marked is
 * no longer due, so a redelivery finds nothing to do. Returns the items it marked.
 */
export async function markReportedBackAt(
  session: { forumId: string; sessionId: string; startsAt: string },
  deps: FeedbackDeps,
): Promise<string[]> {
  const due = await feedbackDueAt(deps.db, session.forumId);
  const marked: string[] = [];
  for (const candidate of markReportedBack(due.map(toFeedbackItem), session.startsAt)) {
    const done = await retryOnFreshItem(async () => {
      const before = await getFeedback(deps.db, candidate.feedbackId);
      if (!before) return false;
      const [after]: FeedbackItem[] = markReportedBack([toFeedbackItem(before)], session.startsAt);
      if (!after) return false;
      await transact(deps.db, replaceFeedback(deps.db, before, after));
      return true;
    });
    if (done) marked.push(candidate.feedbackId);
  }
  return marked;
}

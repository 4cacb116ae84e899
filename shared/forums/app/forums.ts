import { type Clock, ConflictError, isoNow, type Jurisdiction, NotFoundError, newId } from '../../kernel/index.js';
import type { Db, TxItem } from '../../runtime/store/db.js';
import type { Page } from '../../runtime/store/pagination.js';
import { getForum, listForums, putNewForum, type StoredForum } from '../adapters/forums-repo.js';
import { getSession, listForumSessions, type StoredSession } from '../adapters/sessions-repo.js';
import type { ForumInput } from '../domain/commands.js';
import { type Forum, forumJurisdiction, forumView, newForum, type Session } from '../domain/forums.js';
import { forumDate } from '../domain/time.js';
import type { ForumView } from '../domain/views.js';

export type ForumDeps = { db: Db; clock: Clock };

/** The write that creates a forum, for idempotentWrite to commit. */
export function createForum(input: ForumInput, deps: ForumDeps): { forum: Forum; items: TxItem[] } {
  const forum = newForum(input, newId(), isoNow(deps.clock));
  return { forum, items: [putNewForum(deps.db, forum)] };
}

export async function readForum(forumId: string, deps: { db: Db }): Promise<StoredForum> {
  const forum = await getForum(deps.db, forumId);
  if (!forum) throw new NotFoundError('forum');
  return forum;
}

export async function readSession(sessionId: string, deps: { db: Db }): Promise<StoredSession> {
  const session = await getSession(deps.db, sessionId);
  if (!session) throw new NotFoundError('session');
  return session;
}

/** `GET /api/forums/{id}`: the rate in force today in `remuneration`, and the rate history. */
export async function viewForum(forumId: string, deps: ForumDeps): Promise<ForumView> {
  const { version: _version, ...forum } = await readForum(forumId, deps);
  return forumView(forum, forumDate(forum, deps.clock.now()));
}

export async function pageForums(deps: ForumDeps, opts: { limit: number; cursor?: string }): Promise<Page<ForumView>> {
  const page = await listForums(deps.db, opts);
  const now = deps.clock.now();
  return { ...page, items: page.items.map((f) => forumView(f, forumDate(f, now))) };
}

export async function pageForumSessions(
  forumId: string,
  deps: { db: Db },
  opts: { limit: number; cursor?: string },
): Promise<Page<Session>> {
  await readForum(forumId, deps);
  return listForumSessions(deps.db, forumId, opts);
}

/**
 * The jurisdiction whose benefit rules this forum's fees are checked against. A forum whose stored
 * currency and jurisdiction disagree cannot pay anyone safely: nothing is scheduled or recorded for it.
 */
export function payingJurisdiction(forum: Forum): Jurisdiction {
  const j = forumJurisdiction(forum);
  if (!j) {
    throw new ConflictError(
      `This forum pays in ${forum.remuneration.currency} but is recorded as being in ${forum.jurisdiction} (${forum.timeZone}). Correct the forum before scheduling or recording sessions.`,
    );
  }
  return j;
}

import { type Actor, ForbiddenError, isoNow } from '../../kernel/index.js';
import type { Page } from '../../runtime/store/pagination.js';
import { pageParticipantInvitations } from '../adapters/invitations-repo.js';
import { getSessionsAndForums } from '../adapters/sessions-repo.js';
import type { MySessionItem } from '../domain/views.js';
import type { ForumDeps } from './forums.js';

/**
 * `GET /api/my/sessions`: the caller's own live invitations (never anyone else's: the participant
 * is the token's), upcoming soonest first or past latest first by `deps.clock`, with each session's
 * venue, times and status and its forum's name and time zone from one BatchGet (a page holds at most
 * 50). A session still being prepared is not in that BatchGet's answer, so it is not listed.
 */
export async function pageMySessions(
  actor: Actor,
  deps: ForumDeps,
  opts: { when: 'upcoming' | 'past'; limit: number; cursor?: string },
): Promise<Page<MySessionItem>> {
  if (!actor.participantId) throw new ForbiddenError('Your sign-in is not linked to a participant record.');
  const page = await pageParticipantInvitations(deps.db, actor.participantId, { ...opts, now: isoNow(deps.clock) });
  const { sessions, forums } = await getSessionsAndForums(
    deps.db,
    page.items.map((i) => i.sessionId),
    page.items.map((i) => i.forumId),
  );
  const items = page.items.flatMap((inv): MySessionItem[] => {
    const session = sessions.get(inv.sessionId);
    const forum = forums.get(inv.forumId);
    if (!session || !forum || session.status === 'cancelled') return [];
    return [
      {
        sessionId: inv.sessionId,
        forumId: inv.forumId,
        forumName: forum.name,
        title: session.title,
        // The session's own times: its invitations follow a move a moment later (ADR 0008).
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        timeZone: forum.timeZone,
        venue: { name: session.venue.name, accessible: session.venue.accessible },
        status: session.status,
        rsvp: inv.rsvp,
      },
    ];
  });
  return { items, nextCursor: page.nextCursor };
}

import { type Clock, isoNow } from '../../kernel/index.js';
import type { Db } from '../../runtime/store/db.js';
import { dropInvitation, getInvitation, participantInvitations } from '../adapters/invitations-repo.js';

/**
 * On ParticipantConsentWithdrawn: drop the person from every session that starts after they withdrew.
 * Each drop is a conditional update (only while still `invited`), so a redelivered event changes
 * nothing. Sessions already under way or held are left as they are: what is owed is still paid.
 */
export async function dropFromFutureSessions(
  data: { participantId: string; withdrawnAt: string },
  deps: { db: Db; clock: Clock },
): Promise<{ dropped: number }> {
  const upcoming = await participantInvitations(deps.db, data.participantId, { from: data.withdrawnAt });
  const now = isoNow(deps.clock);
  let dropped = 0;
  for (const found of upcoming) {
    // The index is eventually consistent: drop the invitation as it is now (a reschedule may have moved it).
    for (let attempt = 0; attempt < 3; attempt++) {
      const inv = await getInvitation(deps.db, found.sessionId, found.participantId);
      if (inv?.status !== 'invited' || Date.parse(inv.startsAt) <= Date.parse(data.withdrawnAt)) break;
      if (await dropInvitation(deps.db, inv, now)) {
        dropped++;
        break;
      }
    }
  }
  return { dropped };
}

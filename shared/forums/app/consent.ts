import { type Clock, isoNow } from '../../kernel/index.js';
import type { Db } from '../../runtime/store/db.js';
import { dropInvitation, participantInvitations } from '../adapters/invitations-repo.js';

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
  for (const inv of upcoming) {
    if (Date.parse(inv.startsAt) <= Date.parse(data.withdrawnAt)) continue;
    if (await dropInvitation(deps.db, inv, now)) dropped++;
  }
  return { dropped };
}

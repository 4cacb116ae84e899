import type { Role } from '../../kernel/index.js';
import type { Viewer } from '../domain/feedback.js';

/** Who is looking, for `forViewer`: a coordinator first, then governance, else a member. */
export function viewerOf(actor: { roles: readonly Role[]; participantId?: string }): Viewer {
  const role: Role = actor.roles.includes('coordinator')
    ? 'coordinator'
    : actor.roles.includes('governance')
      ? 'governance'
      : 'member';
  return { role, participantId: actor.participantId };
}

import type { Role } from './names.js';

/** Who is acting: the token's subject, its roles and, for a member, the participant it belongs to. */
export type Actor = { sub: string; roles: Role[]; participantId?: string };

export const hasRole = (actor: Actor, ...r: Role[]) => actor.roles.some((x) => r.includes(x));

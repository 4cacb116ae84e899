import {
  type Actor,
  isoNow,
  localDate,
  NotFoundError,
  newId,
  timeZoneOf,
  ValidationError,
} from '../../kernel/index.js';
import type { Participant, WorkRecord } from '../../participants/index.js';
import type { TxItem } from '../../runtime/store/db.js';
import { putNewRole, type RoleRecord, rolesOfParticipant, staffActivitiesOf } from '../adapters/evaluation-repo.js';
import type { RoleInput } from '../domain/schemas.js';
import type { EvaluationWriteDeps } from './deps.js';
import { getParticipant } from './sources.js';

/**
 * A lived-experience role in the workforce (peer support worker, peer educator, area lead, …)
 * with its dates and FTE, recorded by a coordinator on a lived-experience participant's record
 * (a provider → 400 naming the participant). Kept in the participant's area.
 */
export async function recordRole(
  participantId: string,
  input: RoleInput,
  actor: Actor,
  deps: EvaluationWriteDeps,
): Promise<{ role: RoleRecord; items: TxItem[] }> {
  const p = await getParticipant(deps.db, participantId);
  if (!p) throw new NotFoundError('participant');
  if (p.constituency !== 'lived-experience') {
    throw new ValidationError([
      {
        path: 'id',
        message: `${participantId} is a provider: lived-experience roles are recorded for service users, family members and carers.`,
      },
    ]);
  }
  const role: RoleRecord = {
    roleId: newId(),
    participantId,
    areaId: p.areaId,
    role: input.role,
    from: input.from,
    ...(input.to ? { to: input.to } : {}),
    fte: input.fte,
    recordedBy: actor.sub,
    recordedAt: isoNow(deps.clock),
  };
  return { role, items: [putNewRole(deps.db, role)] };
}

/**
 * What the evaluation adds to a person's record (participants' port): a lived-experience member's
 * roles, oldest first; a provider's reflective-practice and co-production training sessions in
 * the current year of their area (one Query of the area's year).
 */
export async function workRecordOf(p: Participant, deps: EvaluationWriteDeps): Promise<WorkRecord> {
  if (p.constituency === 'lived-experience') {
    const roles = await rolesOfParticipant(deps.db, p.participantId);
    return {
      roles: roles.map((r) => ({
        roleId: r.roleId,
        role: r.role,
        from: r.from,
        ...(r.to ? { to: r.to } : {}),
        fte: r.fte,
      })),
    };
  }
  const year = Number(localDate(deps.clock.now(), timeZoneOf[p.jurisdiction]).slice(0, 4));
  const activities = (await staffActivitiesOf(deps.db, p.areaId, year)).filter((a) =>
    a.attendees.includes(p.participantId),
  );
  return {
    staffPractice: {
      year,
      reflectivePractice: activities.filter((a) => a.kind === 'reflective-practice').length,
      coProductionTraining: activities.filter((a) => a.kind === 'co-production-training').length,
    },
  };
}

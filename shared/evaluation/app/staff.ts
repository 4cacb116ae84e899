import { type Actor, type FieldIssue, isoNow, newId, ValidationError } from '../../kernel/index.js';
import type { TxItem } from '../../runtime/store/db.js';
import { putNewStaffActivity, type StaffActivityRecord } from '../adapters/evaluation-repo.js';
import type { StaffActivityInput } from '../domain/schemas.js';
import type { EvaluationWriteDeps } from './deps.js';
import { getParticipants } from './sources.js';

/**
 * A co-production training or a team reflective-practice session, recorded by a coordinator.
 * Attendees must be providers (staff) and co-facilitators lived-experience participants: a 400
 * names each one who is not (or who is not a participant at all), and nothing is written.
 */
export async function recordStaffActivity(
  input: StaffActivityInput,
  actor: Actor,
  deps: EvaluationWriteDeps,
): Promise<{ activity: StaffActivityRecord; items: TxItem[] }> {
  const people = await getParticipants(deps.db, [...input.attendees, ...input.coFacilitators]);
  const issues: FieldIssue[] = [];
  input.attendees.forEach((id, i) => {
    const p = people.get(id);
    if (!p) issues.push({ path: `attendees.${i}`, message: `${id} is not a participant we know.` });
    else if (p.constituency !== 'provider') {
      issues.push({
        path: `attendees.${i}`,
        message: `${id} is not a provider: attendees are staff. List lived-experience co-facilitators under coFacilitators.`,
      });
    }
  });
  input.coFacilitators.forEach((id, i) => {
    const p = people.get(id);
    if (!p) issues.push({ path: `coFacilitators.${i}`, message: `${id} is not a participant we know.` });
    else if (p.constituency !== 'lived-experience') {
      issues.push({
        path: `coFacilitators.${i}`,
        message: `${id} is a provider: co-facilitators are people with lived experience. List staff under attendees.`,
      });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const activity: StaffActivityRecord = {
    activityId: newId(),
    kind: input.kind,
    title: input.title,
    date: input.date,
    hours: input.hours,
    areaId: input.areaId,
    attendees: input.attendees,
    coFacilitators: input.coFacilitators,
    recordedBy: actor.sub,
    recordedAt: isoNow(deps.clock),
  };
  return { activity, items: [putNewStaffActivity(deps.db, activity)] };
}

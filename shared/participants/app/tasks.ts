import { type Clock, isoNow, type Jurisdiction } from '../../kernel/index.js';
import type { Db } from '../../runtime/store/db.js';
import { putTaskOnce, type Task } from '../adapters/tasks-repo.js';
import { benefitsAdvice } from '../domain/participants.js';

/**
 * Record the coordinator's welcome task for a newly recruited participant. Keyed by the
 * participant, written only if absent: a redelivered or concurrent event is a no-op.
 */
export function recordWelcomeTask(
  data: { participantId: string; jurisdiction: Jurisdiction },
  deps: { db: Db; clock: Clock },
): Promise<'created' | 'duplicate'> {
  const task: Task = {
    taskId: `welcome-${data.participantId}`,
    kind: 'welcome',
    participantId: data.participantId,
    title: 'Welcome a new participant',
    detail:
      'Share the terms of payment before their first session, and offer independent benefits advice so they can decide how to be paid.',
    links: [...benefitsAdvice[data.jurisdiction]],
    createdAt: isoNow(deps.clock),
  };
  return putTaskOnce(deps.db, task);
}

export { listOpenTasks } from '../adapters/tasks-repo.js';

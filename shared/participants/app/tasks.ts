import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Clock, isoNow } from '../../kernel/clock.js';
import { type Db, isConditionFailure } from '../../runtime/store/db.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import { benefitsAdvice } from '../domain/participants.js';

export type Task = {
  taskId: string;
  kind: 'welcome';
  participantId: string;
  title: string;
  detail: string;
  links: { name: string; url: string }[];
  createdAt: string;
};

/**
 * Record the coordinator's welcome task for a newly recruited participant. Keyed by the
 * participant, written with attribute_not_exists: a redelivered or concurrent event is a no-op.
 */
export async function recordWelcomeTask(
  data: { participantId: string; jurisdiction: 'IE' | 'UK' },
  deps: { db: Db; clock: Clock },
): Promise<'created' | 'duplicate'> {
  const now = isoNow(deps.clock);
  const task: Task = {
    taskId: `welcome-${data.participantId}`,
    kind: 'welcome',
    participantId: data.participantId,
    title: 'Welcome a new participant',
    detail:
      'Share the terms of payment before their first session, and offer independent benefits advice so they can decide how to be paid.',
    links: [...benefitsAdvice[data.jurisdiction]],
    createdAt: now,
  };
  try {
    await deps.db.doc.send(
      new PutCommand({
        TableName: deps.db.table,
        Item: {
          pk: `TASK#${task.taskId}`,
          sk: 'TASK',
          entity: 'task',
          ...task,
          gsi1pk: 'TASKS#open',
          gsi1sk: `${now}#${task.taskId}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'created';
  } catch (err) {
    if (isConditionFailure(err)) return 'duplicate';
    throw err;
  }
}

export async function listOpenTasks(deps: { db: Db }, opts: { limit: number; cursor?: string }): Promise<Page<Task>> {
  const out = await queryPage(
    deps.db,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'TASKS#open' },
      ScanIndexForward: false,
    },
    { limit: opts.limit, cursor: opts.cursor },
  );
  const items = out.items.map(({ taskId, kind, participantId, title, detail, links, createdAt }) => ({
    taskId,
    kind,
    participantId,
    title,
    detail,
    links,
    createdAt,
  })) as Task[];
  return { items, nextCursor: out.nextCursor };
}

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { IsoDateTime } from '../../kernel/index.js';
import { classifyWriteFailure, type Db } from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';

/** A coordinator's to-do, such as welcoming a new participant (docs/data-model.md, "Tasks"). */
export const Task = z.object({
  taskId: z.string().check(z.minLength(1)),
  kind: z.literal('welcome'),
  participantId: z.string().check(z.minLength(1)),
  title: z.string(),
  detail: z.string(),
  links: z.array(z.object({ name: z.string(), url: z.string() })),
  createdAt: IsoDateTime,
});
export type Task = z.infer<typeof Task>;

const TaskItem = defineItem({ entity: 'task', schema: Task });

/** Put the task unless it exists: 'duplicate' when a redelivered or concurrent event already did. */
export async function putTaskOnce(db: Db, task: Task): Promise<'created' | 'duplicate'> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: {
          pk: `TASK#${task.taskId}`,
          sk: 'TASK',
          entity: TaskItem.entity,
          ...task,
          gsi1pk: 'TASKS#open',
          gsi1sk: `${task.createdAt}#${task.taskId}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'created';
  } catch (err) {
    if (classifyWriteFailure(err)?.kind === 'condition') return 'duplicate';
    throw err;
  }
}

export async function listOpenTasks(db: Db, opts: { limit: number; cursor?: string }): Promise<Page<Task>> {
  const out = await queryPage(
    db,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'TASKS#open' },
      ScanIndexForward: false,
    },
    opts,
  );
  return { items: out.items.map((item) => parseItem(TaskItem, item)), nextCursor: out.nextCursor };
}

import { createHash } from 'node:crypto';
import {
  ActionAfterCompletion,
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  FlexibleTimeWindowMode,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import * as z from 'zod/mini';
import type { OneTimeSchedule, SchedulerPort } from './deps.js';
import { readEnv } from './env.js';

/** What every one-time schedule needs besides its own time and event (set by the CDK construct). */
export type AwsSchedulerEnv = {
  /** Schedule group the function may write to (`coproduce-<stage>`). */
  groupName: string;
  /** Role EventBridge Scheduler assumes to put the event on the bus. */
  roleArn: string;
  /** The event bus ARN. */
  targetArn: string;
  /** SQS queue for events the scheduler could not deliver. */
  deadLetterArn: string;
};

const MAX_NAME = 64;
const VALID_NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;

/**
 * EventBridge Scheduler names are at most 64 characters of [0-9a-zA-Z-_.]. A name that already
 * fits is kept as is (readable in the console); any other is sanitised and suffixed with a hash of
 * the original, so two different names never collapse into one and `remove` finds what `upsert` made.
 */
export function scheduleName(name: string): string {
  if (VALID_NAME.test(name)) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 16);
  const readable = name.replace(/[^0-9a-zA-Z\-_.]/g, '-').slice(0, MAX_NAME - hash.length - 1);
  return `${readable}-${hash}`;
}

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, from any ISO-8601 time with an offset. */
export function atExpression(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Not a time: ${iso}`);
  return `at(${date.toISOString().slice(0, 19)})`;
}

/**
 * One-time schedules that put an event on the bus (EventBridge Scheduler, universal target for the
 * bus via the EventBridge target). Each schedule deletes itself after it has run. Upsert creates, and
 * on ConflictException (the name exists) updates with the very same definition.
 */
export function awsScheduler(client: SchedulerClient, env: AwsSchedulerEnv): SchedulerPort {
  const definition = (s: OneTimeSchedule): CreateScheduleCommandInput => ({
    Name: scheduleName(s.name),
    GroupName: env.groupName,
    ScheduleExpression: atExpression(s.at),
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: FlexibleTimeWindowMode.OFF },
    ActionAfterCompletion: ActionAfterCompletion.DELETE,
    Target: {
      Arn: env.targetArn,
      RoleArn: env.roleArn,
      EventBridgeParameters: { DetailType: s.detailType, Source: s.source },
      Input: JSON.stringify(s.detail),
      DeadLetterConfig: { Arn: env.deadLetterArn },
      // Putting an event on the bus rarely fails; when it keeps failing for hours the event goes to the DLQ.
      RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 6 * 3600 },
    },
  });

  return {
    async upsert(schedule) {
      const input = definition(schedule);
      try {
        await client.send(new CreateScheduleCommand(input));
      } catch (err) {
        if (!(err instanceof ConflictException)) throw err;
        await client.send(new UpdateScheduleCommand(input));
      }
    },
    async remove(name) {
      try {
        await client.send(new DeleteScheduleCommand({ Name: scheduleName(name), GroupName: env.groupName }));
      } catch (err) {
        // Already fired (ActionAfterCompletion: DELETE) or never created: nothing left to remove.
        if (!(err instanceof ResourceNotFoundException)) throw err;
      }
    },
  };
}

/** Lambda wiring: the variables the CDK construct sets for `access.scheduler`; fails fast when one is missing. */
export function awsSchedulerFromEnv(env: NodeJS.ProcessEnv = process.env): SchedulerPort {
  const e = readEnv(
    {
      SCHEDULER_GROUP_NAME: z.string().check(z.minLength(1)),
      SCHEDULER_ROLE_ARN: z.string().check(z.startsWith('arn:')),
      SCHEDULER_TARGET_ARN: z.string().check(z.startsWith('arn:')),
      SCHEDULER_DLQ_ARN: z.string().check(z.startsWith('arn:')),
    },
    env,
  );
  return awsScheduler(new SchedulerClient({}), {
    groupName: e.SCHEDULER_GROUP_NAME,
    roleArn: e.SCHEDULER_ROLE_ARN,
    targetArn: e.SCHEDULER_TARGET_ARN,
    deadLetterArn: e.SCHEDULER_DLQ_ARN,
  });
}

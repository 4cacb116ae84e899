import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { atExpression, awsScheduler, awsSchedulerFromEnv, scheduleName } from '../../shared/runtime/aws-scheduler.js';
import type { OneTimeSchedule } from '../../shared/runtime/deps.js';

const env = {
  groupName: 'coproduce-test',
  roleArn: 'arn:aws:iam::111122223333:role/scheduler-to-bus',
  targetArn: 'arn:aws:events:eu-west-1:111122223333:event-bus/coproduce-test',
  deadLetterArn: 'arn:aws:sqs:eu-west-1:111122223333:scheduler-dlq',
};

const reminder: OneTimeSchedule = {
  name: 'reminder-01J0000000000000000000000',
  at: '2026-03-02T18:00:00+01:00',
  source: 'coproduce.forums',
  detailType: 'SessionReminderDue',
  detail: { metadata: { version: 1 }, data: { sessionId: 's-1' } },
};

const scheduler = mockClient(SchedulerClient);
const conflict = () => new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} });
const notFound = () => new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} });
const throttled = () => new ThrottlingException({ message: 'slow down', Message: 'slow down', $metadata: {} });

describe('awsScheduler', () => {
  beforeEach(() => scheduler.reset());

  it('creates a one-time UTC schedule that puts the event on the bus and deletes itself', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    await awsScheduler(new SchedulerClient({}), env).upsert(reminder);

    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      Name: reminder.name,
      GroupName: 'coproduce-test',
      ScheduleExpression: 'at(2026-03-02T17:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: env.targetArn,
        RoleArn: env.roleArn,
        EventBridgeParameters: { DetailType: 'SessionReminderDue', Source: 'coproduce.forums' },
        Input: JSON.stringify(reminder.detail),
        DeadLetterConfig: { Arn: env.deadLetterArn },
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 21600 },
      },
    });
  });

  it('updates the schedule when one with that name already exists', async () => {
    scheduler.on(CreateScheduleCommand).rejects(conflict());
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    await awsScheduler(new SchedulerClient({}), env).upsert({ ...reminder, at: '2026-03-03T09:30:00Z' });

    expect(scheduler).toHaveReceivedCommandWith(UpdateScheduleCommand, {
      Name: reminder.name,
      GroupName: 'coproduce-test',
      ScheduleExpression: 'at(2026-03-03T09:30:00)',
      ActionAfterCompletion: 'DELETE',
    });
  });

  it('lets throttling propagate so the caller retries', async () => {
    scheduler.on(CreateScheduleCommand).rejects(throttled());

    await expect(awsScheduler(new SchedulerClient({}), env).upsert(reminder)).rejects.toBeInstanceOf(
      ThrottlingException,
    );
    expect(scheduler).not.toHaveReceivedCommand(UpdateScheduleCommand);
  });

  it('treats deleting a schedule that no longer exists as done', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(notFound());

    await expect(awsScheduler(new SchedulerClient({}), env).remove(reminder.name)).resolves.toBeUndefined();
  });

  it('lets other delete failures propagate', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(throttled());

    await expect(awsScheduler(new SchedulerClient({}), env).remove(reminder.name)).rejects.toBeInstanceOf(
      ThrottlingException,
    );
  });

  it('removes the schedule under the same sanitised name that upsert created', async () => {
    const name = 'reminder#session:01J00000000000000000000000#participant:01J00000000000000000000001';
    scheduler.on(CreateScheduleCommand).resolves({});
    scheduler.on(DeleteScheduleCommand).resolves({});
    const port = awsScheduler(new SchedulerClient({}), env);

    await port.upsert({ ...reminder, name });
    await port.remove(name);

    const created = scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input.Name;
    const deleted = scheduler.commandCalls(DeleteScheduleCommand)[0]!.args[0].input.Name;
    expect(deleted).toBe(created);
  });
});

describe('scheduleName', () => {
  it('keeps a valid name as it is', () => {
    expect(scheduleName('reminder-01J.abc_def')).toBe('reminder-01J.abc_def');
  });

  it('makes any name valid: at most 64 characters of [0-9a-zA-Z-_.]', () => {
    const out = scheduleName(`reminder#${'x'.repeat(200)}`);
    expect(out).toMatch(/^[0-9a-zA-Z\-_.]{1,64}$/);
  });

  it('keeps names apart that differ only in characters it replaces', () => {
    expect(scheduleName('a#b')).not.toBe(scheduleName('a:b'));
  });
});

describe('atExpression', () => {
  it('refuses what is not a time', () => {
    expect(() => atExpression('next tuesday')).toThrow(/Not a time/);
  });
});

describe('awsSchedulerFromEnv', () => {
  it('names every missing variable', () => {
    expect(() => awsSchedulerFromEnv({ SCHEDULER_GROUP_NAME: 'g' })).toThrow(
      /SCHEDULER_ROLE_ARN.*SCHEDULER_TARGET_ARN.*SCHEDULER_DLQ_ARN/,
    );
  });
});

import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { OutgoingEvent } from '../../events/define-event.js';
import type { Clock } from '../kernel/clock.js';
import type { OneTimeSchedule, SchedulerPort } from '../runtime/deps.js';
import type { EventPublisher } from '../runtime/events/publisher.js';
import type { Db } from '../runtime/store/db.js';

/**
 * The local stand-in for EventBridge Scheduler one-time schedules. Schedules are kept in the table
 * (so they survive a restart with DATA_DIR) and fired by `tick()`, which reads the injectable clock:
 * the running stack ticks every few hundred ms, tests call `tick()` after moving the clock.
 * A fired schedule publishes its event to the bus and is then deleted (at least once, like AWS).
 */
export class LocalScheduler implements SchedulerPort {
  constructor(
    private readonly db: Db,
    private readonly bus: EventPublisher,
    private readonly clock: Clock,
    private readonly log: (line: string) => void = () => {},
  ) {}

  async upsert(s: OneTimeSchedule): Promise<void> {
    await this.db.doc.send(
      new PutCommand({
        TableName: this.db.table,
        Item: {
          pk: `LOCALSCHEDULE#${s.name}`,
          sk: 'SCHEDULE',
          entity: 'local-schedule',
          ...s,
          at: new Date(s.at).toISOString(),
          gsi1pk: 'LOCALSCHEDULES',
          gsi1sk: `${new Date(s.at).toISOString()}#${s.name}`,
        },
      }),
    );
  }

  async remove(name: string): Promise<void> {
    await this.db.doc.send(
      new DeleteCommand({ TableName: this.db.table, Key: { pk: `LOCALSCHEDULE#${name}`, sk: 'SCHEDULE' } }),
    );
  }

  /** Fire every schedule whose time has come. Returns how many fired. */
  async tick(): Promise<number> {
    const now = this.clock.now().toISOString();
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.db.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':pk': 'LOCALSCHEDULES', ':now': `${now}\uffff` },
      }),
    );
    let fired = 0;
    for (const item of out.Items ?? []) {
      if ((item.at as string) > now) continue;
      const event: OutgoingEvent = {
        eventId: ulid(),
        source: item.source as string,
        detailType: item.detailType as string,
        detail: item.detail as OutgoingEvent['detail'],
      };
      const { failed } = await this.bus.publish([event]);
      if (failed.length > 0) continue; // stays scheduled; the next tick tries again
      await this.remove(item.name as string);
      this.log(`scheduler: fired ${item.name as string} (${event.detailType})`);
      fired++;
    }
    return fired;
  }

  async pending(): Promise<OneTimeSchedule[]> {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.db.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'LOCALSCHEDULES' },
      }),
    );
    return (out.Items ?? []).map((i) => ({
      name: i.name as string,
      at: i.at as string,
      source: i.source as string,
      detailType: i.detailType as string,
      detail: i.detail,
    }));
  }
}

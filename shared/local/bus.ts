import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import type { OutgoingEvent } from '../../events/define-event.js';
import type { EventPublisher, PublishResult } from '../runtime/events/publisher.js';
import { type Db, queryAll } from '../runtime/store/db.js';
import { matchesPattern, type Pattern } from './pattern.js';

export type BusTarget = (event: EventBridgeEvent<string, unknown>) => Promise<unknown>;
export type Subscription = {
  name: string;
  pattern: Pattern;
  target: BusTarget;
  /** Delivery attempts before dead-lettering (default: the bus's, 3). */
  maxAttempts?: number;
};

/** Back-off between attempts doubles from retryDelayMs and is capped, as EventBridge's is. */
const MAX_RETRY_DELAY_MS = 30_000;
export type DeadLetter = {
  subscription: string;
  event: EventBridgeEvent<string, unknown>;
  reason: string;
  attempts: number;
  at: string;
};
export type RoutedLog = (line: string) => void;

const isNonRetryable = (err: unknown) => err instanceof Error && err.name === 'ParseError';

/** Dead letters are kept in the table (docs/data-model.md, "Local stack"), so a restart keeps them. */
const DEAD_LETTERS_PK = 'LOCAL#DEADLETTERS';
const deadLetterKey = (d: Pick<DeadLetter, 'subscription' | 'event'>) => ({
  pk: DEAD_LETTERS_PK,
  sk: `${d.subscription}#${d.event.id}`,
});

/** The stack is stopping: a delivery still retrying stops here and stays pending in the outbox. */
class BusClosedError extends Error {
  override name = 'BusClosedError';
}

/**
 * A local EventBridge: routes each published event to every subscription whose pattern (the same
 * pattern object the deployed rule uses) matches, delivers with retries, and keeps what still fails
 * in a dead-letter list with the reason — in the table, so it survives a restart. An event that fails
 * validation (the consumer's parser throws ParseError) is dead-lettered at once: retrying cannot fix it.
 *
 * `publish` resolves once every delivery of the events has settled (delivered, or dead-lettered in
 * the table). The relay marks an outbox item sent only then, so an event whose delivery is still
 * retrying when the stack stops stays pending in the outbox and is published again at the next
 * start: nothing accepted is ever lost (consumers are idempotent, as with EventBridge's at-least-once).
 */
export class LocalEventBus implements EventPublisher {
  readonly deadLetters: DeadLetter[] = [];
  readonly delivered: { subscription: string; detailType: string; eventId: string }[] = [];
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Events being published (their deliveries not all settled): the sweeper leaves them alone. */
  private readonly publishing = new Map<string, number>();
  private closed = false;
  private readonly wakeSleepers = new Set<() => void>();
  /** Test hook: the next N publish calls fail as if EventBridge were down. */
  failNextPublishes = 0;

  constructor(private readonly opts: { db: Db; maxAttempts?: number; retryDelayMs?: number; log?: RoutedLog }) {}

  subscribe(sub: Subscription) {
    this.subscriptions.push(sub);
  }

  /** Read the dead letters a previous run left in the table. */
  async load(): Promise<void> {
    const items = await queryAll(this.opts.db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': DEAD_LETTERS_PK },
    });
    for (const item of items) this.deadLetters.push(item.letter as DeadLetter);
  }

  /**
   * Events whose deliveries all settled in this run (the newest few thousand): a sweeper that read
   * one as pending just before the relay marked it sent leaves it alone rather than deliver a
   * duplicate. After a restart the set is empty and anything still pending is delivered again.
   */
  private readonly settled = new Set<string>();
  private static readonly SETTLED_KEPT = 5000;
  private markSettled(eventId: string) {
    this.settled.add(eventId);
    if (this.settled.size > LocalEventBus.SETTLED_KEPT) {
      const oldest = this.settled.values().next().value;
      if (oldest !== undefined) this.settled.delete(oldest);
    }
  }

  /** Events a stream batch is about to publish: the sweeper leaves them to it (until `release`). */
  private readonly reserved = new Set<string>();
  reserve(eventIds: readonly string[]) {
    for (const id of eventIds) this.reserved.add(id);
  }
  release(eventIds: readonly string[]) {
    for (const id of eventIds) this.reserved.delete(id);
  }

  /** For the sweeper: an event being delivered, about to be, or delivered moments ago is not its to publish. */
  isPublishing = (eventId: string) =>
    this.publishing.has(eventId) || this.reserved.has(eventId) || this.settled.has(eventId);

  async publish(events: OutgoingEvent[]): Promise<PublishResult> {
    if (this.failNextPublishes > 0) {
      this.failNextPublishes -= 1;
      return {
        failed: events.map((e) => ({ eventId: e.eventId, reason: 'InternalFailure (simulated outage)' })),
      };
    }
    const failed: PublishResult['failed'] = [];
    await Promise.all(
      events.map(async (e) => {
        this.reserved.delete(e.eventId);
        this.publishing.set(e.eventId, (this.publishing.get(e.eventId) ?? 0) + 1);
        try {
          const settled = await Promise.allSettled(this.route(e));
          const stopped = settled.find((s) => s.status === 'rejected');
          if (stopped) failed.push({ eventId: e.eventId, reason: String((stopped as PromiseRejectedResult).reason) });
          else this.markSettled(e.eventId);
        } finally {
          const left = (this.publishing.get(e.eventId) ?? 1) - 1;
          if (left > 0) this.publishing.set(e.eventId, left);
          else this.publishing.delete(e.eventId);
        }
      }),
    );
    return { failed };
  }

  private route(e: OutgoingEvent): Promise<void>[] {
    const event: EventBridgeEvent<string, unknown> = {
      version: '0',
      id: e.eventId ?? randomUUID(),
      'detail-type': e.detailType,
      source: e.source,
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'local',
      resources: [],
      detail: e.detail,
    };
    const matched = this.subscriptions.filter((s) => matchesPattern({ ...event }, s.pattern));
    this.opts.log?.(
      `bus: ${e.detailType} ${event.id} → ${matched.length ? matched.map((s) => s.name).join(', ') : '(no rule)'}`,
    );
    return matched.map((sub) => this.track(this.deliver(sub, event)));
  }

  private track(p: Promise<void>): Promise<void> {
    const tracked = p.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((res) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleepers.delete(done);
        res();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleepers.add(done);
    });
  }

  private async deliver(sub: Subscription, event: EventBridgeEvent<string, unknown>): Promise<void> {
    const max = sub.maxAttempts ?? this.opts.maxAttempts ?? 3;
    let lastError: unknown;
    let attempts = 0;
    for (let attempt = 1; attempt <= max; attempt++) {
      if (this.closed) throw new BusClosedError(`stopped before ${sub.name} took ${event.id}`);
      attempts = attempt;
      try {
        await sub.target(event);
        this.delivered.push({ subscription: sub.name, detailType: event['detail-type'], eventId: event.id });
        return;
      } catch (err) {
        lastError = err;
        if (isNonRetryable(err)) break;
        if (attempt < max) {
          await this.sleep(Math.min(MAX_RETRY_DELAY_MS, (this.opts.retryDelayMs ?? 50) * 2 ** (attempt - 1)));
        }
      }
    }
    if (this.closed) throw new BusClosedError(`stopped while ${sub.name} retried ${event.id}`);
    const reason = lastError instanceof Error ? `${lastError.name}: ${lastError.message}` : String(lastError);
    const letter: DeadLetter = { subscription: sub.name, event, reason, attempts, at: new Date().toISOString() };
    await this.opts.db.doc.send(
      new PutCommand({
        TableName: this.opts.db.table,
        Item: { ...deadLetterKey(letter), entity: 'local-dead-letter', letter },
      }),
    );
    this.deadLetters.push(letter);
    this.opts.log?.(`bus: DEAD-LETTER ${event['detail-type']} ${event.id} at ${sub.name}: ${reason}`);
  }

  /**
   * Deliver every dead letter again to the subscription that failed it (like redriving an SQS
   * DLQ in AWS); what fails again returns to the list. Returns how many were redriven.
   */
  redrive(): number {
    const letters = this.deadLetters.splice(0, this.deadLetters.length);
    for (const letter of letters) {
      const sub = this.subscriptions.find((s) => s.name === letter.subscription);
      if (!sub) {
        this.deadLetters.push(letter);
        continue;
      }
      this.opts.log?.(`bus: redrive ${letter.event['detail-type']} ${letter.event.id} → ${sub.name}`);
      this.track(
        (async () => {
          await this.opts.db.doc.send(new DeleteCommand({ TableName: this.opts.db.table, Key: deadLetterKey(letter) }));
          await this.deliver(sub, letter.event);
        })(),
      ).catch((err: unknown) => {
        // Stopped mid-redrive: put it back, so the next start still lists it.
        this.deadLetters.push(letter);
        void this.opts.db.doc
          .send(
            new PutCommand({
              TableName: this.opts.db.table,
              Item: { ...deadLetterKey(letter), entity: 'local-dead-letter', letter },
            }),
          )
          .catch(() => {});
        this.opts.log?.(`bus: redrive of ${letter.event.id} stopped: ${(err as Error).message}`);
      });
    }
    return letters.length;
  }

  /** Wait until every delivery in flight (and any it caused to be published) has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stop: deliveries still retrying give up at once and stay pending in the outbox. */
  close(): void {
    this.closed = true;
    for (const wake of [...this.wakeSleepers]) wake();
  }
}

import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import type { OutgoingEvent } from '../../events/define-event.js';
import type { EventPublisher, PublishResult } from '../runtime/events/publisher.js';
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

/**
 * A local EventBridge: routes each published event to every subscription whose pattern (the same
 * pattern object the deployed rule uses) matches, delivers asynchronously with retries, and keeps
 * what still fails in an inspectable dead-letter list with the reason. An event that fails
 * validation (the consumer's parser throws ParseError) is dead-lettered at once: retrying cannot fix it.
 */
export class LocalEventBus implements EventPublisher {
  readonly deadLetters: DeadLetter[] = [];
  readonly delivered: { subscription: string; detailType: string; eventId: string }[] = [];
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Test hook: the next N publish calls fail as if EventBridge were down. */
  failNextPublishes = 0;

  constructor(private readonly opts: { maxAttempts?: number; retryDelayMs?: number; log?: RoutedLog } = {}) {}

  subscribe(sub: Subscription) {
    this.subscriptions.push(sub);
  }

  async publish(events: OutgoingEvent[]): Promise<PublishResult> {
    if (this.failNextPublishes > 0) {
      this.failNextPublishes -= 1;
      return {
        failed: events.map((e) => ({ eventId: e.eventId, reason: 'InternalFailure (simulated outage)' })),
      };
    }
    for (const e of events) this.route(e);
    return { failed: [] };
  }

  private route(e: OutgoingEvent) {
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
    const matched = this.subscriptions.filter((s) =>
      matchesPattern(event as unknown as Record<string, unknown>, s.pattern),
    );
    this.opts.log?.(
      `bus: ${e.detailType} ${event.id} → ${matched.length ? matched.map((s) => s.name).join(', ') : '(no rule)'}`,
    );
    for (const sub of matched) {
      const p = this.deliver(sub, event).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  private async deliver(sub: Subscription, event: EventBridgeEvent<string, unknown>) {
    const max = sub.maxAttempts ?? this.opts.maxAttempts ?? 3;
    let lastError: unknown;
    let attempts = 0;
    for (let attempt = 1; attempt <= max; attempt++) {
      attempts = attempt;
      try {
        await sub.target(event);
        this.delivered.push({ subscription: sub.name, detailType: event['detail-type'], eventId: event.id });
        return;
      } catch (err) {
        lastError = err;
        if (isNonRetryable(err)) break;
        if (attempt < max) {
          const delay = Math.min(MAX_RETRY_DELAY_MS, (this.opts.retryDelayMs ?? 50) * 2 ** (attempt - 1));
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    }
    const reason = lastError instanceof Error ? `${lastError.name}: ${lastError.message}` : String(lastError);
    this.deadLetters.push({
      subscription: sub.name,
      event,
      reason,
      attempts,
      at: new Date().toISOString(),
    });
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
      const p = this.deliver(sub, letter.event).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
    return letters.length;
  }

  /** Wait until every delivery in flight (and any it caused to be published) has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

import type { Clock } from '../../kernel/clock.js';
import { type Db, isConditionFailure } from '../store/db.js';
import { markPublished, type OutboxItem, pendingOutbox, toOutgoing } from './outbox.js';
import type { EventPublisher } from './publisher.js';

export class OutboxPublishError extends Error {
  constructor(readonly failed: { eventId: string; reason: string }[]) {
    super(
      `Publishing failed for ${failed.length} event(s): ${failed.map((f) => `${f.eventId} (${f.reason})`).join(', ')}`,
    );
    this.name = 'OutboxPublishError';
  }
}

export type RelayDeps = { db: Db; publisher: EventPublisher; clock: Clock };

/**
 * Publish outbox items, then mark the published ones sent. An item is marked only after the bus
 * accepted it, so a crash in between means it is published again (at least once; consumers are
 * idempotent) — never lost. Any failure is thrown so the caller's retry (stream retry, sweeper) fires.
 */
export async function relayOutbox(items: OutboxItem[], deps: RelayDeps): Promise<number> {
  if (items.length === 0) return 0;
  const { failed } = await deps.publisher.publish(items.map(toOutgoing));
  const failedIds = new Set(failed.map((f) => f.eventId));
  const nowSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  for (const item of items) {
    if (failedIds.has(item.eventId)) continue;
    try {
      await markPublished(deps.db, item.eventId, nowSeconds);
    } catch (err) {
      if (!isConditionFailure(err)) throw err; // an item already expired is nothing to mark
    }
  }
  if (failed.length > 0) throw new OutboxPublishError(failed);
  return items.length;
}

/** Relay every pending item created at least `minAgeMs` ago (the sweeper leaves fresh items to the stream). */
export async function sweepOutbox(deps: RelayDeps, minAgeMs = 0): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - minAgeMs).toISOString();
  const items = (await pendingOutbox(deps.db)).filter(
    (i) => (minAgeMs === 0 || i.createdAt <= cutoff) && !deps.publisher.isPublishing?.(i.eventId),
  );
  return relayOutbox(items, deps);
}

import { ulid } from 'ulid';
import * as z from 'zod/mini';
// zod's English messages for the issues a schema does not word itself.
import '../shared/kernel/zod-messages.js';

/** Metadata every detail carries. No personal data ever goes here or in `data`. */
export const EventMetadata = z.object({
  version: z.number().check(z.int(), z.positive()),
  idempotencyKey: z.string().check(z.minLength(1)),
  correlationId: z.string().check(z.minLength(1)),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

/** The subset of EventBridge pattern syntax that the local bus matcher implements (see shared/local/pattern.ts). */
export type EventPattern = {
  source?: string[];
  'detail-type'?: string[];
  detail?: Record<string, unknown>;
};

export type EventContract<TData extends z.ZodMiniType = z.ZodMiniType> = {
  source: `coproduce.${string}`;
  detailType: string;
  version: number;
  description: string;
  data: TData;
  /** zod schema of the whole detail: `{ metadata, data }`. */
  detail: z.ZodMiniObject<{ metadata: z.ZodMiniType<EventMetadata>; data: TData }>;
  /** The EventBridge pattern a rule uses to subscribe to exactly this contract and version. */
  pattern: EventPattern;
};

export type DetailOf<C extends EventContract> = z.infer<C['detail']>;
export type DataOf<C extends EventContract> = z.infer<C['data']>;

export function defineEvent<TData extends z.ZodMiniType>(spec: {
  source: `coproduce.${string}`;
  detailType: string;
  version?: number;
  description: string;
  data: TData;
}): EventContract<TData> {
  const version = spec.version ?? 1;
  const detail: z.ZodMiniObject<{ metadata: z.ZodMiniType<EventMetadata>; data: TData }> = z.object({
    metadata: z.extend(EventMetadata, { version: z.literal(version) }),
    data: spec.data,
  });
  return {
    source: spec.source,
    detailType: spec.detailType,
    version,
    description: spec.description,
    data: spec.data,
    detail,
    pattern: {
      source: [spec.source],
      'detail-type': [spec.detailType],
      detail: { metadata: { version: [version] } },
    },
  };
}

/** An event ready for the outbox: validated against its contract before it is ever stored. */
export type OutgoingEvent = {
  eventId: string;
  source: string;
  detailType: string;
  detail: { metadata: EventMetadata; data: unknown };
};

export function buildEvent<C extends EventContract>(
  contract: C,
  data: DataOf<C>,
  meta: { idempotencyKey: string; correlationId?: string; occurredAt: string },
): OutgoingEvent {
  const detail = contract.detail.parse({
    metadata: {
      version: contract.version,
      idempotencyKey: meta.idempotencyKey,
      correlationId: meta.correlationId ?? meta.idempotencyKey,
      occurredAt: meta.occurredAt,
    },
    data,
  });
  return { eventId: ulid(), source: contract.source, detailType: contract.detailType, detail };
}

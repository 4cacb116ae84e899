import type * as z from 'zod/mini';
import type { RawItem } from './db.js';

/**
 * What each stored entity looks like, as a zod schema parsed on every read: a malformed item is an
 * error naming its key, never a silent cast. The schema describes the domain object; the storage
 * attributes (keys, index keys, entity tag, TTL) are not in it and so are dropped by the parse.
 * An entity whose shape changed keeps ONE upcaster step that turns any older item into the current
 * shape before the schema parses it (tested with a stored old item).
 */
export type ItemSchema<S extends z.ZodMiniType = z.ZodMiniType> = {
  readonly entity: string;
  readonly schema: S;
  /** Older shapes → the current one (one step per entity; a no-op for items already current). */
  readonly upcast?: (item: RawItem) => RawItem;
};

export const defineItem = <S extends z.ZodMiniType>(def: ItemSchema<S>): ItemSchema<S> => def;

/** A stored item that does not match its entity's schema. */
export class MalformedItemError extends Error {
  constructor(
    readonly entity: string,
    readonly key: { pk: unknown; sk: unknown },
    readonly issues: string[],
  ) {
    super(`Stored ${entity} item pk=${String(key.pk)} sk=${String(key.sk)} is malformed: ${issues.join('; ')}`);
    this.name = 'MalformedItemError';
  }
}

export function parseItem<S extends z.ZodMiniType>(def: ItemSchema<S>, item: RawItem): z.output<S> {
  const current = def.upcast ? def.upcast(item) : item;
  const out = def.schema.safeParse(current);
  if (out.success) return out.data;
  throw new MalformedItemError(
    def.entity,
    { pk: item.pk, sk: item.sk },
    out.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`),
  );
}

/** `parseItem` for an optional read: undefined stays undefined. */
export const parseMaybe = <S extends z.ZodMiniType>(def: ItemSchema<S>, item: RawItem | undefined) =>
  item === undefined ? undefined : parseItem(def, item);

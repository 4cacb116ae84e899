/** Attributes that exist only for storage (keys, index keys, entity tag, optimistic version, TTL). */
const STORAGE_ATTRIBUTES = ['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'version', 'expiresAt'];

/**
 * The domain object stored in an item: the item without its storage attributes. A repository that
 * needs one of them back (e.g. `version` for an optimistic update) names it in `keep`.
 */
export function fromItem<T>(item: Record<string, unknown>, keep: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (!STORAGE_ATTRIBUTES.includes(k) || keep.includes(k)) out[k] = v;
  }
  return out as T;
}

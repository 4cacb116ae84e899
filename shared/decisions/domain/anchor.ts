import * as z from 'zod/mini';
import { Id, IsoDateTime } from '../../kernel/index.js';
import { canonicalJson } from './canonical-json.js';
import { entryIdOf, Sha256Hex, sha256Hex } from './hash-chain.js';

/**
 * The audit anchor (docs/decisions/0003-hash-chained-audit-log.md §5): every hour, the head of every
 * decision's chain (how many entries, the last hash) and one digest over them all, written to
 * storage that cannot be changed afterwards. A head commits to every entry before it, so an anchor
 * vouches for each chain as it stood then; verification then finds a chain that has since moved
 * backwards or been rewritten, even by someone able to rewrite both tables to match each other.
 */
export const AnchoredHead = z.strictObject({
  decisionId: Id,
  length: z.number().check(z.int(), z.positive()),
  hash: Sha256Hex,
});
export type AnchoredHead = z.infer<typeof AnchoredHead>;

const AnchorBody = z.strictObject({
  version: z.literal(1),
  anchorId: Id,
  takenAt: IsoDateTime,
  /** One per decision, by decision id. */
  chains: z.array(AnchoredHead),
});
export const Anchor = z.extend(AnchorBody, {
  /** SHA-256 (hex) over the canonical JSON of everything above: one value to quote or send elsewhere. */
  digest: Sha256Hex,
});
export type Anchor = z.infer<typeof Anchor>;

export const anchorDigest = (a: z.infer<typeof AnchorBody>) =>
  sha256Hex(canonicalJson({ version: a.version, anchorId: a.anchorId, takenAt: a.takenAt, chains: a.chains }));

/** The anchor of these heads, taken now. Pure. */
export function anchorOf(heads: readonly AnchoredHead[], anchorId: string, takenAt: string): Anchor {
  const chains = [...heads].sort((a, b) => (a.decisionId < b.decisionId ? -1 : a.decisionId > b.decisionId ? 1 : 0));
  const body = { version: 1 as const, anchorId, takenAt, chains };
  return { ...body, digest: anchorDigest(body) };
}

/** How far apart the anchor's own time and the store's time of writing it may be. */
const STORED_WITHIN_MS = 15 * 60_000;

/** Read an anchor as stored: its shape, its digest, and (where the store says) when it was written. */
export function readAnchor(stored: {
  name: string;
  body: string;
  storedAt?: string;
}): { ok: true; anchor: Anchor } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(stored.body);
  } catch {
    return { ok: false, reason: `The anchor ${stored.name} is not readable: it is not JSON.` };
  }
  const parsed = Anchor.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `The anchor ${stored.name} is not an anchor we write.` };
  const anchor = parsed.data;
  if (anchorDigest(anchor) !== anchor.digest) {
    return { ok: false, reason: `The anchor ${stored.name} does not match its own digest.` };
  }
  if (stored.storedAt && Math.abs(Date.parse(stored.storedAt) - Date.parse(anchor.takenAt)) > STORED_WITHIN_MS) {
    return {
      ok: false,
      reason: `The anchor ${stored.name} says it was taken at ${anchor.takenAt} but was stored at ${stored.storedAt}: it was not written by the hourly anchor.`,
    };
  }
  return { ok: true, anchor };
}

/**
 * Does the chain as verified now (`hashes`: entry 1 first; undefined when the chain is gone) still
 * hold what the anchor recorded? It may have grown since; it may not be shorter or different.
 */
export function checkAgainstAnchor(
  decisionId: string,
  hashes: readonly string[] | undefined,
  anchored: AnchoredHead,
  anchor: Pick<Anchor, 'takenAt'>,
): { firstBrokenEntry: string; reason: string } | undefined {
  const when = `the anchor taken at ${anchor.takenAt}`;
  if (!hashes || hashes.length === 0) {
    return {
      firstBrokenEntry: entryIdOf(decisionId, 1),
      reason: `Decision ${decisionId} and its audit log are gone, but ${when} recorded ${anchored.length} ${anchored.length === 1 ? 'entry' : 'entries'} for it.`,
    };
  }
  if (hashes.length < anchored.length) {
    return {
      firstBrokenEntry: entryIdOf(decisionId, hashes.length + 1),
      reason: `The decision now records ${hashes.length} ${hashes.length === 1 ? 'entry' : 'entries'}, but ${when} recorded ${anchored.length}: the log lost entries since, and the decision was changed to match.`,
    };
  }
  if (hashes[anchored.length - 1] !== anchored.hash) {
    return {
      firstBrokenEntry: entryIdOf(decisionId, anchored.length),
      reason: `Entry ${anchored.length} is not the entry ${when} recorded: the log up to it was rewritten since.`,
    };
  }
  return undefined;
}

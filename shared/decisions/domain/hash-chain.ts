import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';

/**
 * An append-only, hash-chained log (docs/decisions/0003-hash-chained-audit-log.md). Each entry
 * holds the hash of the entry before it; its own hash is SHA-256 (hex) over the canonical JSON of
 * every field it stores except the hash itself. Changing, removing or reordering any entry breaks
 * the chain at that entry; removing entries from the end is caught by comparing with the head
 * (length and last hash) that the owning record keeps.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const SEQ_DIGITS = 10;

/** SHA-256, lower-case hex: text hashes and chain hashes. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** How many entries a chain has and the hash of its last one (the owning record keeps it). */
export const ChainHead = z.object({ length: z.number().int().nonnegative(), hash: Sha256Hex });
export type ChainHead = z.infer<typeof ChainHead>;
export const emptyHead: ChainHead = { length: 0, hash: GENESIS_HASH };

/** What gets recorded: an event as it went on the bus (ids, hashes, numbers, dates — never names). */
export type AuditEvent = { eventId: string; type: string; occurredAt: string; data: Record<string, unknown> };

export type ChainEntry = AuditEvent & {
  entryId: string;
  chainId: string;
  seq: number;
  prevHash: string;
  hash: string;
};

export const padSeq = (seq: number) => String(seq).padStart(SEQ_DIGITS, '0');
export const entryIdOf = (chainId: string, seq: number) => `${chainId}/${padSeq(seq)}`;

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash of an entry: over everything it stores except `hash` (so an added field also shows). */
export function hashOf(stored: Record<string, unknown>): string {
  const { hash: _hash, ...body } = stored;
  return sha256Hex(canonicalJson(body));
}

/** Entries that extend a chain from its head with these events, and the new head. Pure. */
export function appendToChain(
  chainId: string,
  head: ChainHead,
  events: readonly AuditEvent[],
): { entries: ChainEntry[]; head: ChainHead } {
  let { length, hash } = head;
  const entries = events.map((e) => {
    length += 1;
    const body = {
      entryId: entryIdOf(chainId, length),
      chainId,
      seq: length,
      eventId: e.eventId,
      type: e.type,
      occurredAt: e.occurredAt,
      data: e.data,
      prevHash: hash,
    };
    hash = hashOf(body);
    return { ...body, hash };
  });
  return { entries, head: { length, hash } };
}

export type StoredEntry = {
  /** The sequence number the entry is stored under (from its sort key). */
  position: number;
  /** Every attribute as read, without the table keys. */
  item: Record<string, unknown>;
};

export type ChainVerdict = { entries: number } & (
  | { ok: true }
  | { ok: false; firstBrokenEntry: string; reason: string }
);

/** The verdict on the whole log: every chain walked, or the first broken entry named with the reason. */
export const AuditVerdict = z.union([
  z.object({ ok: z.literal(true), entries: z.number().int().nonnegative(), chains: z.number().int().nonnegative() }),
  z.object({
    ok: z.literal(false),
    entries: z.number().int().nonnegative(),
    chains: z.number().int().nonnegative(),
    firstBrokenEntry: z.string(),
    reason: z.string(),
  }),
]);
export type AuditVerdict = z.infer<typeof AuditVerdict>;

/**
 * Walk one chain in key order and name the first entry where it breaks.
 * `expected` is the head the owning record holds; entries beyond it (appended after the head was
 * read) are still checked link by link, but a chain shorter than the head has been truncated.
 */
export function verifyChain(chainId: string, stored: readonly StoredEntry[], expected: ChainHead): ChainVerdict {
  const broken = (seq: number, reason: string): ChainVerdict => ({
    ok: false,
    entries: stored.length,
    firstBrokenEntry: entryIdOf(chainId, seq),
    reason,
  });
  let prevHash = GENESIS_HASH;
  for (const [i, { position, item }] of stored.entries()) {
    const seq = i + 1;
    if (position !== seq) {
      return position > seq
        ? broken(seq, `Entry ${seq} is missing: the log jumps from entry ${seq - 1} to entry ${position}.`)
        : broken(seq, `Entry ${seq} is stored out of place.`);
    }
    if (item.seq !== seq || item.chainId !== chainId || item.entryId !== entryIdOf(chainId, seq)) {
      return broken(
        seq,
        `Entry ${seq} holds entry ${String(item.seq)} of ${String(item.chainId)}: entries were moved or reordered.`,
      );
    }
    if (typeof item.hash !== 'string' || hashOf(item) !== item.hash) {
      return broken(seq, `Entry ${seq} was changed: its content no longer matches its hash.`);
    }
    if (item.prevHash !== prevHash) {
      return broken(seq, `Entry ${seq} does not follow entry ${seq - 1}: an earlier entry was changed or replaced.`);
    }
    prevHash = item.hash;
  }
  if (stored.length < expected.length) {
    return broken(
      stored.length + 1,
      `The log ends at entry ${stored.length} but the decision records ${expected.length}: entries were removed from the end.`,
    );
  }
  const latest = stored[expected.length - 1];
  if (latest && latest.item.hash !== expected.hash) {
    return broken(expected.length, `Entry ${expected.length} is not the entry the decision recorded as its latest.`);
  }
  return { ok: true, entries: stored.length };
}

import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { canonicalJson } from './canonical-json.js';

/**
 * An append-only, hash-chained log (docs/decisions/0003-hash-chained-audit-log.md). Each entry
 * holds the hash of the entry before it; its own hash is SHA-256 (hex) over the canonical JSON of
 * every field it stores except the hash itself. The chain is the one its owner records: from the
 * head the owning record keeps (length and last hash) back to the genesis hash. Changing, removing
 * or reordering any entry breaks that walk at that entry; removing entries from the end leaves it
 * shorter than the head; an entry added beside it lies on no walk from the head.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const SEQ_DIGITS = 10;

/** SHA-256, lower-case hex: text hashes and chain hashes. */
export const Sha256Hex = z.string().check(z.regex(/^[0-9a-f]{64}$/));

/** How many entries a chain has and the hash of its last one (the owning record keeps it). */
export const ChainHead = z.object({ length: z.number().check(z.int(), z.nonnegative()), hash: Sha256Hex });
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
  /**
   * The hash its sort key carries (`ENTRY#<seq>#<hash>`): the slot of an entry is named by its own
   * hash, which nobody can know before the entry exists, so no one can take a slot ahead of the
   * writer. Undefined for entries stored under the first key form (`ENTRY#<seq>`).
   */
  keyHash?: string;
  /** Every attribute as read, without the table keys. */
  item: Record<string, unknown>;
};

export type ChainVerdict = { entries: number } & (
  | { ok: true /** The hash of each entry of the chain the decision records, entry 1 first. */; hashes: string[] }
  | { ok: false; firstBrokenEntry: string; reason: string }
);

const Count = z.number().check(z.int(), z.nonnegative());

/** The newest anchor the log was compared with (docs/decisions/0003-hash-chained-audit-log.md §5), or null. */
export const AnchorSeen = z
  .nullable(z.object({ anchorId: z.string(), takenAt: z.string(), chains: Count }))
  .check(
    z.describe(
      'The newest anchor (a write-once digest of every chain head) the log was compared with; null if none yet.',
    ),
  );

/** The verdict on the whole log: every chain walked, or the first broken entry named with the reason. */
export const AuditVerdict = z.union([
  z.object({ ok: z.literal(true), entries: Count, chains: Count, anchor: AnchorSeen }),
  z.object({
    ok: z.literal(false),
    entries: Count,
    chains: Count,
    firstBrokenEntry: z.string(),
    reason: z.string(),
    anchor: AnchorSeen,
  }),
]);
export type AuditVerdict = z.infer<typeof AuditVerdict>;

const short = (hash: unknown) => `${String(hash).slice(0, 12)}…`;

/** Why an entry, judged on its own, cannot be trusted (or undefined when it can). */
function problemWith(chainId: string, { position, keyHash, item }: StoredEntry): string | undefined {
  if (!Number.isSafeInteger(position) || position < 1)
    return 'An entry is stored under a key that is not an entry key.';
  if (item.seq !== position || item.chainId !== chainId || item.entryId !== entryIdOf(chainId, position)) {
    return `Entry ${position} holds entry ${String(item.seq)} of ${String(item.chainId)}: entries were moved or reordered.`;
  }
  if (typeof item.hash !== 'string' || hashOf(item) !== item.hash) {
    return `Entry ${position} was changed: its content no longer matches its hash.`;
  }
  if (keyHash !== undefined && keyHash !== item.hash) {
    return `Entry ${position} was changed: it was given a new hash that its key does not carry.`;
  }
  return undefined;
}

type Problem = { seq: number; rank: number; reason: string };

/**
 * Walk one chain and name its first broken entry. The chain is the one the decision records: from
 * its head (`head`, kept on the decision and written in the same transaction as every entry) back
 * through each entry's `prevHash` to the genesis hash. So:
 *
 * - an entry changed, removed, moved or replaced breaks that walk, or fails its own hash;
 * - entries removed from the end leave the chain shorter than the head;
 * - an entry the decision does not know of — one put into the table beside the chain, with a
 *   correct `prevHash` and `hash` — lies on no walk from the head, and is named as not the decision's.
 *
 * `before` is the chain as read BEFORE the head, `after` (when given) as read again AFTER it. Every
 * entry committed before the head was read is on the head's walk, so an entry of `before` off the walk
 * was not written with the decision; `after` holds every entry of that walk (it was read later), and
 * entries it has beyond the head were appended since and are left to the next check.
 */
export function verifyChain(
  chainId: string,
  head: ChainHead,
  read: { before: readonly StoredEntry[]; after?: readonly StoredEntry[] },
): ChainVerdict {
  const after = read.after ?? read.before;
  const problems: Problem[] = [];
  const valid = (entries: readonly StoredEntry[]) =>
    entries.filter((e) => {
      const problem = problemWith(chainId, e);
      if (problem) problems.push({ seq: Number.isSafeInteger(e.position) ? e.position : 0, rank: 0, reason: problem });
      return !problem;
    });
  const trusted = valid(after);
  if (read.after)
    valid(read.before.filter((e) => !after.some((a) => a.position === e.position && a.item.hash === e.item.hash)));
  const at = (seq: number, hash: string) => `${seq}#${hash}`;
  const byPlace = new Map(trusted.map((e) => [at(e.position, String(e.item.hash)), e]));
  const stored = new Set(after.map((e) => e.position));
  const lastStored = Math.max(0, ...stored);

  // The decision's chain, from its head back to the genesis hash.
  const hashes: string[] = [];
  let want = head.hash;
  let walkedDownTo = head.length + 1;
  for (let seq = head.length; seq >= 1; seq--) {
    const entry = byPlace.get(at(seq, want));
    if (!entry) {
      problems.push(missing(seq, head, { stored, lastStored }));
      break;
    }
    hashes[seq - 1] = want;
    walkedDownTo = seq;
    want = String(entry.item.prevHash);
    if (seq === 1 && want !== GENESIS_HASH) {
      problems.push({
        seq: 1,
        rank: 1,
        reason: 'Entry 1 does not start the chain: it follows an entry that is not there.',
      });
    }
  }

  // Entries the decision does not know of (read before its head, so they should be on the walk).
  const walked = new Set(hashes.map((h, i) => at(i + 1, h)));
  for (const e of read.before) {
    if (problemWith(chainId, e) || walked.has(at(e.position, String(e.item.hash)))) continue;
    // Below a break the walk is unknown: only what lies above it can be judged.
    if (e.position < walkedDownTo) continue;
    problems.push({
      seq: e.position,
      rank: 2,
      reason:
        `An entry at position ${e.position} (hash ${short(e.item.hash)}) is not part of this decision's audit log: ` +
        `the decision records ${head.length} ${head.length === 1 ? 'entry' : 'entries'} and does not know of it. ` +
        'Someone added it to the log without changing the decision.',
    });
  }

  const first = problems.sort((a, b) => a.seq - b.seq || a.rank - b.rank)[0];
  if (first) {
    return {
      ok: false,
      entries: after.length,
      firstBrokenEntry: entryIdOf(chainId, Math.max(1, first.seq)),
      reason: first.reason,
    };
  }
  return { ok: true, entries: after.length, hashes };
}

/**
 * Why the walk found no entry at `seq`, and which entry to name: the first of the entries removed
 * from the end or from the middle, or the one that was replaced.
 */
function missing(seq: number, head: ChainHead, s: { stored: Set<number>; lastStored: number }): Problem {
  if (seq > s.lastStored) {
    return {
      seq: s.lastStored + 1,
      rank: 1,
      reason: `The log ends at entry ${s.lastStored} but the decision records ${head.length}: entries were removed from the end.`,
    };
  }
  if (!s.stored.has(seq)) {
    let from = seq;
    while (from > 1 && !s.stored.has(from - 1)) from--;
    return {
      seq: from,
      rank: 1,
      reason:
        from === seq
          ? `Entry ${seq} is missing: the log jumps from entry ${seq - 1} to entry ${seq + 1}.`
          : `Entries ${from} to ${seq} are missing: the log jumps from entry ${from - 1} to entry ${seq + 1}.`,
    };
  }
  return {
    seq,
    rank: 1,
    reason:
      seq === head.length
        ? `Entry ${seq} is not the entry the decision recorded as its latest.`
        : `Entry ${seq} is not the entry that entry ${seq + 1} follows: it was replaced.`,
  };
}

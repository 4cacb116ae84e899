import { describe, expect, it } from 'vitest';
import {
  appendToChain,
  type ChainEntry,
  type ChainHead,
  emptyHead,
  GENESIS_HASH,
  hashOf,
  type StoredEntry,
  verifyChain,
} from '../../shared/decisions/domain/hash-chain.js';

const chainId = '01JQ00000000000000000DECIS';
const events = Array.from({ length: 4 }, (_, i) => ({
  eventId: `01JQ0000000000000000EVT00${i}`,
  type: i === 0 ? 'DecisionProposed' : 'DecisionSigned',
  occurredAt: `2026-03-0${i + 1}T10:00:00.000+00:00`,
  data: { decisionId: chainId, n: i },
}));

function built() {
  const { entries, head } = appendToChain(chainId, emptyHead, events);
  const stored: StoredEntry[] = entries.map((e) => ({ position: e.seq, keyHash: e.hash, item: { ...e } }));
  return { entries, head, stored };
}

describe('appendToChain', () => {
  it('links each entry to the one before, starting from the genesis hash', () => {
    const { entries, head } = built();
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(head).toEqual({ length: 4, hash: entries[3]!.hash });
  });

  it('continues a chain from its head exactly as if written in one go', () => {
    const first = appendToChain(chainId, emptyHead, events.slice(0, 2));
    const rest = appendToChain(chainId, first.head, events.slice(2));
    expect([...first.entries, ...rest.entries]).toEqual(built().entries);
  });

  it('hashes every stored field but the hash itself', () => {
    const { entries } = built();
    const { hash, ...body } = entries[0]! as ChainEntry;
    expect(hashOf({ ...body, hash })).toBe(hash);
    expect(hashOf({ ...body, extra: 'x', hash })).not.toBe(hash);
  });
});

describe('verifyChain', () => {
  const verify = (stored: StoredEntry[], head: ChainHead, after?: StoredEntry[]) =>
    verifyChain(chainId, head, { before: stored, after });
  const broken = (seq: number, reason?: RegExp) => ({
    ok: false,
    firstBrokenEntry: `${chainId}/${String(seq).padStart(10, '0')}`,
    ...(reason ? { reason: expect.stringMatching(reason) } : {}),
  });
  /** An entry that extends the chain from `head` exactly as the writer would, but that the decision never recorded. */
  const forged = (head: ChainHead, n = 99): StoredEntry => {
    const [e] = appendToChain(chainId, head, [
      {
        eventId: '01JQ0000000000000000FORGED',
        type: 'DecisionSigned',
        occurredAt: '2026-03-09T10:00:00.000+00:00',
        data: { n },
      },
    ]).entries;
    return { position: e!.seq, keyHash: e!.hash, item: { ...e! } };
  };

  it('accepts an untouched chain and returns the hash of each entry, first to last', () => {
    const { stored, head, entries } = built();
    expect(verify(stored, head)).toEqual({ ok: true, entries: 4, hashes: entries.map((e) => e.hash) });
  });

  it('accepts entries stored under the first key form, without the hash', () => {
    const { stored, head } = built();
    expect(
      verify(
        stored.map(({ position, item }) => ({ position, item })),
        head,
      ).ok,
    ).toBe(true);
  });

  it('accepts entries appended after the head was read, when they were read after it', () => {
    const { stored, entries } = built();
    const head = { length: 3, hash: entries[2]!.hash };
    expect(verify(stored.slice(0, 3), head, stored).ok).toBe(true);
  });

  it('names an entry appended beside the chain that the decision does not know of (a forged append)', () => {
    const { stored, head } = built();
    const extra = forged(head);
    expect(extra.item.prevHash).toBe(head.hash);
    expect(hashOf(extra.item)).toBe(extra.item.hash);
    expect(verify([...stored, extra], head)).toMatchObject(broken(5, /not part of this decision's audit log/));
  });

  it('names a forged entry even after the decision has moved past it', () => {
    const { stored, head } = built();
    const extra = forged(head);
    const next = appendToChain(chainId, head, [
      {
        eventId: '01JQ0000000000000000EVT005',
        type: 'DecisionAmended',
        occurredAt: '2026-03-10T10:00:00.000+00:00',
        data: {},
      },
    ]);
    const legit = next.entries.map((e) => ({ position: e.seq, keyHash: e.hash, item: { ...e } }));
    expect(verify([...stored, extra, ...legit], next.head)).toMatchObject(broken(5, /does not know of it/));
    expect(verify([...stored, ...legit], next.head).ok).toBe(true);
  });

  it('names a forged sibling of an entry in the middle', () => {
    const { stored, head, entries } = built();
    const sibling = forged({ length: 1, hash: entries[0]!.hash });
    expect(sibling.position).toBe(2);
    expect(verify([...stored, sibling], head)).toMatchObject(broken(2, /not part of this decision's audit log/));
  });

  it('names an edited entry', () => {
    const { stored, head } = built();
    stored[1]!.item.data = { decisionId: chainId, n: 99 };
    expect(verify(stored, head)).toMatchObject(broken(2, /changed/));
  });

  it('names an entry that was edited and given a fresh hash, under its old key', () => {
    const { stored, head } = built();
    stored[1]!.item.data = { decisionId: chainId, n: 99 };
    stored[1]!.item.hash = hashOf(stored[1]!.item);
    expect(verify(stored, head)).toMatchObject(broken(2, /new hash that its key does not carry/));
  });

  it('names an entry that was edited, given a fresh hash and moved to a key with that hash', () => {
    const { stored, head } = built();
    stored[1]!.item.data = { decisionId: chainId, n: 99 };
    stored[1]!.item.hash = hashOf(stored[1]!.item);
    stored[1]!.keyHash = String(stored[1]!.item.hash);
    expect(verify(stored, head)).toMatchObject(broken(2, /not the entry that entry 3 follows/));
  });

  it('names the last entry when it was replaced by one with a fresh hash (the head no longer matches)', () => {
    const { stored, head } = built();
    stored[3]!.item.data = { decisionId: chainId, n: 99 };
    stored[3]!.item.hash = hashOf(stored[3]!.item);
    stored[3]!.keyHash = String(stored[3]!.item.hash);
    expect(verify(stored, head)).toMatchObject(broken(4, /not the entry the decision recorded as its latest/));
  });

  it('names a removed entry in the middle', () => {
    const { stored, head } = built();
    stored.splice(1, 1);
    expect(verify(stored, head)).toMatchObject(broken(2, /Entry 2 is missing/));
  });

  it('names the first of two removed entries in the middle', () => {
    const { stored, head } = built();
    stored.splice(1, 2);
    expect(verify(stored, head)).toMatchObject(broken(2, /Entries 2 to 3 are missing/));
  });

  it('names the first entry removed from the end (truncation), from the head', () => {
    const { stored, head } = built();
    stored.splice(2, 2);
    expect(verify(stored, head)).toMatchObject(broken(3, /removed from the end/));
  });

  it('names the first of two entries that swapped places', () => {
    const { stored, head } = built();
    const second = stored[1]!;
    stored[1] = { ...stored[2]!, position: 2, keyHash: second.keyHash };
    stored[2] = { ...second, position: 3, keyHash: stored[2]!.keyHash };
    expect(verify(stored, head)).toMatchObject(broken(2, /reordered/));
  });

  it('names an entry copied in from another chain', () => {
    const { stored, head } = built();
    const other = appendToChain('01JQ00000000000000000OTHER', emptyHead, events).entries[1]!;
    stored[1] = { position: 2, keyHash: other.hash, item: { ...other } };
    expect(verify(stored, head)).toMatchObject(broken(2));
  });

  it('names entry 1 of a chain whose every entry is gone', () => {
    const { head } = built();
    expect(verify([], head)).toMatchObject(broken(1, /removed from the end/));
  });
});

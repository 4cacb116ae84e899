import { describe, expect, it } from 'vitest';
import {
  appendToChain,
  type ChainEntry,
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
  const stored: StoredEntry[] = entries.map((e) => ({ position: e.seq, item: { ...e } }));
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
  it('accepts an untouched chain', () => {
    const { stored, head } = built();
    expect(verifyChain(chainId, stored, head)).toEqual({ ok: true, entries: 4 });
  });

  it('accepts entries appended after the head was read', () => {
    const { stored, entries } = built();
    expect(verifyChain(chainId, stored, { length: 3, hash: entries[2]!.hash }).ok).toBe(true);
  });

  it('names an edited entry', () => {
    const { stored, head } = built();
    stored[1]!.item.data = { decisionId: chainId, n: 99 };
    expect(verifyChain(chainId, stored, head)).toMatchObject({
      ok: false,
      firstBrokenEntry: `${chainId}/0000000002`,
      reason: expect.stringContaining('changed'),
    });
  });

  it('names the entry after one that was edited and given a fresh hash', () => {
    const { stored, head } = built();
    stored[1]!.item.data = { decisionId: chainId, n: 99 };
    stored[1]!.item.hash = hashOf(stored[1]!.item);
    expect(verifyChain(chainId, stored, head)).toMatchObject({ ok: false, firstBrokenEntry: `${chainId}/0000000003` });
  });

  it('names the last entry when it was edited and given a fresh hash (the head no longer matches)', () => {
    const { stored, head } = built();
    stored[3]!.item.data = { decisionId: chainId, n: 99 };
    stored[3]!.item.hash = hashOf(stored[3]!.item);
    expect(verifyChain(chainId, stored, head)).toMatchObject({ ok: false, firstBrokenEntry: `${chainId}/0000000004` });
  });

  it('names a removed entry in the middle', () => {
    const { stored, head } = built();
    stored.splice(1, 1);
    expect(verifyChain(chainId, stored, head)).toMatchObject({
      ok: false,
      firstBrokenEntry: `${chainId}/0000000002`,
      reason: expect.stringContaining('missing'),
    });
  });

  it('names a removed last entry (truncation) from the head', () => {
    const { stored, head } = built();
    stored.pop();
    expect(verifyChain(chainId, stored, head)).toMatchObject({
      ok: false,
      firstBrokenEntry: `${chainId}/0000000004`,
      reason: expect.stringContaining('removed from the end'),
    });
  });

  it('names the first of two entries that swapped places', () => {
    const { stored, head } = built();
    const second = stored[1]!.item;
    stored[1] = { position: 2, item: stored[2]!.item };
    stored[2] = { position: 3, item: second };
    expect(verifyChain(chainId, stored, head)).toMatchObject({
      ok: false,
      firstBrokenEntry: `${chainId}/0000000002`,
      reason: expect.stringContaining('reordered'),
    });
  });

  it('names an entry copied in from another chain', () => {
    const { stored, head } = built();
    const other = appendToChain('01JQ00000000000000000OTHER', emptyHead, events).entries[1]!;
    stored[1] = { position: 2, item: { ...other } };
    expect(verifyChain(chainId, stored, head)).toMatchObject({ ok: false, firstBrokenEntry: `${chainId}/0000000002` });
  });
});

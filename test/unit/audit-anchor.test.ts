import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { anchorOf, checkAgainstAnchor, readAnchor } from '../../shared/decisions/domain/anchor.js';
import { anchorKey, s3AnchorStore } from '../../shared/runtime/s3-anchor-store.js';

const h = (c: string) => c.repeat(64);
const D1 = '01JQ00000000000000000DECI1';
const D2 = '01JQ00000000000000000DECI2';
const takenAt = '2026-03-02T10:00:00.000+00:00';
const anchor = anchorOf(
  [
    { decisionId: D2, length: 1, hash: h('b') },
    { decisionId: D1, length: 3, hash: h('a') },
  ],
  '01JQ0000000000000000ANCHR1',
  takenAt,
);

describe('anchorOf', () => {
  it('lists the heads by decision id and digests them with the time and id', () => {
    expect(anchor.chains.map((c) => c.decisionId)).toEqual([D1, D2]);
    const later = anchorOf(anchor.chains, anchor.anchorId, '2026-03-02T11:00:00.000+00:00');
    expect(later.digest).not.toBe(anchor.digest);
    expect(anchorOf([...anchor.chains].reverse(), anchor.anchorId, takenAt).digest).toBe(anchor.digest);
  });
});

describe('readAnchor', () => {
  const stored = (body: unknown, storedAt?: string) => ({ name: 'a1', body: JSON.stringify(body), storedAt });

  it('reads an anchor that matches its digest and was stored when it says', () => {
    expect(readAnchor(stored(anchor, '2026-03-02T10:00:02Z'))).toEqual({ ok: true, anchor });
  });

  it('refuses an anchor whose heads were changed after its digest was taken', () => {
    const changed = { ...anchor, chains: [{ ...anchor.chains[0], length: 2 }, anchor.chains[1]] };
    expect(readAnchor(stored(changed))).toMatchObject({ ok: false, reason: expect.stringMatching(/digest/) });
  });

  it('refuses an anchor stored long after the time it claims (back-dated)', () => {
    expect(readAnchor(stored(anchor, '2026-03-02T12:00:00Z'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/was not written by the hourly anchor/),
    });
  });

  it('refuses what is not JSON or not an anchor', () => {
    expect(readAnchor({ name: 'x', body: 'not json' }).ok).toBe(false);
    expect(readAnchor(stored({ hello: 1 })).ok).toBe(false);
  });
});

describe('checkAgainstAnchor', () => {
  const [d1] = anchor.chains;
  const head = d1!;

  it('accepts a chain that still holds the anchored head, or has grown past it', () => {
    expect(checkAgainstAnchor(D1, [h('1'), h('2'), h('a')], head, anchor)).toBeUndefined();
    expect(checkAgainstAnchor(D1, [h('1'), h('2'), h('a'), h('4')], head, anchor)).toBeUndefined();
  });

  it('names the first entry lost since the anchor', () => {
    expect(checkAgainstAnchor(D1, [h('1'), h('2')], head, anchor)).toEqual({
      firstBrokenEntry: `${D1}/0000000003`,
      reason: expect.stringMatching(/recorded 3: the log lost entries since/),
    });
  });

  it('names the anchored entry when the chain up to it was rewritten', () => {
    expect(checkAgainstAnchor(D1, [h('1'), h('2'), h('c'), h('4')], head, anchor)).toMatchObject({
      firstBrokenEntry: `${D1}/0000000003`,
    });
  });

  it('names entry 1 of a chain that is gone', () => {
    expect(checkAgainstAnchor(D1, undefined, head, anchor)).toMatchObject({ firstBrokenEntry: `${D1}/0000000001` });
  });
});

describe('s3AnchorStore', () => {
  const s3 = mockClient(S3Client);
  const store = s3AnchorStore(new S3Client({ region: 'eu-west-1' }), 'anchor-bucket');
  beforeEach(() => s3.reset());

  it('names keys so that a later anchor sorts first', () => {
    const early = anchorKey(new Date('2026-03-02T10:00:00Z'));
    const late = anchorKey(new Date('2026-03-02T11:00:00Z'));
    expect(early.startsWith('anchors/')).toBe(true);
    expect(late < early).toBe(true);
  });

  it('puts a new object only, with a checksum (Object Lock requires one)', async () => {
    s3.on(PutObjectCommand).resolves({});
    const { name } = await store.put({ takenAt: new Date('2026-03-02T10:00:00Z'), body: '{}' });
    const input = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(input).toMatchObject({
      Bucket: 'anchor-bucket',
      Key: name,
      Body: '{}',
      IfNoneMatch: '*',
      ChecksumAlgorithm: 'SHA256',
    });
  });

  it('finds the newest anchor at or before a time with one listing after that time', async () => {
    const asOf = new Date('2026-03-02T10:30:00Z');
    const key = anchorKey(new Date('2026-03-02T10:00:00Z'));
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: key, LastModified: new Date('2026-03-02T10:00:01Z') }] });
    s3.on(GetObjectCommand, { Key: key }).resolves({
      Body: { transformToString: async () => '{"a":1}' } as never,
      LastModified: new Date('2026-03-02T10:00:01Z'),
    });
    expect(await store.latest(asOf)).toEqual({ name: key, body: '{"a":1}', storedAt: '2026-03-02T10:00:01.000Z' });
    const list = s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input;
    expect(list).toMatchObject({ Bucket: 'anchor-bucket', Prefix: 'anchors/', MaxKeys: 1 });
    // Everything after StartAfter was taken at or before asOf; what sorts before it is later.
    expect(key > String(list.StartAfter)).toBe(true);
    expect(anchorKey(new Date('2026-03-02T10:31:00Z')) < String(list.StartAfter)).toBe(true);
  });

  it('answers none when there is no anchor yet', async () => {
    s3.on(ListObjectsV2Command).resolves({});
    expect(await store.latest(new Date())).toBeUndefined();
  });

  it('reads every anchor, page after page', async () => {
    s3.on(ListObjectsV2Command)
      .resolvesOnce({ Contents: [{ Key: 'anchors/1' }], NextContinuationToken: 't' })
      .resolvesOnce({ Contents: [{ Key: 'anchors/2' }] });
    s3.on(GetObjectCommand).callsFake((input: { Key: string }) => ({
      Body: { transformToString: async () => input.Key },
    }));
    const names: string[] = [];
    for await (const a of store.all()) names.push(a.body);
    expect(names).toEqual(['anchors/1', 'anchors/2']);
    expect(s3.commandCalls(ListObjectsV2Command)[1]!.args[0].input.ContinuationToken).toBe('t');
  });
});

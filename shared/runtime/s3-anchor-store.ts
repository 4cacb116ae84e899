import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import * as z from 'zod/mini';
import type { AnchorStore, StoredAnchor } from './deps.js';
import { readEnv } from './env.js';

/**
 * The audit anchor in S3 (docs/decisions/0003-hash-chained-audit-log.md §5): one object per anchor
 * under `anchors/`, in a bucket with Object Lock in compliance mode, so no one — not the writer, not
 * an administrator — can change or delete an anchor before its retention ends. The writer may only
 * put (`access.anchor: 'write'`); a reader may only list and get (`'read'`).
 *
 * Keys sort newest first: `anchors/<9999999999999 − epoch ms, 13 digits>-<ISO time>-<ULID>.json`,
 * so "the newest anchor at or before a time" is one ListObjectsV2 (StartAfter that time, MaxKeys 1)
 * and one GetObject, however many anchors there are.
 */
const PREFIX = 'anchors/';
const LATEST = 9_999_999_999_999;
const inverted = (at: Date) => String(LATEST - at.getTime()).padStart(13, '0');
export const anchorKey = (at: Date, id = ulid()) => `${PREFIX}${inverted(at)}-${at.toISOString()}-${id}.json`;

export function s3AnchorStore(client: S3Client, bucket: string): AnchorStore {
  const read = async (key: string, lastModified?: Date): Promise<StoredAnchor> => {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const body = await out.Body?.transformToString('utf8');
    if (body === undefined) throw new Error(`Anchor ${key} has no body`);
    return { name: key, body, storedAt: (out.LastModified ?? lastModified)?.toISOString() };
  };
  return {
    async put({ takenAt, body }) {
      const key = anchorKey(takenAt);
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'application/json',
          // Object Lock requires an integrity checksum on every put; never replace an existing key.
          ChecksumAlgorithm: 'SHA256',
          IfNoneMatch: '*',
        }),
      );
      return { name: key };
    },
    async latest(asOf) {
      const out = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: PREFIX,
          StartAfter: `${PREFIX}${inverted(asOf)}`,
          MaxKeys: 1,
        }),
      );
      const first = out.Contents?.[0];
      return first?.Key ? read(first.Key, first.LastModified) : undefined;
    },
    async *all() {
      let token: string | undefined;
      do {
        const out = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: PREFIX, ContinuationToken: token }),
        );
        for (const o of out.Contents ?? []) if (o.Key) yield await read(o.Key, o.LastModified);
        token = out.NextContinuationToken;
      } while (token);
    },
  };
}

let s3: S3Client | undefined;
/** Lambda wiring: the bucket from ANCHOR_BUCKET_NAME (set with the grant by `access.anchor`). */
export const s3AnchorStoreFromEnv = (): AnchorStore => {
  s3 ??= new S3Client({});
  return s3AnchorStore(s3, readEnv({ ANCHOR_BUCKET_NAME: z.string().check(z.minLength(1)) }).ANCHOR_BUCKET_NAME);
};

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { jurisdictionOfCurrency, timeZoneOf, timeZones } from '../../kernel/index.js';
import { batchGetAll, type Db, type Key, queryAll, type RawItem, type TxItem } from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import { Forum } from '../domain/forums.js';
import type { HourlyRate } from '../domain/rates.js';
import { sortableTime, wallClock } from '../domain/time.js';

/**
 * Forums in the main table (docs/data-model.md, "Forums"): `FORUM#<id>` / `FORUM`, listed by gsi1
 * (`FORUMS`, newest first). Sessions, invitations and send records are in their own repositories.
 */
export const forumKey = (id: string): Key => ({ pk: `FORUM#${id}`, sk: 'FORUM' });

const isKnownZone = (v: unknown): v is (typeof timeZones)[number] => (timeZones as readonly unknown[]).includes(v);

/**
 * The forum's one older shape: stored before rates had effective dates, it holds one
 * `remuneration.hourlyRateMinor` (in force since its creation, on its local date) and no `version`
 * (read as 0: its first write is conditional on `attribute_not_exists(version)`).
 */
export function upcastForum(item: RawItem): RawItem {
  const withVersion = item.version === undefined ? { ...item, version: 0 } : item;
  if (item.rates !== undefined || typeof item.remuneration !== 'object' || item.remuneration === null) {
    return withVersion;
  }
  const { hourlyRateMinor, ...remuneration } = item.remuneration as Record<string, unknown>;
  const currency = remuneration.currency;
  const timeZone =
    item.timeZone ??
    (currency === 'EUR' || currency === 'GBP' ? timeZoneOf[jurisdictionOfCurrency[currency]] : undefined);
  const createdAt = item.createdAt;
  const datable = typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && isKnownZone(timeZone);
  const rates =
    hourlyRateMinor === undefined
      ? []
      : datable
        ? [{ effectiveFrom: wallClock(createdAt, timeZone).date, hourlyRateMinor }]
        : undefined;
  return { ...withVersion, remuneration, rates };
}

/** A forum with its optimistic `version` (0 for a forum stored before forums had one). */
export const ForumItem = defineItem({
  entity: 'forum',
  schema: z.extend(Forum, { version: z.number().check(z.int(), z.nonnegative()) }),
  upcast: upcastForum,
});
export type StoredForum = z.infer<typeof ForumItem.schema>;

const toStoredForum = (item: RawItem): StoredForum => parseItem(ForumItem, item);
const toForum = (item: RawItem): Forum => {
  const { version: _version, ...forum } = toStoredForum(item);
  return forum;
};

/** For BatchGets that read forums beside other items of this context (sessions-repo). */
export const forumRecord = { key: forumKey, parse: toForum } as const;

/** `version = :version`, or no version at all for a forum stored before forums had one. */
const versionIs = (version: number) => (version === 0 ? 'attribute_not_exists(version)' : 'version = :version');

export function putNewForum(db: Db, forum: Forum): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...forumKey(forum.forumId),
        entity: ForumItem.entity,
        version: 1,
        ...forum,
        gsi1pk: 'FORUMS',
        gsi1sk: `${sortableTime(forum.createdAt)}#${forum.forumId}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Strongly consistent: rates just written are what a payment is checked against. */
export async function getForum(db: Db, forumId: string): Promise<StoredForum | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: forumKey(forumId), ConsistentRead: true }));
  return out.Item ? toStoredForum(out.Item) : undefined;
}

/** Forums by id, in one BatchGet per 100 (strongly consistent, as getForum). */
export async function getForums(db: Db, forumIds: readonly string[]): Promise<Map<string, Forum>> {
  const items = await batchGetAll(db, forumIds.map(forumKey));
  return new Map(items.values().map((item) => [String(item.forumId), toForum(item)] as const));
}

export async function listForums(db: Db, opts: { limit: number; cursor?: string }): Promise<Page<Forum>> {
  const out = await queryPage(
    db,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'FORUMS' },
      ScanIndexForward: false,
    },
    { limit: opts.limit, cursor: opts.cursor },
  );
  return { items: out.items.map(toForum), nextCursor: out.nextCursor };
}

/** Every forum, from the forums index (all pages): for the co-production report. */
export async function listAllForums(db: Db): Promise<Forum[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': 'FORUMS' },
  });
  return items.map(toForum);
}

/** Replace the rate history, if nobody changed the forum since it was read (another rate). */
export function putForumRates(db: Db, forum: StoredForum, rates: HourlyRate[]): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: forumKey(forum.forumId),
      // A forum stored before rates had dates also loses its single undated rate here.
      UpdateExpression: 'SET rates = :rates, remuneration = :remuneration, version = :next',
      ConditionExpression: versionIs(forum.version),
      ExpressionAttributeValues: {
        ':rates': rates,
        ':remuneration': { currency: forum.remuneration.currency },
        ':next': forum.version + 1,
        ...(forum.version === 0 ? {} : { ':version': forum.version }),
      },
    },
  };
}

import * as z from 'zod/mini';
import { Id, IsoDateTime } from '../../kernel/index.js';
import { batchGetAll, type Db, type Key, type RawItem, type TxItem } from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';

/**
 * A participant's schedule, one item per participant and calendar month (UTC, of the session's
 * start): `SCHEDULE#<participantId>#<YYYY-MM>` / `SCHEDULE`, with one attribute `S#<sessionId>` =
 * `{forumId, startsAt, endsAt}` per live invitation starting that month (docs/data-model.md, "Forums").
 *
 * It lets scheduling read every invitee's other sessions (clashes, benefit projections) in one
 * BatchGet per 100 participant-months instead of one Query per invitee. Entries are written beside
 * the invitation (same transaction), as a top-level attribute each, so two sessions scheduled at once
 * for the same person never fail each other. An entry says where to look, not what the session is:
 * readers take status and times from the session item (strongly consistent BatchGet), so a session
 * still being prepared, or cancelled a moment ago, is never seen through it.
 */
const scheduleKey = (participantId: string, month: string): Key => ({
  pk: `SCHEDULE#${participantId}#${month}`,
  sk: 'SCHEDULE',
});
const entryName = (sessionId: string) => `S#${sessionId}`;
/** The UTC calendar month an instant falls in (`YYYY-MM`). */
export const monthOf = (instant: string) => new Date(Date.parse(instant)).toISOString().slice(0, 7);

export const ScheduleEntry = z.object({ forumId: Id, startsAt: IsoDateTime, endsAt: IsoDateTime });
const ScheduleMonthItem = defineItem({
  entity: 'schedule-month',
  // The attributes named S#<sessionId> are read by `entriesOf`; the rest are keys and tags.
  schema: z.record(z.string(), z.unknown()),
});
const Entry = defineItem({ entity: 'schedule-entry', schema: ScheduleEntry });

/** A BatchGet by keys, answering a lookup (memoReads shares one between the sources of a request). */
export type BatchRead = (keys: Key[]) => Promise<(key: Key) => RawItem | undefined>;

export type ScheduledEntry = { sessionId: string; forumId: string; startsAt: string; endsAt: string };

function entriesOf(item: RawItem): ScheduledEntry[] {
  const all = parseItem(ScheduleMonthItem, item);
  return Object.entries(all).flatMap(([name, value]) =>
    name.startsWith('S#')
      ? [{ sessionId: name.slice(2), ...parseItem(Entry, { pk: item.pk, sk: name, ...(value as object) }) }]
      : [],
  );
}

/** Put (or move within its month) the session on the participant's schedule. Never fails on a condition. */
export function putScheduleEntry(
  db: Db,
  participantId: string,
  s: { sessionId: string; forumId: string; startsAt: string; endsAt: string },
): TxItem {
  const month = monthOf(s.startsAt);
  return {
    Update: {
      TableName: db.table,
      Key: scheduleKey(participantId, month),
      UpdateExpression: 'SET entity = :entity, participantId = :p, #month = :m, #e = :entry',
      ExpressionAttributeNames: { '#month': 'month', '#e': entryName(s.sessionId) },
      ExpressionAttributeValues: {
        ':entity': ScheduleMonthItem.entity,
        ':p': participantId,
        ':m': month,
        ':entry': { forumId: s.forumId, startsAt: s.startsAt, endsAt: s.endsAt },
      },
    },
  };
}

/** Take the session off the participant's schedule for the month it started in (`startsAt`). */
export function removeScheduleEntry(db: Db, participantId: string, s: { sessionId: string; startsAt: string }): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: scheduleKey(participantId, monthOf(s.startsAt)),
      UpdateExpression: 'REMOVE #e',
      ExpressionAttributeNames: { '#e': entryName(s.sessionId) },
    },
  };
}

/** Every UTC month from the one `from` falls in to the one `to` falls in. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = monthOf(to);
  const d = new Date(`${monthOf(from)}-01T00:00:00Z`);
  for (let m = monthOf(d.toISOString()); m <= end; m = monthOf(d.toISOString())) {
    out.push(m);
    d.setUTCMonth(d.getUTCMonth() + 1);
    if (out.length > 24) break; // a window is at most a benefit period and a session: never two years
  }
  return out;
}

export type ScheduleRead = { participantId: string; from: string; to: string };

/**
 * The entries of each participant whose start lies in their [from, to] (ISO instants, inclusive), by
 * participant id: one BatchGet of every participant-month the windows touch (100 keys a request).
 * `read` lets a caller share one BatchGet between several sources (see `memoReads`).
 */
export async function scheduleEntries(
  reads: readonly ScheduleRead[],
  read: BatchRead,
): Promise<Map<string, ScheduledEntry[]>> {
  const wanted = reads.map((r) => ({
    r,
    keys: monthsBetween(r.from, r.to).map((m) => scheduleKey(r.participantId, m)),
  }));
  const get = await read(wanted.flatMap((w) => w.keys));
  const out = new Map<string, ScheduledEntry[]>();
  for (const { r, keys } of wanted) {
    const lo = Date.parse(r.from);
    const hi = Date.parse(r.to);
    const entries = keys
      .flatMap((k) => {
        const item = get(k);
        return item ? entriesOf(item) : [];
      })
      .filter((e) => Date.parse(e.startsAt) >= lo && Date.parse(e.startsAt) <= hi);
    out.set(r.participantId, [...(out.get(r.participantId) ?? []), ...entries]);
  }
  return out;
}

/**
 * A BatchGet that remembers what it read (and what it is reading) for the length of one request, so
 * the clash and projection sources asking for the same participant-months or sessions share reads.
 */
export function memoReads(db: Db): BatchRead {
  const seen = new Map<string, Promise<RawItem | undefined>>();
  const id = (k: Key) => `${k.pk}\u0000${k.sk}`;
  return async (keys) => {
    const missing = [...new Map(keys.filter((k) => !seen.has(id(k))).map((k) => [id(k), k])).values()];
    if (missing.length > 0) {
      const batch = batchGetAll(db, missing);
      for (const k of missing)
        seen.set(
          id(k),
          batch.then((found) => found.get(k)),
        );
    }
    const pairs = await Promise.all(keys.map(async (k) => [id(k), await seen.get(id(k))] as const));
    const got = new Map(pairs);
    return (k) => got.get(id(k));
  };
}

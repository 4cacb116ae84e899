import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { Id, IsoDate, IsoDateTime } from '../../kernel/index.js';
import { batchGetAll, type Db, type Key, queryAll, type RawItem, type TxItem } from '../../runtime/store/db.js';
import { defineItem, parseItem, parseMaybe } from '../../runtime/store/item.js';
import { type Page, queryPage } from '../../runtime/store/pagination.js';
import { type FeedbackItem, feedbackStatuses, isClosed, updateStatuses } from '../domain/feedback.js';

/**
 * Feedback in the main table (docs/data-model.md, "Feedback"):
 *
 * - the item `FEEDBACK#<id>` / `ITEM`, with an optimistic `version`; on gsi1 by forum
 *   (`FEEDBACK#FORUM#<forumId>`, sort `<1-open|2-closed>#<raisedAt>#<id>`: open first, oldest first,
 *   so `status=open|closed` is a `begins_with`), and on gsi2 by area and local date raised
 *   (`FEEDBACK#AREA#<areaId>`, sort `<raisedOn>#<raisedAt>#<id>`: the evaluation's year is a Query);
 * - `FEEDBACKS` / `<state>#<raisedAt>#<id>`: every item, for staff listing across forums (moved
 *   in the same transaction when the item opens or closes);
 * - `FEEDBACKBY#<participantId>` / `<raisedAt>#<id>`: the items a participant raised (never changes);
 * - `FEEDBACKDUE#<forumId>` / `<closedAt>#<id>`: closed and not yet reported back at the forum
 *   (written when the item closes, removed when it is reported back or reopened).
 *
 * The pointers carry the feedbackId only; the item is read by BatchGet.
 */
const pkOf = (id: string) => `FEEDBACK#${id}`;
export const feedbackKey = (id: string): Key => ({ pk: pkOf(id), sk: 'ITEM' });

type State = 'open' | 'closed';
const stateOf = (item: Pick<FeedbackItem, 'status'>): State => (isClosed(item) ? 'closed' : 'open');
const stateRank = (s: State) => (s === 'open' ? '1-open' : '2-closed');

const Update = z.object({
  at: IsoDateTime,
  status: z.enum(updateStatuses),
  note: z.string(),
  decisionId: z.optional(Id),
});

export const FeedbackItemRecord = defineItem({
  entity: 'feedback',
  schema: z.object({
    feedbackId: Id,
    forumId: Id,
    sessionId: z.optional(Id),
    text: z.string().check(z.minLength(1)),
    raisedBy: z.optional(Id),
    status: z.enum(feedbackStatuses),
    raisedAt: IsoDateTime,
    closedAt: z.optional(IsoDateTime),
    reportedBackAt: z.optional(IsoDateTime),
    decisionIds: z.array(Id),
    updates: z.array(Update),
    /** The forum's area when it was raised. */
    areaId: z.string().check(z.minLength(1)),
    /** The date it was raised in the forum's time zone (the evaluation counts by calendar year there). */
    raisedOn: IsoDate,
    version: z.number().check(z.int(), z.positive()),
  }),
});
export type StoredFeedback = z.infer<typeof FeedbackItemRecord.schema>;

const Pointer = defineItem({ entity: 'feedback-pointer', schema: z.object({ feedbackId: Id }) });

const toStored = (item: RawItem): StoredFeedback => parseItem(FeedbackItemRecord, item);

/** The domain item, without the storage attributes. */
export function toFeedbackItem(s: StoredFeedback): FeedbackItem {
  const { areaId: _a, raisedOn: _r, version: _v, ...item } = s;
  return item;
}

function record(item: FeedbackItem, place: { areaId: string; raisedOn: string }, version: number) {
  const state = stateRank(stateOf(item));
  return {
    ...item,
    ...place,
    ...feedbackKey(item.feedbackId),
    entity: FeedbackItemRecord.entity,
    version,
    gsi1pk: `FEEDBACK#FORUM#${item.forumId}`,
    gsi1sk: `${state}#${item.raisedAt}#${item.feedbackId}`,
    gsi2pk: `FEEDBACK#AREA#${place.areaId}`,
    gsi2sk: `${place.raisedOn}#${item.raisedAt}#${item.feedbackId}`,
  };
}

const allKey = (item: Pick<FeedbackItem, 'status' | 'raisedAt' | 'feedbackId'>): Key => ({
  pk: 'FEEDBACKS',
  sk: `${stateRank(stateOf(item))}#${item.raisedAt}#${item.feedbackId}`,
});
const byKey = (participantId: string, item: Pick<FeedbackItem, 'raisedAt' | 'feedbackId'>): Key => ({
  pk: `FEEDBACKBY#${participantId}`,
  sk: `${item.raisedAt}#${item.feedbackId}`,
});
const dueKey = (item: Pick<FeedbackItem, 'forumId' | 'feedbackId'>, closedAt: string): Key => ({
  pk: `FEEDBACKDUE#${item.forumId}`,
  sk: `${closedAt}#${item.feedbackId}`,
});

const putPointer = (db: Db, key: Key, feedbackId: string): TxItem => ({
  Put: { TableName: db.table, Item: { ...key, entity: Pointer.entity, feedbackId } },
});
const deletePointer = (db: Db, key: Key): TxItem => ({ Delete: { TableName: db.table, Key: key } });

/** The writes that store a newly raised item and its pointers (the caller adds the event). */
export function putNewFeedback(db: Db, item: FeedbackItem, place: { areaId: string; raisedOn: string }): TxItem[] {
  return [
    {
      Put: {
        TableName: db.table,
        Item: record(item, place, 1),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    putPointer(db, allKey(item), item.feedbackId),
    ...(item.raisedBy ? [putPointer(db, byKey(item.raisedBy, item), item.feedbackId)] : []),
  ];
}

/**
 * The writes that replace an item read at `before.version` with `after`: the item (only if nobody
 * changed it since), and the pointers its change moves — the staff list when it opens or closes,
 * and the forum's "due to hear" list when it closes, is reopened or is reported back.
 */
export function replaceFeedback(db: Db, before: StoredFeedback, after: FeedbackItem): TxItem[] {
  const items: TxItem[] = [
    {
      Put: {
        TableName: db.table,
        Item: record(after, { areaId: before.areaId, raisedOn: before.raisedOn }, before.version + 1),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': before.version },
      },
    },
  ];
  if (stateOf(before) !== stateOf(after)) {
    items.push(deletePointer(db, allKey(before)), putPointer(db, allKey(after), after.feedbackId));
  }
  const wasDue = before.closedAt && !before.reportedBackAt ? before.closedAt : undefined;
  const isDue = after.closedAt && !after.reportedBackAt ? after.closedAt : undefined;
  if (wasDue !== isDue) {
    if (wasDue) items.push(deletePointer(db, dueKey(before, wasDue)));
    if (isDue) items.push(putPointer(db, dueKey(after, isDue), after.feedbackId));
  }
  return items;
}

export async function getFeedback(db: Db, id: string): Promise<StoredFeedback | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: feedbackKey(id), ConsistentRead: true }));
  return parseMaybe(FeedbackItemRecord, out.Item);
}

/** Items by id, in the order asked (those that exist). */
export async function getFeedbackItems(
  db: Db,
  ids: readonly string[],
  opts: { consistent?: boolean } = {},
): Promise<StoredFeedback[]> {
  const found = await batchGetAll(db, ids.map(feedbackKey), opts);
  return ids.flatMap((id) => {
    const item = found.get(feedbackKey(id));
    return item ? [toStored(item)] : [];
  });
}

const statePrefix = (state: State | undefined) => (state ? `${stateRank(state)}#` : undefined);

/** A forum's items, open first, oldest first (gsi1); `state` narrows to open or closed. */
export async function pageForumFeedback(
  db: Db,
  forumId: string,
  q: { state?: State; limit: number; cursor?: string },
): Promise<Page<StoredFeedback>> {
  const prefix = statePrefix(q.state);
  const out = await queryPage(
    db,
    {
      IndexName: 'gsi1',
      KeyConditionExpression: prefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :s)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `FEEDBACK#FORUM#${forumId}`, ...(prefix ? { ':s': prefix } : {}) },
    },
    { limit: q.limit, cursor: q.cursor },
  );
  return { items: out.items.map(toStored), nextCursor: out.nextCursor };
}

async function pagePointers(
  db: Db,
  input: { pk: string; prefix?: string; newestFirst?: boolean },
  page: { limit: number; cursor?: string },
): Promise<Page<StoredFeedback>> {
  const out = await queryPage(
    db,
    {
      KeyConditionExpression: input.prefix ? 'pk = :pk AND begins_with(sk, :s)' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': input.pk, ...(input.prefix ? { ':s': input.prefix } : {}) },
      ScanIndexForward: !input.newestFirst,
    },
    page,
  );
  const ids = out.items.map((i) => parseItem(Pointer, i).feedbackId);
  return { items: await getFeedbackItems(db, ids, { consistent: false }), nextCursor: out.nextCursor };
}

/** Every item, open first, oldest first (the staff list across forums); `state` narrows it. */
export const pageAllFeedback = (db: Db, q: { state?: State; limit: number; cursor?: string }) =>
  pagePointers(db, { pk: 'FEEDBACKS', prefix: statePrefix(q.state) }, q);

/** The items a participant raised, newest first (filter by forum and state after reading). */
export const pageFeedbackRaisedBy = (db: Db, participantId: string, q: { limit: number; cursor?: string }) =>
  pagePointers(db, { pk: `FEEDBACKBY#${participantId}`, newestFirst: true }, q);

/** The forum's items closed and not yet reported back (oldest closure first): its "due" pointers, then the items. */
export async function feedbackDueAt(db: Db, forumId: string): Promise<StoredFeedback[]> {
  const pointers = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `FEEDBACKDUE#${forumId}` },
    ConsistentRead: true,
  });
  return getFeedbackItems(
    db,
    pointers.map((i) => parseItem(Pointer, i).feedbackId),
    { consistent: true },
  );
}

/** Every item raised in an area on local dates from `from` to `to` inclusive (`YYYY-MM-DD`): one Query on gsi2. */
export async function feedbackOfAreaBetween(
  db: Db,
  areaId: string,
  range: { from: string; to: string },
): Promise<StoredFeedback[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :lo AND :hi',
    ExpressionAttributeValues: { ':pk': `FEEDBACK#AREA#${areaId}`, ':lo': range.from, ':hi': `${range.to}\uffff` },
  });
  return items.map(toStored);
}

// ---- Who has been told ------------------------------------------------------------------------

/** The send-once record of the message about one update of one item (runtime/store/send-claims). */
export const noticeClaim = (feedbackId: string, updateNumber: number, participantId: string, now: Date) => ({
  key: { pk: `FEEDBACKNOTICE#${feedbackId}`, sk: `UPDATE#${String(updateNumber).padStart(4, '0')}` },
  attributes: { feedbackId, updateNumber, participantId },
  entity: 'feedback-notice',
  // Kept a year, then DynamoDB may delete it (a redelivery a year late is not expected).
  expiresAt: Math.floor(now.getTime() / 1000) + 366 * 86_400,
});

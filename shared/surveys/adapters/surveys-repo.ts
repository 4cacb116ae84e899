import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { Constituency, IsoDateTime, StakeholderGroup } from '../../kernel/index.js';
import { batchGetAll, type Db, type Key, queryAll, type RawItem, type TxItem } from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';
import { instrumentIds } from '../domain/instruments.js';
import type { StoredResponse, Survey } from '../domain/survey.js';

/**
 * docs/data-model.md, "Surveys". A survey is `SURVEY#<id>` / `SURVEY`, listed by area and year on
 * GSI2 (`AREA#<areaId>` / `SURVEY#<year>#<surveyId>`, beside the area's participants). Each
 * response is `SURVEY#<id>` / `RESPONSE#<responseKey>`: the keyed hash is the sort key, so the
 * conditional put that blocks a second response needs no index, and a Query returns responses in
 * hash order, which follows neither who answered nor when.
 */
export const surveyKey = (surveyId: string): Key => ({ pk: `SURVEY#${surveyId}`, sk: 'SURVEY' });
export const responseItemKey = (surveyId: string, responseKey: string): Key => ({
  pk: `SURVEY#${surveyId}`,
  sk: `RESPONSE#${responseKey}`,
});

const SurveySchema = z.object({
  surveyId: z.string().check(z.minLength(1)),
  areaId: z.string().check(z.minLength(1)),
  year: z.number().check(z.int()),
  title: z.string(),
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  instruments: z
    .array(z.object({ id: z.enum(instrumentIds), version: z.number().check(z.int(), z.gte(1)) }))
    .check(z.minLength(1)),
  createdAt: IsoDateTime,
});
export type StoredSurvey = Survey & { createdAt: string };

export const SurveyItem = defineItem({ entity: 'survey', schema: SurveySchema });

/**
 * What a response item holds. Strict on purpose: an anonymous response must never carry a
 * `participantId`, and an attribute this schema does not know (a timestamp someone adds later) is
 * refused on read rather than silently kept.
 */
const ResponseSchema = z
  .strictObject({
    pk: z.string(),
    sk: z.string(),
    entity: z.literal('survey-response'),
    surveyId: z.string().check(z.minLength(1)),
    responseKey: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    anonymous: z.boolean(),
    participantId: z.optional(z.string().check(z.minLength(1))),
    stakeholderGroup: StakeholderGroup,
    constituency: Constituency,
    answers: z.record(z.string(), z.union([z.number(), z.string()])),
    shareComments: z.boolean(),
    enteredBy: z.enum(['self', 'coordinator']),
    receivedOn: z.iso.date(),
  })
  .check(
    z.refine((r) => (r.anonymous ? r.participantId === undefined : r.participantId !== undefined), {
      message: 'an anonymous response carries no participantId; a named one does',
      path: ['participantId'],
    }),
  );

export const ResponseItem = defineItem({ entity: 'survey-response', schema: ResponseSchema });

const toResponse = (item: RawItem): StoredResponse => {
  const { pk: _pk, sk: _sk, entity: _e, ...r } = parseItem(ResponseItem, item);
  return r;
};

export function putNewSurvey(db: Db, s: StoredSurvey): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...surveyKey(s.surveyId),
        entity: SurveyItem.entity,
        ...s,
        gsi2pk: `AREA#${s.areaId}`,
        gsi2sk: `SURVEY#${s.year}#${s.surveyId}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * A response, written once: the condition on its key (the keyed hash of survey and participant)
 * fails for a second response by the same person. No time of day, no id of the response, nothing
 * but what `storedResponse` kept.
 */
export function putNewResponse(db: Db, r: StoredResponse): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: { ...responseItemKey(r.surveyId, r.responseKey), entity: ResponseItem.entity, ...r },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getSurvey(db: Db, surveyId: string): Promise<StoredSurvey | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: surveyKey(surveyId) }));
  return out.Item ? parseItem(SurveyItem, out.Item) : undefined;
}

/** Surveys of an area, newest year first; `year` narrows to one year (GSI2). */
export async function surveysInArea(db: Db, areaId: string, year?: number): Promise<StoredSurvey[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': `AREA#${areaId}`,
      ':prefix': year === undefined ? 'SURVEY#' : `SURVEY#${year}#`,
    },
    ScanIndexForward: false,
  });
  return items.map((i) => parseItem(SurveyItem, i));
}

/** Every response to a survey (consistent: a response just sent is counted). */
export async function responsesOf(db: Db, surveyId: string): Promise<StoredResponse[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `SURVEY#${surveyId}`, ':prefix': 'RESPONSE#' },
    ConsistentRead: true,
  });
  return items.map(toResponse);
}

/** How many responses a survey has, without reading them (Query with Select COUNT, every page). */
export async function countResponses(db: Db, surveyId: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `SURVEY#${surveyId}`, ':prefix': 'RESPONSE#' },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

/** Which of these response keys are taken (one BatchGet per 100): "have you answered?" for a member. */
export async function takenResponseKeys(
  db: Db,
  pairs: readonly { surveyId: string; responseKey: string }[],
): Promise<Set<string>> {
  const items = await batchGetAll(
    db,
    pairs.map((p) => responseItemKey(p.surveyId, p.responseKey)),
    { consistent: true },
  );
  return new Set(items.values().map((i) => String(i.sk).slice('RESPONSE#'.length)));
}

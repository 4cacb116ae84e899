import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { Constituency, IsoDate, IsoDateTime } from '../../kernel/index.js';
import { type Db, queryAll, type RawItem, type TxItem } from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';
import { rungs } from '../domain/ladder.js';
import { actions, ratings } from '../domain/self-assessment.js';

/**
 * The evaluation context's own items (docs/data-model.md, "Evaluation"). Everything the yearly
 * evaluation of an area counts from this context lives in one partition, `EVALUATION#<areaId>#<year>`,
 * so the evaluation reads it with one Query (all pages): the ladder answers on the year's sessions
 * and decisions, the staff activities dated in the year and the self-assessment of that year.
 * Lived-experience roles span years, so they are kept per person and listed by area (gsi2).
 */

export const ladderSubjects = ['session', 'decision'] as const;
export type LadderSubject = (typeof ladderSubjects)[number];

export const areaYearPk = (areaId: string, year: number) => `EVALUATION#${areaId}#${year}`;

// ---- ladder answers -----------------------------------------------------------------------------

export const LadderAnswerRecord = z.object({
  subject: z.enum(ladderSubjects),
  subjectId: z.string().check(z.minLength(1)),
  participantId: z.string().check(z.minLength(1)),
  constituency: Constituency,
  rung: z.enum(rungs),
  areaId: z.string().check(z.minLength(1)),
  year: z.int(),
  answeredAt: IsoDateTime,
});
export type LadderAnswerRecord = z.infer<typeof LadderAnswerRecord>;
export const LadderAnswerItem = defineItem({ entity: 'ladder-answer', schema: LadderAnswerRecord });

const ladderSk = (subject: LadderSubject, subjectId: string, participantId: string) =>
  `LADDER#${subject}#${subjectId}#${participantId}`;
const myLadderPk = (participantId: string) => `PARTICIPANT#${participantId}#LADDER`;
const myLadderSk = (subject: LadderSubject, subjectId: string) => `${subject}#${subjectId}`;

/**
 * One answer per person per session or decision: a plain Put on a key made of both, so a second
 * answer replaces the first (the contract's "one answer per attendee") and a repeat changes nothing.
 */
export async function putLadderAnswer(db: Db, a: LadderAnswerRecord): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: {
        pk: areaYearPk(a.areaId, a.year),
        sk: ladderSk(a.subject, a.subjectId, a.participantId),
        entity: LadderAnswerItem.entity,
        ...a,
        gsi1pk: myLadderPk(a.participantId),
        gsi1sk: myLadderSk(a.subject, a.subjectId),
      },
    }),
  );
}

/** A person's own ladder answers (gsi1 `PARTICIPANT#<id>#LADDER`, all pages). */
export async function ladderAnswersOf(db: Db, participantId: string): Promise<LadderAnswerRecord[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': myLadderPk(participantId) },
  });
  return items.map((i) => parseItem(LadderAnswerItem, i));
}

// ---- staff activities ---------------------------------------------------------------------------

export const staffActivityKinds = ['co-production-training', 'reflective-practice'] as const;

export const StaffActivityRecord = z.object({
  activityId: z.string().check(z.minLength(1)),
  kind: z.enum(staffActivityKinds),
  title: z.string(),
  date: IsoDate,
  hours: z.number().check(z.positive()),
  areaId: z.string().check(z.minLength(1)),
  attendees: z.array(z.string()),
  coFacilitators: z.array(z.string()),
  recordedBy: z.string(),
  recordedAt: IsoDateTime,
});
export type StaffActivityRecord = z.infer<typeof StaffActivityRecord>;
export const StaffActivityItem = defineItem({ entity: 'staff-activity', schema: StaffActivityRecord });

export function putNewStaffActivity(db: Db, a: StaffActivityRecord): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        pk: areaYearPk(a.areaId, Number(a.date.slice(0, 4))),
        sk: `STAFF#${a.date}#${a.activityId}`,
        entity: StaffActivityItem.entity,
        ...a,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

// ---- self-assessment ----------------------------------------------------------------------------

export const SelfAssessmentRecord = z.object({
  areaId: z.string().check(z.minLength(1)),
  year: z.int(),
  action: z.enum(actions),
  view: Constituency,
  rating: z.enum(ratings),
  evidence: z.string(),
  recordedBy: z.string(),
  recordedAt: IsoDateTime,
});
export type SelfAssessmentRecord = z.infer<typeof SelfAssessmentRecord>;
export const SelfAssessmentItem = defineItem({ entity: 'self-assessment', schema: SelfAssessmentRecord });

/** One item per area, year, action and view: the latest Put is the answer that counts. */
export async function putSelfAssessment(db: Db, s: SelfAssessmentRecord): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: {
        pk: areaYearPk(s.areaId, s.year),
        sk: `SELF#${s.action}#${s.view}`,
        entity: SelfAssessmentItem.entity,
        ...s,
      },
    }),
  );
}

/** The self-assessment of an area's year, both views (one Query, `SELF#` prefix). */
export async function selfAssessmentsOf(db: Db, areaId: string, year: number): Promise<SelfAssessmentRecord[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': areaYearPk(areaId, year), ':prefix': 'SELF#' },
  });
  return items.map((i) => parseItem(SelfAssessmentItem, i));
}

// ---- the area's year, in one Query --------------------------------------------------------------

export type AreaYearRecords = {
  ladder: LadderAnswerRecord[];
  staffActivities: StaffActivityRecord[];
  selfAssessments: SelfAssessmentRecord[];
};

/** Everything this context keeps for an area's year: one Query on `EVALUATION#<areaId>#<year>`, all pages. */
export async function areaYearRecords(db: Db, areaId: string, year: number): Promise<AreaYearRecords> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': areaYearPk(areaId, year) },
  });
  const of = (entity: string) => items.filter((i) => i.entity === entity);
  return {
    ladder: of(LadderAnswerItem.entity).map((i) => parseItem(LadderAnswerItem, i)),
    staffActivities: of(StaffActivityItem.entity).map((i) => parseItem(StaffActivityItem, i)),
    selfAssessments: of(SelfAssessmentItem.entity).map((i) => parseItem(SelfAssessmentItem, i)),
  };
}

/** The staff activities of an area dated in a year (one Query, `STAFF#` prefix). */
export async function staffActivitiesOf(db: Db, areaId: string, year: number): Promise<StaffActivityRecord[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': areaYearPk(areaId, year), ':prefix': 'STAFF#' },
  });
  return items.map((i) => parseItem(StaffActivityItem, i));
}

// ---- lived-experience roles ---------------------------------------------------------------------

export const roleKindNames = [
  'peer-support-worker',
  'peer-educator',
  'area-lead',
  'lived-experience-facilitator',
  'other',
] as const;

export const RoleRecord = z.object({
  roleId: z.string().check(z.minLength(1)),
  participantId: z.string().check(z.minLength(1)),
  areaId: z.string().check(z.minLength(1)),
  role: z.enum(roleKindNames),
  from: IsoDate,
  to: z.optional(IsoDate),
  fte: z.number().check(z.positive()),
  recordedBy: z.string(),
  recordedAt: IsoDateTime,
});
export type RoleRecord = z.infer<typeof RoleRecord>;
export const RoleItem = defineItem({ entity: 'lived-experience-role', schema: RoleRecord });

const rolePk = (participantId: string) => `LEROLE#${participantId}`;

export function putNewRole(db: Db, r: RoleRecord): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        pk: rolePk(r.participantId),
        sk: `ROLE#${r.roleId}`,
        entity: RoleItem.entity,
        ...r,
        gsi2pk: `AREA#${r.areaId}`,
        gsi2sk: `LEROLE#${r.from}#${r.roleId}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** One person's roles, oldest first (one Query on `LEROLE#<participantId>`). */
export async function rolesOfParticipant(db: Db, participantId: string): Promise<RoleRecord[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': rolePk(participantId), ':prefix': 'ROLE#' },
  });
  return items.map((i) => parseItem(RoleItem, i)).sort((a, b) => a.from.localeCompare(b.from));
}

/** Every role recorded in an area, whenever it started (gsi2 `AREA#<areaId>`, `LEROLE#` prefix, all pages). */
export async function rolesInArea(db: Db, areaId: string): Promise<RoleRecord[]> {
  const items = await queryAll(db, {
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
    ExpressionAttributeValues: { ':pk': `AREA#${areaId}`, ':prefix': 'LEROLE#' },
  });
  return items.map((i) => parseItem(RoleItem, i));
}

// ---- what a member may answer (kept by the ladder-asks consumer) --------------------------------

export const LadderAskRecord = z.object({
  participantId: z.string().check(z.minLength(1)),
  subject: z.enum(ladderSubjects),
  subjectId: z.string().check(z.minLength(1)),
  /** The session's local date, or the day the person signed the decision. */
  on: IsoDate,
  title: z.string(),
  askedAt: IsoDateTime,
});
export type LadderAskRecord = z.infer<typeof LadderAskRecord>;
export const LadderAskItem = defineItem({ entity: 'ladder-ask', schema: LadderAskRecord });

const askPk = (participantId: string) => `LADDERASK#${participantId}`;

/** Idempotent: the same session or decision for the same person is the same key. */
export function putLadderAsk(db: Db, a: LadderAskRecord): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        pk: askPk(a.participantId),
        sk: `${a.on}#${a.subject}#${a.subjectId}`,
        entity: LadderAskItem.entity,
        ...a,
      },
    },
  };
}

/** A person's sessions and decisions to answer for, newest first, at most `limit`. */
export async function ladderAsksOf(db: Db, participantId: string, limit: number): Promise<LadderAskRecord[]> {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': askPk(participantId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((i: RawItem) => parseItem(LadderAskItem, i));
}

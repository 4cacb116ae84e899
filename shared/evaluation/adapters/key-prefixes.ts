/**
 * The main-table partitions the evaluation context owns, as IAM `StringLike` patterns on
 * `dynamodb:LeadingKeys` (docs/decisions/0007-table-access-by-key-prefix.md). Spelled as the key
 * builders in evaluation-repo.ts spell them.
 */
export const evaluationKeys = {
  /** `EVALUATION#<areaId>#<year>`: ladder answers, staff activities and self-assessments of an area's year. */
  areaYear: 'EVALUATION#*',
  /** gsi1 `PARTICIPANT#<id>#LADDER`: a member's own ladder answers. */
  myLadder: 'PARTICIPANT#*#LADDER',
  /** `LEROLE#<participantId>`: a person's lived-experience roles (and gsi2 under the area). */
  roles: 'LEROLE#*',
  /** `LADDERASK#<participantId>`: the sessions and decisions a member may say how they felt. */
  asks: 'LADDERASK#*',
} as const;

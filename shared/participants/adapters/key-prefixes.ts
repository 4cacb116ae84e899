/**
 * The main-table partitions the participants context owns, as IAM `StringLike` patterns on
 * `dynamodb:LeadingKeys` (table `pk`, or the index partition key a Query names). The catalogue's
 * `access.keys` lists them per function (docs/decisions/0007-table-access-by-key-prefix.md).
 * Spelled as the key builders in this folder spell them.
 */
export const participantKeys = {
  /**
   * `PARTICIPANT#<id>` / `PROFILE`. The pattern also covers the partitions other contexts keep per
   * participant (payments' ledger in the same partition, gsi2 `PARTICIPANT#<id>#SESSIONS` and
   * `#PAYMENTS`): a leading-key condition cannot tell them apart (the ADR says so).
   */
  participant: 'PARTICIPANT#*',
  /** `TASK#<taskId>`: coordinator tasks. */
  task: 'TASK#*',
  /** gsi1 `PARTICIPANTS`: every participant, newest first. */
  participants: 'PARTICIPANTS',
  /** gsi2 `AREA#<areaId>`: participants by area. */
  area: 'AREA#*',
  /** gsi1 `TASKS#open`. */
  openTasks: 'TASKS#open',
} as const;

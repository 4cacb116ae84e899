/**
 * The main-table partitions the forums context owns, as IAM `StringLike` patterns on
 * `dynamodb:LeadingKeys` (table `pk`, or the index partition key a Query names). The catalogue's
 * `access.keys` lists them per function (docs/decisions/0007-table-access-by-key-prefix.md).
 * Spelled as the key builders in this folder spell them.
 */
export const forumKeys = {
  /** `FORUM#<id>` / `FORUM`, and gsi1 `FORUM#<id>#SESSIONS` (a forum's sessions by time). */
  forum: 'FORUM#*',
  /** `SESSION#<id>`: the session, its invitations (`INVITEE#…`) and its send-once records. */
  session: 'SESSION#*',
  /** gsi1 `FORUMS`: every forum. */
  forums: 'FORUMS',
  /** gsi2 `PARTICIPANT#<id>#SESSIONS`: a person's invitations by time. */
  participantSessions: 'PARTICIPANT#*#SESSIONS',
  /** `SCHEDULE#<participantId>#<YYYY-MM>`: a person's planned sessions of a month (clashes, projections). */
  schedule: 'SCHEDULE#*',
  /** gsi1 `SESSIONS#PREPARING`: large sessions still being prepared (ADR 0008), for the sweeper. */
  preparing: 'SESSIONS#PREPARING',
} as const;

/**
 * The main-table partitions the decisions context owns, as IAM `StringLike` patterns on
 * `dynamodb:LeadingKeys` (table `pk`, or the index partition key a Query names). The catalogue's
 * `access.keys` lists them per function (docs/decisions/0007-table-access-by-key-prefix.md).
 * Spelled as the key builders in this folder spell them. (The audit table holds only this
 * context's chains; its grant is narrowed by action — append — not by key.)
 */
export const decisionKeys = {
  /** `DECISION#<id>`: the decision, its text revisions, signatures and reminder claims. */
  decision: 'DECISION#*',
  /** `DECISIONNOTICE#<id>`: "please sign" send-once records. */
  notice: 'DECISIONNOTICE#*',
  /** `DECISIONSESSION#<sessionId>`: who was invited to a session (kept from ForumSessionScheduled). */
  session: 'DECISIONSESSION#*',
  /** gsi1 `DECISIONS`: every decision by date proposed. */
  decisions: 'DECISIONS',
  /** gsi2 `DECISIONS#OPEN` / `DECISIONS#CLOSED`: decisions by status. */
  byStatus: 'DECISIONS#*',
} as const;

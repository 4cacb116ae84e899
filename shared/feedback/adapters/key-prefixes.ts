/**
 * The main-table partitions the feedback context owns, as IAM `StringLike` patterns on
 * `dynamodb:LeadingKeys` (docs/decisions/0007-table-access-by-key-prefix.md). Spelled as the key
 * builders in this folder spell them.
 */
export const feedbackKeys = {
  /** `FEEDBACK#<id>`, and the indexes gsi1 `FEEDBACK#FORUM#<forumId>` and gsi2 `FEEDBACK#AREA#<areaId>`. */
  feedback: 'FEEDBACK#*',
  /** `FEEDBACKS`: the staff list of every item by state. */
  all: 'FEEDBACKS',
  /** `FEEDBACKBY#<participantId>`: a person's own items. */
  byPerson: 'FEEDBACKBY#*',
  /** `FEEDBACKDUE#<forumId>`: closed items waiting to be reported back at the forum. */
  due: 'FEEDBACKDUE#*',
  /** `FEEDBACKNOTICE#<feedbackId>`: the send-once record of each message about an item. */
  notice: 'FEEDBACKNOTICE#*',
} as const;

/**
 * The main-table partitions the surveys context owns, as IAM `StringLike` patterns on
 * `dynamodb:LeadingKeys` (docs/decisions/0007-table-access-by-key-prefix.md). Spelled as the key
 * builders in this folder spell them. An area's surveys are found on gsi2 under `AREA#<areaId>`,
 * the participants context's partition, which surveys reads and never writes.
 */
export const surveyKeys = {
  /** `SURVEY#<id>`: the survey and its responses (`RESPONSE#<keyed hash>`). */
  survey: 'SURVEY#*',
} as const;

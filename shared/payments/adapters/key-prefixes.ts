/**
 * The main-table partitions the payments context owns, as IAM `StringLike` patterns on
 * `dynamodb:LeadingKeys` (table `pk`, or the index partition key a Query names). The catalogue's
 * `access.keys` lists them per function (docs/decisions/0007-table-access-by-key-prefix.md).
 * Spelled as the key builders in this folder spell them.
 */
export const paymentKeys = {
  /** `PAYMENT#<id>`: the payment and its held-notice send-once records. */
  payment: 'PAYMENT#*',
  /**
   * `PARTICIPANT#<id>` / `LEDGER#…`: the person's period totals live in the participant's
   * partition, so writing them needs the participant pattern (it also covers the profile: a
   * leading-key condition cannot tell the two apart; see the ADR).
   */
  ledger: 'PARTICIPANT#*',
  /** gsi1 `PAYMENTS#<status>`: payments by status and day. */
  byStatus: 'PAYMENTS#*',
  /** gsi2 `PARTICIPANT#<id>#PAYMENTS`: a person's payments. */
  participantPayments: 'PARTICIPANT#*#PAYMENTS',
} as const;

import type { Db, ItemsByKey, Key, TxItem } from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';
import type { Period } from '../domain/periods.js';
import { type Contribution, emptyLedger, Ledger } from '../domain/totals.js';

/**
 * Period ledgers: one item per person per benefit period (`week#2026-03-02`, `month#2026-03-12`),
 * in the participant's item collection. It holds what each payment contributed, keyed by payment
 * id, and a version. Every write is conditional on the version read, so two payments assessed at
 * once cannot both spend the same headroom: the second one's transaction fails and it re-assesses.
 */
export const ledgerKey = (participantId: string, periodKey: string): Key => ({
  pk: `PARTICIPANT#${participantId}`,
  sk: `LEDGER#${periodKey}`,
});

export const LedgerItem = defineItem({ entity: 'ledger', schema: Ledger });

/** Every key of a person's ledgers for these periods (by ledger key). */
export const ledgerKeysOf = (participantId: string, periods: Record<string, Period>): Key[] =>
  Object.keys(periods).map((k) => ledgerKey(participantId, k));

/** A person's ledgers for these periods from a BatchGet's items; a period nobody has written yet is empty. */
export function ledgersFrom(items: ItemsByKey, participantId: string, periods: Record<string, Period>): Ledger[] {
  return Object.entries(periods).map(([key, period]) => {
    const item = items.get(ledgerKey(participantId, key));
    return item ? parseItem(LedgerItem, item) : emptyLedger(participantId, key, period);
  });
}

/** Write the ledger with one payment's contribution set, only if nobody wrote it since `ledger` was read. */
export function putLedgerEntry(db: Db, ledger: Ledger, paymentId: string, contribution: Contribution): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...ledgerKey(ledger.participantId, ledger.periodKey),
        entity: LedgerItem.entity,
        participantId: ledger.participantId,
        periodKey: ledger.periodKey,
        period: ledger.period,
        entries: { ...ledger.entries, [paymentId]: contribution },
        version: ledger.version + 1,
      },
      ConditionExpression: ledger.version === 0 ? 'attribute_not_exists(pk)' : 'version = :version',
      ExpressionAttributeValues: ledger.version === 0 ? undefined : { ':version': ledger.version },
    },
  };
}

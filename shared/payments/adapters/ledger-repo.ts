import type { Db, TxItem } from '../../runtime/store/db.js';
import type { Period } from '../domain/periods.js';
import type { Contribution } from '../domain/totals.js';

/**
 * Period ledgers: one item per person per benefit period (`week#2026-03-02`, `month#2026-03-12`),
 * in the participant's item collection. It holds what each payment contributed, keyed by payment
 * id, and a version. Every write is conditional on the version read, so two payments assessed at
 * once cannot both spend the same headroom: the second one's transaction fails and it re-assesses.
 */
export const ledgerKey = (participantId: string, periodKey: string) => ({
  pk: `PARTICIPANT#${participantId}`,
  sk: `LEDGER#${periodKey}`,
});

export type Ledger = {
  participantId: string;
  periodKey: string;
  period: Period;
  entries: Record<string, Contribution>;
  /** 0 = not written yet. */
  version: number;
};

export const emptyLedger = (participantId: string, periodKey: string, period: Period): Ledger => ({
  participantId,
  periodKey,
  period,
  entries: {},
  version: 0,
});

export function ledgerFromItem(item: Record<string, unknown>): Ledger {
  return {
    participantId: item.participantId as string,
    periodKey: item.periodKey as string,
    period: item.period as Period,
    entries: (item.entries as Record<string, Contribution>) ?? {},
    version: item.version as number,
  };
}

/** Write the ledger with one payment's contribution set, only if nobody wrote it since `ledger` was read. */
export function putLedgerEntry(db: Db, ledger: Ledger, paymentId: string, contribution: Contribution): TxItem {
  return {
    Put: {
      TableName: db.table,
      Item: {
        ...ledgerKey(ledger.participantId, ledger.periodKey),
        entity: 'ledger',
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

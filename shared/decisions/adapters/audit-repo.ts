import { type Db, queryAll, type TxItem } from '../../runtime/store/db.js';
import { type ChainEntry, padSeq, type StoredEntry } from '../domain/hash-chain.js';

/**
 * The audit table (docs/decisions/0003-hash-chained-audit-log.md): one hash chain per decision
 * (pk `CHAIN#<decisionId>`, sk `ENTRY#<zero-padded seq>`) and a registry of chains (pk `CHAINS`,
 * one item per chain) so verification can find every chain with a Query. Writers only ever
 * conditionally PUT new items — no update, no delete; IAM grants nothing more (`access.audit: 'append'`).
 */
const chainPk = (chainId: string) => `CHAIN#${chainId}`;
const REGISTRY_PK = 'CHAINS';

export function putChainEntries(auditDb: Db, entries: readonly ChainEntry[]): TxItem[] {
  return entries.map((e) => ({
    Put: {
      TableName: auditDb.table,
      Item: { pk: chainPk(e.chainId), sk: `ENTRY#${padSeq(e.seq)}`, ...e },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));
}

export function putChainRegistration(auditDb: Db, chainId: string, createdAt: string): TxItem {
  return {
    Put: {
      TableName: auditDb.table,
      Item: { pk: REGISTRY_PK, sk: `CHAIN#${chainId}`, chainId, createdAt },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const entriesOf = (auditDb: Db, pk: string) =>
  queryAll(auditDb, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    ConsistentRead: true,
  });

/** Every registered chain id, in registration order (ids are ULIDs). */
export async function listChainIds(auditDb: Db): Promise<string[]> {
  return (await entriesOf(auditDb, REGISTRY_PK)).map((i) => i.chainId as string);
}

/** One chain in key order, each entry with the position its key says and its attributes without keys. */
export async function readChain(auditDb: Db, chainId: string): Promise<StoredEntry[]> {
  const items = await entriesOf(auditDb, chainPk(chainId));
  return items.map(({ pk: _pk, sk, ...item }) => {
    const m = /^ENTRY#(\d+)$/.exec(String(sk));
    return { position: m ? Number(m[1]) : Number.NaN, item };
  });
}

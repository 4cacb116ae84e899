import * as z from 'zod/mini';
import { Id, IsoDateTime } from '../../kernel/index.js';
import { type Db, queryAll, type TxItem } from '../../runtime/store/db.js';
import { defineItem, parseItem } from '../../runtime/store/item.js';
import { type ChainEntry, padSeq, type StoredEntry } from '../domain/hash-chain.js';

/**
 * The audit table (docs/decisions/0003-hash-chained-audit-log.md): one hash chain per decision
 * (pk `CHAIN#<decisionId>`, sk `ENTRY#<zero-padded seq>#<the entry's own hash>`) and a registry of
 * chains (pk `CHAINS`, one item per chain) so verification can find every chain with a Query.
 * Writers only ever conditionally PUT new items — no update, no delete; IAM grants nothing more
 * (`access.audit: 'append'`). Its items carry no `entity` attribute: an entry's hash covers every
 * attribute it stores.
 *
 * The entry's hash is in its key so that nobody can take its slot first: a key that only said "entry
 * 5" could be put by anyone holding the append grant before the decision's own writer got there,
 * and every later change of that decision would then fail. The hash covers the event's random id,
 * so it cannot be known before the entry is written.
 */
const chainPk = (chainId: string) => `CHAIN#${chainId}`;
const REGISTRY_PK = 'CHAINS';
export const entrySk = (seq: number, hash: string) => `ENTRY#${padSeq(seq)}#${hash}`;
/** `ENTRY#<seq>#<hash>`, or the first form `ENTRY#<seq>` (entries written before the hash was in the key). */
const ENTRY_SK = /^ENTRY#(\d+)(?:#([0-9a-f]{64}))?$/;

/**
 * A chain entry as read back, for verification: every attribute it stores, kept as evidence.
 * Deliberately not the shape written (ChainEntry): the verifier hashes and judges each attribute
 * as stored, so an added, changed or mistyped one breaks the chain at that entry and is named in
 * the verdict — a strict parse would drop the added one unseen, or fail the whole check instead.
 */
export const ChainEntryItem = defineItem({ entity: 'audit-chain-entry', schema: z.record(z.string(), z.unknown()) });

/** One registration per chain, written with the decision's proposal. */
export const ChainRegistrationItem = defineItem({
  entity: 'audit-chain-registration',
  schema: z.object({ chainId: Id, createdAt: IsoDateTime }),
});

export function putChainEntries(auditDb: Db, entries: readonly ChainEntry[]): TxItem[] {
  return entries.map((e) => ({
    Put: {
      TableName: auditDb.table,
      Item: { pk: chainPk(e.chainId), sk: entrySk(e.seq, e.hash), ...e },
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

const itemsOf = (auditDb: Db, pk: string) =>
  queryAll(auditDb, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
    ConsistentRead: true,
  });

/** Every registered chain id, in registration order (ids are ULIDs). */
export async function listChainIds(auditDb: Db): Promise<string[]> {
  return (await itemsOf(auditDb, REGISTRY_PK)).map((i) => parseItem(ChainRegistrationItem, i).chainId);
}

/** One chain in key order, each entry with the position its key says and its attributes without keys. */
export async function readChain(auditDb: Db, chainId: string): Promise<StoredEntry[]> {
  const items = await itemsOf(auditDb, chainPk(chainId));
  return items.map((raw) => {
    const { pk: _pk, sk, ...item } = parseItem(ChainEntryItem, raw);
    const m = ENTRY_SK.exec(String(sk));
    return { position: m ? Number(m[1]) : Number.NaN, keyHash: m?.[2], item };
  });
}

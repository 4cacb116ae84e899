/**
 * The single source of truth for the DynamoDB table shapes. The CDK stateful stack and the local
 * stack (DynamoDB Local) both create tables from these definitions, so they cannot drift.
 * Access patterns are written down in docs/data-model.md.
 */
export type KeyAttr = { name: string; type: 'S' | 'N' };
export type IndexDesign = { indexName: string; partitionKey: KeyAttr; sortKey: KeyAttr };
export type TableDesign = {
  /** Logical id used in CDK and as the local table name. */
  id: string;
  partitionKey: KeyAttr;
  sortKey: KeyAttr;
  globalIndexes: IndexDesign[];
  timeToLiveAttribute?: string;
  stream: boolean;
};

export const mainTable: TableDesign = {
  id: 'CoproduceTable',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    {
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
    {
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
    },
  ],
  timeToLiveAttribute: 'expiresAt',
  stream: true,
};

/** Append-only, hash-chained audit log: writers may only put new items (conditional puts). */
export const auditTable: TableDesign = {
  id: 'AuditTable',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [],
  stream: false,
};

export const allTables = [mainTable, auditTable] as const;

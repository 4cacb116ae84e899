import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FunctionSpec } from '../../functions/catalogue/types.js';
import { keyMatches, keyPatterns } from '../runtime/access.js';
import { mainTable } from '../runtime/store/table-design.js';

/**
 * The local stand-in for the IAM policy the CDK construct writes from `access`
 * (docs/decisions/0007-table-access-by-key-prefix.md): each function gets a DocumentClient that
 * refuses, before it reaches DynamoDB Local, any request AWS would refuse —
 *   - on the main table: a partition key (the table's `pk`, or for a Query on an index that index's
 *     partition key) outside the function's `access.keys` read or write patterns, any write without
 *     `main: 'readwrite'`, and any Scan (not granted);
 *   - on the audit table: anything without `access.audit`, and Update, Delete or BatchWrite at all
 *     ('append' may only put; 'read' may not put).
 * So a prefix missing from the catalogue fails the local tests, not a deployment.
 */
export class KeyAccessDenied extends Error {
  override readonly name = 'AccessDeniedException';
}

type Touch = { table: string; kind: 'read' | 'write' | 'scan' | 'audit-change'; key: string | undefined };
// biome-ignore lint/suspicious/noExplicitAny: SDK command inputs of every shape, read field by field and checked.
type Any = Record<string, any>;

const WRITE_ACTIONS = new Set(['Put', 'Update', 'Delete']);

const pkOf = (key: Any | undefined): string | undefined => (typeof key?.pk === 'string' ? key.pk : undefined);

/** The partition key value a Query names: `<attr> = :v` (or `#alias = :v`) for the table's or the index's partition key. */
function queryPartition(input: Any): string | undefined {
  const attr = input.IndexName
    ? mainTable.globalIndexes.find((i) => i.indexName === input.IndexName)?.partitionKey.name
    : mainTable.partitionKey.name;
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  for (const m of String(input.KeyConditionExpression ?? '').matchAll(/(#?[A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)/g)) {
    const name = m[1]!.startsWith('#') ? names[m[1]!] : m[1];
    if (name === attr) {
      const v = input.ExpressionAttributeValues?.[m[2]!];
      return typeof v === 'string' ? v : undefined;
    }
  }
  return undefined;
}

/** What a command touches: each table and partition key, read or written. */
export function touches(command: string, input: Any): Touch[] {
  const name = command.replace(/Command$/, '').replace(/Item$/, '');
  const out: Touch[] = [];
  const one = (table: string, kind: Touch['kind'], key: string | undefined) => out.push({ table, kind, key });
  switch (name) {
    case 'Get':
      one(input.TableName, 'read', pkOf(input.Key));
      break;
    case 'Put':
      one(input.TableName, 'write', pkOf(input.Item));
      break;
    case 'Update':
    case 'Delete':
      one(input.TableName, 'write', pkOf(input.Key));
      out.push({ table: input.TableName, kind: 'audit-change', key: pkOf(input.Key) });
      break;
    case 'Query':
      one(input.TableName, 'read', queryPartition(input));
      break;
    case 'Scan':
      one(input.TableName, 'scan', undefined);
      break;
    case 'BatchGet':
      for (const [table, req] of Object.entries((input.RequestItems ?? {}) as Record<string, Any>)) {
        for (const k of req.Keys ?? []) one(table, 'read', pkOf(k));
      }
      break;
    case 'BatchWrite':
      for (const [table, reqs] of Object.entries((input.RequestItems ?? {}) as Record<string, Any[]>)) {
        for (const r of reqs) {
          one(table, 'write', pkOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key));
          out.push({ table, kind: 'audit-change', key: undefined });
        }
      }
      break;
    case 'TransactWrite':
    case 'TransactGet':
      for (const t of (input.TransactItems ?? []) as Any[]) {
        const [action, op] = Object.entries(t)[0] as [string, Any];
        if (action === 'Put') one(op.TableName, 'write', pkOf(op.Item));
        else if (WRITE_ACTIONS.has(action)) {
          one(op.TableName, 'write', pkOf(op.Key));
          out.push({ table: op.TableName, kind: 'audit-change', key: pkOf(op.Key) });
        } else one(op.TableName, 'read', pkOf(op.Key)); // ConditionCheck, Get
      }
      break;
    default:
      // DescribeTable and the like: no item, nothing to check.
      break;
  }
  return out;
}

/** Why `spec` may not do `t`, or undefined when it may. */
function refusal(spec: FunctionSpec, tables: { main: string; audit: string }, t: Touch): string | undefined {
  const { access } = spec;
  if (t.table === tables.audit) {
    if (!access.audit) return 'it has no access.audit';
    if (t.kind === 'audit-change' || t.kind === 'scan')
      return 'the audit table is append-only (no update, delete or scan)';
    if (t.kind === 'write' && access.audit !== 'append') return "access.audit is 'read'";
    return undefined;
  }
  if (t.table !== tables.main) return undefined;
  if (t.kind === 'audit-change') return undefined;
  if (!access.main) return 'it has no access.main';
  if (t.kind === 'scan') return 'Scan is not granted (every read is a Get, BatchGet or Query)';
  if (t.kind === 'write' && access.main !== 'readwrite') return "access.main is 'read'";
  const patterns = keyPatterns(access)[t.kind];
  if (t.key === undefined) return 'no partition key value could be read from the request';
  if (!patterns.some((p) => keyMatches(p, t.key!))) {
    return `no ${t.kind} pattern in access.keys matches (${t.kind}: ${patterns.join(', ') || 'none'})`;
  }
  return undefined;
}

/**
 * A DocumentClient for one function: the shared client (same connection, same middleware — the
 * local table stream and the bench counters still see every command) whose `send` first checks the
 * request against the function's `access`, and throws `AccessDeniedException` as AWS would.
 */
export function guardedDoc(
  doc: DynamoDBDocumentClient,
  spec: FunctionSpec,
  tables: { main: string; audit: string },
  log: (line: string) => void = () => {},
): DynamoDBDocumentClient {
  const send = (command: { constructor: { name: string }; input?: unknown }, ...rest: unknown[]) => {
    for (const t of touches(command.constructor.name, (command.input ?? {}) as Any)) {
      const why = refusal(spec, tables, t);
      if (why) {
        const message =
          `${spec.name} may not ${command.constructor.name.replace(/Command$/, '')} ` +
          `${t.key ?? '(no key)'} on ${t.table}: ${why} (functions/catalogue; AWS would answer AccessDenied)`;
        // Loud on purpose: a refusal is a function doing what its catalogue entry does not grant.
        log(`access: ${message}`);
        console.error(`access denied: ${message}`);
        return Promise.reject(new KeyAccessDenied(message));
      }
    }
    return (doc.send as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
  };
  return new Proxy(doc, {
    get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)),
  });
}

/**
 * `npm run audit:verify`: check the hash-chained decision audit log in a DynamoDB (by default the
 * local stack's DynamoDB Local) and say in words whether it is intact: every chain against the
 * head its decision records, then against the newest anchor (the local stack's, in the audit
 * table), or with `--all-anchors` against every anchor kept. Exits 0 when it is intact, 1 when an
 * entry was added, changed, removed or reordered (naming the first one), 2 when it could not check.
 *
 *   DYNAMODB_ENDPOINT  default http://127.0.0.1:8000 (the local stack's DYNAMODB_PORT)
 *   TABLE_NAME         default CoproduceTable
 *   AUDIT_TABLE_NAME   default AuditTable
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { verifyAuditLog } from '../decisions/index.js';
import { systemClock } from '../kernel/index.js';
import { readEnv } from '../runtime/env.js';
import { tableAnchorStore } from './anchor-store.js';
import { localClient } from './dynamodb.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Defaults are the names `npm start` uses, printed below so nobody checks the wrong tables unknowingly.
const env = readEnv({
  DYNAMODB_ENDPOINT: z._default(z.url(), 'http://127.0.0.1:8000'),
  TABLE_NAME: z._default(z.string().check(z.minLength(1)), 'CoproduceTable'),
  AUDIT_TABLE_NAME: z._default(z.string().check(z.minLength(1)), 'AuditTable'),
});

const allAnchors = process.argv.includes('--all-anchors');
const client = localClient(env.DYNAMODB_ENDPOINT);
const doc = DynamoDBDocumentClient.from(client);
console.log(
  `Checking the decision audit log in ${env.AUDIT_TABLE_NAME} against ${env.TABLE_NAME} at ${env.DYNAMODB_ENDPOINT}` +
    ` and ${allAnchors ? 'every anchor' : 'the newest anchor'}…`,
);
try {
  const started = performance.now();
  const auditDb = { doc, table: env.AUDIT_TABLE_NAME };
  const verdict = await verifyAuditLog(
    { db: { doc, table: env.TABLE_NAME }, auditDb, clock: systemClock, anchors: tableAnchorStore(auditDb) },
    { anchors: allAnchors ? 'all' : 'latest' },
  );
  const took = `${Math.round(performance.now() - started)} ms`;
  if (verdict.ok) {
    console.log(
      `OK: the audit log is intact. ${verdict.entries} entries in ${verdict.chains} decision ${verdict.chains === 1 ? 'chain' : 'chains'} checked (${took}).`,
    );
    console.log(
      verdict.anchor
        ? `  It still holds what the anchor taken at ${verdict.anchor.takenAt} recorded for ${verdict.anchor.chains} decision ${verdict.anchor.chains === 1 ? 'chain' : 'chains'}.`
        : '  No anchor has been taken yet, so it was checked against the decisions only.',
    );
  } else {
    console.log(`BROKEN: the audit log has been altered. First broken entry: ${verdict.firstBrokenEntry}`);
    console.log(`  ${verdict.reason}`);
    console.log(`  (${verdict.entries} entries read, ${took})`);
  }
  console.log(JSON.stringify(verdict));
  process.exitCode = verdict.ok ? 0 : 1;
} catch (err) {
  console.error(`Could not check the audit log: ${(err as Error).message}`);
  process.exitCode = 2;
} finally {
  client.destroy();
}

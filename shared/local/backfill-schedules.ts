/**
 * One-off after deploying issue 11: give sessions scheduled before schedule months existed their
 * entries (docs/decisions/0007), so clash warnings and benefit projections see them. Idempotent;
 * Queries only (no Scan).
 *
 *   npx tsx shared/local/backfill-schedules.ts          the local stack's DynamoDB Local
 *   TABLE_NAME=<deployed table> npx tsx shared/local/backfill-schedules.ts --aws   (AWS credentials)
 *   DYNAMODB_ENDPOINT  default http://127.0.0.1:8000 (the local stack's DYNAMODB_PORT)
 *   TABLE_NAME         default CoproduceTable
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { backfillScheduleEntries } from '../forums/index.js';
import { systemClock } from '../kernel/index.js';
import { mainDb } from '../runtime/aws.js';
import { readEnv } from '../runtime/env.js';
import { localClient } from './dynamodb.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const env = readEnv({
  DYNAMODB_ENDPOINT: z._default(z.url(), 'http://127.0.0.1:8000'),
  TABLE_NAME: z._default(z.string().check(z.minLength(1)), 'CoproduceTable'),
});
const aws = process.argv.includes('--aws');
const db = aws
  ? mainDb()
  : {
      doc: DynamoDBDocumentClient.from(localClient(env.DYNAMODB_ENDPOINT), {
        marshallOptions: { removeUndefinedValues: true },
      }),
      table: env.TABLE_NAME,
    };
console.log(`Backfilling schedule months in ${db.table} ${aws ? 'on AWS' : `at ${env.DYNAMODB_ENDPOINT}`}…`);
const { entries } = await backfillScheduleEntries({ db, clock: systemClock });
console.log(`Done: ${entries} schedule entries written.`);

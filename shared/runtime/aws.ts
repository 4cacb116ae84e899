/**
 * Lambda-side wiring: SDK clients are created once per container (module scope) and each piece
 * reads only the environment variables it needs, failing fast with their names. The local stack
 * sets the same variables, pointing the SDK at DynamoDB Local (AWS_ENDPOINT_URL_DYNAMODB).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { AppConfig } from './deps.js';
import { readEnv } from './env.js';
import type { EventPublisher } from './events/publisher.js';
import { eventBridgePublisher } from './events/publisher.js';
import type { Db } from './store/db.js';

let documentClient: DynamoDBDocumentClient | undefined;
export function documentClientSingleton(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export const mainDb = (): Db => ({
  doc: documentClientSingleton(),
  table: readEnv({ TABLE_NAME: z.string().check(z.minLength(1)) }).TABLE_NAME,
});

export const auditDb = (): Db => ({
  doc: documentClientSingleton(),
  table: readEnv({ AUDIT_TABLE_NAME: z.string().check(z.minLength(1)) }).AUDIT_TABLE_NAME,
});

export const busPublisher = (): EventPublisher =>
  eventBridgePublisher(
    new EventBridgeClient({}),
    readEnv({ EVENT_BUS_NAME: z.string().check(z.minLength(1)) }).EVENT_BUS_NAME,
  );

export const publicUrlConfig = (): Pick<AppConfig, 'publicBaseUrl'> => ({
  publicBaseUrl: readEnv({ PUBLIC_BASE_URL: z.url() }).PUBLIC_BASE_URL,
});

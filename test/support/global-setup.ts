import type { TestProject } from 'vitest/node';
import { freePort, startDynamoDbLocal } from '../../shared/local/dynamodb.js';
import { buildPages } from '../../web/build.js';

/** One DynamoDB Local (in memory) for the whole run; each test file creates its own prefixed tables. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  buildPages();
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  project.provide('dynamodbEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

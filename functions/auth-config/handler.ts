import middy from '@middy/core';
import type { APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { cognitoAuthConfig } from '../../shared/runtime/auth-env.js';
import type { AppConfig } from '../../shared/runtime/deps.js';
import { authSettings } from '../../shared/runtime/http/auth-settings.js';
import { logger, withLambdaContext } from '../../shared/runtime/logger.js';

/**
 * GET /api/auth-config (public; route in shared/runtime/http/platform-routes.ts): how the sign-in
 * page signs people in, here. One public route with nothing to parse, so no zod in this bundle.
 */
export const buildHandler = (deps: { config: Pick<AppConfig, 'auth'> }) =>
  middy<unknown, APIGatewayProxyResultV2, Error, Context>()
    .use(withLambdaContext(logger))
    .handler(async () => ({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: JSON.stringify(authSettings(deps.config.auth)),
    }));

export const handler = buildHandler({ config: cognitoAuthConfig() });

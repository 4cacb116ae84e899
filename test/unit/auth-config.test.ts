import { resolve } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuthConfig } from '../../shared/runtime/deps.js';

// What the CDK construct sets for access.auth (infra/constructs/coproduce-function.ts).
const deployedEnv = {
  AUTH_DOMAIN_URL: 'https://coproduce-dev-1a2b3c4d.auth.eu-west-1.amazoncognito.com',
  AUTH_CLIENT_ID: '4example0client0id',
  AUTH_REDIRECT_URI: 'https://abc123.execute-api.eu-west-1.amazonaws.com/signed-in',
  AUTH_LOGOUT_REDIRECT_URI: 'https://abc123.execute-api.eu-west-1.amazonaws.com/sign-in',
  AUTH_SCOPES: 'openid email',
};

const context = {
  functionName: 'test',
  awsRequestId: 'r1',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:test',
  getRemainingTimeInMillis: () => 10_000,
} as Context;

const get = (path: string, routeKey: string) =>
  ({
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path }, routeKey, requestId: 'r1' },
  }) as unknown as APIGatewayProxyEventV2;

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;
const call = async (handler: Handler, path: string, routeKey: string) =>
  (await handler(get(path, routeKey), context)) as APIGatewayProxyStructuredResultV2;

// Both handler modules build their Lambda wiring from the environment when imported.
let authConfig: typeof import('../../functions/auth-config/handler.js');
let web: typeof import('../../functions/web/handler.js');
beforeAll(async () => {
  for (const [k, v] of Object.entries(deployedEnv)) vi.stubEnv(k, v);
  authConfig = await import('../../functions/auth-config/handler.js');
  web = await import('../../functions/web/handler.js');
});

describe('GET /api/auth-config', () => {
  it('tells the pages to use the dev token form in the local stack', async () => {
    const handler = authConfig.buildHandler({ config: { auth: { mode: 'local' } } });
    const res = await call(handler, '/api/auth-config', 'GET /api/auth-config');
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual({ mode: 'local' });
  });

  it('gives the Cognito endpoints, client and redirect URIs from the environment in AWS', async () => {
    const res = await call(authConfig.handler, '/api/auth-config', 'GET /api/auth-config');
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual({
      mode: 'cognito',
      authorizeUrl: 'https://coproduce-dev-1a2b3c4d.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
      tokenUrl: 'https://coproduce-dev-1a2b3c4d.auth.eu-west-1.amazoncognito.com/oauth2/token',
      logoutUrl: 'https://coproduce-dev-1a2b3c4d.auth.eu-west-1.amazoncognito.com/logout',
      clientId: '4example0client0id',
      redirectUri: 'https://abc123.execute-api.eu-west-1.amazonaws.com/signed-in',
      logoutRedirectUri: 'https://abc123.execute-api.eu-west-1.amazonaws.com/sign-in',
      scopes: ['openid', 'email'],
    });
  });

  it('refuses to start in AWS without the sign-in variables, naming them', async () => {
    const { cognitoAuthConfig } = await import('../../shared/runtime/auth-env.js');
    vi.stubEnv('AUTH_CLIENT_ID', undefined);
    vi.stubEnv('AUTH_DOMAIN_URL', 'http://not-https.example.org');
    try {
      expect(() => cognitoAuthConfig()).toThrow(/AUTH_DOMAIN_URL.*AUTH_CLIENT_ID|AUTH_CLIENT_ID.*AUTH_DOMAIN_URL/);
    } finally {
      for (const [k, v] of Object.entries(deployedEnv)) vi.stubEnv(k, v);
    }
  });
});

describe('the pages’ Content-Security-Policy', () => {
  const csp = async (auth: AuthConfig) => {
    const handler = web.buildHandler({ config: { webRoot: resolve(import.meta.dirname, '../../web'), auth } });
    const res = await call(handler, '/sign-in', 'GET /{proxy+}');
    expect(res.statusCode).toBe(200);
    return String(res.headers?.['content-security-policy']);
  };

  it('lets the pages connect to this origin only in the local stack', async () => {
    const policy = await csp({ mode: 'local' });
    expect(policy).toContain("connect-src 'self';");
    expect(policy).toContain("form-action 'self'");
  });

  it('adds only the Cognito sign-in origin to connect-src in AWS, everything else as strict', async () => {
    const policy = await csp({
      mode: 'cognito',
      domainUrl: deployedEnv.AUTH_DOMAIN_URL,
      clientId: 'c',
      redirectUri: deployedEnv.AUTH_REDIRECT_URI,
      logoutRedirectUri: deployedEnv.AUTH_LOGOUT_REDIRECT_URI,
      scopes: ['openid', 'email'],
    });
    expect(policy).toContain("connect-src 'self' https://coproduce-dev-1a2b3c4d.auth.eu-west-1.amazoncognito.com;");
    expect(policy.replace(/ https:\/\/\S+\.amazoncognito\.com/, '')).toBe(await csp({ mode: 'local' }));
  });
});

import { resolve } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';

// The module wires its Lambda handler from the environment at import, as in AWS.
process.env.AUTH_DOMAIN_URL ??= 'https://coproduce-test.auth.eu-west-1.amazoncognito.com';
process.env.AUTH_CLIENT_ID ??= 'client';
process.env.AUTH_REDIRECT_URI ??= 'https://example.org/signed-in';
process.env.AUTH_LOGOUT_REDIRECT_URI ??= 'https://example.org/sign-in';
process.env.AUTH_SCOPES ??= 'openid email';
const { buildHandler, resolvePage } = await import('../../functions/web/handler.js');

const webRoot = resolve(import.meta.dirname, '../../web');
const handler = buildHandler({ config: { webRoot, auth: { mode: 'local' } } });
const get = async (rawPath: string) =>
  (await handler({ rawPath } as APIGatewayProxyEventV2, {} as Context)) as APIGatewayProxyStructuredResultV2;

describe('web function', () => {
  it('serves a page with its security headers', async () => {
    const res = await get('/participants/new');
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(String(res.headers?.['content-security-policy'])).toContain("script-src 'self'");
  });

  it('answers a missing page with 404 and the same security headers', async () => {
    const res = await get('/no-such-page');
    expect(res.statusCode).toBe(404);
    expect(String(res.headers?.['content-security-policy'])).toContain("default-src 'self'");
    expect(res.headers?.['x-content-type-options']).toBe('nosniff');
  });

  it('answers an unknown API path with the API 404 body, not a page', async () => {
    const res = await get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(String(res.body))).toEqual({ error: 'not_found' });
  });

  it('never resolves a path outside the pages folder', () => {
    for (const attempt of ['/../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json']) {
      const file = resolvePage(webRoot, attempt);
      expect(file === undefined || file.startsWith(`${webRoot}/`), `${attempt} → ${file}`).toBe(true);
    }
    expect(resolvePage(webRoot, '/')).toBe(resolve(webRoot, 'index.html'));
  });

  it('serves the pages and assets only: never the page sources, the build script or a malformed path', async () => {
    for (const path of ['/src/pages/finance.ts', '/build.ts', '/src/lib/app.ts', '/%ZZ', '/assets/%E0%A4%A']) {
      expect((await get(path)).statusCode, path).toBe(404);
    }
    expect((await get('/finance')).statusCode).toBe(200);
    expect((await get('/assets/style.css')).statusCode).toBe(200);
  });

  it('does not serve the repository file a traversal aims at', async () => {
    expect((await get('/../package.json')).statusCode).toBe(404);
  });
});

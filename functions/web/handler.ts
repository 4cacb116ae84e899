import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { cognitoAuthConfig } from '../../shared/runtime/auth-env.js';
import type { AppConfig, AuthConfig } from '../../shared/runtime/deps.js';
import { logger, withLambdaContext } from '../../shared/runtime/logger.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/**
 * Strict by default: everything from this origin only. With Cognito sign-in the pages also POST the
 * authorization code to the user pool domain's token endpoint, so connect-src names that origin (and
 * nothing else); the redirects to and from the hosted sign-in are navigations, which CSP leaves alone.
 */
export function securityHeaders(auth: AuthConfig): Record<string, string> {
  const connectSrc = auth.mode === 'cognito' ? `'self' ${new URL(auth.domainUrl).origin}` : "'self'";
  return {
    'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${connectSrc}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}

/** `/` → index.html, `/participants` → participants.html, `/assets/build/home.js` → assets/build/home.js; nothing outside the root. */
export function resolvePage(root: string, path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined; // a malformed percent-escape names no page
  }
  const clean = normalize(decoded).replace(/^([/\\])+/, '');
  if (clean.split(sep).includes('..')) return undefined;
  const rel = clean === '' ? 'index.html' : extname(clean) ? clean : `${clean.replace(/\/$/, '')}.html`;
  // Only what a browser needs: the pages and assets/ (built bundles, styles). Never the page
  // sources (src/), the build script or anything else that happens to sit in the folder.
  if (!(rel.endsWith('.html') || rel.startsWith(`assets${sep}`)) || rel.startsWith(`src${sep}`)) return undefined;
  const full = join(root, rel);
  return full.startsWith(root) ? full : undefined;
}

export const buildHandler = (deps: { config: Pick<AppConfig, 'webRoot' | 'auth'> }) => {
  const headers = securityHeaders(deps.config.auth);
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, Context>()
    .use(withLambdaContext(logger))
    .handler(async (event) => {
      if (event.rawPath === '/api/openapi.json') {
        // Generated from the route definitions by `npm run api:openapi`, bundled beside the pages.
        return {
          statusCode: 200,
          headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300', ...headers },
          body: await readFile(join(deps.config.webRoot, '..', 'docs', 'openapi.json'), 'utf8'),
        };
      }
      // `/{proxy+}` also catches unknown API paths: answer those as the API does, not with a page.
      if (event.rawPath === '/api' || event.rawPath.startsWith('/api/')) {
        return {
          statusCode: 404,
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ error: 'not_found' }),
        };
      }
      const file = resolvePage(deps.config.webRoot, event.rawPath);
      try {
        if (!file) throw new Error('outside root');
        const body = await readFile(file, 'utf8');
        return {
          statusCode: 200,
          headers: {
            'content-type': types[extname(file)] ?? 'application/octet-stream',
            'cache-control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=300',
            ...headers,
          },
          body,
        };
      } catch {
        return {
          statusCode: 404,
          headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
          body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page not found – Coproduce</title><link rel="stylesheet" href="/assets/style.css"></head><body><main id="main"><h1>Page not found</h1><p><a href="/">Go to the start page</a></p></main></body></html>',
        };
      }
    });
};

// Bundled by CDK with the pages copied beside the handler (see infra constructs).
export const handler = buildHandler({ config: { webRoot: join(import.meta.dirname, 'web'), ...cognitoAuthConfig() } });

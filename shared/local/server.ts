import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
} from 'aws-lambda';
import { ulid } from 'ulid';
import {
  compareRoutes,
  compilePath,
  MalformedPathError,
  type RouteEntry as RouteSpec,
  routeKey,
} from '../runtime/http/routes.js';
import type { LocalTokenIssuer } from './token.js';

export type HttpInvoke = (fn: string, event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;
/** Routes that exist only in the local stack (the dev token issuer, the mailbox). */
export type LocalRoute = {
  method: string;
  path: string;
  handle: (req: {
    body: unknown;
    claims: Record<string, unknown> | undefined;
  }) => Promise<{ status: number; json: unknown }>;
};

const MAX_BODY = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>) {
  res.writeHead(status, headers);
  res.end(body);
}
const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' });

/**
 * The local HTTP API: routes by the same route table as the deployed HTTP API, verifies the bearer
 * token the way the JWT authorizer does (401 before any function runs), and hands the function an
 * API Gateway v2 event with the verified claims — so the functions cannot tell the difference.
 */
export function createLocalServer(opts: {
  routes: readonly RouteSpec[];
  invoke: HttpInvoke;
  tokens: LocalTokenIssuer;
  localRoutes: LocalRoute[];
  afterRequest?: () => void;
  log?: (line: string) => void;
}): Server {
  const table = [...opts.routes].sort(compareRoutes).map((r) => ({ route: r, match: compilePath(r.path) }));
  return createServer(async (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    try {
      const rawBody = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const claims = bearer ? await opts.tokens.verify(bearer) : undefined;

      const local = opts.localRoutes.find((r) => r.method === method && r.path === url.pathname);
      if (local) {
        let body: unknown;
        try {
          body = rawBody ? JSON.parse(rawBody) : undefined;
        } catch {
          return sendJson(res, 400, {
            error: 'validation',
            issues: [{ path: '(body)', message: 'Not valid JSON.' }],
          });
        }
        const out = await local.handle({ body, claims });
        return sendJson(res, out.status, out.json);
      }

      const lookupMethod = method === 'HEAD' ? 'GET' : method;
      let found: { route: RouteSpec; params: Record<string, string> } | undefined;
      for (const { route, match } of table) {
        if (route.method !== lookupMethod) continue;
        let params: Record<string, string> | undefined;
        try {
          params = match(url.pathname);
        } catch (err) {
          // As API Gateway does, before any function or token check: a path that does not decode.
          if (!(err instanceof MalformedPathError)) throw err;
          return sendJson(res, 400, { error: 'validation', issues: [{ path: '(path)', message: err.message }] });
        }
        if (params) {
          found = { route, params };
          break;
        }
      }
      if (!found) return sendJson(res, 404, { error: 'not_found' });
      if (found.route.roles !== 'public' && !claims) return sendJson(res, 401, { error: 'unauthorized' });

      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([k, v]) =>
          v === undefined ? [] : [[k, Array.isArray(v) ? v.join(',') : v]],
        ),
      );
      const query = url.searchParams.size ? Object.fromEntries(url.searchParams) : undefined;
      const now = new Date();
      const event = {
        version: '2.0',
        routeKey: routeKey(found.route),
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        queryStringParameters: query,
        pathParameters: Object.keys(found.params).length ? found.params : undefined,
        body: rawBody || undefined,
        isBase64Encoded: false,
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? 'localhost',
          domainPrefix: 'local',
          http: {
            method: lookupMethod,
            path: url.pathname,
            protocol: 'HTTP/1.1',
            sourceIp: '127.0.0.1',
            userAgent: headers['user-agent'] ?? '',
          },
          requestId: ulid(),
          routeKey: routeKey(found.route),
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
          ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
        },
      } satisfies APIGatewayProxyEventV2WithJWTAuthorizer | APIGatewayProxyEventV2;
      const result = await opts.invoke(found.route.fn, event);
      const r = typeof result === 'string' ? { statusCode: 200, body: result, headers: {} } : result;
      const outHeaders = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, String(v)]));
      const body = r.isBase64Encoded ? Buffer.from(r.body ?? '', 'base64') : (r.body ?? '');
      res.writeHead(r.statusCode ?? 200, outHeaders);
      res.end(method === 'HEAD' ? undefined : body);
      opts.log?.(`http: ${method} ${url.pathname} → ${r.statusCode} (${(performance.now() - started).toFixed(1)} ms)`);
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      opts.log?.(`http: ${method} ${url.pathname} failed: ${(err as Error).message}`);
      if (!res.headersSent) sendJson(res, status, { error: status === 413 ? 'too_large' : 'internal' });
    } finally {
      opts.afterRequest?.();
    }
  });
}

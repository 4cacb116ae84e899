/** TEMPORARY during the move to typed routes (issue 8): the untyped API handler, removed once every context defines its routes. */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../kernel/errors.js';
import { logger } from '../logger.js';
import { foreignCursorError, isForeignCursorError } from '../store/pagination.js';
import { roles as knownRoles, type Role, type LegacyRouteSpec as RouteSpec, routeKey } from './routes.js';

export type Caller = { sub: string; roles: Role[]; participantId?: string };

export type ApiRequest = {
  routeKey: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  /** For public routes without a token: `{ sub: 'anonymous', roles: [] }`. */
  caller: Caller;
  idempotencyKey: string | undefined;
};

export type ApiResponse =
  | { status: number; json?: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string; headers?: Record<string, string> };

export type Operation<D> = (req: ApiRequest, deps: D) => Promise<ApiResponse>;
const anonymous: Caller = { sub: 'anonymous', roles: [] };

/** The claims an API Gateway JWT authorizer (or the local server) hands to the function. */
export type JwtClaims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway HTTP APIs pass array claims as a string such as "[coordinator member]"; the local
 * server passes a real array. Accept both, ignore unknown groups.
 */
export function callerFromClaims(claims: JwtClaims | undefined): Caller | undefined {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const raw = claims['cognito:groups'];
  const groups = Array.isArray(raw)
    ? raw
    : typeof raw === 'string'
      ? raw
          .replace(/^\[|\]$/g, '')
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];
  const participantId = claims['custom:participantId'];
  return {
    sub: claims.sub,
    roles: groups.filter((g): g is Role => (knownRoles as readonly string[]).includes(g)),
    participantId: typeof participantId === 'string' && participantId ? participantId : undefined,
  };
}

export const hasRole = (caller: Caller, ...r: Role[]) => caller.roles.some((x) => r.includes(x));

/** Parse a body with zod; failures become a ValidationError naming each field (dot path). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message })),
  );
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

export function errorResponse(err: unknown): APIGatewayProxyResultV2 {
  if (isForeignCursorError(err)) return errorResponse(foreignCursorError());
  if (err instanceof ValidationError) return json(400, { error: 'validation', issues: err.issues });
  if (err instanceof NotFoundError) return json(404, { error: 'not_found' });
  if (err instanceof ConflictError) return json(409, { error: 'conflict', message: err.message });
  if (err instanceof ForbiddenError) return json(403, { error: 'forbidden', message: err.message });
  if (err instanceof UnauthorizedError) return json(401, { error: 'unauthorized' });
  logger.error('Unhandled error', { error: err as Error });
  return json(500, { error: 'internal', message: 'Something went wrong on our side. Please try again.' });
}

function toResult(res: ApiResponse): APIGatewayProxyResultV2 {
  if ('text' in res) {
    return {
      statusCode: res.status,
      headers: { 'content-type': res.contentType, ...res.headers },
      body: res.text,
    };
  }
  if (res.json === undefined) return { statusCode: res.status, headers: res.headers ?? {}, body: '' };
  return json(res.status, res.json, res.headers);
}

function lowerHeaders(h: APIGatewayProxyEventV2['headers']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(h ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k.toLowerCase(), v]])),
  );
}

function parseJsonBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: '(body)', message: 'The request body is not valid JSON.' }]);
  }
}

type Handlers<D> = Record<string, Operation<D>>;

/**
 * One HTTP function = the routes it serves + their operations. Checks the token (401) and the
 * caller's role against the route table (403) before any operation runs, then maps typed errors
 * to the contract's status codes in one place.
 */
export function apiHandler<D>(
  routes: readonly RouteSpec[] | Record<string, RouteSpec>,
  operations: Handlers<D>,
  deps: D,
) {
  const byKey = new Map(Object.values(routes).map((r) => [routeKey(r), r]));
  for (const key of byKey.keys()) {
    if (!operations[key]) throw new Error(`No operation for route ${key}`);
  }
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      try {
        const route = byKey.get(event.routeKey);
        const op = operations[event.routeKey];
        if (!route || !op) throw new NotFoundError('route');
        const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: JwtClaims } } }).authorizer?.jwt
          ?.claims;
        const caller = callerFromClaims(claims);
        if (route.roles !== 'public') {
          if (!caller) throw new UnauthorizedError();
          if (!hasRole(caller, ...route.roles)) {
            throw new ForbiddenError(`This needs one of these roles: ${route.roles.join(', ')}.`);
          }
        }
        const headers = lowerHeaders(event.headers);
        const req: ApiRequest = {
          routeKey: event.routeKey,
          params: Object.fromEntries(
            Object.entries(event.pathParameters ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]])),
          ),
          query: Object.fromEntries(
            Object.entries(event.queryStringParameters ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]])),
          ),
          headers,
          body: parseJsonBody(event),
          caller: caller ?? anonymous,
          idempotencyKey: headers['idempotency-key'] || undefined,
        };
        return toResult(await op(req, deps));
      } catch (err) {
        return errorResponse(err);
      }
    });
}

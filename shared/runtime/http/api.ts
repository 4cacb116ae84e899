import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import {
  type Actor,
  ConflictError,
  ForbiddenError,
  hasRole,
  roles as knownRoles,
  NotFoundError,
  type Role,
  UnauthorizedError,
  ValidationError,
} from '../../kernel/index.js';
import { logger, withLambdaContext } from '../logger.js';
import { foreignCursorError, isForeignCursorError } from '../store/pagination.js';
import {
  type BodyOf,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
  type RouteDef,
  type RouteSet,
  type RouteSpec,
  routeKey,
} from './routes.js';
// zod's English messages for the issues a schema does not word itself.
import '../../kernel/zod-messages.js';

/** The caller of a route: the kernel's Actor, from the token's claims. */
export type Caller = Actor;

/** What an operation receives: the caller, and its route's params, query and body already parsed. */
export type ApiRequest<D extends RouteDef = RouteDef> = {
  routeKey: string;
  params: ParamsOf<D>;
  query: QueryOf<D>;
  headers: Record<string, string>;
  body: BodyOf<D>;
  /** For public routes without a token: `{ sub: 'anonymous', roles: [] }`. */
  caller: Caller;
  idempotencyKey: string | undefined;
};

/** Any response an operation may give (the route's own type narrows it: ResponseOf). */
export type ApiResponse =
  | { status: number; json?: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string; headers?: Record<string, string> };

/** The operations of a set of routes: one per route, typed by its definition; a missing one fails the type check. */
export type Operations<R extends RouteSet, D> = {
  [K in keyof R]: (req: ApiRequest<R[K]>, deps: D) => Promise<ResponseOf<R[K]>>;
};

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

/** Parse with zod; failures become a ValidationError naming each field (dot path, `prefix` first). */
export function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || prefix || '(body)',
      message: i.message,
    })),
  );
}

/** Every API answer, JSON or not: its content type is what it says (no sniffing a CSV into HTML). */
const baseHeaders = { 'x-content-type-options': 'nosniff' };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...baseHeaders, ...headers },
  body: JSON.stringify(body),
});

/** The one place where domain errors become HTTP statuses (the contract's error bodies). */
export function errorResponse(err: unknown): APIGatewayProxyResultV2 {
  if (isForeignCursorError(err)) return errorResponse(foreignCursorError());
  if (err instanceof ValidationError) return json(400, { error: 'validation', issues: err.issues });
  if (err instanceof NotFoundError) return json(404, { error: 'not_found' });
  if (err instanceof ConflictError) return json(409, { error: 'conflict', message: err.message });
  if (err instanceof ForbiddenError) return json(403, { error: 'forbidden', message: err.message });
  if (err instanceof UnauthorizedError) return json(401, { error: 'unauthorized' });
  if (err instanceof UnsupportedMediaTypeError) {
    return json(415, { error: 'validation', issues: [{ path: 'Content-Type', message: err.message }] });
  }
  logger.error('Unhandled error', { error: err as Error });
  return json(500, { error: 'internal', message: 'Something went wrong on our side. Please try again.' });
}

function toResult(res: ApiResponse): APIGatewayProxyResultV2 {
  if ('text' in res) {
    return {
      statusCode: res.status,
      headers: { 'content-type': res.contentType, ...baseHeaders, ...res.headers },
      body: res.text,
    };
  }
  if (res.json === undefined) return { statusCode: res.status, headers: { ...baseHeaders, ...res.headers }, body: '' };
  return json(res.status, res.json, res.headers);
}

const definedEntries = (o: Record<string, string | undefined> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(o ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]])));

function lowerHeaders(h: APIGatewayProxyEventV2['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(definedEntries(h)).map(([k, v]) => [k.toLowerCase(), v]));
}

/** A body sent as something other than JSON (a form post, text/plain): refused before it is read. */
export class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaTypeError';
}

const isJson = (contentType: string | undefined) =>
  contentType !== undefined && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType.trim());

/** An Idempotency-Key is printable ASCII, at most this long (it is part of a stored key). */
export const IDEMPOTENCY_KEY_MAX = 200;

function idempotencyKeyOf(headers: Record<string, string>): string | undefined {
  const key = headers['idempotency-key'];
  if (!key) return undefined;
  if (key.length > IDEMPOTENCY_KEY_MAX || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ValidationError([
      {
        path: 'Idempotency-Key',
        message: `Use up to ${IDEMPOTENCY_KEY_MAX} printable characters without spaces (a UUID is a good choice).`,
      },
    ]);
  }
  return key;
}

function parseJsonBody(event: APIGatewayProxyEventV2, headers: Record<string, string>): unknown {
  if (!event.body) return undefined;
  if (!isJson(headers['content-type'])) {
    throw new UnsupportedMediaTypeError('Send the body as JSON, with the header Content-Type: application/json.');
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: '(body)', message: 'The request body is not valid JSON.' }]);
  }
}

/**
 * A response that does not match its route's schema: the OpenAPI document would be lying. Checked
 * where `checkResponses` is on (the local stack, so every integration test checks it), never in AWS.
 */
export class ResponseContractError extends Error {
  override name = 'ResponseContractError';
}

function checkResponse(route: RouteSpec, res: ApiResponse) {
  const def = route.responses[res.status];
  if (!def) throw new ResponseContractError(`${routeKey(route)} answered ${res.status}, which it does not declare`);
  if ('safeParse' in def && 'json' in res) {
    const out = def.safeParse(res.json);
    if (!out.success) {
      const issues = out.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      throw new ResponseContractError(`${routeKey(route)} ${res.status} does not match its schema: ${issues}`);
    }
  }
}

export type ApiHandlerOptions = { checkResponses?: boolean };

/**
 * One HTTP function = the routes it serves + their operations. Checks the token (401) and the
 * caller's role against the route (403) before anything else, parses the route's params, query and
 * body with its schemas (400 naming each field), runs the operation, and maps typed errors to the
 * contract's status codes in one place.
 */
export function apiHandler<R extends RouteSet, D>(
  routes: R,
  operations: Operations<R, D>,
  deps: D,
  options: ApiHandlerOptions = {},
) {
  const byKey = new Map(Object.values(routes).map((r) => [routeKey(r), r] as const));
  const run = operations as unknown as Record<string, (req: ApiRequest, deps: D) => Promise<ApiResponse>>;
  return middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, Context>()
    .use(withLambdaContext(logger))
    .handler(async (event) => {
      try {
        const route = byKey.get(event.routeKey);
        const op = route && run[route.name];
        if (!route || !op) throw new NotFoundError('route');
        const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: JwtClaims } } }).authorizer?.jwt
          ?.claims;
        const caller = callerFromClaims(claims);
        if (route.roles !== 'public') {
          if (!caller) throw new UnauthorizedError();
          if (!hasRole(caller, ...route.roles)) {
            throw new ForbiddenError(`This needs one of these roles: ${route.roles.join(', ')}.`);
          }
          // A member acts only through its participant record: a member sign-in without one is refused
          // the same way on every route, before anything else is looked at.
          const onlyAsMember = route.roles.filter((r) => caller.roles.includes(r)).every((r) => r === 'member');
          if (onlyAsMember && !caller.participantId) {
            throw new ForbiddenError(
              'Your sign-in is not linked to a participant record yet. Ask your coordinator to link it.',
            );
          }
        }
        const headers = lowerHeaders(event.headers);
        const rawParams = definedEntries(event.pathParameters);
        const rawQuery = definedEntries(event.queryStringParameters);
        const req: ApiRequest = {
          routeKey: event.routeKey,
          params: route.params ? parseInput(route.params, rawParams, '(path)') : rawParams,
          query: route.query ? parseInput(route.query, rawQuery, '(query)') : {},
          headers,
          body: route.body ? parseInput(route.body, parseJsonBody(event, headers)) : undefined,
          caller: caller ?? anonymous,
          idempotencyKey: idempotencyKeyOf(headers),
        } as ApiRequest;
        const res = await op(req, deps);
        if (options.checkResponses) checkResponse(route, res);
        return toResult(res);
      } catch (err) {
        return errorResponse(err);
      }
    });
}

import type * as z from 'zod/mini';
import { type Role, roles } from '../../kernel/names.js';

/**
 * The HTTP routes as data. A route is defined once — method, path, roles, and the zod schemas of its
 * path parameters, query, body and responses — and everything else comes from that definition: the
 * operation's types (apiHandler), the route table the CDK HTTP API and the local server are built
 * from, the role check, request validation (400 naming the field) and the OpenAPI document.
 */
export { type Role, roles };

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A response that is not JSON (a calendar invite, a CSV file, a page). */
export type TextResponse = { readonly contentType: string; readonly description: string };
/** A response with no body. */
export type EmptyResponse = { readonly empty: true; readonly description: string };
export type ResponseDef = z.ZodMiniType | TextResponse | EmptyResponse;

export const textResponse = (contentType: string, description: string): TextResponse => ({ contentType, description });
export const emptyResponse = (description: string): EmptyResponse => ({ empty: true, description });

export type RouteDef = {
  readonly method: Method;
  /** API Gateway path syntax: `/api/participants/{id}`. */
  readonly path: string;
  /** Who may call it; 'public' needs no token. */
  readonly roles: readonly Role[] | 'public';
  /** One line for the OpenAPI document and docs/api.md. */
  readonly summary: string;
  readonly description?: string;
  /** Path parameters; each `{name}` is a non-empty string when left out. */
  readonly params?: z.ZodMiniObject;
  /** Query string parameters (strings in, parsed values out). */
  readonly query?: z.ZodMiniObject;
  readonly body?: z.ZodMiniType;
  /** Success responses by status. Errors (400, 401, 403, 404, 409) come from typed errors in one place. */
  readonly responses: { readonly [status: number]: ResponseDef };
  /** Accepts an `Idempotency-Key` header (every create does). */
  readonly idempotent?: boolean;
  /** May answer 409 (a state conflict), with what causes it. */
  readonly conflict?: string;
};

/** A route as the route table holds it: its definition, the function serving it, and its operation name. */
export type RouteSpec<D extends RouteDef = RouteDef, N extends string = string> = D & {
  /** The function (see functions/catalogue.ts) that serves this route. */
  readonly fn: string;
  /** The operation's name, unique across the API (the OpenAPI operationId). */
  readonly name: N;
};

/** What the route table holds for routing: the CDK HTTP API and the local server need only this. */
export type RouteEntry = Pick<RouteDef, 'method' | 'path' | 'roles'> & { readonly fn: string };

export type RouteSet = { readonly [name: string]: RouteSpec };

/** One function's routes, named: `defineRoutes('participants-api', { recruitParticipant: {...}, ... })`. */
export function defineRoutes<const R extends Record<string, RouteDef>>(
  fn: string,
  routes: R,
): { readonly [K in keyof R & string]: RouteSpec<R[K], K> } {
  return Object.fromEntries(Object.entries(routes).map(([name, def]) => [name, { ...def, fn, name }])) as {
    readonly [K in keyof R & string]: RouteSpec<R[K], K>;
  };
}

export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>) => `${r.method} ${r.path}`;

// ---- Types derived from a definition ------------------------------------------------------------

export type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}`
  ? (N extends `${infer G}+` ? G : N) | ParamNames<Rest>
  : never;

export type ParamsOf<D extends RouteDef> = D['params'] extends z.ZodMiniObject
  ? z.output<D['params']>
  : { [K in ParamNames<D['path']>]: string };
export type QueryOf<D extends RouteDef> = D['query'] extends z.ZodMiniObject
  ? z.output<D['query']>
  : Record<string, never>;
export type BodyOf<D extends RouteDef> = D['body'] extends z.ZodMiniType ? z.output<D['body']> : undefined;
/** What a client sends as the body (before defaults and transforms). */
export type BodyInputOf<D extends RouteDef> = D['body'] extends z.ZodMiniType ? z.input<D['body']> : undefined;
export type QueryInputOf<D extends RouteDef> = D['query'] extends z.ZodMiniObject
  ? z.input<D['query']>
  : Record<string, never>;

type ResponseFor<S extends number, R> = R extends z.ZodMiniType
  ? { status: S; json: z.input<R>; headers?: Record<string, string> }
  : R extends TextResponse
    ? { status: S; text: string; contentType: string; headers?: Record<string, string> }
    : { status: S; headers?: Record<string, string> };

export type ResponseOf<D extends RouteDef> = {
  [S in keyof D['responses'] & number]: ResponseFor<S, D['responses'][S]>;
}[keyof D['responses'] & number];

/** The JSON a successful call answers (the union over its JSON success responses). */
export type JsonOf<D extends RouteDef> = {
  [S in keyof D['responses'] & number]: D['responses'][S] extends z.ZodMiniType ? z.input<D['responses'][S]> : never;
}[keyof D['responses'] & number];

// ---- Matching, as API Gateway does -------------------------------------------------------------

/** More specific routes first, as API Gateway matches: literal segments beat `{param}`, which beats `{proxy+}`. */
export const routeSpecificity = (path: string) =>
  path.split('/').map((seg) => (seg.endsWith('+}') ? 0 : seg.startsWith('{') ? 1 : 2));

export function compareRoutes(a: Pick<RouteDef, 'path'>, b: Pick<RouteDef, 'path'>): number {
  const sa = routeSpecificity(a.path);
  const sb = routeSpecificity(b.path);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const d = (sb[i] ?? -1) - (sa[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** A path whose percent-escapes do not decode (`/api/participants/%ZZ`). */
export class MalformedPathError extends Error {
  override name = 'MalformedPathError';
}

/** Compile `/api/x/{id}` into a matcher that returns path parameters. */
export function compilePath(path: string): (actual: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((seg) => {
      const param = /^\{(\w+)(\+?)\}$/.exec(seg);
      if (!param) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1] ?? '');
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  const re = new RegExp(`^${source}$`);
  return (actual) => {
    const m = re.exec(actual);
    if (!m) return undefined;
    return Object.fromEntries(
      names.map((n, i) => {
        try {
          return [n, decodeURIComponent(m[i + 1] ?? '')];
        } catch {
          throw new MalformedPathError(`The path segment for ${n} is not valid percent-encoding.`);
        }
      }),
    );
  };
}

import type {
  BodyInputOf,
  JsonOf,
  ParamNames,
  QueryInputOf,
  RouteDef,
  RouteSet,
} from '../../shared/runtime/http/routes.js';

/** The error fields any response may carry (the contract's error bodies). */
type ErrorFields = { error?: string; message?: string; issues?: { path: string; message: string }[] };

export type Answer<D extends RouteDef> = {
  status: number;
  /** The route's JSON success body, typed from its definition: a renamed response field breaks the build. */
  json: JsonOf<D> & ErrorFields;
  text: string;
  headers: Headers;
};

type Empty = Record<never, never>;
export type CallOptions<D extends RouteDef> = { token?: string; headers?: Record<string, string> } & ([
  ParamNames<D['path']>,
] extends [never]
  ? Empty
  : { params: { [K in ParamNames<D['path']>]: string } }) &
  (D['query'] extends object ? { query?: QueryInputOf<D> } : Empty) &
  (D['body'] extends object ? { body: BodyInputOf<D> } : Empty);

/** The path of a route with its parameters filled in (each percent-encoded). */
export function pathOf(route: RouteDef, params: Record<string, string> = {}, query: Record<string, unknown> = {}) {
  const path = route.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const qs = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  ).toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * A client typed by the route definitions: `api.recruitParticipant({ token, body })` sends the
 * route's method to its path and answers its typed JSON. Tests that send deliberately bad input use
 * the untyped `call` instead.
 */
export function typedClient<R extends RouteSet>(
  routes: R,
  call: (
    method: string,
    path: string,
    o: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<{ status: number; json: any; text: string; headers: Headers }>,
): { [K in keyof R]: (opts: CallOptions<R[K]>) => Promise<Answer<R[K]>> } {
  return Object.fromEntries(
    Object.entries(routes).map(([name, route]) => [
      name,
      (opts: {
        token?: string;
        headers?: Record<string, string>;
        params?: Record<string, string>;
        query?: Record<string, unknown>;
        body?: unknown;
      }) =>
        call(route.method, pathOf(route, opts.params, opts.query), {
          token: opts.token,
          body: opts.body,
          headers: opts.headers,
        }),
    ]),
  ) as unknown as { [K in keyof R]: (opts: CallOptions<R[K]>) => Promise<Answer<R[K]>> };
}

/**
 * The HTTP route table as data: the CDK HTTP API and the local server are both built from it,
 * and the shared API middleware checks the caller's role against it. No handler code here.
 */
export const roles = ['coordinator', 'finance', 'governance', 'member'] as const;
export type Role = (typeof roles)[number];

export type RouteSpec = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** API Gateway path syntax: `/api/participants/{id}`. */
  path: string;
  /** The function (see functions/catalogue.ts) that serves this route. */
  fn: string;
  /** Who may call it; 'public' needs no token. */
  roles: readonly Role[] | 'public';
};

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** More specific routes first, as API Gateway matches: literal segments beat `{param}`, which beats `{proxy+}`. */
export const routeSpecificity = (path: string) =>
  path.split('/').map((seg) => (seg.endsWith('+}') ? 0 : seg.startsWith('{') ? 1 : 2));

export function compareRoutes(a: Pick<RouteSpec, 'path'>, b: Pick<RouteSpec, 'path'>): number {
  const sa = routeSpecificity(a.path);
  const sb = routeSpecificity(b.path);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const d = (sb[i] ?? -1) - (sa[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Compile `/api/x/{id}` into a matcher that returns path parameters. */
export function compilePath(path: string): (actual: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((seg) => {
      const greedy = /^\{(\w+)\+\}$/.exec(seg);
      if (greedy) {
        names.push(greedy[1]!);
        return '(.+)';
      }
      const m = /^\{(\w+)\}$/.exec(seg);
      if (m) {
        names.push(m[1]!);
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const re = new RegExp(`^${source}$`);
  return (actual) => {
    const m = re.exec(actual);
    if (!m) return undefined;
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
  };
}

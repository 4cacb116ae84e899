import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { apiRoutes, routeTable } from '../../functions/catalogue.js';
import { openApiPath, renderOpenApi } from '../../shared/local/write-openapi.js';
import { routeKey } from '../../shared/runtime/http/routes.js';

describe('the OpenAPI document', () => {
  const rendered = renderOpenApi();

  it('is what the route definitions generate (run `npm run api:openapi` after changing a route)', () => {
    expect(readFileSync(openApiPath, 'utf8')).toBe(rendered);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(rendered));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('covers every route of the route table that the HTTP API and the local server route by', () => {
    const doc = JSON.parse(rendered) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routeTable.map((r) => routeKey(r).replace('{proxy+}', '{proxy}')).sort());
  });

  it('describes each defined route once, with its responses, and its body where it takes one', () => {
    const doc = JSON.parse(rendered) as { paths: Record<string, Record<string, any>> };
    for (const route of apiRoutes) {
      const op = doc.paths[route.path.replace('+}', '}')]?.[route.method.toLowerCase()];
      expect(op, routeKey(route)).toBeDefined();
      expect(op.operationId).toBe(route.name);
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      if (route.body) expect(op.requestBody?.content?.['application/json']?.schema, routeKey(route)).toBeDefined();
    }
  });
});

import * as z from 'zod/mini';
import { type ResponseDef, type RouteSpec, routeKey } from './routes.js';
import { CodeErrorBody, MessageErrorBody, ValidationErrorBody } from './schemas.js';

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the route definitions (the same objects
 * the handlers, the route table and the request validation use), as the event JSON Schemas are
 * generated from the event contracts. `npm run api:openapi` writes it to docs/openapi.json; the API
 * serves it at GET /api/openapi.json; a test fails when the file is stale.
 */
type Json = Record<string, unknown>;

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output' = 'input'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
};

const isZod = (d: ResponseDef): d is z.ZodMiniType => typeof (d as z.ZodMiniType).safeParse === 'function';

function responseObject(def: ResponseDef): Json {
  if (isZod(def)) {
    return {
      description: z.globalRegistry.get(def)?.description ?? 'OK',
      content: { 'application/json': { schema: jsonSchema(def) } },
    };
  }
  if ('contentType' in def) {
    return {
      description: def.description,
      content: { [def.contentType.split(';')[0] ?? '']: { schema: { type: 'string' } } },
    };
  }
  return { description: def.description };
}

const errorRef = (name: string, description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
});

function parameters(route: RouteSpec): Json[] {
  const out: Json[] = [];
  const pathNames = [...route.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1] ?? '');
  const paramShape = route.params?.shape ?? {};
  for (const name of pathNames) {
    const schema = paramShape[name] as z.ZodMiniType | undefined;
    out.push({
      name,
      in: 'path',
      required: true,
      schema: schema ? jsonSchema(schema) : { type: 'string', minLength: 1 },
    });
  }
  for (const [name, schema] of Object.entries(route.query?.shape ?? {})) {
    const s = schema as z.ZodMiniType;
    out.push({ name, in: 'query', required: !s.safeParse(undefined).success, schema: jsonSchema(s) });
  }
  if (route.idempotent) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Repeating the request with the same key returns the first response and creates nothing new.',
      schema: { type: 'string', minLength: 1, maxLength: 200 },
    });
  }
  return out;
}

function operation(route: RouteSpec): Json {
  const isPublic = route.roles === 'public';
  const rolesText = isPublic ? 'Public: no token needed.' : `Roles: ${route.roles.join(', ')}.`;
  const responses: Json = Object.fromEntries(
    Object.entries(route.responses).map(([status, def]) => [status, responseObject(def)]),
  );
  if (route.body || route.query || route.params || route.path.includes('{')) {
    responses['400'] = errorRef('ValidationError', 'A field is not valid: each issue names its field (dot path).');
  }
  if (!isPublic) {
    responses['401'] = errorRef('CodeError', 'No valid token.');
    responses['403'] = errorRef('MessageError', 'Your role, or whose record this is, does not allow it.');
  }
  if (route.path.includes('{')) responses['404'] = errorRef('CodeError', 'No such record.');
  if (route.conflict) responses['409'] = errorRef('MessageError', route.conflict);
  return {
    operationId: route.name,
    summary: route.summary,
    description: [route.description, rolesText].filter(Boolean).join('\n\n'),
    tags: [route.fn],
    'x-roles': isPublic ? [] : [...route.roles],
    security: isPublic ? [] : [{ bearer: [] }],
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } }
      : {}),
    parameters: parameters(route),
    responses,
  };
}

export function openApiDocument(routes: readonly RouteSpec[], info: { version: string }): Json {
  const paths: Record<string, Json> = {};
  const seen = new Set<string>();
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))) {
    if (seen.has(route.name)) throw new Error(`Two routes are named ${route.name} (${routeKey(route)})`);
    seen.add(route.name);
    const path = route.path.replace(/\{(\w+)\+\}/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Json)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Coproduce API',
      version: info.version,
      description:
        'Co-production for mental health services: participants, forums and sessions, payments checked against benefit rules, co-signed decisions and their audit log. Money is always an integer in minor units with an ISO currency; times are ISO-8601 with offset.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        ValidationError: jsonSchema(ValidationErrorBody),
        MessageError: jsonSchema(MessageErrorBody),
        CodeError: jsonSchema(CodeErrorBody),
      },
    },
    paths,
  };
}

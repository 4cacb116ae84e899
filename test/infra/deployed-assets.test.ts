import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { allEvents, buildEvent } from '../../events/index.js';
import { type FunctionSpec, functions, routesOf } from '../../functions/catalogue.js';
import { ensureTable, localClient } from '../../shared/local/dynamodb.js';
import { outboxPut } from '../../shared/runtime/events/outbox.js';
import { auditTable, mainTable } from '../../shared/runtime/store/table-design.js';
import { fixtures } from '../contract/fixtures.js';
import { synth } from './synth.js';

/**
 * Deploy what was tested: each function's bundle exactly as `cdk synth` writes it to the cloud
 * assembly, started with exactly the environment variables its template gives it (the CDK tokens
 * resolved to local stand-ins), in a fresh Node process with nothing else, and invoked with a
 * Lambda-shaped event and context against DynamoDB Local. A bundling or wiring mistake — a missing
 * variable, a module the bundle lost, a handler that does not load — fails here, not in AWS.
 * EventBridge, SES, Scheduler and S3 answer from a stand-in on 127.0.0.1 (nothing leaves the machine).
 */
const prefix = `t${ulid().toLowerCase()}-`;
const tables = { main: `${prefix}${mainTable.id}`, audit: `${prefix}${auditTable.id}` };
let awsStandIn: Server;
let standInUrl = '';
const standInCalls: string[] = [];

/** Minimal AWS answers: PutEvents accepts every entry, the rest accept what they are sent. */
function startAwsStandIn(): Promise<void> {
  awsStandIn = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? `${req.method} ${req.url}`);
      standInCalls.push(target);
      if (target.endsWith('.PutEvents')) {
        const entries = (JSON.parse(body || '{}').Entries ?? []) as unknown[];
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `e${i}` })) }));
        return;
      }
      if (req.url?.includes('list-type=2')) {
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>',
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', etag: '"0"' });
      res.end(req.url?.includes('/email/') ? '{"MessageId":"m-1"}' : '{}');
    });
  });
  return new Promise((res) =>
    awsStandIn.listen(0, '127.0.0.1', () => {
      const addr = awsStandIn.address();
      standInUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
      res();
    }),
  );
}

type Deployed = { spec: FunctionSpec; dir: string; handler: string; env: Record<string, unknown> };
let deployed: Deployed[] = [];

/** A template value as the function would see it: literals as they are, references to local stand-ins. */
function resolve(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  const local: Record<string, string> = {
    TABLE_NAME: tables.main,
    AUDIT_TABLE_NAME: tables.audit,
    EVENT_BUS_NAME: 'coproduce-test',
    PUBLIC_BASE_URL: 'https://coproduce.example.org',
    SCHEDULER_GROUP_NAME: 'coproduce-test',
    SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/scheduler',
    SCHEDULER_TARGET_ARN: 'arn:aws:events:eu-west-1:000000000000:event-bus/coproduce-test',
    SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-west-1:000000000000:scheduler-dlq',
    AUTH_DOMAIN_URL: 'https://coproduce-test.auth.eu-west-1.amazoncognito.com',
    AUTH_CLIENT_ID: 'testclient',
    AUTH_REDIRECT_URI: 'https://coproduce.example.org/signed-in',
    AUTH_LOGOUT_REDIRECT_URI: 'https://coproduce.example.org/sign-in',
    // The secret's ARN: surveys-api reads the value itself, when a response needs it.
    SURVEY_RESPONSE_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:survey-response-key',
  };
  // A reference nobody here knows how to stand in for fails the test by name: add it above.
  const known = local[name] ?? (name.endsWith('_BUCKET_NAME') ? `${prefix}bucket` : undefined);
  if (known === undefined) throw new Error(`No local stand-in for ${name} = ${JSON.stringify(value)}`);
  return known;
}

beforeAll(async () => {
  await startAwsStandIn();
  const endpoint = inject('dynamodbEndpoint');
  const client = localClient(endpoint);
  await ensureTable(client, mainTable, tables.main);
  await ensureTable(client, auditTable, tables.audit);
  client.destroy();

  const { app, stateless } = synth({ bundle: true });
  const assembly = app.synth();
  const manifest = JSON.parse(
    readFileSync(join(assembly.directory, `${stateless.artifactId}.assets.json`), 'utf8'),
  ) as {
    files: Record<string, { source: { path: string } }>;
  };
  const template = assembly.getStackByName(stateless.stackName).template as {
    Resources: Record<string, { Type: string; Properties: any }>;
  };
  deployed = [...stateless.functions].map(([name, construct]) => {
    const spec = functions.find((f) => f.name === name);
    if (!spec) throw new Error(`no spec for ${name}`);
    const id = stateless.getLogicalId(construct.fn.node.defaultChild as never);
    const props = template.Resources[id]?.Properties;
    const hash = String(props.Code.S3Key).replace(/\.zip$/, '');
    const asset = manifest.files[hash];
    if (!asset) throw new Error(`${name}: no asset ${hash} in the assembly`);
    return {
      spec,
      dir: join(assembly.directory, asset.source.path),
      handler: String(props.Handler),
      env: props.Environment?.Variables ?? {},
    };
  });
}, 240_000);

afterAll(() => new Promise<void>((res) => awsStandIn.close(() => res())));

const ID = '01JQ0000000000000000000001';
const claimsFor = (role: string) => ({
  sub: `deployed-${role}`,
  'cognito:groups': `[${role}]`,
  ...(role === 'member' ? { 'custom:participantId': ID } : {}),
});

/** One Lambda-shaped event for each way the function is triggered. */
function eventsFor(spec: FunctionSpec): { what: string; event: unknown }[] {
  const events: { what: string; event: unknown }[] = [];
  for (const r of routesOf(spec)) {
    const path = r.path.replace('{proxy+}', 'index').replace(/\{\w+\}/g, ID);
    const params = Object.fromEntries(
      [...r.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => [m[1], m[1] === 'proxy' ? 'index' : ID]),
    );
    const role = r.roles === 'public' ? undefined : r.roles[0];
    events.push({
      what: `${r.method} ${r.path}`,
      event: {
        version: '2.0',
        routeKey: `${r.method} ${r.path}`,
        rawPath: path,
        rawQueryString: '',
        headers: { 'content-type': 'application/json', host: 'api.example.org' },
        pathParameters: Object.keys(params).length ? params : undefined,
        body: r.method === 'GET' ? undefined : '{}',
        isBase64Encoded: false,
        requestContext: {
          accountId: '000000000000',
          apiId: 'deployed',
          domainName: 'api.example.org',
          domainPrefix: 'api',
          http: { method: r.method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
          requestId: ulid(),
          routeKey: `${r.method} ${r.path}`,
          stage: '$default',
          time: new Date().toUTCString(),
          timeEpoch: Date.now(),
          ...(role ? { authorizer: { jwt: { claims: claimsFor(role), scopes: [] } } } : {}),
        },
      },
    });
  }
  for (const contract of spec.subscribes ?? []) {
    const data = fixtures[contract.detailType];
    const built = buildEvent(contract, data as never, {
      idempotencyKey: `deployed:${ulid()}`,
      occurredAt: '2026-03-02T18:00:00+00:00',
    });
    events.push({
      what: contract.detailType,
      event: {
        version: '0',
        id: built.eventId,
        'detail-type': contract.detailType,
        source: contract.source,
        account: '000000000000',
        time: '2026-03-02T18:00:00Z',
        region: 'eu-west-1',
        resources: [],
        detail: built.detail,
      },
    });
  }
  if (spec.access.stream) {
    const contract = allEvents[0];
    if (!contract) throw new Error('no contracts');
    const event = buildEvent(contract, fixtures[contract.detailType] as never, {
      idempotencyKey: `deployed:${ulid()}`,
      occurredAt: '2026-03-02T18:00:00+00:00',
    });
    const put = outboxPut({ doc: undefined as never, table: tables.main }, event, '2026-03-02T18:00:00+00:00');
    events.push({ what: 'table stream', event: { streamInsertOf: put.Put?.Item } });
  }
  if (spec.every) events.push({ what: 'schedule', event: {} });
  return events;
}

const require = createRequire(import.meta.url);

const driver = `
import { marshall } from ${JSON.stringify(require.resolve('@aws-sdk/util-dynamodb'))};
const [bundle, handlerName, eventsFile] = process.argv.slice(2);
const events = JSON.parse((await import('node:fs')).readFileSync(eventsFile, 'utf8'));
const mod = await import(bundle);
const handler = mod[handlerName];
const context = { functionName: 'deployed', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:deployed', memoryLimitInMB: '512', awsRequestId: 'r', logGroupName: 'g', logStreamName: 's', callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => 10000, done() {}, fail() {}, succeed() {} };
const out = [];
for (const { what, event } of events) {
  const e = event.streamInsertOf
    ? { Records: [{ eventID: '1', eventName: 'INSERT', eventSource: 'aws:dynamodb', dynamodb: { NewImage: marshall(event.streamInsertOf, { removeUndefinedValues: true }), SequenceNumber: '1' } }] }
    : event;
  try {
    const result = await handler(e, context);
    out.push({ what, ok: true, status: result?.statusCode });
  } catch (err) {
    out.push({ what, ok: false, name: err?.name, message: String(err?.message ?? err).slice(0, 300) });
  }
}
console.log('RESULTS ' + JSON.stringify(out));
`;

function invoke(d: Deployed): Promise<{ results: any[]; stderr: string }> {
  const driverFile = join(d.dir, '..', `deployed-driver-${d.spec.name}.mjs`);
  const eventsFile = join(d.dir, '..', `deployed-events-${d.spec.name}.json`);
  writeFileSync(driverFile, driver);
  writeFileSync(eventsFile, JSON.stringify(eventsFor(d.spec)));
  const [file, exported] = d.handler.split('.') as [string, string];
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // What Lambda sets for every function, then exactly what the template sets for this one.
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'deployed',
    AWS_SECRET_ACCESS_KEY: 'deployed',
    AWS_LAMBDA_FUNCTION_NAME: d.spec.name,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ENDPOINT_URL_EVENTBRIDGE: standInUrl,
    AWS_ENDPOINT_URL_SESV2: standInUrl,
    AWS_ENDPOINT_URL_SCHEDULER: standInUrl,
    AWS_ENDPOINT_URL_S3: standInUrl,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: standInUrl,
    AWS_S3_FORCE_PATH_STYLE: 'true',
    ...Object.fromEntries(Object.entries(d.env).map(([k, v]) => [k, resolve(k, v)])),
  };
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [driverFile, join(d.dir, `${file}.mjs`), exported, eventsFile], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('error', rej);
    child.on('close', () => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULTS '));
      if (!line) return rej(new Error(`${d.spec.name} did not run:\n${stderr.slice(0, 2000)}`));
      res({ results: JSON.parse(line.slice('RESULTS '.length)), stderr });
    });
  });
}

/** Errors a bundling or wiring mistake produces, never a business rule refusing the stand-in input. */
const wiringError =
  /Invalid environment|Cannot find (module|package)|is not a function|is not defined|is not a constructor|ERR_|Unexpected token/;

describe('the deployed functions, as synthesized', () => {
  it('are every deployed function of the catalogue', () => {
    expect(deployed.map((d) => d.spec.name).sort()).toEqual(
      functions
        .filter((f) => f.runsIn !== 'local')
        .map((f) => f.name)
        .sort(),
    );
  });

  it("carry zod's English messages wherever they carry zod (zod/mini leaves them out: shared/kernel/zod-messages.ts)", () => {
    const withZod = deployed.filter((d) => {
      const code = readFileSync(join(d.dir, 'index.mjs'), 'utf8');
      return code.includes('$ZodType');
    });
    expect(withZod.length).toBeGreaterThan(20);
    const missing = withZod
      .filter((d) => !readFileSync(join(d.dir, 'index.mjs'), 'utf8').includes('Too big: expected'))
      .map((d) => d.spec.name);
    expect(missing).toEqual([]);
  });

  it('each start from their bundle with only their template environment and answer their triggers', async () => {
    const failures: string[] = [];
    for (const d of deployed) {
      const { results } = await invoke(d);
      expect(results.length, d.spec.name).toBe(eventsFor(d.spec).length);
      for (const r of results) {
        if (r.ok && (r.status === undefined || r.status < 500)) continue;
        if (
          !r.ok &&
          !wiringError.test(`${r.name}: ${r.message}`) &&
          !['TypeError', 'ReferenceError', 'SyntaxError'].includes(r.name)
        )
          continue;
        failures.push(`${d.spec.name} ${r.what}: ${r.ok ? `status ${r.status}` : `${r.name}: ${r.message}`}`);
      }
    }
    expect(failures).toEqual([]);
    // The stand-ins were reached: events were published and the table answered.
    expect(standInCalls.some((c) => c.endsWith('.PutEvents'))).toBe(true);
  }, 240_000);
});

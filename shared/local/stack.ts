import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  Context,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  EventBridgeEvent,
} from 'aws-lambda';
import { ulid } from 'ulid';
import { type FunctionSpec, functions, routeTable } from '../../functions/catalogue.js';
import { buildPages } from '../../web/build.js';
import { type Clock, systemClock } from '../kernel/clock.js';
import { type FinanceWebhookConfig, financeWebhookFromEnv, localCoordinatorEmail } from '../payments/index.js';
import { allAccess, envFor } from '../runtime/access.js';
import type { AppDeps } from '../runtime/deps.js';
import { isOutboxItem } from '../runtime/events/outbox.js';
import { auditTable, mainTable } from '../runtime/store/table-design.js';
import { localSurveysConfig } from '../surveys/index.js';
import { tableAnchorStore } from './anchor-store.js';
import { LocalEventBus } from './bus.js';
import {
  assertPortFree,
  type EmbeddedDynamo,
  ensureTable,
  localClient,
  PortInUseError,
  startDynamoDbLocal,
} from './dynamodb.js';
import { guardedDoc } from './key-guard.js';
import { LocalMailbox } from './mailbox.js';
import { LocalScheduler } from './scheduler.js';
import { createLocalServer, type LocalRoute } from './server.js';
import { DevTokenRequest, LocalTokenIssuer } from './token.js';

export type LocalStackOptions = {
  /** HTTP port; 0 picks a free one. */
  port: number;
  /** Use an existing DynamoDB instead of starting DynamoDB Local. */
  dynamodbEndpoint?: string;
  /** Port for the embedded DynamoDB Local. */
  dynamodbPort?: number;
  /** Where DynamoDB Local keeps its data; undefined = in memory. */
  dataDir?: string;
  /** Prefix for table names (tests share one DynamoDB Local and use a prefix each). */
  tablePrefix?: string;
  clock?: Clock;
  /** Run the scheduler and periodic functions on timers (npm start); tests drive them by hand. */
  timers?: boolean;
  log?: (line: string) => void;
  /** What the stack is doing while it starts (npm start prints it). */
  progress?: (line: string) => void;
  /** Where PaymentDue is POSTed, signed (default: FINANCE_WEBHOOK_URL / FINANCE_WEBHOOK_SECRET; none when unset). */
  financeWebhook?: FinanceWebhookConfig;
  /** Where coordinator notices go (default: COORDINATOR_EMAIL, or coordinators@example.org so the mailbox shows them). */
  coordinatorEmail?: string;
  /** Told of every function invocation when it ends, with its duration (the bench's Lambda figures). */
  onInvoke?: (fn: string, ms: number) => void;
};

export type LocalStack = {
  url: string;
  port: number;
  dynamodbEndpoint: string;
  tables: { main: string; audit: string };
  deps: AppDeps;
  bus: LocalEventBus;
  scheduler: LocalScheduler;
  mailbox: LocalMailbox;
  tokens: LocalTokenIssuer;
  /** Relay the outbox and wait for every delivery it causes, until nothing is left to do. */
  settle(): Promise<void>;
  /** Issue a token as POST /api/dev/token does. */
  token(req: { sub: string; groups: string[]; participantId?: string }): Promise<string>;
  stop(): Promise<void>;
};

type AnyHandler = (event: unknown, context: Context) => Promise<unknown>;

const lambdaContext = (fn: string): Context =>
  ({
    functionName: `local-${fn}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn}`,
    memoryLimitInMB: '256',
    awsRequestId: ulid(),
    logGroupName: `/local/${fn}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  }) as Context;

/**
 * Handler modules build their Lambda wiring at import (`export const handler = buildHandler(awsDeps)`),
 * which reads these variables. Locally that wiring is never invoked — the stack calls
 * buildHandler with local dependencies — but the import must not fail.
 */
function applyImportEnv(
  tables: { main: string; audit: string },
  endpoint: string,
  url: string,
  coordinatorEmail: string,
) {
  const env = envFor(allAccess, {
    mainTableName: tables.main,
    auditTableName: tables.audit,
    // Read by s3AnchorStoreFromEnv() at import; locally the stack passes its own anchor store.
    anchorBucketName: 'local',
    eventBusName: 'local',
    publicBaseUrl: url,
    // Read by awsSchedulerFromEnv()/sesNotifierFromEnv() at import; locally the stack passes its own ports.
    scheduler: {
      groupName: 'local',
      roleArn: 'arn:aws:iam::000000000000:role/local-scheduler',
      targetArn: 'arn:aws:events:eu-west-1:000000000000:event-bus/local',
      deadLetterQueueArn: 'arn:aws:sqs:eu-west-1:000000000000:local-scheduler-dlq',
    },
    senderEmail: 'coproduce@example.org',
    coordinatorEmail,
    // Read by cognitoAuthConfig() at import; locally the stack passes auth mode 'local' (dev tokens).
    auth: {
      domainUrl: 'https://local.invalid',
      clientId: 'local',
      redirectUri: 'https://local.invalid/signed-in',
      logoutRedirectUri: 'https://local.invalid/sign-in',
      scopes: ['openid', 'email'],
    },
    // Read by surveysConfigFromEnv() at import (nothing is fetched: locally the stack passes its own config).
    surveyResponseKeySecretArn: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:local-survey-response-key',
  });
  for (const [name, value] of Object.entries({
    ...env,
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  })) {
    process.env[name] ??= value;
  }
}

/** The outbox items a successful write put, as a table stream would show their INSERTs. */
function outboxItemsWritten(command: string, input: unknown): Record<string, unknown>[] {
  const puts =
    command === 'TransactWriteItemsCommand'
      ? ((input as { TransactItems?: { Put?: { Item?: Record<string, unknown> } }[] }).TransactItems ?? []).map(
          (t) => t.Put?.Item,
        )
      : command === 'PutItemCommand'
        ? [(input as { Item?: Record<string, unknown> }).Item]
        : [];
  return puts.filter((item): item is Record<string, unknown> => isOutboxItem(item));
}

const streamEventOf = (items: Record<string, unknown>[]): DynamoDBStreamEvent => ({
  Records: items.map((item, i) => ({
    eventID: ulid(),
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    awsRegion: 'local',
    dynamodb: {
      NewImage: marshall(item, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
      SequenceNumber: String(i),
      StreamViewType: 'NEW_IMAGE',
    },
  })),
});

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? (() => {});
  const progress = opts.progress ?? (() => {});
  const clock = opts.clock ?? systemClock;
  if (opts.port !== 0) await assertPortFree(opts.port, 'PORT');
  let dynamo: EmbeddedDynamo | undefined;
  let endpoint = opts.dynamodbEndpoint;
  if (!endpoint) {
    const dynamodbPort = opts.dynamodbPort ?? 8000;
    progress(`Starting DynamoDB Local on port ${dynamodbPort} (a Java program: this takes a few seconds)…`);
    dynamo = await startDynamoDbLocal({ port: dynamodbPort, dataDir: opts.dataDir });
    endpoint = dynamo.endpoint;
  }
  const client = localClient(endpoint);
  const prefix = opts.tablePrefix ?? '';
  const tables = { main: `${prefix}${mainTable.id}`, audit: `${prefix}${auditTable.id}` };
  progress('Creating the tables if they are not there yet…');
  await ensureTable(client, mainTable, tables.main);
  await ensureTable(client, auditTable, tables.audit);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

  const bus = new LocalEventBus({ db: { doc, table: tables.main }, log });
  await bus.load();
  const db = { doc, table: tables.main };
  const scheduler = new LocalScheduler(db, bus, clock, log);
  const mailbox = new LocalMailbox(log, clock);
  const tokens = new LocalTokenIssuer();

  const localRoutes: LocalRoute[] = [
    {
      method: 'POST',
      path: '/api/dev/token',
      handle: async ({ body }) => {
        const parsed = DevTokenRequest.safeParse(body);
        if (!parsed.success) {
          return {
            status: 400,
            json: {
              error: 'validation',
              issues: parsed.error.issues.map((i) => ({
                path: i.path.join('.') || '(body)',
                message: i.message,
              })),
            },
          };
        }
        return { status: 200, json: { token: await tokens.issue(parsed.data) } };
      },
    },
    {
      method: 'GET',
      path: '/api/dev/mailbox',
      handle: async ({ claims }) =>
        claims
          ? { status: 200, json: { items: [...mailbox.sent].reverse() } }
          : { status: 401, json: { error: 'unauthorized' } },
    },
    {
      method: 'GET',
      path: '/api/dev/dead-letters',
      handle: async ({ claims }) =>
        claims
          ? {
              status: 200,
              json: {
                items: bus.deadLetters.map((d) => ({
                  ...d,
                  event: { id: d.event.id, 'detail-type': d.event['detail-type'] },
                })),
              },
            }
          : { status: 401, json: { error: 'unauthorized' } },
    },
    {
      method: 'POST',
      path: '/api/dev/dead-letters/redrive',
      handle: async ({ claims }) =>
        claims ? { status: 200, json: { redriven: bus.redrive() } } : { status: 401, json: { error: 'unauthorized' } },
    },
  ];

  // The server listens before the functions are loaded (it must know its port first); requests
  // that arrive in between wait until everything is wired.
  let markReady: () => void = () => {};
  const ready = new Promise<void>((res) => {
    markReady = res;
  });
  let wired = false;
  const server: Server = await new Promise((res, rej) => {
    const s = createLocalServer({
      routes: routeTable,
      invoke: async (fn, event) => {
        await ready;
        return invokeHttp(fn, event);
      },
      tokens,
      localRoutes,
      log,
    });
    s.once('error', (err: NodeJS.ErrnoException) =>
      rej(err.code === 'EADDRINUSE' ? new PortInUseError(opts.port, 'PORT') : err),
    );
    s.listen(opts.port, '127.0.0.1', () => res(s));
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const url = `http://127.0.0.1:${port}`;

  const deps: AppDeps = {
    db,
    auditDb: { doc, table: tables.audit },
    clock,
    publisher: bus,
    scheduler,
    notifier: mailbox,
    anchors: tableAnchorStore({ doc, table: tables.audit }),
    config: {
      publicBaseUrl: url,
      coordinatorEmail: opts.coordinatorEmail ?? localCoordinatorEmail(),
      webRoot: resolve(import.meta.dirname, '../../web'),
      outboxSweepMinAgeMs: 0,
      financeWebhook: opts.financeWebhook ?? financeWebhookFromEnv(),
      // The pages sign in through POST /api/dev/token (localRoutes), never Cognito.
      auth: { mode: 'local' },
      // SURVEY_RESPONSE_KEY_SECRET, or a fixed local-only secret (never for real data); SURVEYS_QPR15_WORDING.
      ...localSurveysConfig(),
    },
  };

  applyImportEnv(tables, endpoint, url, deps.config.coordinatorEmail);
  progress('Building the pages…');
  buildPages();
  progress('Loading the functions (the same handlers AWS runs)…');
  const handlers = new Map<string, AnyHandler>();
  for (const spec of functions) {
    const mod = (await import(`../../functions/${spec.name}/handler.ts`)) as {
      buildHandler: (d: AppDeps, options: { checkResponses: boolean }) => AnyHandler;
    };
    // Each function's table clients refuse what its IAM policy would (shared/local/key-guard.ts).
    const guarded = guardedDoc(doc, spec, tables, log);
    const fnDeps: AppDeps = { ...deps, db: { ...deps.db, doc: guarded }, auditDb: { ...deps.auditDb, doc: guarded } };
    // Locally every API response is checked against its route's schema, so a test catches a drifted OpenAPI.
    const h = mod.buildHandler(fnDeps, { checkResponses: true });
    const onInvoke = opts.onInvoke;
    handlers.set(
      spec.name,
      onInvoke
        ? async (event, context) => {
            const t0 = performance.now();
            try {
              return await h(event, context);
            } finally {
              onInvoke(spec.name, performance.now() - t0);
            }
          }
        : h,
    );
  }
  const invokeHttp = async (fn: string, event: APIGatewayProxyEventV2) => {
    const h = handlers.get(fn);
    if (!h) throw new Error(`No local function ${fn}`);
    return (await h(event, lambdaContext(fn))) as APIGatewayProxyResultV2;
  };

  for (const spec of functions) {
    for (const contract of spec.subscribes ?? []) {
      const h = handlers.get(spec.name)!;
      bus.subscribe({
        name: `${spec.name}:${contract.detailType}`,
        pattern: contract.pattern,
        maxAttempts: spec.localDeliveryAttempts,
        target: async (event: EventBridgeEvent<string, unknown>) => {
          await h(event, lambdaContext(spec.name));
        },
      });
    }
  }

  // The relay, as in AWS: the outbox-relay function gets each committed transaction's outbox items
  // as a table-stream batch (the same handler AWS's stream trigger invokes), and the outbox-sweeper
  // function picks up whatever a failed publish left pending (every second, and at start: events
  // still being delivered when the last run stopped are published again).
  const streamRelay = handlers.get('outbox-relay');
  const sweeper = handlers.get('outbox-sweeper');
  if (!streamRelay || !sweeper) throw new Error('The catalogue has no outbox-relay or outbox-sweeper function');
  const streaming = new Set<Promise<unknown>>();
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (wired) {
        const written = outboxItemsWritten(context.commandName ?? '', args.input);
        if (written.length > 0) {
          // The stream batch has these events: the sweeper must not publish them a second time meanwhile.
          const ids = written.map((item) => String(item.eventId));
          bus.reserve(ids);
          const p = streamRelay(streamEventOf(written), lambdaContext('outbox-relay'))
            .catch((err: unknown) => log(`relay: ${(err as Error).message} (the sweeper retries)`))
            .finally(() => {
              bus.release(ids);
              streaming.delete(p);
            });
          streaming.add(p);
        }
      }
      return out;
    },
    { step: 'initialize', name: 'localTableStream' },
  );
  let relayRunning: Promise<number> | undefined;
  let relayAgain = false;
  const relayOnce = async (): Promise<number> => {
    if (relayRunning) {
      relayAgain = true;
      return relayRunning;
    }
    relayRunning = (async () => {
      let total = 0;
      do {
        relayAgain = false;
        try {
          total += ((await sweeper({}, lambdaContext('outbox-sweeper'))) as { relayed: number }).relayed;
        } catch (err) {
          log(`relay: ${(err as Error).message} (will retry)`);
        }
      } while (relayAgain);
      return total;
    })().finally(() => {
      relayRunning = undefined;
    });
    return relayRunning;
  };

  wired = true;
  markReady();
  // Events a previous run accepted but had not delivered yet.
  void relayOnce();

  const timers: NodeJS.Timeout[] = [];
  if (opts.timers) {
    const periodic = (name: string, ms: number, run: () => Promise<unknown>) => {
      let busy = false;
      timers.push(
        setInterval(() => {
          if (busy) return;
          busy = true;
          run()
            .catch((err) => log(`${name}: ${(err as Error).message}`))
            .finally(() => {
              busy = false;
            });
        }, ms),
      );
    };
    periodic('scheduler', 500, () => scheduler.tick());
    for (const spec of functions as FunctionSpec[]) {
      if (!spec.every) continue;
      if (spec.name === 'outbox-sweeper') periodic('relay', spec.every.localMs, relayOnce);
      else periodic(spec.name, spec.every.localMs, () => handlers.get(spec.name)!({}, lambdaContext(spec.name)));
    }
  }

  return {
    url,
    port,
    dynamodbEndpoint: endpoint,
    tables,
    deps,
    bus,
    scheduler,
    mailbox,
    tokens,
    async settle() {
      for (let round = 0; round < 50; round++) {
        while (streaming.size > 0) await Promise.allSettled([...streaming]);
        await bus.idle();
        const relayed = await relayOnce();
        await bus.idle();
        if (relayed === 0 && streaming.size === 0) return;
      }
      throw new Error('The local stack did not settle after 50 rounds (an event loop?)');
    },
    token: (req) => tokens.issue(DevTokenRequest.parse(req)),
    async stop() {
      for (const t of timers) clearInterval(t);
      await new Promise<void>((res) => server.close(() => res()));
      server.closeAllConnections?.();
      // Let deliveries in flight finish, but not a delivery stuck retrying (a finance webhook that
      // is down retries for an hour and a half): Ctrl-C must stop the stack promptly. What is still
      // retrying stays pending in the outbox, and the next start delivers it.
      await Promise.race([bus.idle(), new Promise((r) => setTimeout(r, 3000).unref())]);
      bus.close();
      await Promise.allSettled([relayRunning, ...streaming]);
      await bus.idle();
      client.destroy();
      await dynamo?.stop();
    },
  };
}

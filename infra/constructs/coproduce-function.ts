import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod, type HttpRoute, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Grant, type IGrantable, type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Architecture,
  FilterCriteria,
  FilterRule,
  LoggingFormat,
  Runtime,
  StartingPosition,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { type IScheduleGroup, Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type FunctionSpec, routesOf } from '../../functions/catalogue.js';
import { envFor, keyPatterns } from '../../shared/runtime/access.js';
import { auditTable, mainTable } from '../../shared/runtime/store/table-design.js';
import { ContractSubscription } from './contract-subscription.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { acknowledgeWildcards, spelledIn, type WildcardFinding } from './nag.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * Repository folders (or files) copied beside a function's bundle. The web function serves the pages from
 * `join(import.meta.dirname, 'web')`. (If more functions need files, this could become a FunctionSpec field.)
 */
export const bundledFolders: Readonly<Record<string, readonly string[]>> = { web: ['web', 'docs/openapi.json'] };

/** Everything a function can be bound to, built by the stateful and stateless stacks. */
export type Platform = {
  mainTable: ITable;
  auditTable: ITable;
  /** The tables' customer-managed key (the audit append grant needs it explicitly). */
  dataKey: IKey;
  /** Write-once (Object Lock) storage of the hourly audit anchor; objects under `anchors/`. */
  anchorBucket: IBucket;
  bus: IEventBus;
  scheduler: { group: IScheduleGroup; role: IRole; deadLetterQueue: IQueue };
  senderIdentity: IEmailIdentity;
  senderEmail: string;
  coordinatorEmail: string;
  alarmTopic: ITopic;
  api: HttpApi;
  authorizer: IHttpRouteAuthorizer;
  /** The survey response key secret (only functions with `access.surveyKey` may read it). */
  surveyResponseKeySecret: ISecret;
  /** QPR-15's licensed statements, when the deployment supplies them (context `qpr15WordingFile`). */
  qpr15Wording?: readonly string[];
  /** The hosted sign-in, as registered on the pages' app client (see AuthConfig in shared/runtime/deps.ts). */
  auth: { domainUrl: string; clientId: string; redirectUri: string; logoutRedirectUri: string; scopes: string[] };
};

export type CoproduceFunctionProps = { spec: FunctionSpec; platform: Platform };

/** Async invocations (EventBridge rules, Scheduler) retry twice, then go to the on-failure queue. */
export const ASYNC_RETRY_ATTEMPTS = 2;
export const ASYNC_MAX_EVENT_AGE = Duration.hours(6);

/**
 * How every function is bundled (esbuild through NodejsFunction, no Docker). bench/bundles.ts
 * bundles with exactly these options, so the sizes and cold starts it prints are Lambda's.
 */
export const lambdaBundling = {
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // Bundle everything, the AWS SDK included: the code runs with the SDK versions it was tested
  // with (pinned in package.json), not whatever the runtime ships that month, and esbuild keeps
  // only the clients used, which loads faster than the runtime's full SDK.
  externalModules: [] as string[],
};

/**
 * Runtime environment every function gets: none. Not `--enable-source-maps`, which parses the source
 * map at every cold start (5–25 ms of CPU, docs/performance.md); the logger maps a logged error's
 * stack through the shipped map instead (shared/runtime/stack-trace.ts).
 */
export const lambdaRuntimeEnvironment: { NODE_OPTIONS?: string } = {};

/** Item reads (no Scan: every read is a Get, BatchGet or Query, and a Scan names no leading key). */
export const MAIN_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
/** Item writes (also each Put, Update and Delete of a TransactWriteItems, which IAM checks one by one). */
export const MAIN_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * `access.main` + `access.keys` → the main table's grants, each with a `ForAllValues:StringLike`
 * condition on `dynamodb:LeadingKeys` (docs/decisions/0007-table-access-by-key-prefix.md): reads of
 * the partitions it reads or writes (on the table and its indexes, whose partition key is the
 * leading key of a Query on them), writes of the partitions it writes (on the table; index entries
 * follow the item), and the tables' key for decrypt (read) or encrypt/decrypt (write).
 */
export function grantMainTable(
  spec: FunctionSpec,
  p: Pick<Platform, 'mainTable' | 'dataKey'> & { grantee: IGrantable },
): { write: boolean } {
  const { access } = spec;
  const { read, write } = keyPatterns(access);
  const fix = `(functions/catalogue: list the partitions it touches in access.keys, from the contexts' *Keys)`;
  if (read.length === 0) throw new Error(`${spec.name}: access.main needs access.keys ${fix}`);
  if (access.main === 'read' && write.length > 0)
    throw new Error(`${spec.name}: access.main is 'read' but access.keys.write is not empty ${fix}`);
  if (access.main === 'readwrite' && write.length === 0)
    throw new Error(`${spec.name}: access.main is 'readwrite' but access.keys.write is empty ${fix}`);
  const table = p.mainTable.tableArn;
  const leadingKeys = (patterns: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': patterns } });
  Grant.addToPrincipal({
    grantee: p.grantee,
    actions: MAIN_READ_ACTIONS,
    resourceArns: [table, `${table}/index/*`],
    conditions: leadingKeys(read),
  });
  if (write.length > 0) {
    Grant.addToPrincipal({
      grantee: p.grantee,
      actions: MAIN_WRITE_ACTIONS,
      resourceArns: [table],
      conditions: leadingKeys(write),
    });
    p.dataKey.grantEncryptDecrypt(p.grantee);
  } else {
    p.dataKey.grantDecrypt(p.grantee);
  }
  return { write: write.length > 0 };
}

/**
 * One function of the catalogue, deployed: the Lambda (Node.js 24, arm64, ESM bundle), its log group
 * and role, and — from `spec.access` — the grants and the matching environment variables, set
 * together so a function can never have a variable without the permission or the reverse. Its
 * triggers come from the spec too: routes on the HTTP API, one rule per subscribed contract, a
 * schedule, the table stream.
 */
export class CoproduceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly routes: HttpRoute[] = [];
  /** Where failed async invocations land (with the error), when the function is invoked asynchronously. */
  readonly failureQueue?: IQueue;

  constructor(scope: Construct, id: string, props: CoproduceFunctionProps) {
    super(scope, id);
    const { spec, platform } = props;
    const entry = join(REPO_ROOT, 'functions', spec.name, 'handler.ts');
    if (!existsSync(entry)) throw new Error(`Function "${spec.name}" is in the catalogue but ${entry} does not exist`);
    const invokedAsync = (spec.subscribes?.length ?? 0) > 0 || spec.every !== undefined;

    // Own role without the AWS managed basic-execution policy: logs go to this function's group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Coproduce function ${spec.name}`,
    });
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN, // orphans expire with the retention
    });
    logGroup.grantWrite(this.role);

    if (invokedAsync) {
      this.failureQueue = new DeadLetterQueue(this, 'FailureQueue', {
        purpose: `${spec.name}: async invocations that failed after retries (the error is in the record)`,
        alarmTopic: platform.alarmTopic,
      }).queue;
    }

    const folders = bundledFolders[spec.name] ?? [];
    this.fn = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      description: spec.description.slice(0, 256),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb ?? 512,
      timeout: Duration.seconds(spec.timeoutSeconds ?? 10),
      role: this.role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: { ...lambdaRuntimeEnvironment },
      bundling: {
        ...lambdaBundling,
        ...(folders.length > 0 && {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) =>
              folders.map(
                (f) =>
                  `mkdir -p "${dirname(join(outputDir, f))}" && cp -r "${join(inputDir, f)}" "${join(outputDir, f)}"`,
              ),
          },
        }),
      },
      ...(this.failureQueue && {
        onFailure: new SqsDestination(this.failureQueue),
        retryAttempts: ASYNC_RETRY_ATTEMPTS,
        maxEventAge: ASYNC_MAX_EVENT_AGE,
      }),
    });

    this.bindAccess(spec, platform);
    this.subscribe(spec, platform);
    this.schedule(spec, platform);
    this.stream(spec, platform);
    this.route(spec, platform);
  }

  /**
   * docs/architecture.md "Environment variables": one grant and one variable per access flag. Each
   * wildcard a grant brings is acknowledged for cdk-nag here, finding by finding, with its reason.
   */
  private bindAccess(spec: FunctionSpec, p: Platform): void {
    const { access } = spec;
    const fn = this.fn;
    const wildcards: WildcardFinding[] = [
      {
        finding: 'Resource::*',
        reason:
          'Only actions without resource-level permissions: xray:PutTraceSegments/PutTelemetryRecords (tracing) ' +
          'and dynamodb:ListStreams (stream event source). test/infra asserts no other action gets Resource *.',
      },
    ];
    const kmsWildcards: WildcardFinding[] = ['kms:ReEncrypt*', 'kms:GenerateDataKey*'].map((action) => ({
      finding: `Action::${action}`,
      reason: `${action} comes with CDK's encrypt/decrypt grant on the tables' one customer-managed key, scoped to that key's ARN.`,
    }));
    const indexWildcard = (table: ITable, indexed: boolean): WildcardFinding[] =>
      indexed
        ? [
            {
              finding: `Resource::${spelledIn(this, table.tableArn, table)}/index/*`,
              reason: "The table's own global secondary indexes (Query on gsi1/gsi2), from CDK's table read grant.",
            },
          ]
        : [];

    if (access.main) {
      const { write } = grantMainTable(spec, { ...p, grantee: fn });
      if (write) wildcards.push(...kmsWildcards);
      wildcards.push(...indexWildcard(p.mainTable, mainTable.globalIndexes.length > 0));
    }

    if (access.audit === 'read') {
      p.auditTable.grantReadData(fn);
      wildcards.push(...indexWildcard(p.auditTable, auditTable.globalIndexes.length > 0));
    }
    if (access.audit === 'append') {
      // Append-only: put new entries (conditional puts) and read the chain head. Never update or delete.
      p.auditTable.grant(fn, 'dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query');
      p.dataKey.grantEncryptDecrypt(fn);
      if (!access.main || access.main === 'read') wildcards.push(...kmsWildcards);
    }

    if (access.anchor) {
      // Written out rather than bucket.grantPut/grantRead: those add retention, legal-hold, tagging
      // and bucket-wide reads. The writer may only put new anchors; the reader only list and get them.
      const anchors = `${p.anchorBucket.bucketArn}/anchors/*`;
      if (access.anchor === 'write') {
        fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [anchors] }));
      } else {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['s3:ListBucket'],
            resources: [p.anchorBucket.bucketArn],
            conditions: { StringLike: { 's3:prefix': ['anchors/*'] } },
          }),
        );
        fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [anchors] }));
      }
      wildcards.push({
        finding: `Resource::${spelledIn(this, p.anchorBucket.bucketArn, p.anchorBucket)}/anchors/*`,
        reason:
          'Anchor objects are named by the time they are taken, at run time; the grant is limited to the anchors/ prefix of the anchor bucket.',
      });
    }

    if (access.bus) {
      p.bus.grantPutEventsTo(fn);
    }

    if (access.scheduler) {
      const { group, role } = p.scheduler;
      // Written out rather than group.grantWriteSchedules/grantDeleteSchedules so that the ARN in the
      // policy and the one acknowledged for cdk-nag are the same value (same actions, same scope).
      const schedulesInGroup = Stack.of(this).formatArn({
        service: 'scheduler',
        resource: 'schedule',
        resourceName: `${group.scheduleGroupName}/*`,
      });
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
          resources: [schedulesInGroup],
        }),
      );
      role.grantPassRole(fn.grantPrincipal);
      wildcards.push({
        finding: `Resource::${spelledIn(this, schedulesInGroup)}`,
        reason: 'Schedules are created at run time with names the code chooses; the grant is limited to this group.',
      });
    }

    if (access.notifier) {
      p.senderIdentity.grant(fn, 'ses:SendEmail');
    }

    // The variables that go with the grants above (auth: public values, nothing to grant).
    const env = envFor(access, {
      mainTableName: p.mainTable.tableName,
      auditTableName: p.auditTable.tableName,
      anchorBucketName: p.anchorBucket.bucketName,
      eventBusName: p.bus.eventBusName,
      publicBaseUrl: p.api.apiEndpoint,
      scheduler: {
        groupName: p.scheduler.group.scheduleGroupName,
        roleArn: p.scheduler.role.roleArn,
        targetArn: p.bus.eventBusArn,
        deadLetterQueueArn: p.scheduler.deadLetterQueue.queueArn,
      },
      senderEmail: p.senderEmail,
      coordinatorEmail: p.coordinatorEmail,
      auth: p.auth,
      // Only the ARN: the function reads the value when it needs it, so the value is neither in the
      // template nor in the function's configuration (docs/surveys.md, "The secret").
      surveyResponseKeySecretArn: access.surveyKey ? p.surveyResponseKeySecret.secretArn : '',
      qpr15Wording: p.qpr15Wording,
    });
    if (access.surveyKey) p.surveyResponseKeySecret.grantRead(fn);
    for (const [name, value] of Object.entries(env)) fn.addEnvironment(name, value);

    acknowledgeWildcards(this.role, wildcards);
  }

  /** One rule per contract, from the contract's own pattern, each with a DLQ, retries and a max age. */
  private subscribe(spec: FunctionSpec, p: Platform): void {
    for (const contract of spec.subscribes ?? []) {
      new ContractSubscription(this, `${contract.detailType}V${contract.version}Subscription`, {
        bus: p.bus,
        contract,
        subscriber: spec.name,
        alarmTopic: p.alarmTopic,
        target: (delivery) => new LambdaFunction(this.fn, delivery),
      });
    }
  }

  /** `every`: an EventBridge Scheduler rate schedule invoking the function, with its own DLQ. */
  private schedule(spec: FunctionSpec, p: Platform): void {
    if (!spec.every) return;
    const minutes = spec.every.minutes;
    const deadLetterQueue = new DeadLetterQueue(this, 'ScheduleDeadLetterQueue', {
      purpose: `${spec.name}: scheduled invocations Scheduler could not deliver`,
      alarmTopic: p.alarmTopic,
    }).queue;
    const role = new Role(this, 'ScheduleRole', {
      description: `EventBridge Scheduler invokes ${spec.name}`,
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    acknowledgeWildcards(role, [
      {
        finding: `Resource::${spelledIn(this, this.fn.functionArn)}:*`,
        reason: "CDK's invoke grant covers this one function's versions and aliases (<function ARN>:*).",
      },
    ]);
    new Schedule(this, 'Schedule', {
      description: `${spec.name} every ${minutes} minute(s)`,
      schedule: ScheduleExpression.rate(Duration.minutes(minutes)),
      target: new LambdaInvoke(this.fn, {
        role,
        deadLetterQueue,
        retryAttempts: ASYNC_RETRY_ATTEMPTS,
        // A run older than one period has been overtaken by the next one.
        maxEventAge: Duration.minutes(Math.max(1, minutes)),
      }),
    });
  }

  /**
   * `access.stream`: the main table's stream, filtered to INSERTs of outbox items. TRIM_HORIZON so a
   * mapping created (or re-created) by a deployment starts with what is already in the stream: nothing
   * written during the deployment is skipped, and re-publishing is harmless (consumers are idempotent).
   * Records that still fail go to the DLQ (batch metadata only); the items stay pending in the table
   * and the outbox sweeper publishes them.
   */
  private stream(spec: FunctionSpec, p: Platform): void {
    if (!spec.access.stream) return;
    const deadLetterQueue = new DeadLetterQueue(this, 'StreamDeadLetterQueue', {
      purpose: `${spec.name}: table stream batches that failed after retries`,
      alarmTopic: p.alarmTopic,
    }).queue;
    this.fn.addEventSource(
      new DynamoEventSource(p.mainTable, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(1),
        onFailure: new SqsDlq(deadLetterQueue),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('outbox') } } },
          }),
        ],
      }),
    );
  }

  /** Each RouteSpec → one HTTP API route to this function; JWT-authorised unless the route is public. */
  private route(spec: FunctionSpec, p: Platform): void {
    const routes = routesOf(spec);
    if (routes.length === 0) return;
    // One invoke permission for this API rather than one per route: API Gateway only calls the
    // integration a route names, and per-route permissions grow the function policy (20 KB cap)
    // and the stack (500 resources) with every route.
    const integration = new HttpLambdaIntegration('Integration', this.fn, { scopePermissionToRoute: false });
    for (const r of routes) {
      if (r.fn !== spec.name)
        throw new Error(`Route ${r.method} ${r.path} names "${r.fn}" but is listed under "${spec.name}"`);
      const isPublic = r.roles === 'public';
      const added = p.api.addRoutes({
        path: r.path,
        methods: [HttpMethod[r.method]],
        integration,
        authorizer: isPublic ? undefined : p.authorizer,
      });
      for (const route of added) {
        if (isPublic) {
          Validations.of(route).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${r.method} ${r.path} is public in the route table (health check, the pages, the sign-in settings); it serves no data.`,
          });
        }
        this.routes.push(route);
      }
    }
  }
}

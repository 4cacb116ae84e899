import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { describe, expect, it } from 'vitest';
import { functions, routesOf, routeTable } from '../../functions/catalogue.js';
import { ASYNC_RETRY_ATTEMPTS } from '../../infra/constructs/coproduce-function.js';
import { routeKey } from '../../shared/runtime/http/routes.js';
import {
  actionsOf,
  everyAccess,
  iamStatements,
  logicalId,
  refId,
  resources,
  resourcesOf,
  type Statement,
  single,
  synth,
} from './synth.js';

const app = synth();
const t = app.statelessTemplate;
const { stateful, stateless } = app;

const fixture = synth({ functions: [everyAccess] });
/** What AWS runs: the catalogue minus the functions only the local stack runs. */
const deployedSpecs = functions.filter((f) => f.runsIn !== 'local');

const policyOf = (s: typeof app, name: string): Statement[] => {
  const fn = s.stateless.functions.get(name)!;
  const policy = fn.role.node.tryFindChild('DefaultPolicy') as { node: { defaultChild: unknown } };
  return s.statelessTemplate.toJSON().Resources[logicalId(s.stateless, policy)].Properties.PolicyDocument.Statement;
};
const envOf = (s: typeof app, name: string): Record<string, unknown> =>
  s.statelessTemplate.toJSON().Resources[logicalId(s.stateless, s.stateless.functions.get(name)!.fn)].Properties
    .Environment.Variables;
const mentions = (value: unknown, id: string) => JSON.stringify(value).includes(id);

describe('stateless stack, from the catalogue', () => {
  it('deploys every function of the catalogue, and only those, on Node.js 24 arm64', () => {
    const lambdas = resources(t, 'AWS::Lambda::Function');
    expect(lambdas).toHaveLength(deployedSpecs.length);
    for (const [, fn] of lambdas) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Handler).toBe('index.handler');
    }
    expect([...stateless.functions.keys()].sort()).toEqual(deployedSpecs.map((f) => f.name).sort());
  });

  it('keeps local-only functions out of AWS (a managed service does their job there)', () => {
    const localOnly = functions.filter((f) => f.runsIn === 'local').map((f) => f.name);
    expect(localOnly).toContain('finance-webhook');
    for (const name of localOnly) expect(stateless.functions.has(name)).toBe(false);
  });

  it('routes exactly the route table, with the JWT authorizer on every route that is not public', () => {
    const [authorizerId, authorizer] = single(resources(t, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(mentions(authorizer.Properties.JwtConfiguration.Issuer, 'https://cognito-idp.')).toBe(true);
    expect(mentions(authorizer.Properties.JwtConfiguration.Issuer, logicalId(stateful, stateful.userPool))).toBe(true);
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([
      { Ref: logicalId(stateless, stateless.webClient) },
    ]);

    const deployed = new Map(
      resources(t, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties]),
    );
    expect([...deployed.keys()].sort()).toEqual(routeTable.map(routeKey).sort());
    for (const route of routeTable) {
      const props = deployed.get(routeKey(route))!;
      if (route.roles === 'public') {
        expect(props.AuthorizationType, routeKey(route)).toBe('NONE');
      } else {
        expect(props.AuthorizationType, routeKey(route)).toBe('JWT');
        expect(refId(props.AuthorizerId)).toBe(authorizerId);
      }
    }
  });

  it('gives the pages a public app client: authorization code (PKCE) only, redirects to this API', () => {
    const [clientId, client] = single(resources(t, 'AWS::Cognito::UserPoolClient'));
    expect(clientId).toBe(logicalId(stateless, stateless.webClient));
    const apiEndpoint = { 'Fn::GetAtt': [logicalId(stateless, stateless.api), 'ApiEndpoint'] };
    expect(client.Properties).toMatchObject({
      GenerateSecret: false, // public client: PKCE stands in for the secret
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      CallbackURLs: [{ 'Fn::Join': ['', [apiEndpoint, '/signed-in']] }],
      LogoutURLs: [{ 'Fn::Join': ['', [apiEndpoint, '/sign-in']] }],
    });
    expect(mentions(client.Properties.UserPoolId, logicalId(stateful, stateful.userPool))).toBe(true);
  });

  it('never lets a user write their own custom:participantId', () => {
    const [, client] = single(resources(t, 'AWS::Cognito::UserPoolClient'));
    expect(client.Properties.WriteAttributes.length).toBeGreaterThan(0);
    expect(client.Properties.WriteAttributes.every((a: string) => !a.startsWith('custom:'))).toBe(true);
  });

  it('serves the sign-in settings publicly from auth-config, with the client and domain in its environment', () => {
    const route = resources(t, 'AWS::ApiGatewayV2::Route').find(
      ([, r]) => r.Properties.RouteKey === 'GET /api/auth-config',
    );
    expect(route?.[1].Properties.AuthorizationType).toBe('NONE');
    const env = envOf(app, 'auth-config');
    expect(env.AUTH_CLIENT_ID).toEqual({ Ref: logicalId(stateless, stateless.webClient) });
    expect(mentions(env.AUTH_DOMAIN_URL, 'amazoncognito.com')).toBe(true);
    expect(env.AUTH_SCOPES).toBe('openid email');
    const client = t.toJSON().Resources[logicalId(stateless, stateless.webClient)].Properties;
    expect(env.AUTH_REDIRECT_URI).toEqual(client.CallbackURLs[0]);
    expect(env.AUTH_LOGOUT_REDIRECT_URI).toEqual(client.LogoutURLs[0]);
  });

  it('deploys no local-only /api/dev route', () => {
    const keys = resources(t, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string);
    expect(keys.filter((k) => k.split(' ')[1]!.startsWith('/api/dev'))).toEqual([]);
  });

  it('logs every request and throttles the stage', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('builds one rule with its own DLQ, retries and a max age per (function, contract)', () => {
    const rules = resources(t, 'AWS::Events::Rule');
    const expected = deployedSpecs.flatMap((f) => (f.subscribes ?? []).map((c) => ({ f, c })));
    expect(rules).toHaveLength(expected.length);
    const dlqs = new Set<string>();
    for (const { f, c } of expected) {
      const fnId = logicalId(stateless, stateless.functions.get(f.name)!.fn);
      const matching = rules.filter(
        ([, r]) =>
          r.Properties.EventPattern['detail-type'][0] === c.detailType &&
          r.Properties.EventPattern.source[0] === c.source &&
          r.Properties.Targets.some((target: { Arn: unknown }) => refId(target.Arn) === fnId),
      );
      expect(matching, `${f.name} ← ${c.detailType}`).toHaveLength(1);
      const [, rule] = matching[0]!;
      expect(rule.Properties.EventPattern).toEqual({
        source: c.pattern.source,
        'detail-type': c.pattern['detail-type'],
        detail: c.pattern.detail,
      });
      expect(mentions(rule.Properties.EventBusName, logicalId(stateful, stateful.bus))).toBe(true);
      const [target] = rule.Properties.Targets;
      expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
      expect(target.RetryPolicy.MaximumEventAgeInSeconds).toBeGreaterThan(0);
      dlqs.add(refId(target.DeadLetterConfig.Arn)!);
    }
    expect(dlqs.size).toBe(expected.length);
  });

  it('sends failed async invocations, with their error, to an on-failure queue after two retries', () => {
    const configs = resources(t, 'AWS::Lambda::EventInvokeConfig');
    const asyncFunctions = deployedSpecs.filter((f) => (f.subscribes?.length ?? 0) > 0 || f.every);
    expect(configs).toHaveLength(asyncFunctions.length);
    for (const f of asyncFunctions) {
      const fnRef = logicalId(stateless, stateless.functions.get(f.name)!.fn);
      const config = configs.find(([, c]) => refId(c.Properties.FunctionName) === fnRef);
      expect(config, f.name).toBeDefined();
      expect(config![1].Properties).toMatchObject({
        MaximumRetryAttempts: ASYNC_RETRY_ATTEMPTS,
        MaximumEventAgeInSeconds: expect.any(Number),
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
    }
  });

  it('relays the outbox from the table stream: outbox INSERTs only, partial batch failures, a DLQ', () => {
    const streamed = deployedSpecs.filter((f) => f.access.stream);
    const mappings = resources(t, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(streamed.length);
    for (const [, m] of mappings) {
      expect(m.Properties).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: expect.any(Number),
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
      expect(mentions(m.Properties.EventSourceArn, logicalId(stateful, stateful.mainTable))).toBe(true);
      expect(m.Properties.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([
        { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['outbox'] } } } },
      ]);
    }
  });

  it('runs `every` functions on an EventBridge Scheduler rate with a DLQ and retries', () => {
    const scheduled = deployedSpecs.filter((f) => f.every);
    const schedules = resources(t, 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(scheduled.length);
    for (const f of scheduled) {
      const fnId = logicalId(stateless, stateless.functions.get(f.name)!.fn);
      const schedule = schedules.find(([, s]) => refId(s.Properties.Target.Arn) === fnId)?.[1];
      // As CDK writes it: rate(1 minute), rate(5 minutes), rate(1 hour).
      expect(schedule?.Properties.ScheduleExpression).toBe(
        ScheduleExpression.rate(Duration.minutes(f.every!.minutes)).expressionString,
      );
      expect(schedule?.Properties.Target).toMatchObject({
        DeadLetterConfig: { Arn: expect.anything() },
        RetryPolicy: { MaximumRetryAttempts: ASYNC_RETRY_ATTEMPTS, MaximumEventAgeInSeconds: expect.any(Number) },
      });
    }
  });

  it('puts an alarm on every dead-letter queue, in both stacks', () => {
    for (const template of [app.statefulTemplate, t]) {
      const json = template.toJSON();
      const dlqRefs = [
        ...resources(template, 'AWS::Events::Rule').flatMap(([, r]) =>
          r.Properties.Targets.map((x: any) => refId(x.DeadLetterConfig?.Arn)),
        ),
        ...resources(template, 'AWS::Lambda::EventInvokeConfig').map(([, c]) =>
          refId(c.Properties.DestinationConfig?.OnFailure?.Destination),
        ),
        ...resources(template, 'AWS::Lambda::EventSourceMapping').map(([, m]) =>
          refId(m.Properties.DestinationConfig?.OnFailure?.Destination),
        ),
        ...resources(template, 'AWS::Scheduler::Schedule').map(([, s]) =>
          refId(s.Properties.Target.DeadLetterConfig?.Arn),
        ),
        ...resources(template, 'AWS::SQS::Queue').map(([, q]) =>
          refId(q.Properties.RedrivePolicy?.deadLetterTargetArn),
        ),
      ].filter((id): id is string => id !== undefined);
      // The run-time schedules' DLQ is only named in environment variables: it is a DLQ too.
      const runtimeDlq = logicalId(stateful, stateful.scheduler.deadLetterQueue);
      const dlqs = new Set([...dlqRefs, ...(template === app.statefulTemplate ? [runtimeDlq] : [])]);
      expect(dlqs.size).toBeGreaterThan(0);
      const alarmed = new Set(
        resources(template, 'AWS::CloudWatch::Alarm')
          .filter(
            ([, a]) =>
              a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' &&
              a.Properties.Threshold === 0 &&
              a.Properties.ComparisonOperator === 'GreaterThanThreshold' &&
              a.Properties.AlarmActions?.length > 0,
          )
          .map(([, a]) => refId(a.Properties.Dimensions[0].Value)),
      );
      for (const dlq of dlqs) {
        expect(json.Resources[dlq].Type).toBe('AWS::SQS::Queue');
        expect(alarmed.has(dlq), dlq).toBe(true);
      }
    }
  });
});

describe('access flags → grants and environment variables (docs/architecture.md)', () => {
  const statements = policyOf(fixture, 'outbox-relay');
  const env = envOf(fixture, 'outbox-relay');
  const auditTableId = logicalId(fixture.stateful, fixture.stateful.auditTable);
  const mainTableId = logicalId(fixture.stateful, fixture.stateful.mainTable);
  const on = (id: string) => statements.filter((s) => resourcesOf(s).some((r) => mentions(r, id)));

  it('lets the audit-appending function put entries and read the head, never update or delete', () => {
    const auditActions = on(auditTableId).flatMap(actionsOf);
    expect(auditActions).toContain('dynamodb:PutItem');
    expect(auditActions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const forbidden of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:*']) {
      expect(auditActions).not.toContain(forbidden);
    }
    expect(env.AUDIT_TABLE_NAME).toBeDefined();
  });

  it('holds for every audit-appending function in the catalogue too', () => {
    const auditId = logicalId(stateful, stateful.auditTable);
    for (const f of deployedSpecs.filter((x) => x.access.audit === 'append')) {
      const actions = policyOf(app, f.name)
        .filter((s) => resourcesOf(s).some((r) => mentions(r, auditId)))
        .flatMap(actionsOf);
      expect(actions, f.name).toContain('dynamodb:PutItem');
      expect(actions, f.name).not.toContain('dynamodb:UpdateItem');
      expect(actions, f.name).not.toContain('dynamodb:DeleteItem');
    }
  });

  it("gives a 'read' main access read actions only, with TABLE_NAME", () => {
    const mainActions = on(mainTableId).flatMap(actionsOf);
    expect(mainActions).toContain('dynamodb:Query');
    expect(mainActions.filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
    expect(mentions(env.TABLE_NAME, mainTableId)).toBe(true);
  });

  it('lets a bus function put events on the bus only, with EVENT_BUS_NAME', () => {
    const busId = logicalId(fixture.stateful, fixture.stateful.bus);
    expect(on(busId).flatMap(actionsOf)).toEqual(['events:PutEvents']);
    expect(mentions(env.EVENT_BUS_NAME, busId)).toBe(true);
  });

  it('lets a scheduler function manage schedules in its group only and pass only the scheduler role', () => {
    const scheduleStatements = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('scheduler:')));
    expect(scheduleStatements.flatMap(actionsOf).sort()).toEqual(
      ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:UpdateSchedule'].sort(),
    );
    for (const s of scheduleStatements) expect(JSON.stringify(s.Resource)).toContain(':schedule/coproduce-test/*');
    const passRole = statements.filter((s) => actionsOf(s).includes('iam:PassRole'));
    expect(passRole).toHaveLength(1);
    expect(mentions(passRole[0]!.Resource, logicalId(fixture.stateful, fixture.stateful.scheduler.role))).toBe(true);
    expect(env.SCHEDULER_GROUP_NAME).toBe('coproduce-test');
    expect(mentions(env.SCHEDULER_ROLE_ARN, logicalId(fixture.stateful, fixture.stateful.scheduler.role))).toBe(true);
    expect(mentions(env.SCHEDULER_TARGET_ARN, logicalId(fixture.stateful, fixture.stateful.bus))).toBe(true);
    expect(
      mentions(env.SCHEDULER_DLQ_ARN, logicalId(fixture.stateful, fixture.stateful.scheduler.deadLetterQueue)),
    ).toBe(true);
  });

  it('lets a notifier send email from the sender identity only, with NOTIFIER_FROM_ADDRESS', () => {
    const ses = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(ses.flatMap(actionsOf)).toEqual(['ses:SendEmail']);
    expect(mentions(ses[0]!.Resource, logicalId(fixture.stateful, fixture.stateful.senderIdentity))).toBe(true);
    expect(env.NOTIFIER_FROM_ADDRESS).toBe('noreply@example.org');
  });

  it('sets PUBLIC_BASE_URL to the HTTP API endpoint', () => {
    expect(env.PUBLIC_BASE_URL).toEqual({
      'Fn::GetAtt': [logicalId(fixture.stateless, fixture.stateless.api), 'ApiEndpoint'],
    });
  });

  it('sets the sign-in variables for access.auth, and grants nothing for them', () => {
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'AUTH_DOMAIN_URL',
        'AUTH_CLIENT_ID',
        'AUTH_REDIRECT_URI',
        'AUTH_LOGOUT_REDIRECT_URI',
        'AUTH_SCOPES',
      ]),
    );
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('cognito'))).toEqual([]);
  });

  it('sets no variable for access it was not given', () => {
    const webEnv = envOf(app, 'web');
    // The web function has access.auth only (its CSP names the sign-in domain).
    expect(Object.keys(webEnv).sort()).toEqual(
      ['AUTH_DOMAIN_URL', 'AUTH_CLIENT_ID', 'AUTH_REDIRECT_URI', 'AUTH_LOGOUT_REDIRECT_URI', 'AUTH_SCOPES'].sort(),
    );
    expect(
      policyOf(app, 'web')
        .flatMap(actionsOf)
        .filter((a) => !/^(logs|xray):/.test(a)),
    ).toEqual([]);
  });

  it('lets surveys-api alone read the survey response key, at run time: its ARN in the environment, never its value', () => {
    const secretId = logicalId(stateful, stateful.surveyResponseKeySecret);
    const env = envOf(app, 'surveys-api');
    // The ARN (a reference to the stateful stack's secret), not a {{resolve:secretsmanager:…}} reference
    // that CloudFormation would resolve into the function's configuration.
    expect(env).not.toHaveProperty('SURVEY_RESPONSE_KEY_SECRET');
    expect(JSON.stringify(env.SURVEY_RESPONSE_KEY_SECRET_ARN)).not.toContain('{{resolve:');
    expect(JSON.stringify(t.toJSON())).not.toContain('{{resolve:secretsmanager');
    const reads = policyOf(app, 'surveys-api').filter((st) =>
      actionsOf(st).some((a) => a.startsWith('secretsmanager')),
    );
    expect(reads.flatMap(actionsOf).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    // Only that secret (an import of the stateful stack's secret ARN).
    for (const st of reads) expect(JSON.stringify(st.Resource)).toContain(secretId);
    for (const spec of deployedSpecs.filter((f) => f.name !== 'surveys-api')) {
      expect(envOf(app, spec.name), spec.name).not.toHaveProperty('SURVEY_RESPONSE_KEY_SECRET_ARN');
      expect(
        policyOf(app, spec.name)
          .flatMap(actionsOf)
          .filter((a) => a.startsWith('secretsmanager')),
        spec.name,
      ).toEqual([]);
    }
  });

  it("gives surveys-api QPR-15's statements from the file context qpr15WordingFile names, and refuses a wrong file", () => {
    expect(envOf(app, 'surveys-api')).not.toHaveProperty('SURVEYS_QPR15_WORDING');
    const dir = mkdtempSync(join(tmpdir(), 'qpr15-'));
    const statements = Array.from({ length: 15 }, (_, i) => `Statement ${i + 1}.`);
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(statements));
    writeFileSync(join(dir, 'short.json'), JSON.stringify(statements.slice(1)));
    const withWording = synth({ context: { qpr15WordingFile: join(dir, 'ok.json') } });
    expect(JSON.parse(String(envOf(withWording, 'surveys-api').SURVEYS_QPR15_WORDING))).toEqual(statements);
    for (const spec of deployedSpecs.filter((f) => f.name !== 'surveys-api')) {
      expect(envOf(withWording, spec.name), spec.name).not.toHaveProperty('SURVEYS_QPR15_WORDING');
    }
    expect(() => synth({ context: { qpr15WordingFile: join(dir, 'short.json') } })).toThrow(
      `Context "qpr15WordingFile" (${join(dir, 'short.json')}): must hold a JSON array of QPR-15's 15 statements, in order`,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('subscribes the fixture once per contract, each with its own DLQ', () => {
    expect(resources(fixture.statelessTemplate, 'AWS::Events::Rule')).toHaveLength(2);
  });
});

describe('the audit anchor: written hourly, put-only; read by the audit check only', () => {
  const bucketId = logicalId(stateful, stateful.anchorBucket);
  const onBucket = (name: string) =>
    policyOf(app, name).filter(
      (st) => mentions(st.Resource, bucketId) || actionsOf(st).some((a) => a.startsWith('s3:')),
    );
  const anchorsPrefix = (st: Statement) =>
    JSON.stringify(st.Resource).includes(bucketId) && JSON.stringify(st.Resource).endsWith('"/anchors/*"]]}');

  it('lets audit-anchor put objects under anchors/ in the anchor bucket, and nothing else there', () => {
    const statements = onBucket('audit-anchor');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: 's3:PutObject' });
    expect(anchorsPrefix(statements[0]!)).toBe(true);
    expect(mentions(envOf(app, 'audit-anchor').ANCHOR_BUCKET_NAME, bucketId)).toBe(true);
  });

  it('runs audit-anchor every hour', () => {
    const fnId = logicalId(stateless, stateless.functions.get('audit-anchor')!.fn);
    const schedule = resources(t, 'AWS::Scheduler::Schedule').find(([, s]) => refId(s.Properties.Target.Arn) === fnId);
    expect(schedule?.[1].Properties.ScheduleExpression).toBe('rate(1 hour)');
  });

  it('lets audit-api list anchors/ and get its objects, and nothing else there', () => {
    const statements = onBucket('audit-api');
    expect(statements.map((st) => st.Action).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    const list = statements.find((st) => st.Action === 's3:ListBucket') as Statement & { Condition: unknown };
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': ['anchors/*'] } });
    expect(anchorsPrefix(statements.find((st) => st.Action === 's3:GetObject')!)).toBe(true);
  });

  it('gives no other function any S3 action, and nobody may delete or change an anchor', () => {
    for (const f of deployedSpecs.filter((x) => !['audit-anchor', 'audit-api'].includes(x.name))) {
      expect(onBucket(f.name), f.name).toEqual([]);
    }
    const s3Actions = iamStatements(t).flatMap(({ statement }) =>
      actionsOf(statement).filter((a) => a.startsWith('s3:')),
    );
    expect([...new Set(s3Actions)].sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
  });
});

describe('IAM', () => {
  /** Actions AWS offers no resource-level permission for, so Resource must be '*'. */
  const needStar = ['dynamodb:ListStreams', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

  it("uses Resource '*' only for actions that have no resource-level permissions", () => {
    for (const s of [app, fixture]) {
      for (const template of [s.statefulTemplate, s.statelessTemplate]) {
        const star = iamStatements(template)
          .filter(({ statement }) => statement.Effect === 'Allow' && resourcesOf(statement).includes('*'))
          .flatMap(({ statement }) => actionsOf(statement));
        expect([...new Set(star)].filter((a) => !needStar.includes(a))).toEqual([]);
      }
    }
    // …and they are there for the reason given: tracing on every function, ListStreams for the stream relay.
    const fixtureStar = iamStatements(fixture.statelessTemplate)
      .filter(({ statement }) => resourcesOf(statement).includes('*'))
      .flatMap(({ statement }) => actionsOf(statement));
    expect([...new Set(fixtureStar)].sort()).toEqual(needStar);
  });

  it('grants no wildcard action other than the KMS data-key pair', () => {
    const wildcardActions = [app, fixture]
      .flatMap((s) => [...iamStatements(s.statefulTemplate), ...iamStatements(s.statelessTemplate)])
      .flatMap(({ statement }) => actionsOf(statement))
      .filter((a) => a.includes('*'));
    expect([...new Set(wildcardActions)].sort()).toEqual(['kms:GenerateDataKey*', 'kms:ReEncrypt*']);
  });
});

describe('HTTP API invoke permissions', () => {
  it('lets API Gateway invoke each API function from this API only, with one permission per function', () => {
    const apiId = logicalId(stateless, stateless.api);
    const fromApi = resources(t, 'AWS::Lambda::Permission').filter(
      ([, p]) => p.Properties.Principal === 'apigateway.amazonaws.com',
    );
    const apiFunctions = deployedSpecs.filter((f) => routesOf(f).length > 0);
    expect(fromApi).toHaveLength(apiFunctions.length);
    for (const [, p] of fromApi) expect(mentions(p.Properties.SourceArn, apiId)).toBe(true);
  });
});

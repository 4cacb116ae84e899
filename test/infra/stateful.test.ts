import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PaymentDue } from '../../events/index.js';
import { roles } from '../../shared/runtime/http/routes.js';
import { auditTable, mainTable } from '../../shared/runtime/store/table-design.js';
import { logicalId, refId, resources, single, synth } from './synth.js';

const { stateful, statefulTemplate: t } = synth({ functions: [] });
const dataKey = logicalId(stateful, stateful.dataKey);

describe('stateful stack', () => {
  it('keeps every table: on-demand, PITR, customer-managed key, Retain, deletion protection', () => {
    const tables = resources(t, 'AWS::DynamoDB::Table');
    expect(tables.map(([id]) => id).sort()).toEqual(
      [logicalId(stateful, stateful.auditTable), logicalId(stateful, stateful.mainTable)].sort(),
    );
    for (const [, table] of tables) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      expect(refId(table.Properties.SSESpecification.KMSMasterKeyId)).toBe(dataKey);
    }
  });

  it('builds the tables from the shared table designs', () => {
    const main = t.toJSON().Resources[logicalId(stateful, stateful.mainTable)].Properties;
    expect(main.KeySchema).toEqual([
      { AttributeName: mainTable.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: mainTable.sortKey.name, KeyType: 'RANGE' },
    ]);
    expect(main.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName)).toEqual(
      mainTable.globalIndexes.map((i) => i.indexName),
    );
    expect(main.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
    expect(main.TimeToLiveSpecification).toEqual({ AttributeName: mainTable.timeToLiveAttribute, Enabled: true });

    const audit = t.toJSON().Resources[logicalId(stateful, stateful.auditTable)].Properties;
    expect(audit.StreamSpecification).toBeUndefined();
    expect(audit.GlobalSecondaryIndexes ?? []).toHaveLength(auditTable.globalIndexes.length);
  });

  it('keeps the survey response key secret: generated, retained', () => {
    const secrets = Object.values(
      t.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string; Properties: any }>,
    ).filter((r) => r.Type === 'AWS::SecretsManager::Secret');
    const survey = secrets.find((r) => String(r.Properties.Description).includes('survey response'));
    expect(survey?.DeletionPolicy).toBe('Retain');
    expect(survey?.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
  });

  it('rotates and retains every KMS key', () => {
    for (const [, key] of resources(t, 'AWS::KMS::Key')) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
    }
  });

  it('archives every event on the bus for a year', () => {
    t.hasResourceProperties('AWS::Events::EventBus', { Name: 'coproduce-test' });
    t.hasResourceProperties('AWS::Events::Archive', {
      RetentionDays: 365,
      SourceArn: { 'Fn::GetAtt': [logicalId(stateful, stateful.bus), 'Arn'] },
    });
  });

  it('gives the user pool the four role groups, an immutable participantId and required MFA', () => {
    const pool = t.toJSON().Resources[logicalId(stateful, stateful.userPool)];
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.Properties).toMatchObject({
      MfaConfiguration: 'ON',
      DeletionProtection: 'ACTIVE',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    expect(pool.Properties.Schema).toContainEqual(
      expect.objectContaining({ Name: 'participantId', Mutable: false, AttributeDataType: 'String' }),
    );
    const groups = resources(t, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...roles].sort());
  });

  it('gives the user pool a hosted sign-in domain whose prefix names the stage', () => {
    const [, domain] = single(resources(t, 'AWS::Cognito::UserPoolDomain'));
    expect(refId(domain.Properties.UserPoolId)).toBe(logicalId(stateful, stateful.userPool));
    // coproduce-test-<first block of the stack id>: unique per stack, resolved by CloudFormation.
    expect(domain.Properties.Domain).toEqual({ 'Fn::Join': ['-', ['coproduce-test', expect.anything()]] });
    expect(JSON.stringify(domain.Properties.Domain['Fn::Join'][1][1])).toContain('AWS::StackId');
    expect(domain.Properties.CustomDomainConfig).toBeUndefined();
  });

  it('takes the sign-in domain prefix from the authDomainPrefix context when given', () => {
    const named = synth({ functions: [], context: { authDomainPrefix: 'coproduce-test-ourorg' } });
    named.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'coproduce-test-ourorg' });
    expect(() => synth({ functions: [], context: { authDomainPrefix: 'my-aws-login' } })).toThrow(/authDomainPrefix/);
    expect(() => synth({ functions: [], context: { authDomainPrefix: 'Not_Valid' } })).toThrow(/authDomainPrefix/);
  });

  it('keeps no app client: the pages’ client lives beside the HTTP API it redirects to', () => {
    expect(resources(t, 'AWS::Cognito::UserPoolClient')).toEqual([]);
  });

  it('hands PaymentDue to an encrypted finance queue through a rule built from the contract', () => {
    const financeQueue = logicalId(stateful, stateful.financeQueue);
    const queue = t.toJSON().Resources[financeQueue].Properties;
    expect(refId(queue.KmsMasterKeyId)).toBe(logicalId(stateful, stateful.messagingKey));
    expect(queue.RedrivePolicy.maxReceiveCount).toBe(5);
    const financeDlq = refId(queue.RedrivePolicy.deadLetterTargetArn)!;

    const rules = resources(t, 'AWS::Events::Rule').filter(([, r]) =>
      r.Properties.Targets.some((target: { Arn: unknown }) => refId(target.Arn) === financeQueue),
    );
    const [, rule] = single(rules);
    expect(rule.Properties.EventPattern).toEqual({
      source: PaymentDue.pattern.source,
      'detail-type': PaymentDue.pattern['detail-type'],
      detail: PaymentDue.pattern.detail,
    });
    expect(rule.Properties.Targets[0]).toMatchObject({
      RetryPolicy: { MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) },
    });
    expect(refId(rule.Properties.Targets[0].DeadLetterConfig.Arn)).toBe(financeDlq);
    // The DLQ holds PaymentDue too (payee reference): the same customer-managed key.
    expect(refId(t.toJSON().Resources[financeDlq].Properties.KmsMasterKeyId)).toBe(
      logicalId(stateful, stateful.messagingKey),
    );
  });

  it('lets EventBridge write to the finance queue, its DLQ and their key only for this account’s rules (confused deputy)', () => {
    const fromEvents = (statements: any[]) =>
      statements.filter((st) => st.Effect === 'Allow' && st.Principal?.Service === 'events.amazonaws.com');
    const queuePolicies = resources(t, 'AWS::SQS::QueuePolicy').filter(([, p]) =>
      p.Properties.Queues.some((q: unknown) => [logicalId(stateful, stateful.financeQueue)].includes(refId(q) ?? '')),
    );
    const statements = queuePolicies.flatMap(([, p]) => fromEvents(p.Properties.PolicyDocument.Statement));
    expect(statements.length).toBeGreaterThan(0);
    for (const st of statements) {
      expect(st.Condition.ArnEquals['aws:SourceArn']).toBeDefined();
      expect(st.Condition.StringEquals['aws:SourceAccount']).toBeDefined();
    }
    const dlqStatements = resources(t, 'AWS::SQS::QueuePolicy').flatMap(([, p]) =>
      fromEvents(p.Properties.PolicyDocument.Statement),
    );
    for (const st of dlqStatements)
      expect(st.Condition?.ArnEquals?.['aws:SourceArn'], JSON.stringify(st)).toBeDefined();
    const key = t.toJSON().Resources[logicalId(stateful, stateful.messagingKey)].Properties.KeyPolicy;
    const keyStatements = fromEvents(key.Statement);
    expect(keyStatements).toHaveLength(1);
    expect(keyStatements[0].Condition.StringEquals['aws:SourceAccount']).toBeDefined();
    expect(JSON.stringify(keyStatements[0].Condition.ArnLike['aws:SourceArn'])).toMatch(/:rule\/.*\/\*/);
  });

  it('refuses anything but TLS on every queue and the alarm topic', () => {
    for (const [, policy] of resources(t, 'AWS::SQS::QueuePolicy')) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
    expect(resources(t, 'AWS::SQS::QueuePolicy').length).toBe(resources(t, 'AWS::SQS::Queue').length);
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets CloudWatch alarms of this account publish to the encrypted alarm topic', () => {
    const topic = logicalId(stateful, stateful.alarmTopic);
    expect(refId(t.toJSON().Resources[topic].Properties.KmsMasterKeyId)).toBe(
      logicalId(stateful, stateful.messagingKey),
    );
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
    const keyPolicy = t.toJSON().Resources[logicalId(stateful, stateful.messagingKey)].Properties.KeyPolicy;
    expect(keyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
  });

  it('lets only EventBridge Scheduler, for this stage’s group, assume the schedule role', () => {
    const role = t.toJSON().Resources[logicalId(stateful, stateful.scheduler.role)].Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': expect.anything() },
        },
      }),
    ]);
    t.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'coproduce-test' });
  });

  it('names physical resources only with the stage in the name', () => {
    const named = Object.values(t.toJSON().Resources as Record<string, { Properties?: Record<string, unknown> }>)
      .flatMap((r) =>
        ['Name', 'TableName', 'QueueName', 'TopicName', 'EventBusName', 'UserPoolName'].map((k) => r.Properties?.[k]),
      )
      .filter((v): v is string => typeof v === 'string');
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(name).toContain('test');
  });

  it('adds the finance webhook only when financeWebhookUrl is given', () => {
    expect(resources(t, 'AWS::Events::ApiDestination')).toHaveLength(0);

    const withWebhook = synth({
      functions: [],
      context: { financeWebhookUrl: 'https://finance.example.org/hooks/payments' },
    });
    const w = withWebhook.statefulTemplate;
    w.hasResourceProperties('AWS::Events::ApiDestination', {
      InvocationEndpoint: 'https://finance.example.org/hooks/payments',
      HttpMethod: 'POST',
    });
    w.hasResourceProperties('AWS::Events::Connection', {
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: Match.anyValue() } },
    });
    const apiDestination = resources(w, 'AWS::Events::ApiDestination')[0]![0];
    const webhookRule = resources(w, 'AWS::Events::Rule').find(([, r]) =>
      r.Properties.Targets.some((target: { Arn: unknown }) => refId(target.Arn) === apiDestination),
    );
    expect(webhookRule?.[1].Properties.EventPattern['detail-type']).toEqual(PaymentDue.pattern['detail-type']);
    expect(webhookRule?.[1].Properties.Targets[0].DeadLetterConfig).toBeDefined();
    // Finance receives what the local webhook sends: the detail, with the key it dedupes on as a header.
    expect(webhookRule?.[1].Properties.Targets[0].InputPath).toBe('$.detail');
    expect(webhookRule?.[1].Properties.Targets[0].HttpParameters.HeaderParameters).toEqual({
      'X-Coproduce-Idempotency-Key': '$.detail.data.paymentIdempotencyKey',
    });
  });

  describe('the audit anchor bucket', () => {
    const anchorId = logicalId(stateful, stateful.anchorBucket);
    const bucket = t.toJSON().Resources[anchorId];
    const policyOf = (id: string) =>
      resources(t, 'AWS::S3::BucketPolicy').find(([, p]) => refId(p.Properties.Bucket) === id)?.[1].Properties
        .PolicyDocument.Statement as { Effect: string; Action: string; Condition?: object; Principal?: unknown }[];

    it('keeps every anchor write-once: Object Lock in compliance mode for 400 days, on a versioned bucket', () => {
      expect(bucket.Type).toBe('AWS::S3::Bucket');
      expect(bucket.Properties.ObjectLockEnabled).toBe(true);
      expect(bucket.Properties.ObjectLockConfiguration).toEqual({
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 400 } },
      });
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    });

    it('is encrypted, private, without ACLs, retained, and logs its access to a bucket of its own', () => {
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.UpdateReplacePolicy).toBe('Retain');
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ]);
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
      const logs = refId(bucket.Properties.LoggingConfiguration.DestinationBucketName);
      expect(logs).toBeDefined();
      expect(t.toJSON().Resources[logs!].DeletionPolicy).toBe('Retain');
      // S3 may deliver access logs for this bucket only, in this account (a bucket policy, not an ACL).
      const delivery = policyOf(logs!).find((st) => st.Effect === 'Allow');
      expect(delivery).toMatchObject({
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Condition: {
          ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [anchorId, 'Arn'] } },
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        },
      });
    });

    it('refuses every request that is not over TLS 1.2 or later', () => {
      const denies = policyOf(anchorId).filter((st) => st.Effect === 'Deny' && st.Action === 's3:*');
      expect(denies.map((d) => d.Condition)).toEqual(
        expect.arrayContaining([
          { Bool: { 'aws:SecureTransport': 'false' } },
          { NumericLessThan: { 's3:TlsVersion': 1.2 } },
        ]),
      );
      expect(policyOf(anchorId).filter((st) => st.Effect === 'Allow')).toEqual([]);
    });
  });
});

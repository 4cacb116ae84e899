import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import {
  ApiDestination,
  Authorization,
  Connection,
  EventBus,
  HttpMethod,
  RuleTargetInput,
} from 'aws-cdk-lib/aws-events';
import { ApiDestination as ApiDestinationTarget } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PaymentDue } from '../../events/index.js';
import { roles } from '../../shared/runtime/http/routes.js';
import { auditTable, type KeyAttr, mainTable, type TableDesign } from '../../shared/runtime/store/table-design.js';
import type { CoproduceConfig } from '../config.js';
import { ContractSubscription } from '../constructs/contract-subscription.js';
import { DeadLetterQueue } from '../constructs/dead-letter-queue.js';
import { SourceScopedQueue } from '../constructs/source-scoped-queue.js';

export type StatefulStackProps = StackProps & { config: CoproduceConfig };

/**
 * What holds data or identity and must outlive any deployment of the code: tables, keys, the bus and
 * its archive, the user pool and its sign-in domain, the finance hand-off queue, and the
 * one-time-schedule plumbing (live schedules reference its role and DLQ). Everything here is RETAIN;
 * the stateless stack can be torn down and rebuilt from the catalogue at any time. (The pages' app
 * client is in the stateless stack, beside the HTTP API whose URL it names as its redirect URI.)
 */
export class StatefulStack extends Stack {
  /** Encrypts both tables (and their streams and backups). */
  readonly dataKey: Key;
  /** Encrypts the finance queue, its DLQ and the alarm topic; trusted by EventBridge and CloudWatch. */
  readonly messagingKey: Key;
  readonly mainTable: Table;
  readonly auditTable: Table;
  readonly bus: EventBus;
  readonly userPool: UserPool;
  /** Cognito's hosted sign-in: https://<prefix>.auth.<region>.amazoncognito.com */
  readonly userPoolDomain: UserPoolDomain;
  readonly alarmTopic: Topic;
  readonly financeQueue: Queue;
  readonly scheduler: { group: ScheduleGroup; role: Role; deadLetterQueue: Queue };
  readonly senderIdentity: EmailIdentity;
  /** The hourly audit anchor: write-once (Object Lock, compliance mode) digests of every chain head. */
  readonly anchorBucket: Bucket;
  /** The secret survey response keys are computed under (docs/surveys.md): never rotated within a survey. */
  readonly surveyResponseKeySecret: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { stage } = props.config;

    this.dataKey = new Key(this, 'DataKey', {
      description: `Coproduce ${stage}: DynamoDB tables`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Response keys are HMACs of (survey, participant) under this secret: whoever reads it can
    // link anonymous responses to people, so it lives here, apart from the table's readers, and
    // only the surveys function gets it (access.surveyKey).
    this.surveyResponseKeySecret = new Secret(this, 'SurveyResponseKeySecret', {
      description: `Coproduce ${stage}: the key survey response hashes are computed under (docs/surveys.md)`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.surveyResponseKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating it within an open survey would let everyone answer twice, and a new key cannot be ' +
        'checked against the old responses; change it only between surveys (docs/surveys.md).',
    });

    this.messagingKey = new Key(this, 'MessagingKey', {
      description: `Coproduce ${stage}: finance queue, its DLQ, alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to the topic encrypted with the messaging key, as AWS documents it (a
    // key policy's Resource '*' means this key); who may publish at all is decided by the topic
    // policy, which carries the source-account condition. EventBridge's statement follows the bus.
    this.messagingKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.mainTable = this.table(mainTable);
    this.auditTable = this.table(auditTable);
    this.anchorBucket = this.auditAnchor();

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `Coproduce ${stage} alarms`,
      masterKey: this.messagingKey,
      enforceSSL: true,
    });
    // The TLS-only topic policy replaces SNS's default one, so CloudWatch alarms must be let in by name.
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    if (props.config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.config.alarmEmail));

    this.bus = new EventBus(this, 'Bus', { eventBusName: `coproduce-${stage}` });
    // EventBridge writes into the finance queue and its DLQ (encrypted with the messaging key) for
    // this bus's rules only: source account and rule ARN conditions, as AWS's confused-deputy
    // guidance asks (the queue policies scope each queue to its own rule).
    this.messagingKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: {
            'aws:SourceArn': this.formatArn({
              service: 'events',
              resource: 'rule',
              resourceName: `${this.bus.eventBusName}/*`,
            }),
          },
        },
      }),
    );
    // Events carry ids, never personal data (docs/architecture.md), so the AWS-owned key is enough.
    this.bus.archive('Archive', {
      description: `Every event on coproduce-${stage}, for replay`,
      eventPattern: { account: [this.account] },
      retention: Duration.days(365),
    });

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false, // coordinators invite people; nobody signs themselves up
      signInAliases: { email: true },
      signInCaseSensitive: false,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      // Immutable: a member's token names the participant it may act for; nobody may change that.
      customAttributes: { participantId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }) },
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Threat protection needs the Plus feature plan (a per-user monthly cost the service owner opts into). ' +
        'MFA is required for every user, self sign-up is off, and user existence errors are hidden.',
    });
    for (const group of roles) {
      this.userPool.addGroup(`${group.charAt(0).toUpperCase()}${group.slice(1)}Group`, { groupName: group });
    }
    // The prefix must be unique in the region across all AWS accounts. By default the stage plus the
    // first block of this stack's id (random, fixed for the stack's life, resolved by CloudFormation),
    // so two accounts deploying the same stage do not collide and no account id appears in the URL.
    const stackIdBlock = Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
    this.userPoolDomain = this.userPool.addDomain('SignInDomain', {
      cognitoDomain: {
        domainPrefix: props.config.authDomainPrefix ?? Fn.join('-', ['coproduce', stage, stackIdBlock]),
      },
    });

    this.senderIdentity = new EmailIdentity(this, 'SenderIdentity', {
      identity: Identity.email(props.config.senderEmail),
    });

    this.scheduler = this.oneTimeSchedules(stage);
    this.financeQueue = this.financeHandOff(props.config);

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'SignInDomainUrl', { value: this.userPoolDomain.baseUrl() });
    new CfnOutput(this, 'FinanceQueueUrl', { value: this.financeQueue.queueUrl });
    new CfnOutput(this, 'AuditAnchorBucketName', { value: this.anchorBucket.bucketName });
  }

  private table(design: TableDesign): Table {
    const table = new Table(this, design.id, {
      partitionKey: keyOf(design.partitionKey),
      sortKey: keyOf(design.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.dataKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: design.timeToLiveAttribute,
      stream: design.stream ? StreamViewType.NEW_IMAGE : undefined,
    });
    for (const index of design.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: keyOf(index.partitionKey),
        sortKey: keyOf(index.sortKey),
      });
    }
    return table;
  }

  /**
   * The audit anchor (docs/decisions/0003-hash-chained-audit-log.md §5): audit-anchor puts one object
   * an hour; nobody can change or delete one for ANCHOR_RETENTION. Compliance mode, not governance:
   * the anchor exists to stand against someone who can rewrite both tables — an administrator of
   * this account — and in governance mode anyone with s3:BypassGovernanceRetention (an
   * administrator) could delete or shorten it. The objects hold decision ids and hashes only (no
   * personal data), so S3-managed encryption is enough and the writer needs no KMS grant.
   * Server access logs go to a bucket of their own.
   */
  private auditAnchor(): Bucket {
    const scope = new Construct(this, 'AuditAnchor');
    // S3 delivers the access logs under a bucket policy scoped to this bucket and account (AWS's
    // recommendation), not the LogDeliveryWrite ACL; ACLs stay disabled on both buckets.
    scope.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const accessLogs = new Bucket(scope, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED, // the only encryption S3 server access logging writes to
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [{ expiration: ANCHOR_RETENTION, noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the server access log target of the audit anchor bucket; logging it into itself would loop.',
    });
    return new Bucket(scope, 'Bucket', {
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(ANCHOR_RETENTION),
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'audit-anchor/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Plumbing for the one-time schedules functions create at run time (access.scheduler): the group
   * they live in, the role Scheduler assumes to put their event on the bus, and the DLQ for events it
   * could not deliver. Live schedules hold the role and DLQ ARNs, so these must outlive the code.
   */
  private oneTimeSchedules(stage: string): StatefulStack['scheduler'] {
    const group = new ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName: `coproduce-${stage}`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const deadLetterQueue = new DeadLetterQueue(this, 'SchedulerDeadLetterQueue', {
      purpose: 'one-time schedules that could not put their event on the bus',
      alarmTopic: this.alarmTopic,
    }).queue;
    const role = new Role(this, 'SchedulerRole', {
      description: `EventBridge Scheduler puts one-time events of schedule group coproduce-${stage} on the bus`,
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': group.scheduleGroupArn },
        },
      }),
    });
    this.bus.grantPutEventsTo(role);
    deadLetterQueue.grantSendMessages(role);
    return { group, role, deadLetterQueue };
  }

  /**
   * PaymentDue leaves the product here: to an SQS queue finance reads (always), and to a finance
   * webhook when `financeWebhookUrl` is given. PaymentDue carries a payee reference, so this path is
   * encrypted with the customer-managed messaging key end to end, DLQ included.
   */
  private financeHandOff(config: CoproduceConfig): Queue {
    const deadLetterQueue = new DeadLetterQueue(this, 'FinanceDeadLetterQueue', {
      purpose: 'PaymentDue not delivered to finance, or not taken by finance after 5 receives',
      alarmTopic: this.alarmTopic,
      encryptionKey: this.messagingKey,
    }).queue;
    const queue = new Queue(this, 'FinanceQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: this.messagingKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      visibilityTimeout: Duration.minutes(5),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 },
    });
    new ContractSubscription(this, 'PaymentDueToFinanceQueue', {
      bus: this.bus,
      contract: PaymentDue,
      subscriber: 'finance queue',
      alarmTopic: this.alarmTopic,
      deadLetterQueue,
      target: (delivery) => new SourceScopedQueue(queue, delivery),
    });

    if (config.financeWebhookUrl) {
      // EventBridge connections offer Basic, API key or OAuth: an API key header it is. The key is
      // generated here and handed to finance out of band (read it from Secrets Manager).
      const apiKey = new Secret(this, 'FinanceWebhookApiKey', {
        description: `Coproduce ${config.stage}: x-api-key header sent with PaymentDue to the finance webhook`,
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(apiKey).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The key is shared with finance out of band; rotating it is a coordinated change with finance ' +
          '(new value, redeploy, finance accepts both during the switch), not an automatic rotation.',
      });
      const destination = new ApiDestination(this, 'FinanceWebhook', {
        description: 'PaymentDue → finance webhook',
        connection: new Connection(this, 'FinanceWebhookConnection', {
          description: 'x-api-key header from Secrets Manager',
          authorization: Authorization.apiKey('x-api-key', apiKey.secretValue),
        }),
        endpoint: config.financeWebhookUrl,
        httpMethod: HttpMethod.POST,
        rateLimitPerSecond: 5,
      });
      new ContractSubscription(this, 'PaymentDueToFinanceWebhook', {
        bus: this.bus,
        contract: PaymentDue,
        subscriber: 'finance webhook',
        alarmTopic: this.alarmTopic,
        deadLetterQueue,
        // The same body and idempotency header as the local stack's webhook (docs/finance.md): the
        // event's detail ({metadata, data}), and the key finance dedupes on as a header.
        target: (delivery) =>
          new ApiDestinationTarget(destination, {
            ...delivery,
            event: RuleTargetInput.fromEventPath('$.detail'),
            headerParameters: { 'X-Coproduce-Idempotency-Key': '$.detail.data.paymentIdempotencyKey' },
          }),
      });
    }
    return queue;
  }
}

/**
 * How long no one can change or delete an anchor. The newest anchor vouches for every entry before
 * it; an older one is needed only to catch a rewrite made after it was taken (`npm run audit:verify
 * --all-anchors`), so this is how long such a rewrite stays provable: a year's review and a month to
 * act on it. In compliance mode it can be lengthened for new objects but never shortened for written ones.
 */
export const ANCHOR_RETENTION = Duration.days(400);

const keyOf = (attr: KeyAttr) => ({
  name: attr.name,
  type: attr.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export type DeadLetterQueueProps = {
  /** What lands here, for the alarm description (e.g. "PaymentDue → finance queue"). */
  purpose: string;
  alarmTopic: ITopic;
  /**
   * Customer-managed key for queues that can hold more than ids (the finance path). Without it the
   * queue uses SQS-managed encryption: bus events carry ids only, and a CMK would have to trust
   * every service that writes here (events, scheduler, lambda) in its key policy.
   */
  encryptionKey?: IKey;
};

/**
 * A dead-letter / on-failure queue: encrypted, TLS only, 14 days retention, and an alarm as soon as
 * one message is visible. Every failure path in the app ends in one of these.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      ...(props.encryptionKey
        ? { encryption: QueueEncryption.KMS, encryptionMasterKey: props.encryptionKey }
        : { encryption: QueueEncryption.SQS_MANAGED }),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue; its messages are inspected and redriven by an operator.',
    });
    this.alarm = new Alarm(this, 'NotEmptyAlarm', {
      alarmDescription: `Messages are waiting in a dead-letter queue: ${props.purpose}`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}

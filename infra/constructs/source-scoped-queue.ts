import { Stack } from 'aws-cdk-lib';
import { CfnRule, type IRule, type IRuleTarget, type RuleTargetConfig } from 'aws-cdk-lib/aws-events';
import { addToDeadLetterQueueResourcePolicy, bindBaseTargetConfig } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { DeliveryOptions } from './contract-subscription.js';

/**
 * An SQS rule target whose queue policy lets EventBridge send only for THIS rule of this account
 * (aws:SourceArn and aws:SourceAccount, AWS's confused-deputy guidance). CDK's SqsQueue target
 * leaves an encrypted queue's statement without a source condition; neither cdk-nag nor cfn-guard
 * notices. The queue's KMS key carries its own source-scoped statement (stateful stack).
 */
export class SourceScopedQueue implements IRuleTarget {
  constructor(
    private readonly queue: IQueue,
    private readonly delivery: DeliveryOptions,
  ) {}

  bind(rule: IRule): RuleTargetConfig {
    const account = Stack.of(rule).account;
    this.queue.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': CfnRule.arnForRule(rule) },
          StringEquals: { 'aws:SourceAccount': account },
        },
      }),
    );
    addToDeadLetterQueueResourcePolicy(rule, this.delivery.deadLetterQueue);
    return { ...bindBaseTargetConfig(this.delivery), arn: this.queue.queueArn, targetResource: this.queue };
  }
}

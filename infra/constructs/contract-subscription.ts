import { Duration } from 'aws-cdk-lib';
import { type EventPattern, type IEventBus, type IRuleTarget, Rule } from 'aws-cdk-lib/aws-events';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventContract } from '../../events/define-event.js';
import { DeadLetterQueue, type DeadLetterQueueProps } from './dead-letter-queue.js';

/** What every rule target gets: a DLQ for events EventBridge could not deliver, retries, a max age. */
export type DeliveryOptions = { deadLetterQueue: IQueue; retryAttempts: number; maxEventAge: Duration };

export type ContractSubscriptionProps = {
  bus: IEventBus;
  contract: EventContract;
  /** Build the target with the delivery options (e.g. `(o) => new LambdaFunction(fn, o)`). */
  target: (delivery: DeliveryOptions) => IRuleTarget;
  /** Who subscribes, for the rule description. */
  subscriber: string;
  alarmTopic: DeadLetterQueueProps['alarmTopic'];
  /** Use an existing DLQ (e.g. the finance DLQ, encrypted with the messaging key); default: a new one. */
  deadLetterQueue?: IQueue;
  retryAttempts?: number;
  maxEventAge?: Duration;
};

/** The EventBridge pattern of a contract, as CDK spells it. Nothing here names a detail-type. */
export function patternOf(contract: EventContract): EventPattern {
  const { source, detail } = contract.pattern;
  return { source, detailType: contract.pattern['detail-type'], detail };
}

/**
 * One rule on the bus for one event contract (source, detail-type and version all come from the
 * contract), targeting one subscriber with its own DLQ, retry attempts and a max event age.
 */
export class ContractSubscription extends Construct {
  readonly rule: Rule;
  readonly deadLetterQueue: IQueue;

  constructor(scope: Construct, id: string, props: ContractSubscriptionProps) {
    super(scope, id);
    this.deadLetterQueue =
      props.deadLetterQueue ??
      new DeadLetterQueue(this, 'DeadLetterQueue', {
        purpose: `${props.contract.detailType} v${props.contract.version} → ${props.subscriber} (undeliverable)`,
        alarmTopic: props.alarmTopic,
      }).queue;
    this.rule = new Rule(this, 'Rule', {
      eventBus: props.bus,
      description: `${props.contract.detailType} v${props.contract.version} → ${props.subscriber}`,
      eventPattern: patternOf(props.contract),
    });
    this.rule.addTarget(
      props.target({
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: props.retryAttempts ?? 8,
        maxEventAge: props.maxEventAge ?? Duration.hours(24),
      }),
    );
  }
}

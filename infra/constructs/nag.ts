import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag 3 acknowledges AwsSolutions-IAM5 finding by finding (`AwsSolutions-IAM5[Resource::...]`),
 * with the reference spelled as it appears in the synthesized policy. This writes that spelling for
 * a value used in `consumer`'s stack: a resource attribute of another stack becomes the import of the
 * very export the automatic cross-stack reference uses (Stack.exportValue gives it the same name).
 */
export function spelledIn(consumer: IConstruct, value: string, producer?: IConstruct): string {
  const consumerStack = Stack.of(consumer);
  const producerStack = producer ? Stack.of(producer) : consumerStack;
  const ref = producerStack === consumerStack ? value : producerStack.exportValue(value);
  return flattenCfnReference(consumerStack.resolve(ref));
}

export type WildcardFinding = { finding: `Action::${string}` | `Resource::${string}`; reason: string };

/** Acknowledge exactly these IAM5 findings on `scope` (a role: covers its default policy). */
export function acknowledgeWildcards(scope: IConstruct, findings: readonly WildcardFinding[]): void {
  for (const { finding, reason } of findings) {
    Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}

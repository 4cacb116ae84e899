import type { App } from 'aws-cdk-lib';

/** Everything the app reads from CDK context (`-c key=value` or cdk.json). Validated here, once. */
export type CoproduceConfig = {
  /** Part of every stack name and physical name: `Coproduce-<stage>-Stateful`, `coproduce-<stage>`. */
  stage: string;
  /** The SES identity the notifier sends from (`NOTIFIER_FROM_ADDRESS`). */
  senderEmail: string;
  /** When set, PaymentDue is also POSTed to this HTTPS endpoint (EventBridge API destination). */
  financeWebhookUrl?: string;
  /** When set, DLQ alarms are also emailed here (SNS email subscription). */
  alarmEmail?: string;
};

const STAGE = /^[a-z][a-z0-9-]{0,15}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readConfig(app: App): CoproduceConfig {
  const ctx = (key: string): string | undefined => {
    const v = app.node.tryGetContext(key);
    return v === undefined || v === null || v === '' ? undefined : String(v);
  };
  const stage = ctx('stage');
  if (!stage || !STAGE.test(stage)) {
    throw new Error(`Context "stage" must match ${STAGE} (e.g. -c stage=dev); got ${JSON.stringify(stage)}`);
  }
  const senderEmail = ctx('senderEmail') ?? 'noreply@example.org';
  if (!EMAIL.test(senderEmail)) throw new Error(`Context "senderEmail" is not an email address: ${senderEmail}`);
  const alarmEmail = ctx('alarmEmail');
  if (alarmEmail && !EMAIL.test(alarmEmail)) throw new Error(`Context "alarmEmail" is not an email address`);
  const financeWebhookUrl = ctx('financeWebhookUrl');
  if (financeWebhookUrl && !financeWebhookUrl.startsWith('https://')) {
    throw new Error('Context "financeWebhookUrl" must be an https:// URL');
  }
  return { stage, senderEmail, financeWebhookUrl, alarmEmail };
}

import { readFileSync } from 'node:fs';
import type { App } from 'aws-cdk-lib';
import { surveyInstruments } from '../shared/surveys/index.js';

/** Everything the app reads from CDK context (`-c key=value` or cdk.json). Validated here, once. */
export type CoproduceConfig = {
  /** Part of every stack name and physical name: `Coproduce-<stage>-Stateful`, `coproduce-<stage>`. */
  stage: string;
  /** The SES identity the notifier sends from (`NOTIFIER_FROM_ADDRESS`). */
  senderEmail: string;
  /** Where coordinator notices go (`COORDINATOR_EMAIL`; context `coordinatorEmail`): a shared mailbox. */
  coordinatorEmail: string;
  /** When set, PaymentDue is also POSTed to this HTTPS endpoint (EventBridge API destination). */
  financeWebhookUrl?: string;
  /** When set, DLQ alarms are also emailed here (SNS email subscription). */
  alarmEmail?: string;
  /**
   * The Cognito sign-in domain prefix (`https://<prefix>.auth.<region>.amazoncognito.com`), unique in
   * the region. Default: `coproduce-<stage>-<8 hex characters of the stateful stack's id>`.
   */
  authDomainPrefix?: string;
  /**
   * QPR-15's 15 statements, in order, from the authors' published form (context `qpr15WordingFile`:
   * a JSON file holding an array of 15 strings; the licensed text is not in this repository). The
   * surveys function gets them as `SURVEYS_QPR15_WORDING`; without them QPR-15 cannot be used.
   */
  qpr15Wording?: readonly string[];
};

const STAGE = /^[a-z][a-z0-9-]{0,15}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Cognito's rule for domain prefixes; it also refuses any containing aws, amazon or cognito. */
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED_IN_PREFIX = /aws|amazon|cognito/;

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
  const coordinatorEmail = ctx('coordinatorEmail') ?? 'coordinators@example.org';
  if (!EMAIL.test(coordinatorEmail)) throw new Error('Context "coordinatorEmail" is not an email address');
  const alarmEmail = ctx('alarmEmail');
  if (alarmEmail && !EMAIL.test(alarmEmail)) throw new Error(`Context "alarmEmail" is not an email address`);
  const financeWebhookUrl = ctx('financeWebhookUrl');
  if (financeWebhookUrl && !financeWebhookUrl.startsWith('https://')) {
    throw new Error('Context "financeWebhookUrl" must be an https:// URL');
  }
  const authDomainPrefix = ctx('authDomainPrefix');
  if (authDomainPrefix && (!DOMAIN_PREFIX.test(authDomainPrefix) || RESERVED_IN_PREFIX.test(authDomainPrefix))) {
    throw new Error(
      `Context "authDomainPrefix" must match ${DOMAIN_PREFIX} and not contain aws, amazon or cognito; got ${JSON.stringify(authDomainPrefix)}`,
    );
  }
  const wordingFile = ctx('qpr15WordingFile');
  const qpr15Wording = wordingFile ? readQpr15Wording(wordingFile) : undefined;
  return { stage, senderEmail, coordinatorEmail, financeWebhookUrl, alarmEmail, authDomainPrefix, qpr15Wording };
}

/** The 15 statements, checked as the surveys function checks them; anything else stops the synth, naming the context key. */
function readQpr15Wording(file: string): readonly string[] {
  const refuse = (why: string): never => {
    throw new Error(`Context "qpr15WordingFile" (${file}): ${why}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return refuse(`cannot be read as JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(parsed) || parsed.length !== 15)
    return refuse("must hold a JSON array of QPR-15's 15 statements, in order");
  if (!parsed.every((x) => typeof x === 'string')) return refuse('each statement must be text');
  // The surveys context's own rule for the statements (one plain line each), as the function applies it.
  try {
    surveyInstruments({ qpr15Wording: parsed });
  } catch (err) {
    return refuse((err as Error).message);
  }
  return parsed;
}

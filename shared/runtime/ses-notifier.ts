import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import * as z from 'zod/mini';
import type { Notifier } from './deps.js';
import { readEnv } from './env.js';

/**
 * Email through SES (v2 API). Every error propagates (throttling, rejected message): the consumer
 * that sends throws, so the event is retried and lands in the function's on-failure queue if it
 * keeps failing. Nothing about the recipient is logged here.
 */
export function sesNotifier(client: SESv2Client, from: string): Notifier {
  return {
    async send(message) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    },
  };
}

/** Lambda wiring: NOTIFIER_FROM_ADDRESS is set by the CDK construct for `access.notifier`; fails fast without it. */
export function sesNotifierFromEnv(env: NodeJS.ProcessEnv = process.env): Notifier {
  const { NOTIFIER_FROM_ADDRESS } = readEnv({ NOTIFIER_FROM_ADDRESS: z.email() }, env);
  return sesNotifier(new SESv2Client({}), NOTIFIER_FROM_ADDRESS);
}

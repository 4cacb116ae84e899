import { PaymentDue, PaymentHeld, SessionHeld } from '../../events/index.js';
import { participantKeys } from '../../shared/participants/index.js';
import { paymentKeys, paymentRoutes } from '../../shared/payments/index.js';
import { platformKeys } from '../../shared/runtime/access.js';
import type { FunctionSpec } from './types.js';

export const paymentFunctions: FunctionSpec[] = [
  {
    name: 'payments-api',
    description:
      'Payments: list and read them, record a person’s choice on a held payment, mark payments issued or failed, export for finance.',
    routes: paymentRoutes,
    access: {
      main: 'readwrite',
      keys: {
        write: [...Object.values(paymentKeys), platformKeys.outbox, platformKeys.idempotency],
        read: [participantKeys.participant],
      },
    },
  },
  {
    name: 'remunerate-attendance',
    description:
      'On SessionHeld: one payment per lived-experience attendee, checked against their benefit rules; the payment, period totals and PaymentDue/PaymentHeld in one transaction.',
    subscribes: [SessionHeld],
    access: {
      main: 'readwrite',
      keys: { write: [...Object.values(paymentKeys), platformKeys.outbox], read: [participantKeys.participant] },
    },
    timeoutSeconds: 60,
  },
  {
    name: 'payment-held-notices',
    description:
      'On PaymentHeld: tells the person (with contact consent and an email) that a payment waits for their choice, by when, where to choose and where to get free advice, and tells the coordinators (COORDINATOR_EMAIL) — each once (SES in AWS, the mailbox locally).',
    subscribes: [PaymentHeld],
    // readwrite: the send-once records beside the payment; coordinatorEmail: there is no coordinator directory yet.
    access: {
      main: 'readwrite',
      notifier: true,
      publicUrl: true,
      coordinatorEmail: true,
      keys: { write: [paymentKeys.payment], read: [participantKeys.participant] },
    },
  },
  {
    name: 'finance-webhook',
    description:
      'Local stack only: on PaymentDue, POSTs the event, signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature), to FINANCE_WEBHOOK_URL when set (retried; finance dedupes on paymentIdempotencyKey). In AWS the stateful stack delivers PaymentDue to the finance queue and, with context financeWebhookUrl, to an EventBridge API destination instead.',
    subscribes: [PaymentDue],
    runsIn: 'local',
    // "Retried until accepted": with back-off capped at 30 s, 200 attempts keep trying for about
    // 1.5 hours before the event waits in the dead-letter list (POST /api/dev/dead-letters/redrive).
    localDeliveryAttempts: 200,
    access: {},
  },
];

import type { Clock } from '../kernel/clock.js';
import type { EventPublisher } from './events/publisher.js';
import type { Db } from './store/db.js';

/** What a notifier sends: the reminder consumer and others use it; SES in AWS, the mailbox locally. */
export type OutgoingMessage = { to: string; subject: string; text: string; participantId: string };
export type Notifier = { send(message: OutgoingMessage): Promise<void> };

/** A one-time schedule that fires an event at a time (EventBridge Scheduler in AWS, local scheduler locally). */
export type OneTimeSchedule = {
  name: string;
  at: string;
  source: string;
  detailType: string;
  detail: unknown;
};
export type SchedulerPort = {
  upsert(schedule: OneTimeSchedule): Promise<void>;
  remove(name: string): Promise<void>;
};

/** One anchor as the store keeps it: its name there, its body, and when the store says it was written. */
export type StoredAnchor = { name: string; body: string; storedAt?: string };

/**
 * Write-once storage outside both tables for the audit anchor (docs/decisions/0003): S3 with Object
 * Lock in AWS (runtime/s3-anchor-store.ts), items in the audit table locally (local/anchor-store.ts).
 * Bodies are opaque here; the decisions context writes and reads them.
 */
export type AnchorStore = {
  /** Write a new anchor taken at `takenAt`; never replaces one. */
  put(anchor: { takenAt: Date; body: string }): Promise<{ name: string }>;
  /** The newest anchor taken at or before `asOf`, if any. */
  latest(asOf: Date): Promise<StoredAnchor | undefined>;
  /** Every anchor, newest first (the full check). */
  all(): AsyncIterable<StoredAnchor>;
};

/**
 * How the pages sign people in. 'local': the local stack's dev token endpoint (POST /api/dev/token).
 * 'cognito': the user pool's hosted sign-in, authorization code flow with PKCE, for the pages' app
 * client; the URIs are the ones registered on that client.
 */
export type AuthConfig =
  | { mode: 'local' }
  | {
      mode: 'cognito';
      /** `https://<prefix>.auth.<region>.amazoncognito.com` */
      domainUrl: string;
      clientId: string;
      /** Where Cognito sends the code: `<pages>/signed-in`. */
      redirectUri: string;
      /** Where Cognito sends people after signing out: `<pages>/sign-in`. */
      logoutRedirectUri: string;
      scopes: readonly string[];
    };

export type AppConfig = {
  /** Base URL of the pages, for links in calendar invites and messages. */
  publicBaseUrl: string;
  /** Where coordinator notices are sent (COORDINATOR_EMAIL; locally a default the mailbox shows). */
  coordinatorEmail: string;
  /** Folder holding the pages (web/ locally; bundled beside the web function in AWS). */
  webRoot: string;
  /** The outbox sweeper leaves items younger than this to the stream relay (0 locally: it is the relay). */
  outboxSweepMinAgeMs: number;
  /** Optional finance webhook that PaymentDue is POSTed to, HMAC-signed (finance-webhook function). */
  financeWebhook?: { url: string; secret: string };
  auth: AuthConfig;
  /** The secret survey response keys are computed under, read when first needed (docs/surveys.md, "The secret"). */
  surveyResponseKeySecret: () => Promise<string>;
  /** QPR-15's licensed statements, when the deployment supplies them (SURVEYS_QPR15_WORDING). */
  qpr15Wording?: readonly string[];
};

/**
 * Everything a function may need. A function's buildHandler takes only the part it uses
 * (Pick<AppDeps, ...>), so Lambda wires just that part from its environment while the local
 * stack passes this whole object to every function.
 */
export type AppDeps = {
  db: Db;
  auditDb: Db;
  clock: Clock;
  publisher: EventPublisher;
  scheduler: SchedulerPort;
  notifier: Notifier;
  anchors: AnchorStore;
  config: AppConfig;
};

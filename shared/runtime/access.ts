/**
 * What a function may touch, and the environment variables that go with each permission. The CDK
 * construct grants `access` and sets `envFor(access, …)` together (so a function can never have a
 * variable without the permission or the reverse); the local stack and the bench set the same
 * variables from the same function.
 */
export type Access = {
  main?: 'read' | 'readwrite';
  /**
   * The main table's partitions the function may touch, as IAM `StringLike` patterns on
   * `dynamodb:LeadingKeys` (`PARTICIPANT#*`, `FORUMS`): `read` for Get, BatchGet, Query and the
   * condition checks of a transaction, `write` for Put, Update and Delete (a written partition may
   * also be read). For a Query on an index the leading key is the index's partition key
   * (`gsi1pk`, `gsi2pk`), so the lists an index holds are named too. Each context exports the
   * patterns of the partitions it owns (`participantKeys`, `forumKeys`, ...; the platform's are
   * `platformKeys` below). Required with `main`: the CDK construct grants the table only with a
   * `ForAllValues:StringLike` condition on these, and the local stack refuses any other key
   * (docs/decisions/0007-table-access-by-key-prefix.md).
   */
  keys?: KeyAccess;
  /** 'append' = put new entries only (no update, no delete). */
  audit?: 'read' | 'append';
  /**
   * The audit anchor bucket (S3 Object Lock): 'write' = put new anchors only (audit-anchor);
   * 'read' = list and get them (the audit check). Neither may delete or change one.
   */
  anchor?: 'write' | 'read';
  /** Put events on the bus (only the outbox relay). */
  bus?: boolean;
  /** Create and delete one-time schedules that put events on the bus. */
  scheduler?: boolean;
  /** Send email (SES). */
  notifier?: boolean;
  /** Triggered by the main table's stream (the outbox relay). */
  stream?: boolean;
  /** Needs the public base URL of the pages (links in messages and invites). */
  publicUrl?: boolean;
  /** Needs the address coordinators are told at (there is no coordinator directory yet). Nothing is granted. */
  coordinatorEmail?: boolean;
  /**
   * Needs the sign-in settings: the Cognito sign-in domain, the pages' app client and its
   * registered redirect URIs and scopes. Public values; nothing is granted.
   */
  auth?: boolean;
  /**
   * Needs the secret that survey response keys are computed under (SURVEY_RESPONSE_KEY_SECRET;
   * docs/surveys.md). Nothing else is granted: the value comes from Secrets Manager at deploy time.
   */
  surveyKey?: boolean;
};

/** An IAM `StringLike` pattern on a partition key value: `*` any run of characters, `?` one character. */
export type KeyPattern = string;
export type KeyAccess = { read?: readonly KeyPattern[]; write?: readonly KeyPattern[] };

/** Partitions the platform owns: the outbox (and its pending lists on gsi1) and the Idempotency-Key records. */
export const platformKeys = {
  /** `OUTBOX#<eventId>`, and gsi1 `OUTBOX#PENDING#<shard>` (the sweeper's Query). */
  outbox: 'OUTBOX#*',
  /** `IDEMPOTENCY#<sub>#<routeKey>#<key>`: every create with an Idempotency-Key. */
  idempotency: 'IDEMPOTENCY#*',
} as const;

/** The patterns a function may read (what it writes, it may read) and write, each once, sorted. */
export function keyPatterns(access: Access): { read: KeyPattern[]; write: KeyPattern[] } {
  const write = [...new Set(access.keys?.write ?? [])].sort();
  const read = [...new Set([...(access.keys?.read ?? []), ...write])].sort();
  return { read, write };
}

const patternCache = new Map<string, RegExp>();
/** Does `value` match the IAM StringLike `pattern` (case-sensitive; `*` and `?` are the only wildcards)? */
export function keyMatches(pattern: KeyPattern, value: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = [...pattern]
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, 's');
    patternCache.set(pattern, re);
  }
  return re.test(value);
}

/** The values behind the variables: CDK tokens in the stack, local names locally, dummies in the bench. */
export type AccessValues = {
  mainTableName: string;
  auditTableName: string;
  anchorBucketName: string;
  eventBusName: string;
  publicBaseUrl: string;
  scheduler: { groupName: string; roleArn: string; targetArn: string; deadLetterQueueArn: string };
  senderEmail: string;
  /** Where coordinator notices go (a shared mailbox of the area's coordinators). */
  coordinatorEmail: string;
  auth: {
    domainUrl: string;
    clientId: string;
    redirectUri: string;
    logoutRedirectUri: string;
    scopes: readonly string[];
  };
  /** The survey response key secret's ARN (the function reads the value itself, when it needs it). */
  surveyResponseKeySecretArn: string;
  /** QPR-15's licensed statements, when the deployment supplies them (given to the surveys function). */
  qpr15Wording?: readonly string[];
};

/** docs/architecture.md "Environment variables": one set of variables per access flag. */
export function envFor(access: Access, v: AccessValues): Record<string, string> {
  const env: Record<string, string> = {};
  if (access.main) env.TABLE_NAME = v.mainTableName;
  if (access.audit) env.AUDIT_TABLE_NAME = v.auditTableName;
  if (access.anchor) env.ANCHOR_BUCKET_NAME = v.anchorBucketName;
  if (access.bus) env.EVENT_BUS_NAME = v.eventBusName;
  if (access.publicUrl) env.PUBLIC_BASE_URL = v.publicBaseUrl;
  if (access.scheduler) {
    env.SCHEDULER_GROUP_NAME = v.scheduler.groupName;
    env.SCHEDULER_ROLE_ARN = v.scheduler.roleArn;
    env.SCHEDULER_TARGET_ARN = v.scheduler.targetArn;
    env.SCHEDULER_DLQ_ARN = v.scheduler.deadLetterQueueArn;
  }
  if (access.notifier) env.NOTIFIER_FROM_ADDRESS = v.senderEmail;
  if (access.coordinatorEmail) env.COORDINATOR_EMAIL = v.coordinatorEmail;
  if (access.auth) {
    env.AUTH_DOMAIN_URL = v.auth.domainUrl;
    env.AUTH_CLIENT_ID = v.auth.clientId;
    env.AUTH_REDIRECT_URI = v.auth.redirectUri;
    env.AUTH_LOGOUT_REDIRECT_URI = v.auth.logoutRedirectUri;
    env.AUTH_SCOPES = v.auth.scopes.join(' ');
  }
  if (access.surveyKey) env.SURVEY_RESPONSE_KEY_SECRET_ARN = v.surveyResponseKeySecretArn;
  if (access.surveyKey && v.qpr15Wording) env.SURVEYS_QPR15_WORDING = JSON.stringify(v.qpr15Wording);
  return env;
}

/** Every flag on: what a process that imports every handler (the local stack) must provide. */
export const allAccess: Required<
  Pick<Access, 'bus' | 'scheduler' | 'notifier' | 'publicUrl' | 'coordinatorEmail' | 'auth' | 'surveyKey'>
> &
  Access = {
  main: 'readwrite',
  audit: 'append',
  anchor: 'write',
  bus: true,
  scheduler: true,
  notifier: true,
  publicUrl: true,
  coordinatorEmail: true,
  auth: true,
  surveyKey: true,
};

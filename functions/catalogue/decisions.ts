import {
  DecisionAmended,
  DecisionProposed,
  DecisionSignOffDue,
  DecisionSignOffOverdue,
  ForumSessionScheduled,
} from '../../events/index.js';
import { auditRoutes, decisionKeys, decisionRoutes } from '../../shared/decisions/index.js';
import { forumKeys } from '../../shared/forums/index.js';
import { participantKeys } from '../../shared/participants/index.js';
import { paymentKeys } from '../../shared/payments/index.js';
import { reportRoutes } from '../../shared/reporting/index.js';
import { platformKeys } from '../../shared/runtime/access.js';
import type { FunctionSpec } from './types.js';

const decisionsOwn = Object.values(decisionKeys);

export const decisionFunctions: FunctionSpec[] = [
  {
    name: 'decisions-api',
    description:
      'Propose and amend decisions, sign them (members, for themselves), read them. Each change is appended to the audit chain in the same transaction.',
    routes: decisionRoutes,
    access: {
      main: 'readwrite',
      audit: 'append',
      keys: {
        write: [...decisionsOwn, platformKeys.outbox, platformKeys.idempotency],
        // The forum and session a decision is taken at, who was invited, and the signers' records.
        read: [forumKeys.forum, forumKeys.session, forumKeys.forums, participantKeys.participant],
      },
    },
  },
  {
    name: 'audit-api',
    description:
      'Governance: the decision log with full signature history, CSV export, the audit chain check, and the co-production report (read-only).',
    // The governance log (decisions) and the co-production report (reporting), on one read-only function.
    routes: { ...auditRoutes, ...reportRoutes },
    access: {
      main: 'read',
      audit: 'read',
      anchor: 'read',
      // The governance log, and the report: every context's records, read-only.
      keys: {
        read: [
          ...decisionsOwn,
          ...Object.values(forumKeys),
          ...Object.values(participantKeys),
          ...Object.values(paymentKeys),
        ],
      },
    },
    timeoutSeconds: 29,
  },
  {
    name: 'audit-anchor',
    description:
      'Every hour: writes a write-once digest of every decision audit chain head (S3 Object Lock), which the audit check compares the chains with.',
    every: { minutes: 60, localMs: 5 * 60_000 },
    access: { main: 'read', anchor: 'write', keys: { read: [decisionKeys.decision, decisionKeys.decisions] } },
    timeoutSeconds: 120,
  },
  {
    name: 'decision-sign-off',
    description:
      'Schedules the sign-off check at each due date (DecisionProposed/Amended) and, when it fires (DecisionSignOffDue), marks a decision that is still not co-signed overdue.',
    subscribes: [DecisionProposed, DecisionAmended, DecisionSignOffDue],
    access: {
      main: 'readwrite',
      audit: 'append',
      scheduler: true,
      keys: { write: [decisionKeys.decision, decisionKeys.byStatus, platformKeys.outbox] },
    },
  },
  {
    name: 'decision-reminders',
    description:
      'Asks each member who may sign a decision to sign it when it is proposed or amended (once per wording); keeps who was invited to each session (ForumSessionScheduled) and, on DecisionSignOffOverdue, reminds those who have not signed.',
    subscribes: [ForumSessionScheduled, DecisionProposed, DecisionAmended, DecisionSignOffOverdue],
    access: {
      main: 'readwrite',
      notifier: true,
      publicUrl: true,
      // Who may sign: the session's invitees, or the members of the forum's area, and their records.
      keys: {
        write: decisionsOwn,
        read: [forumKeys.forum, forumKeys.session, participantKeys.participant, participantKeys.area],
      },
    },
  },
];

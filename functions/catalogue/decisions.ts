import {
  DecisionAmended,
  DecisionProposed,
  DecisionSignOffDue,
  DecisionSignOffOverdue,
  ForumSessionScheduled,
} from '../../events/index.js';
import type { FunctionSpec } from './types.js';

const everyone = ['coordinator', 'governance', 'member'] as const;

export const decisionFunctions: FunctionSpec[] = [
  {
    name: 'decisions-api',
    description:
      'Propose and amend decisions, sign them (members, for themselves), read them. Each change is appended to the audit chain in the same transaction.',
    routes: [
      { method: 'POST', path: '/api/decisions', fn: 'decisions-api', roles: ['coordinator'] },
      { method: 'GET', path: '/api/decisions', fn: 'decisions-api', roles: everyone },
      { method: 'GET', path: '/api/decisions/{id}', fn: 'decisions-api', roles: everyone },
      { method: 'PATCH', path: '/api/decisions/{id}', fn: 'decisions-api', roles: ['coordinator'] },
      { method: 'POST', path: '/api/decisions/{id}/signatures', fn: 'decisions-api', roles: ['member'] },
    ],
    access: { main: 'readwrite', audit: 'append' },
  },
  {
    name: 'audit-api',
    description:
      'Governance: the decision log with full signature history, CSV export, the audit chain check, and the co-production report (read-only).',
    routes: [
      { method: 'GET', path: '/api/audit/verify', fn: 'audit-api', roles: ['governance'] },
      { method: 'GET', path: '/api/audit/decisions', fn: 'audit-api', roles: ['governance'] },
      { method: 'GET', path: '/api/audit/decisions.csv', fn: 'audit-api', roles: ['governance'] },
      {
        method: 'GET',
        path: '/api/reports/coproduction',
        fn: 'audit-api',
        roles: ['governance', 'coordinator'],
      },
    ],
    access: { main: 'read', audit: 'read' },
    timeoutSeconds: 29,
  },
  {
    name: 'decision-sign-off',
    description:
      'Schedules the sign-off check at each due date (DecisionProposed/Amended) and, when it fires (DecisionSignOffDue), marks a decision that is still not co-signed overdue.',
    subscribes: [DecisionProposed, DecisionAmended, DecisionSignOffDue],
    access: { main: 'readwrite', audit: 'append', scheduler: true },
  },
  {
    name: 'decision-reminders',
    description:
      'Keeps who was invited to each session (ForumSessionScheduled) and, on DecisionSignOffOverdue, reminds those who have not signed.',
    subscribes: [ForumSessionScheduled, DecisionSignOffOverdue],
    access: { main: 'readwrite', notifier: true, publicUrl: true },
  },
];

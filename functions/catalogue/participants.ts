import { ParticipantRecruited } from '../../events/index.js';
import type { FunctionSpec } from './types.js';

export const participantFunctions: FunctionSpec[] = [
  {
    name: 'participants-api',
    description: 'Recruit participants with recorded consent, read them, list them, withdraw consent.',
    routes: [
      { method: 'GET', path: '/api/health', fn: 'participants-api', roles: 'public' },
      { method: 'POST', path: '/api/participants', fn: 'participants-api', roles: ['coordinator'] },
      { method: 'GET', path: '/api/participants', fn: 'participants-api', roles: ['coordinator'] },
      {
        method: 'GET',
        path: '/api/participants/{id}',
        fn: 'participants-api',
        roles: ['coordinator', 'member'],
      },
      {
        method: 'POST',
        path: '/api/participants/{id}/consent-withdrawal',
        fn: 'participants-api',
        roles: ['coordinator', 'member'],
      },
      { method: 'GET', path: '/api/tasks', fn: 'participants-api', roles: ['coordinator'] },
      {
        method: 'GET',
        path: '/api/benefit-schemes',
        fn: 'participants-api',
        roles: ['coordinator', 'finance', 'governance', 'member'],
      },
      {
        method: 'GET',
        path: '/api/me',
        fn: 'participants-api',
        roles: ['coordinator', 'finance', 'governance', 'member'],
      },
    ],
    access: { main: 'readwrite' },
  },
  {
    name: 'welcome-task',
    description: 'On ParticipantRecruited: records a welcome task with benefits-advice signposting.',
    subscribes: [ParticipantRecruited],
    access: { main: 'readwrite' },
  },
];

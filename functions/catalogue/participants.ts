import { ParticipantRecruited } from '../../events/index.js';
import { participantKeys, participantRoutes } from '../../shared/participants/index.js';
import { platformKeys } from '../../shared/runtime/access.js';
import type { FunctionSpec } from './types.js';

export const participantFunctions: FunctionSpec[] = [
  {
    name: 'participants-api',
    description:
      'Recruit participants with recorded consent, read them, list them, withdraw consent; coordinator tasks.',
    routes: participantRoutes,
    access: {
      main: 'readwrite',
      keys: { write: [...Object.values(participantKeys), platformKeys.outbox, platformKeys.idempotency] },
    },
  },
  {
    name: 'welcome-task',
    description: 'On ParticipantRecruited: records a welcome task with benefits-advice signposting.',
    subscribes: [ParticipantRecruited],
    access: { main: 'readwrite', keys: { write: [participantKeys.task] } },
  },
];

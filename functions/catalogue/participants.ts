import { ParticipantRecruited } from '../../events/index.js';
import { evaluationKeys } from '../../shared/evaluation/index.js';
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
      keys: {
        write: [...Object.values(participantKeys), platformKeys.outbox, platformKeys.idempotency],
        // A person's record shows their lived-experience roles and this year's staff practice (evaluation).
        read: [evaluationKeys.roles, evaluationKeys.areaYear],
      },
    },
  },
  {
    name: 'welcome-task',
    description: 'On ParticipantRecruited: records a welcome task with benefits-advice signposting.',
    subscribes: [ParticipantRecruited],
    access: { main: 'readwrite', keys: { write: [participantKeys.task] } },
  },
];

import { DecisionSigned, SessionHeld } from '../../events/index.js';
import { evaluationRoutes } from '../../shared/evaluation/index.js';
import type { FunctionSpec } from './types.js';

export const evaluationFunctions: FunctionSpec[] = [
  {
    name: 'evaluation-api',
    description:
      'Is this service co-producing? Ladder answers on sessions and decisions, staff training and reflective practice, lived-experience roles, the self-assessment of Table 3, and the annual evaluation of an area (JSON and CSV).',
    routes: evaluationRoutes,
    access: { main: 'readwrite' },
    timeoutSeconds: 29,
  },
  {
    name: 'ladder-asks',
    description:
      'On SessionHeld and DecisionSigned: puts the session on each attendee’s ladder list, and the decision on its signer’s, so members are asked how it felt.',
    subscribes: [SessionHeld, DecisionSigned],
    access: { main: 'readwrite' },
  },
];

import { DecisionSigned, SessionHeld } from '../../events/index.js';
import { decisionKeys } from '../../shared/decisions/index.js';
import { evaluationKeys, evaluationRoutes } from '../../shared/evaluation/index.js';
import { feedbackKeys } from '../../shared/feedback/index.js';
import { forumKeys } from '../../shared/forums/index.js';
import { participantKeys } from '../../shared/participants/index.js';
import { paymentKeys } from '../../shared/payments/index.js';
import { platformKeys } from '../../shared/runtime/access.js';
import { surveyKeys } from '../../shared/surveys/index.js';
import type { FunctionSpec } from './types.js';

/** Every partition the evaluation context owns. */
const evaluationOwn = Object.values(evaluationKeys);

export const evaluationFunctions: FunctionSpec[] = [
  {
    name: 'evaluation-api',
    description:
      'Is this service co-producing? Ladder answers on sessions and decisions, staff training and reflective practice, lived-experience roles, the self-assessment of Table 3, and the annual evaluation of an area (JSON and CSV).',
    routes: evaluationRoutes,
    access: {
      main: 'readwrite',
      keys: {
        write: [...evaluationOwn, platformKeys.idempotency],
        // The year's sessions, decisions, payments, people, feedback and surveys the figures come from.
        read: [
          forumKeys.forum,
          forumKeys.forums,
          forumKeys.session,
          participantKeys.participant,
          participantKeys.participants,
          participantKeys.area,
          decisionKeys.decision,
          decisionKeys.decisions,
          paymentKeys.payment,
          feedbackKeys.feedback,
          surveyKeys.survey,
        ],
      },
    },
    timeoutSeconds: 29,
  },
  {
    name: 'ladder-asks',
    description:
      'On SessionHeld and DecisionSigned: puts the session on each attendee’s ladder list, and the decision on its signer’s, so members are asked how it felt.',
    subscribes: [SessionHeld, DecisionSigned],
    access: {
      main: 'readwrite',
      keys: { write: [evaluationKeys.asks], read: [forumKeys.session, forumKeys.forum, decisionKeys.decision] },
    },
  },
];

import { FeedbackUpdated, SessionHeld } from '../../events/index.js';
import { decisionKeys } from '../../shared/decisions/index.js';
import { feedbackKeys, feedbackRoutes } from '../../shared/feedback/index.js';
import { forumKeys } from '../../shared/forums/index.js';
import { participantKeys } from '../../shared/participants/index.js';
import { platformKeys } from '../../shared/runtime/access.js';
import type { FunctionSpec } from './types.js';

/** Every partition the feedback context owns. */
const feedbackOwn = Object.values(feedbackKeys);

export const feedbackFunctions: FunctionSpec[] = [
  {
    name: 'feedback-api',
    description:
      'You said, we did: raise feedback at a forum, list it, and (coordinators) move it on to a decision or a reason. Each change and its event (ids and statuses only) in one transaction.',
    routes: feedbackRoutes,
    access: {
      main: 'readwrite',
      keys: {
        write: [...feedbackOwn, platformKeys.outbox, platformKeys.idempotency],
        // The forum and its sessions, a member's invitations, the person, and a linked decision.
        read: [
          forumKeys.forum,
          forumKeys.session,
          forumKeys.participantSessions,
          participantKeys.participant,
          decisionKeys.decision,
        ],
      },
    },
  },
  {
    name: 'feedback-report-back',
    description:
      'On SessionHeld: the items closed by the time the session started were heard there ("You said, we did"), so each gets reportedBackAt (idempotent).',
    subscribes: [SessionHeld],
    access: { main: 'readwrite', keys: { write: feedbackOwn, read: [forumKeys.forum, forumKeys.session] } },
  },
  {
    name: 'feedback-notices',
    description:
      'On FeedbackUpdated: tells the person who raised the item (with contact consent and an email) what changed, once per change (SES in AWS, the mailbox locally).',
    subscribes: [FeedbackUpdated],
    // readwrite: the send-once records beside the item.
    access: {
      main: 'readwrite',
      notifier: true,
      keys: {
        write: [feedbackKeys.notice],
        read: [feedbackKeys.feedback, participantKeys.participant, forumKeys.forum],
      },
    },
  },
];

import { FeedbackUpdated, SessionHeld } from '../../events/index.js';
import { feedbackRoutes } from '../../shared/feedback/index.js';
import type { FunctionSpec } from './types.js';

export const feedbackFunctions: FunctionSpec[] = [
  {
    name: 'feedback-api',
    description:
      'You said, we did: raise feedback at a forum, list it, and (coordinators) move it on to a decision or a reason. Each change and its event (ids and statuses only) in one transaction.',
    routes: feedbackRoutes,
    access: { main: 'readwrite' },
  },
  {
    name: 'feedback-report-back',
    description:
      'On SessionHeld: the items closed by the time the session started were heard there ("You said, we did"), so each gets reportedBackAt (idempotent).',
    subscribes: [SessionHeld],
    access: { main: 'readwrite' },
  },
  {
    name: 'feedback-notices',
    description:
      'On FeedbackUpdated: tells the person who raised the item (with contact consent and an email) what changed, once per change (SES in AWS, the mailbox locally).',
    subscribes: [FeedbackUpdated],
    // readwrite: the send-once records beside the item.
    access: { main: 'readwrite', notifier: true },
  },
];

import { ForumSessionScheduled, SessionCancelled, SessionRescheduled } from '../../events/index.js';
import {
  type NoticeDeps,
  sendSessionCancelledNotices,
  sendSessionInvitations,
  sendSessionMovedNotices,
} from '../../shared/forums/index.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb, publicUrlConfig } from '../../shared/runtime/aws.js';
import { eventConsumer, eventRouter } from '../../shared/runtime/events/consumer.js';
import { sesNotifierFromEnv } from '../../shared/runtime/ses-notifier.js';

/** Three subscriptions, three messages: invited, moved, cancelled. */
export const buildHandler = (deps: NoticeDeps) =>
  eventRouter([
    [
      ForumSessionScheduled,
      eventConsumer(ForumSessionScheduled, async ({ data }) => {
        await sendSessionInvitations(data, deps);
      }),
    ],
    [
      SessionRescheduled,
      eventConsumer(SessionRescheduled, async ({ data }) => {
        await sendSessionMovedNotices(data, deps);
      }),
    ],
    [
      SessionCancelled,
      eventConsumer(SessionCancelled, async ({ data }) => {
        await sendSessionCancelledNotices(data, deps);
      }),
    ],
  ]);

export const handler = buildHandler({
  db: mainDb(),
  clock: systemClock,
  notifier: sesNotifierFromEnv(),
  config: publicUrlConfig(),
});

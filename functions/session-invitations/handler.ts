import { ForumSessionScheduled, SessionCancelled, SessionRescheduled } from '../../events/index.js';
import {
  sendSessionCancelledNotices,
  sendSessionInvitations,
  sendSessionMovedNotices,
} from '../../shared/forums/app/invitations.js';
import type { ReminderDeps } from '../../shared/forums/app/reminders.js';
import { systemClock } from '../../shared/kernel/index.js';
import { mainDb, publicUrlConfig } from '../../shared/runtime/aws.js';
import { eventConsumer, eventRouter } from '../../shared/runtime/events/consumer.js';
import { sesNotifierFromEnv } from '../../shared/runtime/ses-notifier.js';

type Route = Parameters<typeof eventRouter>[0][number];

/** Three subscriptions, three messages: invited, moved, cancelled. */
export const buildHandler = (deps: ReminderDeps) =>
  eventRouter([
    [
      ForumSessionScheduled,
      eventConsumer(ForumSessionScheduled, async ({ data }) => {
        await sendSessionInvitations(data, deps);
      }) as unknown as Route[1],
    ],
    [
      SessionRescheduled,
      eventConsumer(SessionRescheduled, async ({ data }) => {
        await sendSessionMovedNotices(data, deps);
      }) as unknown as Route[1],
    ],
    [
      SessionCancelled,
      eventConsumer(SessionCancelled, async ({ data }) => {
        await sendSessionCancelledNotices(data, deps);
      }) as unknown as Route[1],
    ],
  ]);

export const handler = buildHandler({
  db: mainDb(),
  clock: systemClock,
  notifier: sesNotifierFromEnv(),
  config: publicUrlConfig(),
});

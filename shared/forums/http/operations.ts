import type { Operations } from '../../runtime/http/api.js';
import { idempotentWrite } from '../../runtime/http/idempotency.js';
import { recordSessionHeld } from '../app/attendance.js';
import { type CalendarDeps, calendarInvite } from '../app/calendar.js';
import { createForum, pageForumSessions, pageForums, viewForum } from '../app/forums.js';
import { discardPreparedSession } from '../app/invitation-sync.js';
import { pageMySessions } from '../app/my-sessions.js';
import { explainRateFailure, planForumRate } from '../app/rates.js';
import { recordSessionRsvp } from '../app/rsvps.js';
import {
  cancelSession,
  explainScheduleFailure,
  planSession,
  rescheduleSession,
  type SessionPlan,
  sessionWrites,
} from '../app/scheduling.js';
import { viewSession, type YouSaidWeDidPort } from '../app/session-view.js';
import type { forumRoutes } from './routes.js';

/**
 * What the forums API needs: the table, the clock, the pages' address for calendar links, and
 * (optionally) what a session is to hear back from feedback ("You said, we did").
 */
export type ForumsApiDeps = CalendarDeps & { youSaidWeDid?: YouSaidWeDidPort };

/** Each forums route mapped to its use case. */
export const forumOperations: Operations<typeof forumRoutes, ForumsApiDeps> = {
  createForum: (req, deps) =>
    idempotentWrite(deps, req, async () => {
      const { forum, items } = createForum(req.body, deps);
      return { items, response: { status: 201 as const, json: { forumId: forum.forumId } } };
    }),
  listForums: async (req, deps) => ({ status: 200, json: await pageForums(deps, req.query) }),
  getForum: async (req, deps) => ({ status: 200, json: await viewForum(req.params.id, deps) }),
  addForumRate: async (req, deps) => {
    try {
      return await idempotentWrite(deps, req, async () => {
        const { items, rate, currency, rates } = await planForumRate(req.params.id, req.body, deps);
        const json = { forumId: req.params.id, rate: { ...rate, currency }, rates };
        return { items, response: { status: 201 as const, json } };
      });
    } catch (err) {
      throw explainRateFailure(err);
    }
  },
  scheduleSession: async (req, deps) => {
    let plan: SessionPlan | undefined;
    try {
      const res = await idempotentWrite(deps, req, async () => {
        plan = await planSession(req.params.id, req.body, deps);
        const items = await sessionWrites(plan, deps);
        const { session, warnings } = plan;
        return { items, response: { status: 201 as const, json: { sessionId: session.sessionId, warnings } } };
      });
      // A repeat of an earlier request (the same Idempotency-Key) answered with the first session.
      if (plan?.prepared && res.json.sessionId !== plan.session.sessionId) {
        await discardPreparedSession(plan.session.sessionId, deps);
      }
      return res;
    } catch (err) {
      if (plan?.prepared) await discardPreparedSession(plan.session.sessionId, deps);
      throw plan ? explainScheduleFailure(err, plan) : err;
    }
  },
  listForumSessions: async (req, deps) => ({
    status: 200,
    json: await pageForumSessions(req.params.id, deps, req.query),
  }),
  getSession: async (req, deps) => ({ status: 200, json: await viewSession(req.params.id, req.caller, deps) }),
  recordRsvp: async (req, deps) => {
    const { changed: _changed, ...answer } = await recordSessionRsvp(req.params.id, req.body, req.caller, deps);
    return { status: 200, json: answer };
  },
  rescheduleSession: async (req, deps) => {
    const { session, warnings } = await rescheduleSession(req.params.id, req.body, deps);
    const { sessionId, startsAt, endsAt } = session;
    return { status: 200, json: { sessionId, startsAt, endsAt, warnings } };
  },
  cancelSession: async (req, deps) => {
    const session = await cancelSession(req.params.id, deps);
    return { status: 200, json: { sessionId: session.sessionId, status: session.status } };
  },
  getSessionCalendar: async (req, deps) => {
    const { sessionId, calendar } = await calendarInvite(req.params.id, req.caller, deps);
    return {
      status: 200,
      contentType: 'text/calendar; charset=utf-8',
      headers: {
        'content-disposition': `attachment; filename="session-${sessionId}.ics"`,
        'cache-control': 'no-store',
      },
      text: calendar,
    };
  },
  recordSessionHeld: async (req, deps) => {
    await recordSessionHeld(req.params.id, req.body, deps);
    return { status: 202, json: { sessionId: req.params.id } };
  },
  listMySessions: async (req, deps) => ({ status: 200, json: await pageMySessions(req.caller, deps, req.query) }),
};

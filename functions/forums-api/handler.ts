import { recordSessionHeld } from '../../shared/forums/app/attendance.js';
import { sessionCalendar } from '../../shared/forums/app/calendar.js';
import {
  assertMayReadSession,
  cancelSession,
  createForum,
  explainScheduleFailure,
  type ForumDeps,
  pageForumSessions,
  pageForums,
  pageMySessions,
  planSession,
  readForum,
  readSession,
  recordSessionRsvp,
  rescheduleSession,
  type SessionPlan,
  viewForum,
  viewSession,
} from '../../shared/forums/app/forums.js';
import { explainRateFailure, planForumRate } from '../../shared/forums/app/rates.js';
import { ForumInput, HeldInput, RescheduleInput, RsvpInput, SessionInput } from '../../shared/forums/domain/forums.js';
import { RateInput } from '../../shared/forums/domain/rates.js';
import { systemClock, ValidationError } from '../../shared/kernel/index.js';
import { mainDb, publicUrlConfig } from '../../shared/runtime/aws.js';
import type { AppConfig } from '../../shared/runtime/deps.js';
import { idempotentWrite } from '../../shared/runtime/http/idempotency.js';
import { apiHandler, parseBody } from '../../shared/runtime/http/legacy-api.js';
import { parseLimit } from '../../shared/runtime/store/pagination.js';
import { forumFunctions } from '../catalogue/forums.js';

const routes = forumFunctions.find((f) => f.name === 'forums-api')!.routes!;

export type ForumsApiDeps = ForumDeps & { config: Pick<AppConfig, 'publicBaseUrl'> };

export const buildHandler = (deps: ForumsApiDeps) =>
  apiHandler(
    routes,
    {
      'POST /api/forums': async (req) => {
        const input = parseBody(ForumInput, req.body);
        return idempotentWrite(deps, req, async () => {
          const { forum, items } = createForum(input, deps);
          return { items, response: { status: 201, json: { forumId: forum.forumId } } };
        });
      },
      'GET /api/forums': async (req) => ({
        status: 200,
        json: await pageForums(deps, { limit: parseLimit(req.query.limit), cursor: req.query.cursor }),
      }),
      'GET /api/forums/{id}': async (req) => ({ status: 200, json: await viewForum(req.params.id!, deps) }),
      'POST /api/forums/{id}/rates': async (req) => {
        const input = parseBody(RateInput, req.body);
        try {
          return await idempotentWrite(deps, req, async () => {
            const { items, rate, currency, rates } = await planForumRate(req.params.id!, input, deps);
            const json = { forumId: req.params.id!, rate: { ...rate, currency }, rates };
            return { items, response: { status: 201, json } };
          });
        } catch (err) {
          throw explainRateFailure(err);
        }
      },
      'POST /api/forums/{id}/sessions': async (req) => {
        const input = parseBody(SessionInput, req.body);
        let plan: SessionPlan | undefined;
        try {
          return await idempotentWrite(deps, req, async () => {
            plan = await planSession(req.params.id!, input, deps);
            const { session, warnings, items } = plan;
            return { items, response: { status: 201, json: { sessionId: session.sessionId, warnings } } };
          });
        } catch (err) {
          throw plan ? explainScheduleFailure(err, plan) : err;
        }
      },
      'GET /api/forums/{id}/sessions': async (req) => ({
        status: 200,
        json: await pageForumSessions(req.params.id!, deps, {
          limit: parseLimit(req.query.limit),
          cursor: req.query.cursor,
        }),
      }),
      'GET /api/sessions/{id}': async (req) => ({
        status: 200,
        json: await viewSession(req.params.id!, req.caller, deps),
      }),
      'POST /api/sessions/{id}/rsvp': async (req) => {
        const { changed: _changed, ...answer } = await recordSessionRsvp(
          req.params.id!,
          parseBody(RsvpInput, req.body),
          req.caller,
          deps,
        );
        return { status: 200, json: answer };
      },
      'POST /api/sessions/{id}/reschedule': async (req) => {
        const { session, warnings } = await rescheduleSession(
          req.params.id!,
          parseBody(RescheduleInput, req.body),
          deps,
        );
        const { sessionId, startsAt, endsAt } = session;
        return { status: 200, json: { sessionId, startsAt, endsAt, warnings } };
      },
      'POST /api/sessions/{id}/cancel': async (req) => {
        const session = await cancelSession(req.params.id!, deps);
        return { status: 200, json: { sessionId: session.sessionId, status: session.status } };
      },
      'GET /api/sessions/{id}/calendar.ics': async (req) => {
        const session = await readSession(req.params.id!, deps);
        await assertMayReadSession(session.sessionId, req.caller, deps);
        const forum = await readForum(session.forumId, deps);
        return {
          status: 200,
          contentType: 'text/calendar; charset=utf-8',
          headers: {
            'content-disposition': `attachment; filename="session-${session.sessionId}.ics"`,
            'cache-control': 'no-store',
          },
          text: sessionCalendar(session, forum, { publicBaseUrl: deps.config.publicBaseUrl, now: deps.clock.now() }),
        };
      },
      'POST /api/sessions/{id}/held': async (req) => {
        const input = parseBody(HeldInput, req.body);
        await recordSessionHeld(req.params.id!, input, deps);
        return { status: 202, json: { sessionId: req.params.id! } };
      },
      'GET /api/my/sessions': async (req) => {
        const when = req.query.when ?? 'upcoming';
        if (when !== 'upcoming' && when !== 'past') {
          throw new ValidationError([{ path: 'when', message: 'Choose upcoming or past.' }]);
        }
        return {
          status: 200,
          json: await pageMySessions(req.caller, deps, {
            when,
            // At most 50: the page's sessions and forums are read in one BatchGet of up to 100 keys.
            limit: parseLimit(req.query.limit, 50, 20),
            cursor: req.query.cursor,
          }),
        };
      },
    },
    deps,
  );

export const handler = buildHandler({ db: mainDb(), clock: systemClock, config: publicUrlConfig() });

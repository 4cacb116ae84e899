/**
 * The API's answers and bodies as the pages see them, read from the route definitions: renaming a
 * field in a route's response schema breaks the page that reads it at `npm run typecheck`. Types
 * only (`import type`): no zod and no route code reaches a page bundle.
 */
import type { z } from 'zod/mini';
import type { auditRoutes, decisionRoutes } from '../../../shared/decisions/http/routes.js';
import type { forumRoutes } from '../../../shared/forums/http/routes.js';
import type { participantRoutes } from '../../../shared/participants/http/routes.js';
import type { paymentRoutes } from '../../../shared/payments/http/routes.js';
import type { reportRoutes } from '../../../shared/reporting/http/routes.js';
import type { authConfigRoutes } from '../../../shared/runtime/http/platform-routes.js';
import type { RouteDef } from '../../../shared/runtime/http/routes.js';

/** The JSON a route answers with (its 200 schema, or another status's). */
export type JsonOf<R extends RouteDef, S extends keyof R['responses'] = 200> = R['responses'][S] extends z.ZodMiniType
  ? z.output<R['responses'][S]>
  : never;
/** The JSON body a route takes. */
export type BodyIn<R extends RouteDef> = R['body'] extends z.ZodMiniType ? z.input<R['body']> : never;

type Item<T> = T extends { items: readonly (infer I)[] } ? I : never;

export type AuthConfig = JsonOf<(typeof authConfigRoutes)['authConfig']>;

export type ParticipantView = JsonOf<(typeof participantRoutes)['getParticipant']>;
export type ParticipantSummary = Item<JsonOf<(typeof participantRoutes)['listParticipants']>>;
export type RecruitBody = BodyIn<(typeof participantRoutes)['recruitParticipant']>;
export type Recruited = JsonOf<(typeof participantRoutes)['recruitParticipant'], 201>;
export type Withdrawn = JsonOf<(typeof participantRoutes)['withdrawConsent']>;

export type ForumView = JsonOf<(typeof forumRoutes)['getForum']>;
export type ForumSummary = Item<JsonOf<(typeof forumRoutes)['listForums']>>;
export type ForumBody = BodyIn<(typeof forumRoutes)['createForum']>;
export type RateAdded = JsonOf<(typeof forumRoutes)['addForumRate'], 201>;
export type SessionView = JsonOf<(typeof forumRoutes)['getSession']>;
export type SessionSummary = Item<JsonOf<(typeof forumRoutes)['listForumSessions']>>;
export type ScheduleBody = BodyIn<(typeof forumRoutes)['scheduleSession']>;
export type Scheduled = JsonOf<(typeof forumRoutes)['scheduleSession'], 201>;
export type Rescheduled = JsonOf<(typeof forumRoutes)['rescheduleSession']>;
export type HeldBody = BodyIn<(typeof forumRoutes)['recordSessionHeld']>;
export type MySession = Item<JsonOf<(typeof forumRoutes)['listMySessions']>>;

export type PaymentView = JsonOf<(typeof paymentRoutes)['getPayment']>;
/** What coordinators and the person see (with reasons and options): the union's member with `reasons`. */
export type FullPaymentView = Extract<PaymentView, { reasons: unknown }>;
/** What finance sees. */
export type FinancePaymentView = Exclude<PaymentView, { reasons: unknown }>;
export type ChoiceBody = BodyIn<(typeof paymentRoutes)['recordPaymentChoice']>;
export type IssuedMany = JsonOf<(typeof paymentRoutes)['markPaymentsIssued']>;
export type SchemeInfo = Item<JsonOf<(typeof paymentRoutes)['listBenefitSchemes']>>;

export type DecisionView = JsonOf<(typeof decisionRoutes)['getDecision']>;
export type DecisionSummary = Item<JsonOf<(typeof decisionRoutes)['listDecisions']>>;
export type ProposeBody = BodyIn<(typeof decisionRoutes)['proposeDecision']>;
export type Proposed = JsonOf<(typeof decisionRoutes)['proposeDecision'], 201>;
export type AuditVerify = JsonOf<(typeof auditRoutes)['verifyAuditLog']>;
export type AuditedDecision = Item<JsonOf<(typeof auditRoutes)['listAuditedDecisions']>>;

export type CoproductionReport = JsonOf<(typeof reportRoutes)['coproductionReport']>;

/** A page of a list, as every list route answers. */
export type Page<T> = { items: T[]; nextCursor?: string | null };

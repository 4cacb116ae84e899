import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { buildEvent, type DetailOf, type OutgoingEvent } from '../../../events/define-event.js';
import type { SessionHeld } from '../../../events/forums.js';
import {
  PaymentChoiceRecorded,
  PaymentDue,
  PaymentFailed,
  PaymentHeld,
  PaymentIssued,
  PaymentOption,
} from '../../../events/payments.js';
import {
  type Clock,
  ConflictError,
  ForbiddenError,
  isoNow,
  NotFoundError,
  ValidationError,
} from '../../kernel/index.js';
import { benefitsAdvice, type Participant, participantRecord } from '../../participants/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import { idempotentWrite } from '../../runtime/http/idempotency.js';
import { type ApiRequest, type Caller, hasRole } from '../../runtime/http/legacy-api.js';
import { type Db, TransactionConditionError, type TxItem, transact } from '../../runtime/store/db.js';
import type { Page } from '../../runtime/store/pagination.js';
import { emptyLedger, type Ledger, ledgerFromItem, ledgerKey, putLedgerEntry } from '../adapters/ledger-repo.js';
import {
  awaitsFinance,
  batchGet,
  getPayment,
  listPaymentsByParticipant,
  listPaymentsByStatus,
  lookup,
  type Payment,
  paymentIdFor,
  paymentKey,
  paymentsPayableBetween,
  putNewPayment,
  putPaymentVersion,
  totalMinor,
} from '../adapters/payments-repo.js';
import {
  type Assessment,
  assess,
  avoidableByChoice,
  currencyOf,
  decideChoice,
  type PaymentStatus,
  type Periods,
  periodsFor,
  withoutFee,
} from '../domain/engine.js';
import { localDate, type Period, timeZoneOf, weekOf } from '../domain/periods.js';
import { totalsOf } from '../domain/totals.js';

export type PaymentDeps = { db: Db; clock: Clock };

/** How many times one payment is re-assessed after losing a race for the same ledger before giving up (then the bus retries). */
const MAX_ATTEMPTS = 40;
/** Attendees of one session written at once (each is its own transaction on its own ledgers). */
const ATTENDEE_CONCURRENCY = 10;

type WriteFailure = 'duplicate' | 'retry';

/**
 * Classify a failed TransactWriteItems. Item 0 is always the payment: its condition failing means
 * this payment was already written or changed (a duplicate event, or another choice won). A ledger
 * condition or a transaction conflict means someone else wrote the same period: re-read and re-assess.
 */
function classify(err: unknown): WriteFailure | undefined {
  if (err instanceof TransactionConditionError) return err.indexes.includes(0) ? 'duplicate' : 'retry';
  if (err instanceof TransactionCanceledException) {
    const reasons = err.CancellationReasons ?? [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
    if (reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ConditionalCheckFailed')) return 'retry';
  }
  if (
    err instanceof Error &&
    (err.name === 'TransactionConflictException' || err.name === 'TransactionInProgressException')
  ) {
    return 'retry';
  }
  return undefined;
}

const backoff = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.floor(Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6)))));

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

const paymentDueEvent = (p: Payment, now: string, correlationId?: string): OutgoingEvent =>
  buildEvent(
    PaymentDue,
    {
      paymentId: p.paymentId,
      participantId: p.participantId,
      payeeReference: p.payeeReference,
      sessionId: p.sessionId,
      feeMinor: p.feeMinor,
      expensesMinor: p.expensesMinor,
      currency: p.currency,
      period: { start: p.period.start, end: p.period.end },
      paymentIdempotencyKey: p.paymentIdempotencyKey,
      ...(p.feeToCharity ? { feeTo: 'charity' as const } : {}),
    },
    { idempotencyKey: `payment-due:${p.paymentId}`, correlationId, occurredAt: now },
  );

function ledgersFrom(
  items: Map<string, Record<string, unknown>>,
  participantId: string,
  periods: Record<string, Period>,
): Ledger[] {
  return Object.entries(periods).map(([key, period]) => {
    const item = lookup(items, ledgerKey(participantId, key));
    return item ? ledgerFromItem(item) : emptyLedger(participantId, key, period);
  });
}

const periodFromKey = (key: string): Period => {
  const [kind, start] = key.split('#') as ['week' | 'month', string];
  return kind === 'week' ? weekOf(start) : { kind, start, end: start };
};

const totalsFrom = (ledgers: Ledger[], excludePaymentId?: string) =>
  Object.fromEntries(ledgers.map((l) => [l.periodKey, totalsOf(l.entries, excludePaymentId)]));

/** A person who has not consented to being paid for their time is not paid a fee (expenses are still paid back). */
const consentsToFee = (p: Participant) => p.consent.scopes.includes('payments');

type SessionData = DetailOf<typeof SessionHeld>['data'];
type Attendee = SessionData['attendance'][number];

function newPayment(session: SessionData, a: Attendee, p: Participant, assessment: Assessment, now: string): Payment {
  const paymentId = paymentIdFor(session.sessionId, a.participantId);
  const settled = assessment.status !== 'held';
  const payable = settled && assessment.feeMinor + assessment.expensesMinor > 0;
  return {
    paymentId,
    participantId: a.participantId,
    sessionId: session.sessionId,
    forumId: session.forumId,
    jurisdiction: p.jurisdiction,
    status: assessment.status,
    feeMinor: assessment.feeMinor,
    fullFeeMinor: assessment.fullFeeMinor,
    hourlyRateMinor: session.hourlyRateMinor,
    expensesMinor: assessment.expensesMinor,
    currency: session.currency,
    hours: a.hours,
    sessionDate: assessment.localDate,
    startsAt: session.startsAt,
    period: assessment.period,
    ledgerKeys: Object.keys(assessment.periods.ledgers),
    reasons: assessment.reasons,
    consequences: assessment.consequences,
    options: assessment.options,
    offered: assessment.options,
    headroomMinor: assessment.headroomMinor,
    decidedBy: assessment.outcome === 'due' ? 'rules' : assessment.outcome === 'held' ? 'held' : 'preference',
    settledAs: assessment.resolution?.option,
    feeToCharity: false,
    payeeReference: p.payeeReference,
    paymentIdempotencyKey: `coproduce-payment:${paymentId}`,
    payableAt: payable ? now : undefined,
    payableOn: payable ? localDate(now, timeZoneOf[p.jurisdiction]) : undefined,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

export type AttendeeOutcome = {
  participantId: string;
  result: 'due' | 'held' | 'declined' | 'duplicate' | 'provider';
  attempts: number;
};

/** Assess and write one attendee's payment: payment + ledgers + event in one transaction, re-assessing after a lost race. */
async function payAttendee(
  session: SessionData,
  a: Attendee,
  participant: Participant,
  periods: Periods,
  firstRead: Map<string, Record<string, unknown>>,
  deps: PaymentDeps,
  correlationId: string,
): Promise<AttendeeOutcome> {
  const paymentId = paymentIdFor(session.sessionId, a.participantId);
  let items = firstRead;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 1) {
      await backoff(attempt);
      items = await batchGet(deps.db, [
        paymentKey(paymentId),
        ...Object.keys(periods.ledgers).map((k) => ledgerKey(a.participantId, k)),
      ]);
      if (lookup(items, paymentKey(paymentId)))
        return { participantId: a.participantId, result: 'duplicate', attempts: attempt };
    }
    const ledgers = ledgersFrom(items, a.participantId, periods.ledgers);
    const assessed = assess({
      jurisdiction: participant.jurisdiction,
      startsAt: session.startsAt,
      benefits: participant.benefits,
      hours: a.hours,
      expensesMinor: a.expensesMinor,
      hourlyRateMinor: session.hourlyRateMinor,
      currency: session.currency,
      preference: participant.payment.preference,
      totals: totalsFrom(ledgers),
    });
    const assessment = consentsToFee(participant) ? assessed : withoutFee(assessed);
    const now = isoNow(deps.clock);
    const payment = newPayment(session, a, participant, assessment, now);
    const events: OutgoingEvent[] = [];
    if (payment.status === 'held') {
      events.push(
        buildEvent(
          PaymentHeld,
          { paymentId, participantId: a.participantId, sessionId: session.sessionId, options: payment.options },
          { idempotencyKey: `payment-held:${paymentId}`, correlationId, occurredAt: now },
        ),
      );
    } else if (totalMinor(payment) > 0) events.push(paymentDueEvent(payment, now, correlationId));
    try {
      await transact(deps.db, [
        putNewPayment(deps.db, payment),
        ...ledgers.map((l) => putLedgerEntry(deps.db, l, paymentId, assessment.contribution)),
        ...events.map((e) => outboxPut(deps.db, e, now)),
      ]);
      return {
        participantId: a.participantId,
        result: payment.status as 'due' | 'held' | 'declined',
        attempts: attempt,
      };
    } catch (err) {
      const kind = classify(err);
      if (kind === 'duplicate') return { participantId: a.participantId, result: 'duplicate', attempts: attempt };
      if (kind !== 'retry') throw err;
    }
  }
  throw new Error(`Payment ${paymentId} lost the race for its period ledger ${MAX_ATTEMPTS} times; retry the event.`);
}

export class UnknownAttendeeError extends Error {
  override name = 'UnknownAttendeeError';
}

/** Attendees whose fee would be in another jurisdiction's currency: never assessed, never paid. */
export class AttendeeCurrencyError extends Error {
  override name = 'AttendeeCurrencyError';
}

/**
 * On SessionHeld: one payment per lived-experience attendee. Reads are batched (participants and
 * existing payments in one BatchGet, then every attendee's ledgers in one more); each attendee is
 * then one TransactWriteItems. A redelivered or concurrent duplicate finds the payment (or fails
 * its condition) and changes nothing. Providers are never paid. A participant who has since
 * withdrawn consent is still paid for a session they attended: what is already owed is paid.
 */
export async function remunerateSession(
  detail: DetailOf<typeof SessionHeld>,
  deps: PaymentDeps,
): Promise<AttendeeOutcome[]> {
  const session = detail.data;
  const seen = new Set<string>();
  const attendance = session.attendance.filter((a) => !seen.has(a.participantId) && seen.add(a.participantId));
  const first = await batchGet(
    deps.db,
    attendance.flatMap((a) => [
      participantRecord.key(a.participantId),
      paymentKey(paymentIdFor(session.sessionId, a.participantId)),
    ]),
  );
  const unknown: string[] = [];
  const otherCurrency: string[] = [];
  const skipped: AttendeeOutcome[] = [];
  const work: { a: Attendee; participant: Participant; periods: Periods }[] = [];
  for (const a of attendance) {
    const item = lookup(first, participantRecord.key(a.participantId));
    if (!item) {
      unknown.push(a.participantId);
      continue;
    }
    const participant = participantRecord.parse(item);
    if (participant.constituency === 'provider') {
      skipped.push({ participantId: a.participantId, result: 'provider', attempts: 0 });
    } else if (lookup(first, paymentKey(paymentIdFor(session.sessionId, a.participantId)))) {
      skipped.push({ participantId: a.participantId, result: 'duplicate', attempts: 0 });
    } else if (currencyOf[participant.jurisdiction] !== session.currency) {
      // Their limits are in another currency: assessing €19 against a £20 limit would be meaningless.
      otherCurrency.push(`${a.participantId} (${participant.jurisdiction}, ${currencyOf[participant.jurisdiction]})`);
    } else {
      const periods = periodsFor({
        jurisdiction: participant.jurisdiction,
        startsAt: session.startsAt,
        benefits: participant.benefits,
      });
      work.push({ a, participant, periods });
    }
  }
  const ledgerItems = await batchGet(
    deps.db,
    work.flatMap((w) => Object.keys(w.periods.ledgers).map((k) => ledgerKey(w.a.participantId, k))),
  );
  const written = await mapLimit(work, ATTENDEE_CONCURRENCY, (w) =>
    payAttendee(session, w.a, w.participant, w.periods, ledgerItems, deps, detail.metadata.correlationId),
  );
  // Everyone else is paid; the event is retried and then dead-lettered with the reason for a person to look at.
  if (otherCurrency.length > 0) {
    throw new AttendeeCurrencyError(
      `Session ${session.sessionId} pays in ${session.currency}, but ${otherCurrency.join(', ')} ${otherCurrency.length === 1 ? 'is' : 'are'} registered in another jurisdiction: nothing was paid or counted for them, because their benefit limits are in another currency.${unknown.length > 0 ? ` No participant record for ${unknown.join(', ')}.` : ''} The other attendees were processed.`,
    );
  }
  if (unknown.length > 0) {
    throw new UnknownAttendeeError(
      `Session ${session.sessionId}: no participant record for ${unknown.join(', ')}; the other attendees were processed.`,
    );
  }
  return [...skipped, ...written];
}

// ---- Reading ----------------------------------------------------------------------------------

export const ListQuery = z.object({
  status: z.enum(['due', 'held', 'issued', 'failed', 'declined']).optional(),
  participantId: z.string().min(1).max(64).optional(),
});

/** The contract's payment shape, plus what the pages need to explain it (for coordinators and the person). */
export function paymentView(p: Payment) {
  return {
    paymentId: p.paymentId,
    participantId: p.participantId,
    sessionId: p.sessionId,
    status: p.status,
    feeMinor: p.feeMinor,
    expensesMinor: p.expensesMinor,
    currency: p.currency,
    period: p.period,
    // Payments held before the flag was stored get it from the rule.
    reasons: p.reasons.map((r) => ({ ...r, avoidableByChoice: avoidableByChoice(r) })),
    options: p.options,
    totalMinor: totalMinor(p),
    fullFeeMinor: p.fullFeeMinor,
    headroomMinor: p.headroomMinor,
    consequences: p.consequences,
    forumId: p.forumId,
    hours: p.hours,
    sessionDate: p.sessionDate,
    startsAt: p.startsAt,
    jurisdiction: p.jurisdiction,
    decidedBy: p.decidedBy,
    settledAs: p.settledAs ?? null,
    feeTo: p.feeToCharity ? 'charity' : 'payee',
    choice: p.choice ?? null,
    awaitingFinance: awaitsFinance(p),
    payeeReference: p.payeeReference,
    paymentIdempotencyKey: p.paymentIdempotencyKey,
    payableOn: p.payableOn ?? null,
    financeRef: p.financeRef ?? null,
    issuedAt: p.issuedAt ?? null,
    failureReason: p.failureReason ?? null,
    advice: benefitsAdvice[p.jurisdiction],
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/**
 * What finance sees: what to pay, to whom and when, never which benefits the person gets
 * (docs/finance.md). Reasons, consequences and options name benefit schemes and their effects, and
 * the period's scheme is a benefit type: they are left out; the period keeps its dates.
 */
export function financeView(view: ReturnType<typeof paymentView>) {
  const { reasons: _reasons, consequences: _consequences, options: _options, period, ...rest } = view;
  return { ...rest, period: { start: period.start, end: period.end } };
}

export type PaymentView = ReturnType<typeof paymentView> | ReturnType<typeof financeView>;

/** Coordinators and the person themself see the full view; a caller who is only finance sees finance's. */
export function viewFor(caller: Caller, p: Payment): PaymentView {
  const full =
    hasRole(caller, 'coordinator') || (caller.roles.includes('member') && caller.participantId === p.participantId);
  return full ? paymentView(p) : financeView(paymentView(p));
}

const isStaff = (caller: Caller) => hasRole(caller, 'coordinator', 'finance');

/** Coordinators and finance see every payment; a member only its own. */
function assertCanSee(caller: Caller, participantId: string) {
  if (isStaff(caller)) return;
  if (caller.roles.includes('member') && caller.participantId === participantId) return;
  throw new ForbiddenError('You can only see your own payments.');
}

export async function readPayment(paymentId: string, caller: Caller, deps: PaymentDeps): Promise<PaymentView> {
  const p = await getPayment(deps.db, paymentId);
  if (!p) throw new NotFoundError('payment');
  assertCanSee(caller, p.participantId);
  return viewFor(caller, p);
}

export async function listPayments(
  query: z.infer<typeof ListQuery> & { limit: number; cursor?: string },
  caller: Caller,
  deps: PaymentDeps,
): Promise<Page<PaymentView>> {
  let participantId = query.participantId;
  if (!isStaff(caller)) {
    participantId ??= caller.participantId;
    if (!participantId) throw new ForbiddenError('You can only see your own payments.');
    assertCanSee(caller, participantId);
  }
  let page: Page<Payment>;
  if (participantId) {
    page = await listPaymentsByParticipant(deps.db, { ...query, participantId });
  } else if (query.status) {
    page = await listPaymentsByStatus(deps.db, { status: query.status, limit: query.limit, cursor: query.cursor });
  } else {
    throw new ValidationError([
      { path: 'status', message: 'Choose a status (due, held, issued, failed or declined) or a participant.' },
    ]);
  }
  return { items: page.items.map((p) => viewFor(caller, p)), nextCursor: page.nextCursor };
}

// ---- Choices ----------------------------------------------------------------------------------

export const ChoiceBody = z.strictObject({
  option: PaymentOption,
  amountMinor: z
    .number()
    .int('Enter the amount in whole cents or pence.')
    .positive('Enter an amount above zero.')
    .optional(),
  adviceAcknowledged: z.boolean().optional(),
});
export type ChoiceBody = z.infer<typeof ChoiceBody>;

/**
 * Record the person's choice on a held payment (a coordinator for them, or the member itself).
 * The option must be one they were offered; `full` needs advice acknowledged; `reduced` is checked
 * against the headroom as it is now. The payment, its ledgers and PaymentChoiceRecorded (+ PaymentDue
 * when something is to be paid) are one transaction; losing a race for a ledger re-checks, losing
 * the race for the payment itself (another choice won) answers 409.
 */
export async function choose(
  paymentId: string,
  body: ChoiceBody,
  req: ApiRequest,
  deps: PaymentDeps,
): Promise<{ status: number; json?: unknown; headers?: Record<string, string> }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      return await idempotentWrite(deps, req, async () => {
        const { items, payment } = await prepareChoice(paymentId, body, req.caller, deps);
        return { items, response: { status: 200, json: viewFor(req.caller, payment) } };
      });
    } catch (err) {
      const kind = classify(err);
      if (kind === 'duplicate') {
        const now = await getPayment(deps.db, paymentId);
        if (now?.status !== 'held')
          throw new ConflictError(`A choice was already recorded: this payment is ${now?.status}.`);
      } else if (kind !== 'retry') throw err;
      await backoff(attempt);
    }
  }
  throw new ConflictError('Other payments for this person are being recorded right now. Please try again.');
}

async function prepareChoice(
  paymentId: string,
  body: ChoiceBody,
  caller: Caller,
  deps: PaymentDeps,
): Promise<{ items: TxItem[]; payment: Payment }> {
  const payment = await getPayment(deps.db, paymentId);
  if (!payment) throw new NotFoundError('payment');
  if (!hasRole(caller, 'coordinator')) {
    if (!(caller.roles.includes('member') && caller.participantId === payment.participantId)) {
      throw new ForbiddenError('You can only choose for your own payments.');
    }
  }
  if (payment.status !== 'held') {
    throw new ConflictError(`This payment is not waiting for a choice: it is ${payment.status}.`);
  }
  if (currencyOf[payment.jurisdiction] !== payment.currency) {
    throw new ConflictError(
      `This payment is in ${payment.currency}, but the person's benefit rules are in ${currencyOf[payment.jurisdiction]}: it cannot be settled. Ask finance to correct it.`,
    );
  }
  const read = await batchGet(deps.db, [
    participantRecord.key(payment.participantId),
    ...payment.ledgerKeys.map((k) => ledgerKey(payment.participantId, k)),
  ]);
  const participantItem = lookup(read, participantRecord.key(payment.participantId));
  const participant = participantItem ? participantRecord.parse(participantItem) : undefined;
  if (!participant) throw new NotFoundError('participant');
  const periods = periodsFor({
    jurisdiction: payment.jurisdiction,
    startsAt: payment.startsAt,
    benefits: participant.benefits,
  });
  // The ledgers the payment was assessed in (held wrote them; benefits declared since do not move it).
  const ledgerPeriods: Record<string, Period> = Object.fromEntries(
    payment.ledgerKeys.map((k) => [k, periods.ledgers[k] ?? periodFromKey(k)]),
  );
  const ledgers = ledgersFrom(read, payment.participantId, ledgerPeriods);
  const decided = decideChoice(
    {
      jurisdiction: payment.jurisdiction,
      startsAt: payment.startsAt,
      benefits: participant.benefits,
      hours: payment.hours,
      expensesMinor: payment.expensesMinor,
      hourlyRateMinor: payment.hourlyRateMinor,
      currency: payment.currency,
      totals: totalsFrom(ledgers, paymentId),
    },
    payment.offered,
    body,
  );
  if (!decided.ok) throw new ValidationError(decided.issues);
  const r = decided.resolution;
  const now = isoNow(deps.clock);
  const payable = r.feeMinor + payment.expensesMinor > 0;
  const updated: Payment = {
    ...payment,
    status: r.status,
    feeMinor: r.feeMinor,
    options: [],
    headroomMinor: decided.assessment.headroomMinor,
    decidedBy: 'choice',
    settledAs: r.option,
    feeToCharity: r.feeToCharity,
    choice: {
      option: body.option,
      ...(body.amountMinor !== undefined ? { amountMinor: body.amountMinor } : {}),
      ...(body.adviceAcknowledged !== undefined ? { adviceAcknowledged: body.adviceAcknowledged } : {}),
      recordedBy: caller.sub,
      recordedAt: now,
    },
    payableAt: payable ? now : undefined,
    payableOn: payable ? localDate(now, timeZoneOf[payment.jurisdiction]) : undefined,
    updatedAt: now,
    version: payment.version + 1,
  };
  const events = [
    buildEvent(
      PaymentChoiceRecorded,
      { paymentId, participantId: payment.participantId, option: body.option, feeMinor: r.feeMinor },
      { idempotencyKey: `payment-choice:${paymentId}`, occurredAt: now },
    ),
    ...(payable ? [paymentDueEvent(updated, now)] : []),
  ];
  return {
    payment: updated,
    items: [
      putPaymentVersion(deps.db, updated, { version: payment.version, status: 'held' }),
      ...ledgers.map((l) => putLedgerEntry(deps.db, l, paymentId, r.contribution)),
      ...events.map((e) => outboxPut(deps.db, e, now)),
    ],
  };
}

// ---- Finance ----------------------------------------------------------------------------------

export const IssuedBody = z.strictObject({
  financeRef: z.string().trim().min(1, 'Enter the reference from the finance system.').max(100),
});
export const FailedBody = z.strictObject({
  reason: z.string().trim().min(1, 'Say why the payment could not be made.').max(500),
});

async function transition(
  paymentId: string,
  caller: Caller,
  deps: PaymentDeps,
  decide: (p: Payment, now: string) => { payment: Payment; event: OutgoingEvent } | 'unchanged',
): Promise<PaymentView> {
  const p = await getPayment(deps.db, paymentId);
  if (!p) throw new NotFoundError('payment');
  const now = isoNow(deps.clock);
  const next = decide(p, now);
  if (next === 'unchanged') return viewFor(caller, p);
  try {
    await transact(deps.db, [
      putPaymentVersion(deps.db, next.payment, { version: p.version }),
      outboxPut(deps.db, next.event, now),
    ]);
  } catch (err) {
    if (err instanceof TransactionConditionError) {
      throw new ConflictError('This payment changed while you were saving. Reload it and try again.');
    }
    throw err;
  }
  return viewFor(caller, { ...next.payment, version: p.version + 1 });
}

/** Finance issued the payment. The same reference again is a no-op (200); a different one is a conflict. */
export const markIssued = (paymentId: string, financeRef: string, caller: Caller, deps: PaymentDeps) =>
  transition(paymentId, caller, deps, (p, now) => {
    if (p.status === 'issued') {
      if (p.financeRef === financeRef) return 'unchanged';
      throw new ConflictError(`This payment was already issued with reference ${p.financeRef}.`);
    }
    if (!awaitsFinance(p)) throw new ConflictError(`This payment is ${p.status}: there is nothing to issue.`);
    return {
      payment: { ...p, status: 'issued', financeRef, issuedAt: now, updatedAt: now },
      event: buildEvent(
        PaymentIssued,
        { paymentId: p.paymentId, participantId: p.participantId, financeRef },
        { idempotencyKey: `payment-issued:${p.paymentId}`, occurredAt: now },
      ),
    };
  });

/** Finance could not make the payment. The same reason again is a no-op; a payment already issued cannot fail. */
export const markFailed = (paymentId: string, reason: string, caller: Caller, deps: PaymentDeps) =>
  transition(paymentId, caller, deps, (p, now) => {
    if (p.status === 'failed') {
      if (p.failureReason === reason) return 'unchanged';
      throw new ConflictError('This payment is already marked as failed with another reason.');
    }
    if (!awaitsFinance(p)) {
      throw new ConflictError(`This payment is ${p.status}: it cannot be marked as failed.`);
    }
    return {
      payment: { ...p, status: 'failed', failureReason: reason, failedAt: now, updatedAt: now },
      event: buildEvent(
        PaymentFailed,
        { paymentId: p.paymentId, participantId: p.participantId },
        { idempotencyKey: `payment-failed:${p.paymentId}`, occurredAt: now },
      ),
    };
  });

// ---- Export -----------------------------------------------------------------------------------

export const ExportQuery = z
  .object({ from: z.iso.date('Enter a date like 2026-03-01.'), to: z.iso.date('Enter a date like 2026-03-31.') })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'The end date must be on or after the start date.' });

export const exportColumns = [
  'paymentId',
  'participantId',
  'payeeReference',
  'sessionId',
  'feeMinor',
  'expensesMinor',
  'totalMinor',
  'currency',
  'periodStart',
  'periodEnd',
  'status',
  'idempotencyKey',
  'payableOn',
  'feeTo',
] as const;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return) as a formula.
 * Such text cells are prefixed with a single quote so they show as text (OWASP CSV injection).
 */
export const defuseCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/**
 * One row per payment that became payable in [from, to] (its local date): due, issued, and declined
 * with expenses still to pay back. UTF-8 with a byte-order mark and CRLF line ends, so Excel and
 * LibreOffice both open it with € and £ intact.
 */
export async function exportCsv(from: string, to: string, deps: PaymentDeps): Promise<string> {
  const statuses: PaymentStatus[] = ['due', 'issued', 'declined'];
  const lists = await Promise.all(statuses.map((s) => paymentsPayableBetween(deps.db, s, from, to)));
  const rows = lists
    .flat()
    .filter((p) => totalMinor(p) > 0)
    .sort((a, b) => (a.payableAt ?? '').localeCompare(b.payableAt ?? '') || a.paymentId.localeCompare(b.paymentId))
    .map((p) => [
      p.paymentId,
      p.participantId,
      p.payeeReference,
      p.sessionId,
      p.feeMinor,
      p.expensesMinor,
      totalMinor(p),
      p.currency,
      p.period.start,
      p.period.end,
      p.status,
      p.paymentIdempotencyKey,
      p.payableOn ?? '',
      p.feeToCharity ? 'charity' : 'payee',
    ]);
  return stringify(rows, {
    header: true,
    columns: [...exportColumns],
    bom: true,
    record_delimiter: 'windows',
    cast: { string: (v) => defuseCell(v) },
  });
}

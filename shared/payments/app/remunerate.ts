import { buildEvent, type DetailOf, type OutgoingEvent } from '../../../events/define-event.js';
import type { SessionHeld } from '../../../events/forums.js';
import { PaymentHeld } from '../../../events/payments.js';
import { currencyOf, isoNow, timeZoneOf } from '../../kernel/index.js';
import { type Participant, participantRecord } from '../../participants/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import {
  batchGetAll,
  classifyWriteFailure,
  type ItemsByKey,
  RetriesExhaustedError,
  retryBudgets,
  retryOptimistic,
  transact,
} from '../../runtime/store/db.js';
import { ledgerKeysOf, ledgersFrom, putLedgerEntry } from '../adapters/ledger-repo.js';
import { paymentKey, putNewPayment } from '../adapters/payments-repo.js';
import { type Assessment, assess, type Periods, periodsFor, withoutFee } from '../domain/engine.js';
import { attendanceProblem, type Payment, paymentIdFor, totalMinor } from '../domain/payments.js';
import { localDate } from '../domain/periods.js';
import { totalsByPeriod } from '../domain/totals.js';
import type { PaymentDeps } from './deps.js';
import { paymentDueEvent } from './payment-events.js';

/** Attendees of one session written at once (each is its own transaction on its own ledgers). */
const ATTENDEE_CONCURRENCY = 10;

/** Run `fn` over `items`, at most `limit` at a time, keeping their order in the results. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const queue = items.map((item, index) => ({ item, index }));
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results[next.index] = await fn(next.item);
  });
  await Promise.all(workers);
  return results;
}

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
    optionOutcomes: assessment.optionOutcomes,
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

/** Item 0 of a payment's transaction is the payment: its condition failing means it was already written. */
const paymentAlreadyWritten = (err: unknown) => {
  const failure = classifyWriteFailure(err);
  return failure?.kind === 'condition' && failure.indexes.includes(0);
};

/**
 * Assess and write one attendee's payment: payment + ledgers + event in one transaction. Losing the
 * race for a ledger (its version changed, or another transaction was on it) re-reads the payment
 * and the ledgers and re-assesses, within the period-ledger budget; then the bus retries the event.
 */
async function payAttendee(
  session: SessionData,
  a: Attendee,
  participant: Participant,
  periods: Periods,
  firstRead: ItemsByKey,
  deps: PaymentDeps,
  correlationId: string,
): Promise<AttendeeOutcome> {
  const paymentId = paymentIdFor(session.sessionId, a.participantId);
  const duplicate = (attempts: number): AttendeeOutcome => ({
    participantId: a.participantId,
    result: 'duplicate',
    attempts,
  });
  try {
    return await retryOptimistic(retryBudgets.periodLedger, async (attempt) => {
      let items = firstRead;
      if (attempt > 1) {
        items = await batchGetAll(deps.db, [paymentKey(paymentId), ...ledgerKeysOf(a.participantId, periods.ledgers)]);
        if (items.get(paymentKey(paymentId))) return duplicate(attempt);
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
        totals: totalsByPeriod(ledgers),
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
      } catch (err) {
        if (paymentAlreadyWritten(err)) return duplicate(attempt);
        throw err; // a ledger's condition or a conflict: lost the race, re-read and re-assess
      }
      return { participantId: a.participantId, result: assessment.status, attempts: attempt };
    });
  } catch (err) {
    if (err instanceof RetriesExhaustedError) {
      throw new Error(
        `Payment ${paymentId} lost the race for its period ledger ${err.budget.attempts} times; retry the event.`,
        { cause: err.cause },
      );
    }
    throw err;
  }
}

/** Attendance that cannot be paid as sent (near-zero or over a day's hours, absurd amounts): never assessed, never paid. */
export class AttendanceOutOfBoundsError extends Error {
  override name = 'AttendanceOutOfBoundsError';
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
  const paymentOf = (a: Attendee) => paymentKey(paymentIdFor(session.sessionId, a.participantId));
  const first = await batchGetAll(
    deps.db,
    attendance.flatMap((a) => [participantRecord.key(a.participantId), paymentOf(a)]),
  );
  const unknown: string[] = [];
  const otherCurrency: string[] = [];
  const outOfBounds: string[] = [];
  const skipped: AttendeeOutcome[] = [];
  const work: { a: Attendee; participant: Participant; periods: Periods }[] = [];
  for (const a of attendance) {
    const problem = attendanceProblem(a, session.hourlyRateMinor);
    if (problem) {
      outOfBounds.push(`${a.participantId} (${problem})`);
      continue;
    }
    const item = first.get(participantRecord.key(a.participantId));
    if (!item) {
      unknown.push(a.participantId);
      continue;
    }
    const participant = participantRecord.parse(item);
    if (participant.constituency === 'provider') {
      skipped.push({ participantId: a.participantId, result: 'provider', attempts: 0 });
    } else if (first.get(paymentOf(a))) {
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
  const ledgerItems = await batchGetAll(
    deps.db,
    work.flatMap((w) => ledgerKeysOf(w.a.participantId, w.periods.ledgers)),
  );
  const written = await mapLimit(work, ATTENDEE_CONCURRENCY, (w) =>
    payAttendee(session, w.a, w.participant, w.periods, ledgerItems, deps, detail.metadata.correlationId),
  );
  // Everyone else is paid; the event is retried and then dead-lettered with the reason for a person to look at.
  if (outOfBounds.length > 0) {
    throw new AttendanceOutOfBoundsError(
      `Session ${session.sessionId}: nothing was paid or counted for ${outOfBounds.join(', ')}; the other attendees were processed.`,
    );
  }
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

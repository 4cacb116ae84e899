import { buildEvent } from '../../../events/define-event.js';
import { PaymentChoiceRecorded } from '../../../events/payments.js';
import {
  type Actor,
  ConflictError,
  currencyOf,
  ForbiddenError,
  hasRole,
  isoNow,
  NotFoundError,
  timeZoneOf,
  ValidationError,
} from '../../kernel/index.js';
import { participantRecord } from '../../participants/index.js';
import { outboxPut } from '../../runtime/events/outbox.js';
import {
  batchGetAll,
  classifyWriteFailure,
  RetriesExhaustedError,
  retryBudgets,
  retryOptimistic,
  type TxItem,
} from '../../runtime/store/db.js';
import { ledgerKey, ledgersFrom, putLedgerEntry } from '../adapters/ledger-repo.js';
import { getPayment, putPaymentVersion } from '../adapters/payments-repo.js';
import { canChooseFor, readerOf } from '../domain/access.js';
import { decideChoice, periodsFor } from '../domain/engine.js';
import type { ChoiceBody, Payment } from '../domain/payments.js';
import { localDate, type Period, weekOf } from '../domain/periods.js';
import { totalsByPeriod } from '../domain/totals.js';
import type { PaymentDeps } from './deps.js';
import { paymentDueEvent } from './payment-events.js';
import { type FullPaymentView, paymentView } from './views.js';

/** The period a ledger key names, for a ledger the payment counts in that its periods no longer list. */
function periodFromKey(key: string): Period {
  const [kind, start = ''] = key.split('#');
  return kind === 'week' ? weekOf(start) : { kind: 'month', start, end: start };
}

/** A choice's writes and the payment as it will be: to be committed in one transaction. */
export type PreparedChoice = { items: TxItem[]; view: FullPaymentView };

/**
 * Commits a prepared choice. The HTTP layer passes its idempotent write (the Idempotency-Key's
 * record in the same transaction, a repeat replays the first answer); it runs `prepare` and writes
 * its items, and what it returns is what `recordChoice` returns.
 */
export type CommitChoice<R> = (prepare: () => Promise<PreparedChoice>) => Promise<R>;

/**
 * Record the person's choice on a held payment (a coordinator for them, or the member itself).
 * The option must be one they were offered; `full` needs advice acknowledged; `reduced` is checked
 * against the headroom as it is now. The payment, its ledgers and PaymentChoiceRecorded (+ PaymentDue
 * when something is to be paid) are one transaction; losing a race for a ledger re-checks (within
 * the period-ledger budget), losing the race for the payment itself (another choice won) is a conflict.
 */
export async function recordChoice<R>(
  paymentId: string,
  body: ChoiceBody,
  actor: Actor,
  deps: PaymentDeps,
  commit: CommitChoice<R>,
): Promise<R> {
  try {
    return await retryOptimistic(retryBudgets.periodLedger, async () => {
      try {
        return await commit(() => prepareChoice(paymentId, body, actor, deps));
      } catch (err) {
        // Item 0 is the payment: its condition failing means it changed since it was read.
        const failure = classifyWriteFailure(err);
        if (failure?.kind === 'condition' && failure.indexes.includes(0)) {
          const now = await getPayment(deps.db, paymentId);
          if (now?.status !== 'held') {
            throw new ConflictError(`A choice was already recorded: this payment is ${now?.status}.`);
          }
        }
        throw err;
      }
    });
  } catch (err) {
    if (err instanceof RetriesExhaustedError) {
      // Only a coordinator may choose for someone else (canChooseFor).
      const yours = !hasRole(actor, 'coordinator');
      throw new ConflictError(
        yours
          ? 'Other payments of yours are being recorded right now. Please try again.'
          : 'Other payments for this person are being recorded right now. Please try again.',
        { cause: err },
      );
    }
    throw err;
  }
}

async function prepareChoice(
  paymentId: string,
  body: ChoiceBody,
  actor: Actor,
  deps: PaymentDeps,
): Promise<PreparedChoice> {
  const payment = await getPayment(deps.db, paymentId);
  if (!payment) throw new NotFoundError('payment');
  if (!canChooseFor(actor, payment.participantId)) {
    throw new ForbiddenError('You can only choose for your own payments.');
  }
  if (payment.status !== 'held') {
    throw new ConflictError(`This payment is not waiting for a choice: it is ${payment.status}.`);
  }
  const reader = readerOf(actor, payment.participantId);
  if (currencyOf[payment.jurisdiction] !== payment.currency) {
    const whose = reader === 'self' ? 'your' : 'the person’s';
    throw new ConflictError(
      `This payment is in ${payment.currency}, but ${whose} benefit rules are in ${currencyOf[payment.jurisdiction]}: it cannot be settled. Ask finance to correct it.`,
    );
  }
  const read = await batchGetAll(deps.db, [
    participantRecord.key(payment.participantId),
    ...payment.ledgerKeys.map((k) => ledgerKey(payment.participantId, k)),
  ]);
  const participantItem = read.get(participantRecord.key(payment.participantId));
  if (!participantItem) throw new NotFoundError('participant');
  const participant = participantRecord.parse(participantItem);
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
      totals: totalsByPeriod(ledgers, paymentId),
    },
    payment.offered,
    body,
    reader,
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
    optionOutcomes: [],
    headroomMinor: decided.assessment.headroomMinor,
    decidedBy: 'choice',
    settledAs: r.option,
    feeToCharity: r.feeToCharity,
    choice: {
      option: body.option,
      ...(body.amountMinor !== undefined ? { amountMinor: body.amountMinor } : {}),
      ...(body.adviceAcknowledged !== undefined ? { adviceAcknowledged: body.adviceAcknowledged } : {}),
      recordedBy: actor.sub,
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
    view: paymentView(updated),
    items: [
      putPaymentVersion(deps.db, updated, { version: payment.version, status: 'held' }),
      ...ledgers.map((l) => putLedgerEntry(deps.db, l, paymentId, r.contribution)),
      ...events.map((e) => outboxPut(deps.db, e, now)),
    ],
  };
}

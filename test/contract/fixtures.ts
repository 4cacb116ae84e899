/**
 * One valid `data` example per event contract, keyed by detail-type. A contract without a fixture
 * fails the contract tests: add one here when you add an event.
 */
const id = (n: number) => `01JQ0000000000000000000${n.toString().padStart(3, '0')}`;
const at = '2026-03-02T18:00:00+00:00';
const hash = 'a'.repeat(64);

export const fixtures: Record<string, unknown> = {
  ParticipantRecruited: {
    participantId: id(1),
    areaId: 'cho5-waterford',
    jurisdiction: 'IE',
    consentScopes: ['forums', 'payments'],
  },
  ParticipantConsentWithdrawn: { participantId: id(1), withdrawnAt: at },
  ForumSessionScheduled: {
    sessionId: id(2),
    forumId: id(3),
    startsAt: at,
    endsAt: '2026-03-02T20:00:00+00:00',
    inviteeIds: [id(1)],
  },
  SessionRescheduled: { sessionId: id(2), forumId: id(3), startsAt: at, endsAt: '2026-03-02T20:00:00+00:00' },
  SessionCancelled: { sessionId: id(2), forumId: id(3) },
  SessionRsvpRecorded: { sessionId: id(2), participantId: id(1), response: 'yes' },
  SessionReminderDue: { sessionId: id(2), leadMinutes: 2880, startsAt: at },
  SessionHeld: {
    sessionId: id(2),
    forumId: id(3),
    heldOn: '2026-03-02',
    startsAt: at,
    hourlyRateMinor: 2500,
    currency: 'EUR',
    attendance: [{ participantId: id(1), hours: 3, expensesMinor: 1240, walkIn: false }],
  },
  PaymentDue: {
    paymentId: id(4),
    participantId: id(1),
    payeeReference: 'CP-0000000001',
    sessionId: id(2),
    feeMinor: 7500,
    expensesMinor: 1240,
    currency: 'EUR',
    period: { start: '2026-03-02', end: '2026-03-08' },
    paymentIdempotencyKey: `payment:${id(4)}`,
  },
  PaymentHeld: {
    paymentId: id(4),
    participantId: id(1),
    sessionId: id(2),
    options: ['expenses-only', 'decline', 'full'],
  },
  PaymentChoiceRecorded: { paymentId: id(4), participantId: id(1), option: 'expenses-only', feeMinor: 0 },
  PaymentIssued: { paymentId: id(4), participantId: id(1), financeRef: 'AP-123' },
  PaymentFailed: { paymentId: id(4), participantId: id(1) },
  DecisionProposed: { decisionId: id(5), forumId: id(3), sessionId: id(2), textHash: hash, signOffDueAt: at },
  DecisionAmended: {
    decisionId: id(5),
    revision: 2,
    textHash: hash,
    previousTextHash: 'b'.repeat(64),
    signOffDueAt: at,
  },
  DecisionSigned: {
    decisionId: id(5),
    participantId: id(1),
    stance: 'approve',
    textHash: hash,
    revision: 1,
    signedAt: at,
  },
  DecisionCoSigned: { decisionId: id(5), textHash: hash, revision: 1 },
  DecisionObjected: { decisionId: id(5), textHash: hash, revision: 1, participantId: id(1) },
  DecisionSignOffOverdue: { decisionId: id(5), signOffDueAt: at, textHash: hash },
  DecisionSignOffDue: { decisionId: id(5), signOffDueAt: at },
  FeedbackRaised: { feedbackId: id(6), forumId: id(3), sessionId: id(2), status: 'raised' },
  FeedbackUpdated: {
    feedbackId: id(6),
    forumId: id(3),
    updateNumber: 1,
    previousStatus: 'raised',
    status: 'planned',
    decisionId: id(5),
  },
};

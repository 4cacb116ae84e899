import { asOfDate, calendarDays, daysBetween, inYear, type Jurisdiction, localDate, longDate } from './calendar.js';
import { answerCount, type LadderAnswer, type LadderTally, ladderGap, tallyLadder } from './ladder.js';
import { type PersonAttendances, type SamePool, samePool, topTenthSize } from './same-pool.js';
import {
  feedbackDaysBands,
  fteBands,
  mean1,
  median,
  percent,
  promptDaysBands,
  responseBands,
  round1,
  round2,
  type Score,
  samePoolBands,
  scoreFor,
  shareBands,
  type Threshold,
} from './scoring.js';
import {
  type SelfAssessmentEntry,
  type SelfAssessmentRow,
  selfAssessmentRows,
  selfAssessmentScore,
} from './self-assessment.js';

/**
 * The annual evaluation of an area: is this service co-producing? Pure: the use case reads the
 * year's records (Queries and BatchGets) and this turns them into the contract's indicators, each
 * with its value, its 1–5 score, the bounds that gave the score and one plain sentence. Where
 * there is nothing to measure the value and score are null, never a made-up zero.
 *
 * Records outside the year are left out here (sessions by their local date, decisions and
 * feedback by the local date they were raised, payments by their session's date, staff activities
 * by their date), so the reader may fetch a little more than the year.
 */

export type DecisionStatus = 'proposed' | 'co-signed' | 'objected' | 'overdue';
export type PaymentStatus = 'due' | 'held' | 'issued' | 'failed' | 'declined';
export type FeedbackStatus = 'raised' | 'considering' | 'planned' | 'done' | 'not-possible';
export type StaffActivityKind = 'co-production-training' | 'reflective-practice';
export type RoleKind = 'peer-support-worker' | 'peer-educator' | 'area-lead' | 'lived-experience-facilitator' | 'other';

/** A session recorded as held, with whether its forum's lived-experience rule was met by who attended. */
export type HeldSession = { sessionId: string; heldOn: string; presenceMet: boolean };
export type DecisionRecord = {
  decisionId: string;
  status: DecisionStatus;
  proposedAt: string;
  coSignedAt?: string | null;
};
export type PaymentRecord = {
  paymentId: string;
  status: PaymentStatus;
  /** The session's date on the area's calendar. */
  sessionHeldOn: string;
  issuedAt?: string | null;
  /** When it was held for a benefit check (absent if it never was). */
  heldAt?: string | null;
  /** When the person's choice on a held payment was recorded. */
  choiceRecordedAt?: string | null;
};
export type StaffActivity = {
  activityId: string;
  kind: StaffActivityKind;
  date: string;
  /** Provider participant ids. */
  attendees: readonly string[];
  /** Lived-experience participant ids. */
  coFacilitators: readonly string[];
};
export type LivedExperienceRole = {
  roleId: string;
  participantId: string;
  role: RoleKind;
  from: string;
  /** The last day in post, inclusive; open-ended when absent. */
  to?: string | null;
  fte: number;
};
export type FeedbackRecord = {
  feedbackId: string;
  status: FeedbackStatus;
  raisedAt: string;
  closedAt?: string | null;
  reportedBackAt?: string | null;
};
export type SurveyResponses = { surveyId: string; responses: number };

export type EvaluationInput = {
  areaId: string;
  year: number;
  jurisdiction: Jurisdiction;
  /** An ISO instant: now, for the current year. */
  generatedAt: string;
  sessions: readonly HeldSession[];
  decisions: readonly DecisionRecord[];
  /** Payments of lived-experience attendees for the year's sessions. */
  payments: readonly PaymentRecord[];
  /** Lived-experience attendances per person (one per held session attended). */
  attendances: { thisYear: readonly PersonAttendances[]; lastYear: readonly PersonAttendances[] };
  staffActivities: readonly StaffActivity[];
  /** Every provider participant in the area: the denominator of the staff-practice shares. */
  providers: readonly string[];
  roles: readonly LivedExperienceRole[];
  /** Ladder answers on the year's sessions and decisions. */
  ladder: { sessions: readonly LadderAnswer[]; decisions: readonly LadderAnswer[] };
  selfAssessments: readonly SelfAssessmentEntry[];
  /** Feedback items of the area's forums. */
  feedback: readonly FeedbackRecord[];
  /** The area's experience surveys of the year, with how many responses each had. */
  surveys: readonly SurveyResponses[];
};

export const indicatorIds = [
  'presence',
  'co-signed',
  'days-to-co-sign',
  'days-to-pay',
  'holds-resolved',
  'same-pool',
  'new-participants',
  'feedback-closed',
  'feedback-days',
  'reported-back',
  'reflective-practice',
  'training',
  'lived-experience-roles',
  'experience-responses',
] as const;
export type IndicatorId = (typeof indicatorIds)[number];

/** `percent` values run 0–100 with one decimal. */
export const units = ['percent', 'days', 'fte', 'responses'] as const;
export type Unit = (typeof units)[number];

export type Indicator = {
  id: IndicatorId;
  label: string;
  value: number | null;
  unit: Unit;
  score: Score | null;
  thresholds: Threshold[];
  explanation: string;
};

export type Evaluation = {
  areaId: string;
  year: number;
  generatedAt: string;
  indicators: Indicator[];
  overallScore: number | null;
  ladder: { sessions: LadderTally; decisions: LadderTally };
  samePool: SamePool;
  selfAssessment: SelfAssessmentRow[];
  notes: string[];
};

export const indicatorLabels: Record<IndicatorId, string> = {
  presence: 'Sessions with the lived-experience members asked for',
  'co-signed': 'Decisions co-signed by both constituencies',
  'days-to-co-sign': 'Days to co-sign a decision (median)',
  'days-to-pay': 'Days from a session to its payment (median)',
  'holds-resolved': 'Held payments settled by the person’s choice within 14 days',
  'same-pool': 'Attendances made by the top 10% of attendees',
  'new-participants': 'Lived-experience members new this year',
  'feedback-closed': 'Feedback items closed',
  'feedback-days': 'Days from feedback raised to closed (median)',
  'reported-back': 'Closed feedback reported back at a forum',
  'reflective-practice': 'Providers with two or more reflective-practice sessions',
  training: 'Providers with co-production training',
  'lived-experience-roles': 'Lived-experience roles in post (FTE)',
  'experience-responses': 'Responses to the yearly experience survey',
};

/** A held payment is resolved in time when the person's choice is recorded within this many days. */
export const HOLD_DAYS = 14;
/** Shares over fewer items than this get a note on how much one item moves them. */
export const FEW_FOR_SHARE = 10;
/** Medians of fewer values than this get a note. */
export const FEW_FOR_MEDIAN = 5;
/** A count of fewer people than this could let someone be recognised. */
export const SMALL_GROUP = 5;

// --- small words -------------------------------------------------------------------------------

const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);
const count = (n: number, one: string, many?: string) => `${n} ${plural(n, one, many)}`;
const wasWere = (n: number) => (n === 1 ? 'was' : 'were');
const isAre = (n: number) => (n === 1 ? 'is' : 'are');
const hasHave = (n: number) => (n === 1 ? 'has' : 'have');
const nothing = 'so there was nothing to measure.';

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const closedStatuses: ReadonlySet<FeedbackStatus> = new Set(['done', 'not-possible']);
const awaitingIssue: ReadonlySet<PaymentStatus> = new Set(['due', 'held', 'failed']);

type Built = { indicator: Indicator; notes: string[] };

function indicator(
  id: IndicatorId,
  unit: Unit,
  bands: readonly Threshold[],
  value: number | null,
  explanation: string,
): Indicator {
  return {
    id,
    label: indicatorLabels[id],
    value,
    unit,
    score: scoreFor(value, bands),
    thresholds: bands.map((b) => ({ ...b })),
    explanation,
  };
}

/** How much one item moves a share over few items (`share`: e.g. "presence share"). */
function swingNote(n: number, what: string, share: string): string[] {
  if (n === 0 || n >= FEW_FOR_SHARE) return [];
  if (n === 1) return [`Only ${what}, so the ${share} can only be 0% or 100%.`];
  return [`Only ${what}: each one moves the ${share} by ${Math.round(100 / n)} points.`];
}

const fewForMedian = (n: number, median: string, things: string) =>
  n > 0 && n < FEW_FOR_MEDIAN ? [`The median ${median} rests on only ${count(n, things)}.`] : [];

// --- the indicators ----------------------------------------------------------------------------

function presence(sessions: readonly HeldSession[], year: number): Built {
  const n = sessions.length;
  const met = sessions.filter((s) => s.presenceMet).length;
  return {
    indicator: indicator(
      'presence',
      'percent',
      shareBands,
      percent(met, n),
      n === 0
        ? `No sessions were held in ${year}, ${nothing}`
        : `${met} of ${count(n, 'session')} held had the lived-experience members their forum asked for.`,
    ),
    notes: swingNote(n, `${count(n, 'session')} ${wasWere(n)} held`, 'presence share'),
  };
}

function decisionIndicators(decisions: readonly DecisionRecord[], ctx: Ctx): Built[] {
  const { year, jurisdiction } = ctx;
  const n = decisions.length;
  const coSigned = decisions.filter((d) => d.status === 'co-signed');
  const open = decisions.filter((d) => d.status === 'proposed').length;
  const days = coSigned.flatMap((d) => (d.coSignedAt ? [calendarDays(d.proposedAt, d.coSignedAt, jurisdiction)] : []));
  const med = median(days);
  const none = `No decisions were proposed in ${year}, ${nothing}`;
  return [
    {
      indicator: indicator(
        'co-signed',
        'percent',
        shareBands,
        percent(coSigned.length, n),
        n === 0
          ? none
          : `${coSigned.length} of ${count(n, 'decision')} proposed in ${year} ${wasWere(coSigned.length)} co-signed by both lived-experience members and providers.`,
      ),
      notes: [
        ...swingNote(n, `${count(n, 'decision')} ${wasWere(n)} proposed`, 'co-signed share'),
        ...(open > 0
          ? [
              `${count(open, 'decision')} proposed in ${year} ${isAre(open)} still waiting for signatures, so counted as not co-signed.`,
            ]
          : []),
      ],
    },
    {
      indicator: indicator(
        'days-to-co-sign',
        'days',
        promptDaysBands,
        med === null ? null : round1(med),
        med !== null
          ? `The median time from proposing a decision to both sides co-signing it was ${count(med, 'day')}, across ${count(days.length, 'decision')}.`
          : n === 0
            ? none
            : `None of the ${count(n, 'decision')} proposed in ${year} has been co-signed yet, ${nothing}`,
      ),
      notes: fewForMedian(days.length, 'days to co-sign', 'decision'),
    },
  ];
}

function paymentIndicators(payments: readonly PaymentRecord[], ctx: Ctx): Built[] {
  const { year, jurisdiction, generatedAt } = ctx;
  const issued = payments.filter((p) => p.issuedAt);
  const days = issued.map((p) => daysBetween(p.sessionHeldOn, localDate(p.issuedAt!, jurisdiction)));
  const med = median(days);
  const waiting = payments.filter((p) => !p.issuedAt && awaitingIssue.has(p.status)).length;

  const held = payments.filter((p) => p.heldAt);
  const resolved = held.filter(
    (p) => p.choiceRecordedAt && calendarDays(p.heldAt!, p.choiceRecordedAt, jurisdiction) <= HOLD_DAYS,
  ).length;
  // A hold with no choice yet, still inside its 14 days, has not failed: it is not counted either way.
  const stillInTime = held.filter(
    (p) => !p.choiceRecordedAt && calendarDays(p.heldAt!, generatedAt, jurisdiction) <= HOLD_DAYS,
  ).length;
  const judged = held.length - stillInTime;

  return [
    {
      indicator: indicator(
        'days-to-pay',
        'days',
        promptDaysBands,
        med === null ? null : round1(med),
        med !== null
          ? `The median time from a session to its payment being issued was ${count(med, 'day')}, across ${count(days.length, 'payment')}.`
          : payments.length === 0
            ? `No payments were due for sessions in ${year}, ${nothing}`
            : `None of the ${count(payments.length, 'payment')} for sessions in ${year} has been issued yet, ${nothing}`,
      ),
      notes: [
        ...fewForMedian(days.length, 'days to pay', 'payment'),
        ...(waiting > 0
          ? [
              `${count(waiting, 'payment')} for sessions in ${year} ${hasHave(waiting)} not been issued yet and ${isAre(waiting)} not in the median days to pay.`,
            ]
          : []),
      ],
    },
    {
      indicator: indicator(
        'holds-resolved',
        'percent',
        shareBands,
        percent(resolved, judged),
        judged > 0
          ? `${resolved} of ${count(judged, 'payment')} held for a benefit check ${wasWere(resolved)} settled by the person’s choice within ${HOLD_DAYS} days.`
          : held.length === 0
            ? `No payments for sessions in ${year} were held for a benefit check, ${nothing}`
            : `The ${count(held.length, 'payment')} held for a benefit check ${isAre(held.length)} still within ${HOLD_DAYS} days of being held, ${nothing}`,
      ),
      notes: [
        ...swingNote(judged, `${count(judged, 'held payment')} can be judged`, 'holds-resolved share'),
        ...(stillInTime > 0 && judged > 0
          ? [
              `${count(stillInTime, 'held payment')} ${isAre(stillInTime)} still within ${HOLD_DAYS} days of being held and ${isAre(stillInTime)} not counted yet.`,
            ]
          : []),
      ],
    },
  ];
}

function poolIndicators(pool: SamePool, lastYearPeople: number, year: number): Built[] {
  const p = pool.participants;
  const none = `No lived-experience members attended a session in ${year}, ${nothing}`;
  const top = topTenthSize(p);
  const who = top === 1 ? 'The person who came most often' : `The ${top} people who came most often`;
  return [
    {
      indicator: indicator(
        'same-pool',
        'percent',
        samePoolBands,
        pool.top10PercentShare,
        pool.top10PercentShare === null
          ? none
          : `${who} (the top 10% of ${count(p, 'person', 'people')}) made ${pool.top10PercentShare}% of the ${count(pool.attendances, 'lived-experience attendance')}.`,
      ),
      notes:
        p > 1 && p < 10
          ? [
              `With fewer than 10 people taking part, the top 10% is still 1 person, so the same-pool share is high even when everyone comes equally often.`,
            ]
          : [],
    },
    {
      indicator: indicator(
        'new-participants',
        'percent',
        shareBands,
        percent(pool.newThisYear, p),
        p === 0
          ? none
          : `${pool.newThisYear} of the ${count(p, 'lived-experience member')} who took part in ${year} had not taken part in ${year - 1}.`,
      ),
      notes: [
        ...swingNote(p, `${count(p, 'lived-experience member')} took part`, 'new-participants share'),
        ...(p > 0 && lastYearPeople === 0
          ? [
              `Nobody took part in ${year - 1} in Coproduce’s records, so everyone who took part in ${year} counts as new.`,
            ]
          : []),
      ],
    },
  ];
}

function feedbackIndicators(feedback: readonly FeedbackRecord[], ctx: Ctx): Built[] {
  const { year, jurisdiction } = ctx;
  const n = feedback.length;
  const closed = feedback.filter((f) => closedStatuses.has(f.status));
  const days = closed.flatMap((f) => (f.closedAt ? [calendarDays(f.raisedAt, f.closedAt, jurisdiction)] : []));
  const med = median(days);
  const reported = closed.filter((f) => f.reportedBackAt).length;
  const none = `No feedback was raised in ${year}, ${nothing}`;
  const noneClosed = `None of the ${count(n, 'feedback item')} raised in ${year} is closed yet, ${nothing}`;
  return [
    {
      indicator: indicator(
        'feedback-closed',
        'percent',
        shareBands,
        percent(closed.length, n),
        n === 0
          ? none
          : `${closed.length} of ${count(n, 'feedback item')} raised in ${year} ${isAre(closed.length)} closed: done, or not possible with the reason given.`,
      ),
      notes: swingNote(n, `${count(n, 'feedback item')} ${wasWere(n)} raised`, 'feedback-closed share'),
    },
    {
      indicator: indicator(
        'feedback-days',
        'days',
        feedbackDaysBands,
        med === null ? null : round1(med),
        med !== null
          ? `The median time from feedback being raised to being closed was ${count(med, 'day')}, across ${count(days.length, 'closed item')}.`
          : n === 0
            ? none
            : noneClosed,
      ),
      notes: fewForMedian(days.length, 'days to close feedback', 'item'),
    },
    {
      indicator: indicator(
        'reported-back',
        'percent',
        shareBands,
        percent(reported, closed.length),
        closed.length > 0
          ? `${reported} of ${count(closed.length, 'closed feedback item')} ${wasWere(reported)} reported back at a forum (“you said, we did”).`
          : n === 0
            ? none
            : noneClosed,
      ),
      notes: swingNote(
        closed.length,
        `${count(closed.length, 'feedback item')} ${isAre(closed.length)} closed`,
        'reported-back share',
      ),
    },
  ];
}

function staffIndicators(activities: readonly StaffActivity[], providerIds: readonly string[], year: number): Built[] {
  const providers = new Set(providerIds);
  const p = providers.size;
  const sessionsOf = (kind: StaffActivityKind) => {
    const perProvider = new Map<string, number>();
    for (const a of activities) {
      if (a.kind !== kind) continue;
      for (const id of new Set(a.attendees)) {
        if (providers.has(id)) perProvider.set(id, (perProvider.get(id) ?? 0) + 1);
      }
    }
    return perProvider;
  };
  const reflective = [...sessionsOf('reflective-practice').values()].filter((n) => n >= 2).length;
  const trained = sessionsOf('co-production-training').size;
  const none = `No providers are recorded in this area, ${nothing}`;
  return [
    {
      indicator: indicator(
        'reflective-practice',
        'percent',
        shareBands,
        percent(reflective, p),
        p === 0
          ? none
          : `${reflective} of ${count(p, 'provider')} had at least two reflective-practice sessions in ${year}.`,
      ),
      notes: swingNote(
        p,
        `${count(p, 'provider')} ${isAre(p)} recorded in this area`,
        'reflective-practice and training shares',
      ),
    },
    {
      indicator: indicator(
        'training',
        'percent',
        shareBands,
        percent(trained, p),
        p === 0 ? none : `${trained} of ${count(p, 'provider')} had co-production training in ${year}.`,
      ),
      notes: [],
    },
  ];
}

function rolesIndicator(roles: readonly LivedExperienceRole[], ctx: Ctx): Built & { peopleInPost: number } {
  const { year } = ctx;
  const on = asOfDate(year, ctx.generatedAt, ctx.jurisdiction);
  const inPost = on === null ? [] : roles.filter((r) => r.from <= on && (!r.to || r.to >= on));
  const fte = round2(inPost.reduce((a, r) => a + r.fte, 0));
  const value = on === null || roles.length === 0 ? null : fte;
  const explanation =
    on === null
      ? `${year} has not started yet, ${nothing}`
      : roles.length === 0
        ? `No lived-experience roles are recorded for this area, ${nothing}`
        : inPost.length === 0
          ? `No lived-experience role was in post on ${longDate(on)}, so the FTE in post was 0.`
          : `Lived-experience roles in post on ${longDate(on)} came to ${fte} FTE (${count(inPost.length, 'role')}).`;
  return {
    indicator: indicator('lived-experience-roles', 'fte', fteBands, value, explanation),
    notes: [],
    peopleInPost: new Set(inPost.map((r) => r.participantId)).size,
  };
}

function responsesIndicator(surveys: readonly SurveyResponses[], year: number): Built {
  const n = surveys.reduce((a, s) => a + s.responses, 0);
  const which = surveys.length === 1 ? 'The experience survey' : `The ${surveys.length} experience surveys`;
  return {
    indicator: indicator(
      'experience-responses',
      'responses',
      responseBands,
      surveys.length === 0 ? null : n,
      surveys.length === 0
        ? `No experience survey was run in ${year}, ${nothing}`
        : `${which} of ${year} had ${count(n, 'response')}${surveys.length > 1 ? ' in all' : ''}.`,
    ),
    notes:
      n > 0 && n < SMALL_GROUP
        ? [
            `With fewer than ${SMALL_GROUP} survey responses, the survey’s results are suppressed to protect who answered.`,
          ]
        : [],
  };
}

// --- notes that join several parts -------------------------------------------------------------

function yearNote(ctx: Ctx): string[] {
  const today = localDate(ctx.generatedAt, ctx.jurisdiction);
  if (today < `${ctx.year}-01-01`) return [`${ctx.year} has not started yet, so there is nothing to measure.`];
  if (today <= `${ctx.year}-12-31`) {
    return [
      `${ctx.year} is not over yet: these figures run to ${longDate(today)}, when this evaluation was made, and will change.`,
    ];
  }
  return [];
}

function smallGroupNotes(pool: SamePool, providers: number, peopleInPost: number, ladder: Evaluation['ladder']) {
  const notes: string[] = [];
  const small = (n: number | null) => n !== null && n > 0 && n < SMALL_GROUP;
  const poolParts = (
    [
      ['lived-experience members taking part', pool.participants],
      ['people making half the attendances', pool.peopleForHalf],
      ['new this year', pool.newThisYear],
      ['returning from last year', pool.returningFromLastYear],
    ] as const
  ).filter(([, n]) => small(n));
  if (poolParts.length > 0) {
    notes.push(
      `Some same-pool figures count fewer than ${SMALL_GROUP} people (${poolParts.map(([what, n]) => `${what}: ${n}`).join('; ')}), so people there could recognise who they describe: keep them within governance.`,
    );
  }
  if (small(providers)) {
    notes.push(
      `Only ${count(providers, 'provider')} ${isAre(providers)} recorded in this area, so the reflective-practice and training shares could show what one person did: keep them within governance.`,
    );
  }
  if (small(peopleInPost)) {
    notes.push(
      `The lived-experience roles figure covers only ${count(peopleInPost, 'person', 'people')} in post, so it could show someone’s hours: keep it within governance.`,
    );
  }
  const ladderParts = (
    [
      ['lived-experience members on sessions', ladder.sessions.livedExperience],
      ['providers on sessions', ladder.sessions.provider],
      ['lived-experience members on decisions', ladder.decisions.livedExperience],
      ['providers on decisions', ladder.decisions.provider],
    ] as const
  )
    .map(([what, counts]) => [what, answerCount(counts)] as const)
    .filter(([, n]) => small(n));
  if (ladderParts.length > 0) {
    notes.push(
      `Some ladder columns hold fewer than ${SMALL_GROUP} answers (${ladderParts.map(([what, n]) => `${what}: ${n}`).join('; ')}), so someone could be recognised from their answer: keep them within governance.`,
    );
  }
  return notes;
}

function ladderNotes(ladder: Evaluation['ladder']): string[] {
  return (
    [
      ['sessions', ladder.sessions],
      ['decisions', ladder.decisions],
    ] as const
  ).flatMap(([what, tally]) => {
    const gap = ladderGap(tally);
    if (gap === null || Math.abs(gap) < 1) return [];
    const rungsApart = `${Math.abs(gap)} ${Math.abs(gap) === 1 ? 'rung' : 'rungs'}`;
    return gap > 0
      ? [
          `Providers placed ${what} ${rungsApart} higher on the ladder than lived-experience members did (the middle answers): staff may feel more is shared than members do.`,
        ]
      : [
          `Lived-experience members placed ${what} ${rungsApart} higher on the ladder than providers did (the middle answers).`,
        ];
  });
}

function coFacilitationNote(activities: readonly StaffActivity[], year: number): string[] {
  if (activities.length === 0) return [];
  const co = activities.filter((a) => a.coFacilitators.length > 0).length;
  return [
    `${co} of ${count(activities.length, 'staff training and reflective-practice session')} in ${year} ${wasWere(co)} co-facilitated by someone with lived experience.`,
  ];
}

function selfAssessmentNotes(rows: readonly SelfAssessmentRow[], score: number | null, year: number): string[] {
  if (score === null)
    return [`Nobody has given the self-assessment for ${year} yet, so it is not in the overall score.`];
  const notes: string[] = [];
  const missingLe = rows.filter((r) => r.livedExperience === null).length;
  const missingPr = rows.filter((r) => r.provider === null).length;
  if (missingLe > 0)
    notes.push(
      `The lived-experience view of the self-assessment is missing for ${missingLe} of the ${rows.length} actions.`,
    );
  if (missingPr > 0)
    notes.push(`The provider view of the self-assessment is missing for ${missingPr} of the ${rows.length} actions.`);
  const flagged = rows.filter((r) => r.flagged).map((r) => r.action);
  if (flagged.length > 0) {
    notes.push(
      `The two views of the self-assessment are two or more levels apart on ${count(flagged.length, 'action')}: ${flagged.join(', ')}.`,
    );
  }
  notes.push(
    `The self-assessment scores ${score} out of 5: each rating counts from 1 (not started) to 5 (embedded), averaged for each view and then across the views.`,
  );
  return notes;
}

function overallNote(scored: number, nulls: number, withSelfAssessment: boolean): string {
  if (scored === 0 && !withSelfAssessment) return 'There is nothing to score yet, so there is no overall score.';
  const parts = withSelfAssessment
    ? `${count(scored, 'indicator score')} and the self-assessment score`
    : count(scored, 'indicator score');
  const left = nulls > 0 ? `; ${count(nulls, 'indicator')} had nothing to measure and ${isAre(nulls)} left out` : '';
  return `The overall score is the mean of ${parts}${left}.`;
}

// --- the evaluation ----------------------------------------------------------------------------

type Ctx = { year: number; jurisdiction: Jurisdiction; generatedAt: string };

export function evaluate(input: EvaluationInput): Evaluation {
  const { year, jurisdiction } = input;
  const ctx: Ctx = { year, jurisdiction, generatedAt: input.generatedAt };
  const localYear = (instant: string) => inYear(localDate(instant, jurisdiction), year);

  const sessions = uniqueBy(input.sessions, (s) => s.sessionId).filter((s) => inYear(s.heldOn, year));
  const decisions = uniqueBy(input.decisions, (d) => d.decisionId).filter((d) => localYear(d.proposedAt));
  const payments = uniqueBy(input.payments, (p) => p.paymentId).filter((p) => inYear(p.sessionHeldOn, year));
  const feedback = uniqueBy(input.feedback, (f) => f.feedbackId).filter((f) => localYear(f.raisedAt));
  const activities = uniqueBy(input.staffActivities, (a) => a.activityId).filter((a) => inYear(a.date, year));
  const roles = uniqueBy(input.roles, (r) => r.roleId);
  const surveys = uniqueBy(input.surveys, (s) => s.surveyId);

  const pool = samePool(input.attendances.thisYear, input.attendances.lastYear);
  const lastYearPeople = samePool(input.attendances.lastYear, []).participants;
  const providers = new Set(input.providers).size;
  const roleIndicator = rolesIndicator(roles, ctx);

  const built: Built[] = [
    presence(sessions, year),
    ...decisionIndicators(decisions, ctx),
    ...paymentIndicators(payments, ctx),
    ...poolIndicators(pool, lastYearPeople, year),
    ...feedbackIndicators(feedback, ctx),
    ...staffIndicators(activities, input.providers, year),
    roleIndicator,
    responsesIndicator(surveys, year),
  ];
  const indicators = built.map((b) => b.indicator);

  const ladder = { sessions: tallyLadder(input.ladder.sessions), decisions: tallyLadder(input.ladder.decisions) };
  const selfAssessment = selfAssessmentRows(input.selfAssessments);
  const saScore = selfAssessmentScore(selfAssessment);

  const scores = indicators.flatMap((i) => (i.score === null ? [] : [i.score]));
  const overallScore = mean1(saScore === null ? scores : [...scores, saScore]);

  return {
    areaId: input.areaId,
    year,
    generatedAt: input.generatedAt,
    indicators,
    overallScore,
    ladder,
    samePool: pool,
    selfAssessment,
    notes: [
      ...yearNote(ctx),
      ...built.flatMap((b) => b.notes),
      ...smallGroupNotes(pool, providers, roleIndicator.peopleInPost, ladder),
      ...ladderNotes(ladder),
      ...coFacilitationNote(activities, year),
      ...selfAssessmentNotes(selfAssessment, saScore, year),
      overallNote(scores.length, indicators.length - scores.length, saScore !== null),
    ],
  };
}

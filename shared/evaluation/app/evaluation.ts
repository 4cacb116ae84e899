import { NotFoundError, ValidationError } from '../../kernel/index.js';
import { areaYearRecords, rolesInArea } from '../adapters/evaluation-repo.js';
import { yearBounds } from '../domain/calendar.js';
import { type Evaluation, evaluate, type HeldSession, type PaymentRecord } from '../domain/indicators.js';
import type { LadderAnswer } from '../domain/ladder.js';
import type { PersonAttendances } from '../domain/same-pool.js';
import type { EvaluationDeps } from './deps.js';
import { decisionsForReport, participantsInArea, paymentsOfAttendances, sessionsForReport } from './sources.js';

/** The years an evaluation can be asked for (four digits is not enough: 0999 has no calendar here). */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

const perPerson = (ids: readonly string[]): PersonAttendances[] => {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].map(([participantId, attendances]) => ({ participantId, attendances }));
};

/**
 * The annual evaluation of an area, read with Queries and BatchGets only (docs/data-model.md, E1):
 * the area's participants (gsi2), its forums' sessions of this year and last with who attended
 * (forums, R1 narrowed to the area), the decisions proposed around the year (D5, kept to the area's
 * forums), the payments of this year's lived-experience attendances (one BatchGet by derived id),
 * this context's own partition for the area's year (ladder, staff activities, self-assessment), the
 * area's roles (gsi2), and feedback and surveys through the sources port. `evaluate` does the rest.
 * An area with no forum and no participant is not known (404).
 */
export async function buildEvaluation(areaId: string, year: number, deps: EvaluationDeps): Promise<Evaluation> {
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new ValidationError([{ path: 'year', message: `Choose a year from ${FIRST_YEAR} to ${LAST_YEAR}.` }]);
  }
  const [participants, forums, own, roles, decisions, feedback, surveys] = await Promise.all([
    participantsInArea(deps.db, areaId),
    sessionsForReport({ from: `${year - 1}-01-01`, to: `${year}-12-31` }, deps, { areaId }),
    areaYearRecords(deps.db, areaId, year),
    rolesInArea(deps.db, areaId),
    // By UTC date proposed, widened a day each side; evaluate keeps the year by the local date.
    decisionsForReport({ from: `${year - 1}-12-31`, to: `${year + 1}-01-01` }, deps),
    deps.sources.feedbackOfAreaYear({ areaId, year }),
    deps.sources.surveysOfAreaYear({ areaId, year }),
  ]);
  const jurisdiction = forums[0]?.forum.jurisdiction ?? participants[0]?.jurisdiction;
  if (!jurisdiction) throw new NotFoundError('area');
  const { end } = yearBounds(year, jurisdiction);

  const held = forums.flatMap((f) => f.sessions.filter((s) => s.status === 'held'));
  const inYear = (y: number) => held.filter((s) => s.localDate.startsWith(`${y}-`));
  const thisYear = inYear(year);
  const livedExperienceOf = (s: (typeof held)[number]) =>
    s.attendees.filter((a) => a.constituency === 'lived-experience').map((a) => a.participantId);

  const sessions: HeldSession[] = thisYear.map((s) => ({
    sessionId: s.sessionId,
    heldOn: s.localDate,
    presenceMet: s.presence === 'met',
  }));
  const payments: PaymentRecord[] = (
    await paymentsOfAttendances(
      deps.db,
      thisYear.flatMap((s) => livedExperienceOf(s).map((participantId) => ({ sessionId: s.sessionId, participantId }))),
    )
  ).map((p) => ({
    paymentId: p.paymentId,
    status: p.status,
    sessionHeldOn: p.sessionDate,
    issuedAt: p.issuedAt ?? null,
    heldAt: p.heldAt ?? null,
    choiceRecordedAt: p.choiceRecordedAt ?? null,
  }));
  const areaForums = new Set(forums.map((f) => f.forum.forumId));
  const ladderOf = (subject: 'session' | 'decision'): LadderAnswer[] =>
    own.ladder.filter((a) => a.subject === subject).map((a) => ({ constituency: a.constituency, rung: a.rung }));

  return evaluate({
    areaId,
    year,
    jurisdiction,
    generatedAt: deps.clock.now().toISOString(),
    sessions,
    decisions: decisions
      .filter((d) => areaForums.has(d.forumId))
      .map((d) => ({
        decisionId: d.decisionId,
        status: d.status,
        proposedAt: d.proposedAt,
        coSignedAt: d.coSignedAt ?? null,
      })),
    payments,
    attendances: {
      thisYear: perPerson(thisYear.flatMap(livedExperienceOf)),
      lastYear: perPerson(inYear(year - 1).flatMap(livedExperienceOf)),
    },
    staffActivities: own.staffActivities,
    // The providers recorded by the year's end: a year before someone was recorded does not count them.
    providers: participants
      .filter((p) => p.constituency === 'provider' && Date.parse(p.createdAt) < Date.parse(end))
      .map((p) => p.participantId),
    roles: roles.map((r) => ({ ...r, to: r.to ?? null })),
    ladder: { sessions: ladderOf('session'), decisions: ladderOf('decision') },
    selfAssessments: own.selfAssessments.map((s) => ({
      action: s.action,
      view: s.view,
      rating: s.rating,
      evidence: s.evidence,
      recordedAt: s.recordedAt,
    })),
    feedback,
    surveys,
  });
}

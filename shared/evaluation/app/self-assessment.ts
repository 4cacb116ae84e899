import {
  type Actor,
  type Constituency,
  ForbiddenError,
  hasRole,
  isoNow,
  localDate,
  timeZoneOf,
  ValidationError,
} from '../../kernel/index.js';
import { putSelfAssessment, type SelfAssessmentRecord, selfAssessmentsOf } from '../adapters/evaluation-repo.js';
import type { SelfAssessmentInput } from '../domain/schemas.js';
import type { Action } from '../domain/self-assessment.js';
import type { EvaluationWriteDeps } from './deps.js';
import { getParticipant } from './sources.js';

export type SelfAssessmentView = Pick<
  SelfAssessmentRecord,
  'areaId' | 'year' | 'action' | 'view' | 'rating' | 'evidence' | 'recordedAt'
>;

/**
 * One view of one of Table 3's actions for an area's year: a coordinator gives the provider view,
 * a lived-experience member of the area the lived-experience view. One of each counts, the latest.
 * A member of another area, or a provider signed in as a member, is refused (403).
 */
/** Which view the caller gives: a coordinator the provider view, a lived-experience member of the area theirs (else 403). */
async function viewOf(areaId: string, year: number, actor: Actor, deps: EvaluationWriteDeps): Promise<Constituency> {
  let view: Constituency;
  let jurisdiction: keyof typeof timeZoneOf = 'IE';
  if (hasRole(actor, 'coordinator')) {
    view = 'provider';
  } else {
    const p = actor.participantId ? await getParticipant(deps.db, actor.participantId) : undefined;
    if (!p || p.areaId !== areaId) {
      throw new ForbiddenError('Only members of this area can give its lived-experience view.');
    }
    if (p.constituency !== 'lived-experience') {
      throw new ForbiddenError(
        'The lived-experience view is given by lived-experience members; staff give theirs through a coordinator.',
      );
    }
    view = 'lived-experience';
    jurisdiction = p.jurisdiction;
  }
  const thisYear = Number(localDate(deps.clock.now(), timeZoneOf[jurisdiction]).slice(0, 4));
  if (year > thisYear + 1 || year < 2000) {
    throw new ValidationError([{ path: 'year', message: `Choose a year from 2000 to ${thisYear + 1}.` }]);
  }
  return view;
}

/** The caller's own view of an area's year as it stands (to show and change it): the same who-may as giving it. */
export async function readSelfAssessment(
  target: { areaId: string; year: number },
  actor: Actor,
  deps: EvaluationWriteDeps,
): Promise<SelfAssessmentView[]> {
  const view = await viewOf(target.areaId, target.year, actor, deps);
  return (await selfAssessmentsOf(deps.db, target.areaId, target.year))
    .filter((r) => r.view === view)
    .map(({ recordedBy: _by, ...shown }) => shown);
}

export async function giveSelfAssessment(
  target: { areaId: string; year: number; action: Action },
  input: SelfAssessmentInput,
  actor: Actor,
  deps: EvaluationWriteDeps,
): Promise<SelfAssessmentView> {
  const view = await viewOf(target.areaId, target.year, actor, deps);
  const record: SelfAssessmentRecord = {
    ...target,
    view,
    rating: input.rating,
    evidence: input.evidence,
    recordedBy: actor.participantId && view === 'lived-experience' ? actor.participantId : actor.sub,
    recordedAt: isoNow(deps.clock),
  };
  await putSelfAssessment(deps.db, record);
  const { recordedBy: _by, ...shown } = record;
  return shown;
}

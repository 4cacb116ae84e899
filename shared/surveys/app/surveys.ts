import {
  type Actor,
  type Clock,
  ConflictError,
  ForbiddenError,
  hasRole,
  isoNow,
  NotFoundError,
  newId,
  timeZoneOf,
  ValidationError,
} from '../../kernel/index.js';
import { getParticipant } from '../../participants/index.js';
import { type Db, TransactionConditionError, type TxItem, transact } from '../../runtime/store/db.js';
import type { SurveysConfig } from '../adapters/config.js';
import {
  countResponses,
  getSurvey,
  putNewResponse,
  putNewSurvey,
  responsesOf,
  type StoredSurvey,
  surveysInArea,
  takenResponseKeys,
} from '../adapters/surveys-repo.js';
import { validateAnswers } from '../domain/answers.js';
import {
  type Catalogue,
  catalogue,
  type Instrument,
  type InstrumentId,
  pinInstruments,
  pinnedInstruments,
  type Question,
  type ScaleOption,
  type ScaleQuestion,
  type StakeholderGroup,
  type TextQuestion,
} from '../domain/instruments.js';
import { aggregate, resultsCsv, type SurveyResults } from '../domain/results.js';
import { figuresNotYet, responseKey, responseWindow, storedResponse } from '../domain/survey.js';

export type SurveysDeps = { db: Db; clock: Clock; config: SurveysConfig };

const catalogueOf = (deps: SurveysDeps): Catalogue =>
  catalogue(deps.config.qpr15Wording ? { qpr15Wording: deps.config.qpr15Wording } : {});

/** A survey's questions as the API shows them (no licensing notes, no totals: those are for results). */
export type SurveyQuestions = {
  surveyId: string;
  areaId: string;
  year: number;
  title: string;
  opensAt: string;
  closesAt: string;
  instruments: {
    id: InstrumentId;
    version: number;
    title: string;
    intro: string;
    audience: StakeholderGroup[];
    questions: QuestionView[];
  }[];
};

type QuestionView =
  | (Omit<ScaleQuestion, 'scale'> & { scale: { min: number; max: number; options: ScaleOption[] } })
  | TextQuestion;

const questionView = (q: Question): QuestionView =>
  q.kind === 'scale' ? { ...q, scale: { ...q.scale, options: q.scale.options.map((o) => ({ ...o })) } } : { ...q };

function instrumentsOf(survey: StoredSurvey, deps: SurveysDeps): Instrument[] {
  const found = pinnedInstruments(survey.instruments, catalogueOf(deps));
  // A pinned version is never removed from the catalogue; if it were, answers could not be read.
  if (!found) throw new Error(`Survey ${survey.surveyId} pins an instrument version this service no longer has.`);
  return found;
}

// ---- Open a survey ------------------------------------------------------------------------------

export type OpenSurveyInput = {
  areaId: string;
  year: number;
  title: string;
  opensAt: string;
  closesAt: string;
  instruments: InstrumentId[];
};

/** The writes that open a survey (a coordinator's): the survey with the instrument versions pinned. */
export function openSurvey(input: OpenSurveyInput, deps: SurveysDeps): { surveyId: string; items: TxItem[] } {
  const pinned = pinInstruments(input.instruments, catalogueOf(deps));
  if (!pinned.ok) throw new ValidationError([{ path: pinned.path, message: pinned.message }]);
  const survey: StoredSurvey = {
    surveyId: newId(),
    areaId: input.areaId,
    year: input.year,
    title: input.title,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    instruments: pinned.instruments,
    createdAt: isoNow(deps.clock),
  };
  return { surveyId: survey.surveyId, items: [putNewSurvey(deps.db, survey)] };
}

// ---- Read ---------------------------------------------------------------------------------------

async function surveyOr404(deps: SurveysDeps, surveyId: string): Promise<StoredSurvey> {
  const survey = await getSurvey(deps.db, surveyId);
  if (!survey) throw new NotFoundError('survey');
  return survey;
}

/** The member's own participant record, with consent still given. */
async function memberRecord(actor: Actor, deps: SurveysDeps) {
  const me = actor.participantId ? await getParticipant(deps.db, actor.participantId) : undefined;
  if (!me) throw new ForbiddenError('Your sign-in is not linked to a participant record. Ask your coordinator.');
  return me;
}

const isStaff = (actor: Actor) => hasRole(actor, 'coordinator', 'governance');

/** The questions: for coordinators and governance, and for members of the survey's area. */
export async function readSurvey(surveyId: string, actor: Actor, deps: SurveysDeps): Promise<SurveyQuestions> {
  const survey = await surveyOr404(deps, surveyId);
  if (!isStaff(actor)) {
    const me = await memberRecord(actor, deps);
    if (me.areaId !== survey.areaId) throw new ForbiddenError('This survey is for another area.');
  }
  return {
    surveyId: survey.surveyId,
    areaId: survey.areaId,
    year: survey.year,
    title: survey.title,
    opensAt: survey.opensAt,
    closesAt: survey.closesAt,
    instruments: instrumentsOf(survey, deps).map((i) => ({
      id: i.id,
      version: i.version,
      title: i.title,
      intro: i.intro,
      audience: [...i.audience],
      questions: i.questions.map(questionView),
    })),
  };
}

export type SurveySummary = {
  surveyId: string;
  areaId: string;
  year: number;
  title: string;
  opensAt: string;
  closesAt: string;
  status: 'not-open-yet' | 'open' | 'closed';
};

const statusAt = (s: Pick<StoredSurvey, 'opensAt' | 'closesAt'>, now: Date): SurveySummary['status'] => {
  const w = responseWindow(s, now);
  return w.ok ? 'open' : w.code;
};

const summary = (s: StoredSurvey, now: Date): SurveySummary => ({
  surveyId: s.surveyId,
  areaId: s.areaId,
  year: s.year,
  title: s.title,
  opensAt: s.opensAt,
  closesAt: s.closesAt,
  status: statusAt(s, now),
});

/** Every survey of an area, newest year first (coordinator, governance). */
export async function listAreaSurveys(areaId: string, deps: SurveysDeps): Promise<SurveySummary[]> {
  const now = deps.clock.now();
  return (await surveysInArea(deps.db, areaId)).map((s) => summary(s, now));
}

/**
 * The open surveys of the member's own area, each saying whether they have answered it (their
 * response key is looked up; nothing else about the response is read).
 */
export async function listMySurveys(
  actor: Actor,
  deps: SurveysDeps,
): Promise<(SurveySummary & { answered: boolean })[]> {
  const me = await memberRecord(actor, deps);
  const now = deps.clock.now();
  const open = (await surveysInArea(deps.db, me.areaId)).filter((s) => statusAt(s, now) === 'open');
  const secret = open.length > 0 ? await deps.config.surveyResponseKeySecret() : '';
  const keys = open.map((s) => ({
    surveyId: s.surveyId,
    responseKey: responseKey(secret, s.surveyId, me.participantId),
  }));
  const taken = keys.length > 0 ? await takenResponseKeys(deps.db, keys) : new Set<string>();
  return open.map((s, i) => ({ ...summary(s, now), answered: taken.has(keys[i]?.responseKey ?? '') }));
}

// ---- Respond ------------------------------------------------------------------------------------

export type ResponseInput = {
  answers: Record<string, number | string | null>;
  anonymous: boolean;
  shareComments?: boolean;
  participantId?: string;
};

/**
 * Take one response. A member answers for themselves; a coordinator enters a paper response on
 * someone's behalf (`enteredBy: 'coordinator'`, participantId required). Refused: another area
 * (403), consent withdrawn (403), outside the open dates (409), answers that do not fit the survey
 * (400, naming each answer), a second response by the same person (409). Nothing is written unless
 * it is taken. An anonymous response is stored without the participant's id (`storedResponse`).
 */
export async function submitResponse(
  surveyId: string,
  input: ResponseInput,
  actor: Actor,
  deps: SurveysDeps,
  enteredBy: 'self' | 'coordinator',
): Promise<void> {
  const survey = await surveyOr404(deps, surveyId);
  const paper = enteredBy === 'coordinator';
  let respondentId: string;
  if (paper) {
    if (!input.participantId) {
      throw new ValidationError([{ path: 'participantId', message: 'Choose whose paper response this is.' }]);
    }
    respondentId = input.participantId;
  } else {
    if (!actor.participantId) throw new ForbiddenError('Your sign-in is not linked to a participant record.');
    if (input.participantId !== undefined && input.participantId !== actor.participantId) {
      throw new ForbiddenError('You can only answer for yourself. A coordinator can enter a paper response.');
    }
    respondentId = actor.participantId;
  }

  const person = await getParticipant(deps.db, respondentId);
  if (!person) {
    if (paper) throw new ValidationError([{ path: 'participantId', message: 'There is no participant with this id.' }]);
    throw new ForbiddenError('Your sign-in is not linked to a participant record. Ask your coordinator.');
  }
  if (person.areaId !== survey.areaId) {
    if (paper) {
      throw new ValidationError([
        { path: 'participantId', message: 'This person is not in the area this survey is for.' },
      ]);
    }
    throw new ForbiddenError('This survey is for another area.');
  }
  if (person.consent.status !== 'given') {
    throw new ForbiddenError(
      paper ? 'This person has withdrawn their consent to take part.' : 'You have withdrawn your consent to take part.',
    );
  }

  const window = responseWindow(survey, deps.clock.now(), timeZoneOf[person.jurisdiction]);
  if (!window.ok) throw new ConflictError(window.message);

  const checked = validateAnswers(instrumentsOf(survey, deps), input.answers, person);
  if (!checked.ok) throw new ValidationError(checked.issues);

  const stored = storedResponse({
    surveyId,
    respondent: person,
    answers: checked.answers,
    anonymous: input.anonymous,
    shareComments: input.shareComments,
    enteredBy,
    secret: await deps.config.surveyResponseKeySecret(),
    now: deps.clock.now(),
  });
  try {
    await transact(deps.db, [putNewResponse(deps.db, stored)]);
  } catch (err) {
    if (err instanceof TransactionConditionError) {
      throw new ConflictError(
        paper ? 'This person has already answered this survey.' : 'You have already answered this survey. Thank you.',
      );
    }
    throw err;
  }
}

// ---- Results ------------------------------------------------------------------------------------

export type SurveyResultsAt = SurveyResults & { status: SurveySummary['status']; closesAt: string };

/**
 * The aggregate (coordinator, governance): counts, means, distributions; small groups suppressed.
 * Until the survey closes, only how many have answered: figures read before and after one more
 * answer would give that answer away (docs/surveys.md).
 */
export async function surveyResults(surveyId: string, deps: SurveysDeps): Promise<SurveyResultsAt> {
  return resultsOf(await surveyOr404(deps, surveyId), deps);
}

async function resultsOf(survey: StoredSurvey, deps: SurveysDeps): Promise<SurveyResultsAt> {
  const status = statusAt(survey, deps.clock.now());
  const responses = await responsesOf(deps.db, survey.surveyId);
  const results = aggregate(
    instrumentsOf(survey, deps),
    responses.map((r) => ({
      stakeholderGroup: r.stakeholderGroup,
      answers: r.answers,
      shareComments: r.shareComments,
    })),
  );
  const at = { status, closesAt: survey.closesAt };
  return status === 'closed' ? { ...at, ...results } : { ...at, ...results, questions: [], totals: [] };
}

/** The aggregate as CSV, once the survey has closed: never an individual answer, never a comment. */
export async function surveyResultsCsv(surveyId: string, deps: SurveysDeps): Promise<{ csv: string; name: string }> {
  const survey = await surveyOr404(deps, surveyId);
  // Refused before any response is read.
  if (statusAt(survey, deps.clock.now()) !== 'closed') throw new ConflictError(figuresNotYet(survey));
  const results = await resultsOf(survey, deps);
  return { csv: resultsCsv(results), name: `survey-${survey.areaId}-${survey.year}-results.csv` };
}

// ---- For the evaluation -------------------------------------------------------------------------

/**
 * The surveys of an area in a year, with how many responses each has (for the yearly evaluation;
 * a Query on the area's surveys and a COUNT Query per survey, no Scan).
 */
export async function surveysOfAreaYear(
  deps: { db: Db },
  q: { areaId: string; year: number },
): Promise<{ surveyId: string; responses: number }[]> {
  const surveys = await surveysInArea(deps.db, q.areaId, q.year);
  return Promise.all(
    surveys.map(async (s) => ({ surveyId: s.surveyId, responses: await countResponses(deps.db, s.surveyId) })),
  );
}

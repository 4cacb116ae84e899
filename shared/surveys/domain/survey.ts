import { createHmac } from 'node:crypto';
import type { CleanAnswers } from './answers.js';
import { type Constituency, constituencyOf, type InstrumentRef, type StakeholderGroup } from './instruments.js';

/** A yearly survey of an area, with the instrument versions it was opened with. */
export type Survey = {
  surveyId: string;
  areaId: string;
  year: number;
  title: string;
  opensAt: string;
  closesAt: string;
  instruments: readonly InstrumentRef[];
};

// ---------------------------------------------------------------------------------------------
// The open/close window: responses are taken in [opensAt, closesAt)

export type WindowRefusal = { ok: false; code: 'not-open-yet' | 'closed'; message: string };

const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));

/** Whether a response at `at` falls in the survey's window; a refusal in plain words if not. */
export function responseWindow(
  survey: Pick<Survey, 'opensAt' | 'closesAt'>,
  at: Date | string,
  timeZone = 'Europe/London',
): { ok: true } | WindowRefusal {
  const t = new Date(at).getTime();
  if (t < new Date(survey.opensAt).getTime()) {
    return {
      ok: false,
      code: 'not-open-yet',
      message: `This survey is not open yet. It opens on ${when(survey.opensAt, timeZone)}.`,
    };
  }
  if (t >= new Date(survey.closesAt).getTime()) {
    return {
      ok: false,
      code: 'closed',
      message: `This survey closed on ${when(survey.closesAt, timeZone)}. Thank you for wanting to take part.`,
    };
  }
  return { ok: true };
}

/**
 * Why a survey's figures are not given until it closes: results read before and after one more
 * answer would give that answer away.
 */
export const figuresNotYet = (survey: Pick<Survey, 'closesAt'>, timeZone = 'Europe/London'): string =>
  `The results can be read once the survey has closed, on ${when(survey.closesAt, timeZone)}. Until then, only how many people have answered is shown.`;

/** For opening a survey: the window must have some length. */
export const windowProblem = (opensAt: string, closesAt: string) =>
  new Date(closesAt).getTime() > new Date(opensAt).getTime()
    ? undefined
    : 'The closing date and time must be after the opening date and time.';

// ---------------------------------------------------------------------------------------------
// The anonymity key

/** At least 256 bits: participant ids are few and guessable, so the secret is all that protects the key. */
export const RESPONSE_KEY_SECRET_MIN_BYTES = 32;

/**
 * The key that blocks a second response without storing who answered: HMAC-SHA256 (hex) of the
 * survey and participant ids under a server secret. The same person and survey always give the
 * same key; another survey gives an unrelated one, so keys cannot be joined across years.
 * Anyone holding the secret can recompute every participant's key — keep it out of reach of
 * whoever can read the responses table (see docs/surveys.md).
 */
export function responseKey(secret: string | Uint8Array, surveyId: string, participantId: string): string {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret).byteLength : secret.byteLength;
  if (bytes < RESPONSE_KEY_SECRET_MIN_BYTES) {
    throw new Error(`The survey response key secret must be at least ${RESPONSE_KEY_SECRET_MIN_BYTES} bytes.`);
  }
  if (!surveyId || !participantId) throw new Error('A response key needs a survey id and a participant id.');
  // Length-safe framing: JSON keeps ("a","bc") and ("ab","c") apart; the prefix separates this use of the secret.
  return createHmac('sha256', secret)
    .update(`coproduce.survey-response.v1\n${JSON.stringify([surveyId, participantId])}`)
    .digest('hex');
}

// ---------------------------------------------------------------------------------------------
// What is stored for a response

export type StoredResponse = {
  surveyId: string;
  /** Blocks a second response (a conditional write on it answers 409). */
  responseKey: string;
  anonymous: boolean;
  /** Only when the person chose not to answer anonymously. */
  participantId?: string;
  stakeholderGroup: StakeholderGroup;
  constituency: Constituency;
  answers: CleanAnswers;
  /** The person agreed that their written answers may be shown in the results. */
  shareComments: boolean;
  /** `coordinator` for a paper response entered on someone's behalf. */
  enteredBy: 'self' | 'coordinator';
  /** The date only: an exact time could be matched to when someone was seen online or at the office. */
  receivedOn: string;
};

/**
 * The response as it is stored. An anonymous response keeps no participant id and no exact
 * time; its group is kept because results are reported by group (and suppressed when small).
 */
export function storedResponse(input: {
  surveyId: string;
  respondent: { participantId: string; stakeholderGroup: StakeholderGroup };
  answers: CleanAnswers;
  anonymous: boolean;
  shareComments?: boolean;
  enteredBy: 'self' | 'coordinator';
  secret: string | Uint8Array;
  now: Date | string;
}): StoredResponse {
  const base = {
    surveyId: input.surveyId,
    responseKey: responseKey(input.secret, input.surveyId, input.respondent.participantId),
    anonymous: input.anonymous,
    stakeholderGroup: input.respondent.stakeholderGroup,
    constituency: constituencyOf(input.respondent.stakeholderGroup),
    answers: input.answers,
    shareComments: input.shareComments === true,
    enteredBy: input.enteredBy,
    receivedOn: new Date(input.now).toISOString().slice(0, 10),
  };
  return input.anonymous ? base : { ...base, participantId: input.respondent.participantId };
}

import { charCount, unsafeTextProblem } from './text.js';

/**
 * Survey instruments as data, each with an id and a version. A survey pins the versions it was
 * opened with, so a later wording change never alters what an earlier year's answers meant.
 */

import {
  type Constituency,
  constituencies,
  constituencyOf,
  type StakeholderGroup,
  stakeholderGroups,
} from '../../kernel/index.js';

export { type Constituency, constituencies, constituencyOf, type StakeholderGroup, stakeholderGroups };

export type ScaleOption = { value: number; label: string };
export type Scale = { min: number; max: number; options: readonly ScaleOption[] };

export type ScaleQuestion = {
  kind: 'scale';
  id: string;
  /** `null` only while an instrument's licensed wording has not been supplied (see `wording`). */
  text: string | null;
  hint?: string;
  required: boolean;
  scale: Scale;
};
export type TextQuestion = {
  kind: 'text';
  id: string;
  text: string;
  hint?: string;
  required: boolean;
  maxLength: number;
};
export type Question = ScaleQuestion | TextQuestion;

export const instrumentIds = ['experience', 'qpr-15'] as const;
export type InstrumentId = (typeof instrumentIds)[number];
export type InstrumentRef = { id: InstrumentId; version: number };

export type ScoreBand = { from: number; to: number; label: string };

export type Instrument = {
  id: InstrumentId;
  version: number;
  title: string;
  /** Shown before the first question, in our own words. */
  intro: string;
  /** Who is asked these questions; answers from anyone else are refused. */
  audience: readonly StakeholderGroup[];
  /**
   * `complete`: every question has its text. `licensed-wording-required`: the item texts are
   * someone else's published wording that this repository does not hold; the instrument cannot
   * be put in a survey until they are supplied with `withLicensedWording`.
   */
  wording: 'complete' | 'licensed-wording-required';
  questions: readonly Question[];
  /** A summed total over every scale question, reported only for complete sets of answers. */
  total?: { min: number; max: number; bands: readonly ScoreBand[] };
  source?: { citation: readonly string[]; terms: string; note?: string };
};

export const FREE_TEXT_MAX = 2000;

// ---------------------------------------------------------------------------------------------
// experience v1 — our own short questionnaire, in plain words

const agree5: Scale = {
  min: 1,
  max: 5,
  options: [
    { value: 1, label: 'Strongly disagree' },
    { value: 2, label: 'Disagree' },
    { value: 3, label: 'Neither agree nor disagree' },
    { value: 4, label: 'Agree' },
    { value: 5, label: 'Strongly agree' },
  ],
};

const agreeQuestion = (id: string, text: string, hint?: string): ScaleQuestion => ({
  kind: 'scale',
  id,
  text,
  ...(hint ? { hint } : {}),
  required: true,
  scale: agree5,
});

export const experienceV1: Instrument = {
  id: 'experience',
  version: 1,
  title: 'Taking part this year',
  intro:
    'These questions are about what taking part in forums and meetings was like for you this year. There are no right or wrong answers. It takes about three minutes.',
  audience: stakeholderGroups,
  wording: 'complete',
  questions: [
    agreeQuestion('exp-listened', 'People listened to what I had to say.'),
    agreeQuestion('exp-influence', 'What I said could change what happened.'),
    agreeQuestion(
      'exp-fair',
      'I was treated fairly, and paid fairly for my time.',
      'If you took part as staff and were not paid for it, answer about how you were treated.',
    ),
    agreeQuestion(
      'exp-accessible',
      'The place and the time of meetings worked for me.',
      'For example: easy to get to, easy to get into, at a time I could make.',
    ),
    agreeQuestion('exp-recommend', 'I would tell someone like me to take part.'),
    {
      kind: 'text',
      id: 'exp-comments',
      text: 'Is there anything else you would like to tell us about taking part?',
      hint: 'You do not have to write anything. Please do not write the names of other people.',
      required: false,
      maxLength: FREE_TEXT_MAX,
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// qpr-15 v1 — Questionnaire about the Process of Recovery, 15-item version

/** The QPR's response scale: 0 = disagree strongly … 4 = agree strongly (as published). */
const qprScale: Scale = {
  min: 0,
  max: 4,
  options: [
    { value: 0, label: 'Disagree strongly' },
    { value: 1, label: 'Disagree' },
    { value: 2, label: 'Neither agree nor disagree' },
    { value: 3, label: 'Agree' },
    { value: 4, label: 'Agree strongly' },
  ],
};

export const QPR15_ITEM_COUNT = 15;
export const qpr15ItemIds: readonly string[] = Array.from(
  { length: QPR15_ITEM_COUNT },
  (_, i) => `qpr15-${String(i + 1).padStart(2, '0')}`,
);

/**
 * Stored with item ids and the scale only. Its 15 statements are the authors' wording; we could
 * not verify which of the 22 QPR statements make up the 15-item version, in what order, from a
 * source we could cite, so the text is not in this repository. Supply it from the authors'
 * published form with `withLicensedWording` (see docs/surveys.md).
 */
export const qpr15V1: Instrument = {
  id: 'qpr-15',
  version: 1,
  title: 'Your own recovery',
  intro:
    'These statements are about your own recovery, thinking about how things have been for you over the last 7 days. There are no right or wrong answers, and you can skip any statement. If this brings up difficult feelings, you can stop at any time and talk to someone you trust or to your coordinator.',
  audience: ['service-user'],
  wording: 'licensed-wording-required',
  questions: qpr15ItemIds.map((id) => ({ kind: 'scale', id, text: null, required: false, scale: qprScale })),
  total: {
    min: 0,
    max: 60,
    // Quarters of the range, to describe the spread without showing anyone's exact score.
    // They are not clinical cut-offs: the QPR has none.
    bands: [
      { from: 0, to: 15, label: '0–15' },
      { from: 16, to: 30, label: '16–30' },
      { from: 31, to: 45, label: '31–45' },
      { from: 46, to: 60, label: '46–60' },
    ],
  },
  source: {
    citation: [
      'Neil ST, Kilbride M, Pitt L, Nothard S, Welford M, Sellwood W, Morrison AP (2009). The questionnaire about the process of recovery (QPR): a measurement tool developed in collaboration with service users. Psychosis 1(2):145–155. doi:10.1080/17522430902913450',
      'Law H, Neil ST, Dunn G, Morrison AP (2014). Psychometric properties of the Questionnaire about the Process of Recovery (QPR). Schizophrenia Research.',
      'Williams J, Leamy M, Pesola F, Bird V, Le Boutillier C, Slade M (2015). Psychometric evaluation of the Questionnaire about the Process of Recovery (QPR). British Journal of Psychiatry 207:551–555. doi:10.1192/bjp.bp.114.161695',
    ],
    terms:
      'The PhenX Toolkit, which distributes the 15-item QPR (protocol 661101, "Psychosis Recovery Assessment"), states: "This protocol is freely available; permission not required for use." Credit the authors; confirm with them before changing any wording.',
    note: 'PhenX notes the QPR should be completed near a professional or another person who can talk through any questions or issues it raises.',
  },
};

// ---------------------------------------------------------------------------------------------
// The catalogue

/**
 * Give an instrument its licensed item texts, in item order. Fails fast (this is configuration,
 * read once at start-up): the count must match and each text must be a plain, non-empty line.
 */
export function withLicensedWording(instrument: Instrument, texts: readonly string[]): Instrument {
  if (instrument.wording !== 'licensed-wording-required') {
    throw new Error(`${instrument.id} v${instrument.version} already has its wording.`);
  }
  if (texts.length !== instrument.questions.length) {
    throw new Error(
      `${instrument.id} v${instrument.version} has ${instrument.questions.length} items; ${texts.length} texts were supplied.`,
    );
  }
  const questions = instrument.questions.map((q, i) => {
    const text = (texts[i] ?? '').trim();
    if (text.length === 0 || charCount(text) > 300 || /[\t\n\r]/.test(text) || unsafeTextProblem(text)) {
      throw new Error(`${instrument.id} item ${q.id}: the text must be one plain line of 1–300 characters.`);
    }
    return { ...q, text };
  });
  return { ...instrument, wording: 'complete', questions };
}

/** Whether an instrument can be asked: every question has its text. */
export const isReadyToAsk = (i: Instrument) => i.wording === 'complete' && i.questions.every((q) => q.text !== null);

export type Catalogue = Readonly<Record<InstrumentId, Instrument>>;

/** The current version of each instrument, with QPR-15's wording when the deployment supplies it. */
export function catalogue(opts: { qpr15Wording?: readonly string[] } = {}): Catalogue {
  return {
    experience: experienceV1,
    'qpr-15': opts.qpr15Wording ? withLicensedWording(qpr15V1, opts.qpr15Wording) : qpr15V1,
  };
}

/** Pin the current versions for a new survey; refuses an instrument that cannot be asked yet. */
export function pinInstruments(
  ids: readonly InstrumentId[],
  cat: Catalogue,
): { ok: true; instruments: InstrumentRef[] } | { ok: false; path: string; message: string } {
  for (const [i, id] of ids.entries()) {
    if (!isReadyToAsk(cat[id])) {
      return {
        ok: false,
        path: `instruments.${i}`,
        message: `${id === 'qpr-15' ? 'QPR-15' : id} cannot be used yet: its licensed wording has not been added to this service. Leave it out, or ask your administrator to add it.`,
      };
    }
  }
  return { ok: true, instruments: ids.map((id) => ({ id, version: cat[id].version })) };
}

/** The instruments a survey pinned, from the catalogue; undefined if a pinned version is gone. */
export function pinnedInstruments(refs: readonly InstrumentRef[], cat: Catalogue): Instrument[] | undefined {
  const found = refs.map((r) => (cat[r.id].version === r.version ? cat[r.id] : undefined));
  return found.every((i) => i !== undefined) ? (found as Instrument[]) : undefined;
}

import type { Instrument, Question, StakeholderGroup } from './instruments.js';
import { charCount, groupedNumber, unsafeTextProblem } from './text.js';

/** As sent: a number for a scale question, text for a free-text one, `null` for "skipped". */
export type AnswerValue = number | string | null;
export type Answers = Readonly<Record<string, AnswerValue>>;
/** As kept: skipped questions and blank text left out, text trimmed. */
export type CleanAnswers = Record<string, number | string>;

export type AnswerIssue = { path: string; message: string };
export type AnswersResult = { ok: true; answers: CleanAnswers } | { ok: false; issues: AnswerIssue[] };

const audienceWords: Readonly<Record<StakeholderGroup, string>> = {
  'service-user': 'service users',
  'family-member': 'family members',
  carer: 'carers',
  provider: 'staff',
};

const listWords = (words: readonly string[]) =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;

function checkOne(q: Question, value: AnswerValue | undefined): { issue?: string; keep?: number | string } {
  const skipped = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (skipped) return q.required ? { issue: 'Answer this question, please.' } : {};

  if (q.kind === 'scale') {
    const first = q.scale.options[0];
    const last = q.scale.options.at(-1);
    const range =
      first && last
        ? `Choose one of the answers, from ${first.value} (${first.label}) to ${last.value} (${last.label}).`
        : `Choose one of the answers, from ${q.scale.min} to ${q.scale.max}.`;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < q.scale.min || value > q.scale.max) {
      return { issue: range };
    }
    return { keep: value };
  }

  if (typeof value !== 'string') return { issue: 'Write your answer as text.' };
  const text = value.trim();
  if (charCount(text) > q.maxLength) {
    return { issue: `Your answer can be at most ${groupedNumber(q.maxLength)} characters.` };
  }
  const unsafe = unsafeTextProblem(text);
  if (unsafe) return { issue: unsafe };
  return { keep: text };
}

/**
 * Check a response against the survey's instruments, for this respondent. Refuses answers to
 * questions the survey does not have, answers out of range or of the wrong kind, unsafe text,
 * missing required answers, and answers to an instrument that is not for the respondent's group
 * (QPR-15 is for service users). Optional questions may be skipped; an empty response is refused.
 */
export function validateAnswers(
  instruments: readonly Instrument[],
  answers: Answers,
  respondent: { stakeholderGroup: StakeholderGroup },
): AnswersResult {
  const issues: AnswerIssue[] = [];
  const clean: CleanAnswers = {};
  const known = new Map<string, { instrument: Instrument; question: Question }>();
  for (const instrument of instruments)
    for (const question of instrument.questions) known.set(question.id, { instrument, question });

  for (const key of Object.keys(answers)) {
    if (!known.has(key)) issues.push({ path: `answers.${key}`, message: `This survey has no question “${key}”.` });
  }

  for (const instrument of instruments) {
    const forThem = instrument.audience.includes(respondent.stakeholderGroup);
    if (!forThem) {
      const sent = instrument.questions.find((q) => answers[q.id] !== undefined && answers[q.id] !== null);
      if (sent) {
        issues.push({
          path: `answers.${sent.id}`,
          message: `The “${instrument.title}” questions are for ${listWords(instrument.audience.map((g) => audienceWords[g]))} only. Leave them out.`,
        });
      }
      continue;
    }
    for (const q of instrument.questions) {
      const { issue, keep } = checkOne(q, answers[q.id]);
      if (issue) issues.push({ path: `answers.${q.id}`, message: issue });
      else if (keep !== undefined) clean[q.id] = keep;
    }
  }

  if (issues.length === 0 && Object.keys(clean).length === 0) {
    issues.push({ path: 'answers', message: 'Answer at least one question.' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers: clean };
}

/** The instrument's total (e.g. QPR-15, 0–60) when every one of its scale questions was answered. */
export function totalScore(instrument: Instrument, answers: CleanAnswers): number | undefined {
  if (!instrument.total) return undefined;
  let sum = 0;
  for (const q of instrument.questions) {
    if (q.kind !== 'scale') continue;
    const v = answers[q.id];
    if (typeof v !== 'number') return undefined;
    sum += v;
  }
  return sum;
}

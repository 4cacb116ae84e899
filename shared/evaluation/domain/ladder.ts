/**
 * The ladder of co-production (Think Local Act Personal, free to use with credit): seven rungs from
 * doing *to* people, through doing *for* them, to doing *with* them. After a session or a decision,
 * each person who took part may say which rung it felt like. Staff and lived-experience members
 * answering the same session differently is the clearest sign of tokenism, so answers are always
 * counted by constituency and shown side by side.
 */
export type Constituency = 'lived-experience' | 'provider';

/** Lowest first. */
export const rungs = [
  'coercion',
  'educating',
  'informing',
  'consultation',
  'engagement',
  'co-design',
  'co-production',
] as const;
export type Rung = (typeof rungs)[number];

/** The question members answer; the choices are `rungLabels`, in rung order. */
export const ladderQuestions = {
  session: 'How did this session feel?',
  decision: 'How did making this decision feel?',
} as const;

/**
 * Each rung as a member would say it: short, kind and concrete, in "we" and "they". Someone in
 * recovery should be able to pick one without knowing the ladder exists.
 */
export const rungLabels: Record<Rung, string> = {
  coercion: 'We had no say at all.',
  educating: 'They explained their plans to us.',
  informing: 'They told us what they had decided.',
  consultation: 'They asked what we thought.',
  engagement: 'We talked it through, but they decided.',
  'co-design': 'We planned it together.',
  'co-production': 'We planned it, decided it and did it together, as equals.',
};

/** The rung's own name, for governance pages and the docs. */
export const rungNames: Record<Rung, string> = {
  coercion: 'Coercion',
  educating: 'Educating',
  informing: 'Informing',
  consultation: 'Consultation',
  engagement: 'Engagement',
  'co-design': 'Co-design',
  'co-production': 'Co-production',
};

export type LadderAnswer = { constituency: Constituency; rung: Rung };
export type RungCounts = Record<Rung, number>;
export type LadderTally = { livedExperience: RungCounts; provider: RungCounts };

export const noAnswers = (): RungCounts => Object.fromEntries(rungs.map((r) => [r, 0])) as RungCounts;

/** Answers counted per rung for each constituency; every rung is present, at 0 when nobody chose it. */
export function tallyLadder(answers: readonly LadderAnswer[]): LadderTally {
  const tally: LadderTally = { livedExperience: noAnswers(), provider: noAnswers() };
  for (const a of answers) {
    const side = a.constituency === 'provider' ? tally.provider : tally.livedExperience;
    side[a.rung] += 1;
  }
  return tally;
}

export const answerCount = (counts: RungCounts) => rungs.reduce((n, r) => n + counts[r], 0);

/**
 * The middle answer's position on the ladder (0 = coercion … 6 = co-production); with an even
 * number of answers, the mean of the two middle positions. Null when nobody answered.
 */
export function medianRungIndex(counts: RungCounts): number | null {
  const n = answerCount(counts);
  if (n === 0) return null;
  const at = (k: number) => {
    let seen = 0;
    for (const [i, r] of rungs.entries()) {
      seen += counts[r];
      if (seen > k) return i;
    }
    return rungs.length - 1;
  };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/**
 * How many rungs higher providers placed it than lived-experience members did (middle answers).
 * Positive: staff felt more was shared than members did. Null unless both sides answered.
 */
export function ladderGap(tally: LadderTally): number | null {
  const le = medianRungIndex(tally.livedExperience);
  const pr = medianRungIndex(tally.provider);
  return le === null || pr === null ? null : pr - le;
}

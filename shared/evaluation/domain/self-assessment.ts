import type { Constituency } from './ladder.js';
import { round1 } from './scoring.js';

/**
 * The self-assessment of Table 3's nine actions: a coordinator gives the provider view, a member of
 * the area the lived-experience view, each with evidence. Both are kept and shown side by side;
 * two or more levels apart is flagged, because a service that rates itself "embedded" where members
 * say "planned" is not yet co-producing it.
 */
export const actions = [
  'recovery-goals',
  'strategy-and-policy',
  'capacity-building',
  'remuneration',
  'decision-making',
  'experience-capture',
  'lived-experience-workforce',
  'evaluation',
  'reflective-practice',
] as const;
export type Action = (typeof actions)[number];

/** Lowest first. */
export const ratings = ['not-started', 'planned', 'in-place', 'embedded'] as const;
export type Rating = (typeof ratings)[number];

export const actionLabels: Record<Action, string> = {
  'recovery-goals': 'People set their own recovery goals, in their own words',
  'strategy-and-policy': 'Plans and policies are made together',
  'capacity-building': 'Everyone can learn about co-production and take part',
  remuneration: 'Everyone is paid or thanked fairly, without losing benefits',
  'decision-making': 'Big decisions are made together',
  'experience-capture': 'What people say shapes the service, every year',
  'lived-experience-workforce': 'People with lived experience work in the service',
  evaluation: 'We check together whether it is working',
  'reflective-practice': 'Staff reflect on recovery together, at least twice a year',
};

export const ratingLabels: Record<Rating, string> = {
  'not-started': 'Not started',
  planned: 'Planned',
  'in-place': 'In place',
  embedded: 'Embedded',
};

/** Two views this many levels apart or more are flagged. */
export const FLAG_LEVELS_APART = 2;

export type SelfAssessmentEntry = {
  action: Action;
  view: Constituency;
  rating: Rating;
  evidence: string;
  /** When it was given: the latest per action and view counts. */
  recordedAt: string;
};

export type View = { rating: Rating; evidence: string };
export type SelfAssessmentRow = {
  action: Action;
  livedExperience: View | null;
  provider: View | null;
  flagged: boolean;
};

export const ratingLevel = (r: Rating) => ratings.indexOf(r);

/**
 * One row per action, in Table 3's order, with the latest answer of each view (a later entry in the
 * input wins a tie). `flagged` only when both views are there and two or more levels apart.
 */
export function selfAssessmentRows(entries: readonly SelfAssessmentEntry[]): SelfAssessmentRow[] {
  const latest = new Map<string, SelfAssessmentEntry>();
  for (const e of entries) {
    const key = `${e.action}\n${e.view}`;
    const seen = latest.get(key);
    if (!seen || Date.parse(e.recordedAt) >= Date.parse(seen.recordedAt)) latest.set(key, e);
  }
  const view = (action: Action, v: Constituency): View | null => {
    const e = latest.get(`${action}\n${v}`);
    return e ? { rating: e.rating, evidence: e.evidence } : null;
  };
  return actions.map((action) => {
    const livedExperience = view(action, 'lived-experience');
    const provider = view(action, 'provider');
    const flagged =
      livedExperience !== null &&
      provider !== null &&
      Math.abs(ratingLevel(livedExperience.rating) - ratingLevel(provider.rating)) >= FLAG_LEVELS_APART;
    return { action, livedExperience, provider, flagged };
  });
}

/** A rating on the 1–5 scale of the indicators, evenly spaced: 1, 2⅓, 3⅔, 5. */
export const ratingScore = (r: Rating) => 1 + (ratingLevel(r) * 4) / (ratings.length - 1);

/**
 * The self-assessment's 1–5 score: each view's mean rating score over the actions it rated, then
 * the mean of the views that rated anything, so both constituencies weigh the same however many
 * actions each rated. One decimal; null when nobody rated anything.
 */
export function selfAssessmentScore(rows: readonly SelfAssessmentRow[]): number | null {
  const viewMean = (pick: (r: SelfAssessmentRow) => View | null) => {
    const scores = rows.flatMap((r) => {
      const v = pick(r);
      return v ? [ratingScore(v.rating)] : [];
    });
    return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
  };
  const views = [viewMean((r) => r.livedExperience), viewMean((r) => r.provider)].filter(
    (m): m is number => m !== null,
  );
  return views.length ? round1(views.reduce((a, b) => a + b, 0) / views.length) : null;
}

import { constituencies } from './instruments.js';

/** Any group with fewer responses than this shows `{suppressed: true}` instead of figures. */
export const MIN_GROUP_SIZE = 5;

/**
 * The cells results are shown for. The provider stakeholder group is the provider constituency
 * under another name, so it is one cell here and shown (or suppressed) identically in both places.
 */
export const cells = ['overall', 'lived-experience', 'provider', 'service-user', 'family-member', 'carer'] as const;
export type Cell = (typeof cells)[number];

/** The groups nothing else is split into. */
export const leafCells: readonly Cell[] = ['service-user', 'family-member', 'carer', 'provider'];

/**
 * The sums that hold between cells. Every "total = parts" cut of the hierarchy is listed,
 * including the flattened one, so a difference across two levels is checked too.
 */
export type Relation = { total: Cell; parts: readonly Cell[] };
export const relations: readonly Relation[] = [
  { total: 'overall', parts: constituencies },
  { total: 'lived-experience', parts: ['service-user', 'family-member', 'carer'] },
  { total: 'overall', parts: leafCells },
];

const leavesOf: Readonly<Record<Cell, readonly Cell[]>> = {
  overall: leafCells,
  'lived-experience': ['service-user', 'family-member', 'carer'],
  provider: ['provider'],
  'service-user': ['service-user'],
  'family-member': ['family-member'],
  carer: ['carer'],
};

/**
 * Whether a pattern of hidden cells is safe: for every relation whose total is shown, the total
 * minus its shown parts (= the sum of its hidden parts) must be 0 — nobody to reveal — or at
 * least `min`, a group as large as any we would show anyway.
 */
export function isSafe(counts: Readonly<Record<Cell, number>>, hidden: ReadonlySet<Cell>, min = MIN_GROUP_SIZE) {
  return relations.every((r) => {
    if (hidden.has(r.total)) return true;
    const rest = r.parts.filter((p) => hidden.has(p)).reduce((sum, p) => sum + counts[p], 0);
    return rest === 0 || rest >= min;
  });
}

/**
 * Which cells to suppress.
 *
 * Primary suppression: every cell with fewer than `min` (and any the caller already hides).
 * Complementary suppression: a shown total minus its shown parts would give the sum of its
 * hidden parts, so more cells are hidden until every relation is safe (`isSafe`). With six
 * cells there are at most 64 patterns, so all of them are tried and the best safe one kept:
 *   1. the most distinct figures shown (two cells with the same people in them — e.g. overall
 *      and lived experience when no staff answered — are one figure);
 *   2. then the most specific groups shown: "service users: 6" says more about whose view it is
 *      than "everyone: 10" when everyone else is a suppressed group;
 *   3. then the fewest cells marked suppressed.
 * So with 6 service users and 4 carers the service users are shown, and the overall and
 * lived-experience figures (which would give the carers away by subtraction) are hidden.
 */
export function suppressedCells(
  counts: Readonly<Record<Cell, number>>,
  opts: { min?: number; also?: Iterable<Cell> } = {},
): Set<Cell> {
  const min = opts.min ?? MIN_GROUP_SIZE;
  const primary = new Set<Cell>(opts.also ?? []);
  for (const c of cells) if (counts[c] < min) primary.add(c);
  const free = cells.filter((c) => !primary.has(c));

  let best: { hidden: Set<Cell>; score: number[] } | undefined;
  for (let mask = 0; mask < 1 << free.length; mask++) {
    const hidden = new Set<Cell>([...primary, ...free.filter((_, i) => mask & (1 << i))]);
    if (!isSafe(counts, hidden, min)) continue;
    const shown = cells.filter((c) => !hidden.has(c));
    const figures = new Set(shown.map((c) => leavesOf[c].filter((l) => counts[l] > 0).join('+')));
    const score = [figures.size, shown.filter((c) => leafCells.includes(c)).length, -hidden.size];
    if (!best || isBetter(score, best.score)) best = { hidden, score };
  }
  // Hiding every cell is always safe, so a pattern is always found.
  return best!.hidden;
}

const isBetter = (a: readonly number[], b: readonly number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
};

import { createHash } from 'node:crypto';
import { type CleanAnswers, totalScore } from './answers.js';
import {
  type Constituency,
  constituencies,
  constituencyOf,
  type Instrument,
  type InstrumentId,
  type ScaleQuestion,
  type StakeholderGroup,
  stakeholderGroups,
} from './instruments.js';
import { type Cell, cells, MIN_GROUP_SIZE, suppressedCells } from './suppression.js';

export type Suppressed = { suppressed: true };
export type CountFigures = { suppressed: false; count: number };
export type ScaleFigures = {
  suppressed: false;
  count: number;
  /** Rounded to two decimals. */
  mean: number;
  distribution: { value: number; label: string; count: number }[];
};
export type TotalFigures = {
  suppressed: false;
  count: number;
  mean: number;
  distribution: { from: number; to: number; label: string; count: number }[];
};

/** One figure overall, by constituency and by stakeholder group; small groups show `{suppressed: true}`. */
export type Breakdown<F> = {
  overall: F | Suppressed;
  byConstituency: Record<Constituency, F | Suppressed>;
  byStakeholderGroup: Record<StakeholderGroup, F | Suppressed>;
};

export type ScaleQuestionResult = {
  kind: 'scale';
  instrumentId: InstrumentId;
  questionId: string;
  text: string | null;
  figures: Breakdown<ScaleFigures>;
};
export type TextQuestionResult = {
  kind: 'text';
  instrumentId: InstrumentId;
  questionId: string;
  text: string;
  /** How many wrote something. */
  answered: Breakdown<CountFigures>;
  /** Only from people who agreed to share them, never from a suppressed group, in no telling order. */
  comments: string[];
};
export type QuestionResult = ScaleQuestionResult | TextQuestionResult;

export type TotalResult = { instrumentId: InstrumentId; min: number; max: number; figures: Breakdown<TotalFigures> };

export type SurveyResults = {
  minGroupSize: number;
  responses: Breakdown<CountFigures>;
  questions: QuestionResult[];
  /** Summed scores (QPR-15: 0–60) over complete sets of answers only. */
  totals: TotalResult[];
};

/** What aggregation reads from a stored response: no ids, no key, no dates. */
export type ResponseForResults = { stakeholderGroup: StakeholderGroup; answers: CleanAnswers; shareComments: boolean };

const SUPPRESSED: Suppressed = { suppressed: true };

const cellsOf = (g: StakeholderGroup): Cell[] => {
  const c = constituencyOf(g);
  // The provider group is the provider constituency: one cell.
  return g === 'provider' ? ['overall', 'provider'] : ['overall', c, g];
};

const zeroCounts = (): Record<Cell, number> => Object.fromEntries(cells.map((c) => [c, 0])) as Record<Cell, number>;

function countBy<T>(items: readonly T[], groupOf: (t: T) => StakeholderGroup): Record<Cell, number> {
  const counts = zeroCounts();
  for (const t of items) for (const c of cellsOf(groupOf(t))) counts[c]++;
  return counts;
}

function breakdown<F>(figure: (cell: Cell) => F, hidden: ReadonlySet<Cell>): Breakdown<F> {
  const at = (c: Cell) => (hidden.has(c) ? SUPPRESSED : figure(c));
  return {
    overall: at('overall'),
    byConstituency: Object.fromEntries(constituencies.map((c) => [c, at(c)])) as Breakdown<F>['byConstituency'],
    byStakeholderGroup: Object.fromEntries(
      stakeholderGroups.map((g) => [g, at(g === 'provider' ? 'provider' : g)]),
    ) as Breakdown<F>['byStakeholderGroup'],
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const mean = (values: readonly number[]) => round2(values.reduce((a, b) => a + b, 0) / values.length);

/** Values answered per cell. */
function valuesByCell<T>(
  items: readonly T[],
  groupOf: (t: T) => StakeholderGroup,
  pick: (t: T) => number | undefined,
): Record<Cell, number[]> {
  const out = Object.fromEntries(cells.map((c) => [c, [] as number[]])) as Record<Cell, number[]>;
  for (const t of items) {
    const v = pick(t);
    if (v === undefined) continue;
    for (const c of cellsOf(groupOf(t))) out[c].push(v);
  }
  return out;
}

const lengths = (byCell: Record<Cell, readonly unknown[]>) =>
  Object.fromEntries(cells.map((c) => [c, byCell[c].length])) as Record<Cell, number>;

/** Comments in an order that follows neither when they were sent nor who sent them. */
const unordered = (texts: string[]) =>
  texts
    .map((t) => ({ t, k: createHash('sha256').update(t).digest('hex') }))
    .sort((a, b) => a.k.localeCompare(b.k))
    .map(({ t }) => t);

/**
 * Aggregate the responses to a survey. Never returns an individual answer except a free-text
 * comment its writer agreed to share. Each cell is suppressed when it has fewer than
 * `MIN_GROUP_SIZE` responses (or answers to that question), plus whatever complementary
 * suppression needs so no suppressed group can be worked out by subtraction.
 */
export function aggregate(instruments: readonly Instrument[], responses: readonly ResponseForResults[]): SurveyResults {
  const group = (r: ResponseForResults) => r.stakeholderGroup;
  const responseCounts = countBy(responses, group);
  const responseHidden = suppressedCells(responseCounts);
  // A comment is shown only when its writer's own group is shown: never from a suppressed group.
  // (Stakeholder-group names are cell names; the provider group is the provider cell.)
  const shownGroup = (r: ResponseForResults) => !responseHidden.has(r.stakeholderGroup);

  const questions: QuestionResult[] = [];
  const totals: TotalResult[] = [];

  for (const instrument of instruments) {
    for (const q of instrument.questions) {
      if (q.kind === 'scale') {
        const byCell = valuesByCell(responses, group, (r) => {
          const v = r.answers[q.id];
          return typeof v === 'number' ? v : undefined;
        });
        const hidden = suppressedCells(lengths(byCell), { also: responseHidden });
        questions.push({
          kind: 'scale',
          instrumentId: instrument.id,
          questionId: q.id,
          text: q.text,
          figures: breakdown((c) => scaleFigures(q, byCell[c]), hidden),
        });
      } else {
        const wrote = responses.filter((r) => typeof r.answers[q.id] === 'string');
        const counts = countBy(wrote, group);
        const hidden = suppressedCells(counts, { also: responseHidden });
        const comments = wrote.filter((r) => r.shareComments && shownGroup(r)).map((r) => r.answers[q.id] as string);
        questions.push({
          kind: 'text',
          instrumentId: instrument.id,
          questionId: q.id,
          text: q.text,
          answered: breakdown((c) => ({ suppressed: false, count: counts[c] }), hidden),
          comments: unordered(comments),
        });
      }
    }

    const total = instrument.total;
    if (total) {
      const byCell = valuesByCell(responses, group, (r) => totalScore(instrument, r.answers));
      const hidden = suppressedCells(lengths(byCell), { also: responseHidden });
      totals.push({
        instrumentId: instrument.id,
        min: total.min,
        max: total.max,
        figures: breakdown(
          (c): TotalFigures => ({
            suppressed: false,
            count: byCell[c].length,
            mean: mean(byCell[c]),
            distribution: total.bands.map((b) => ({
              ...b,
              count: byCell[c].filter((v) => v >= b.from && v <= b.to).length,
            })),
          }),
          hidden,
        ),
      });
    }
  }

  return {
    minGroupSize: MIN_GROUP_SIZE,
    responses: breakdown((c) => ({ suppressed: false, count: responseCounts[c] }), responseHidden),
    questions,
    totals,
  };
}

function scaleFigures(q: ScaleQuestion, values: readonly number[]): ScaleFigures {
  return {
    suppressed: false,
    count: values.length,
    mean: mean(values),
    distribution: q.scale.options.map((o) => ({
      value: o.value,
      label: o.label,
      count: values.filter((v) => v === o.value).length,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV of the aggregate — never of individual answers (comments are individual: not in the CSV)

export const resultsCsvHeader = [
  'section',
  'question_id',
  'question',
  'group_type',
  'group',
  'suppressed',
  'count',
  'mean',
  'answer',
  'answer_label',
  'answer_count',
] as const;

/** One field: quoted when needed; text that a spreadsheet would run as a formula is defused. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

type Row = (string | number)[];

function breakdownRows<F>(b: Breakdown<F>, lead: Row, figureRows: (f: F) => Row[]): Row[] {
  const entries: [string, string, F | Suppressed][] = [
    ['overall', 'overall', b.overall],
    ...constituencies.map((c): [string, string, F | Suppressed] => ['constituency', c, b.byConstituency[c]]),
    ...stakeholderGroups.map((g): [string, string, F | Suppressed] => [
      'stakeholder-group',
      g,
      b.byStakeholderGroup[g],
    ]),
  ];
  return entries.flatMap(([type, name, cell]) =>
    (cell as Suppressed).suppressed === true
      ? [[...lead, type, name, 'yes', '', '', '', '', '']]
      : figureRows(cell as F).map((r) => [...lead, type, name, 'no', ...r]),
  );
}

/** The aggregate as CSV (RFC 4180, CRLF line ends): one row per figure, suppressed cells marked. */
export function resultsCsv(results: SurveyResults): string {
  const rows: Row[] = [[...resultsCsvHeader]];
  rows.push(...breakdownRows(results.responses, ['responses', '', ''], (f) => [[f.count, '', '', '', '']]));
  for (const q of results.questions) {
    const lead: Row = [q.kind === 'scale' ? 'question' : 'free-text', q.questionId, q.text ?? ''];
    if (q.kind === 'scale') {
      rows.push(
        ...breakdownRows(q.figures, lead, (f) =>
          f.distribution.map((d) => [f.count, f.mean, d.value, d.label, d.count]),
        ),
      );
    } else {
      rows.push(...breakdownRows(q.answered, lead, (f) => [[f.count, '', '', '', '']]));
    }
  }
  for (const t of results.totals) {
    rows.push(
      ...breakdownRows(
        t.figures,
        ['total', `${t.instrumentId}-total`, `${t.instrumentId} total score (${t.min}–${t.max})`],
        (f) => f.distribution.map((d) => [f.count, f.mean, d.label, '', d.count]),
      ),
    );
  }
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * /evaluation (governance, coordinator): the yearly evaluation of an area. A headline, then the
 * pictures people would rather look at than read — the ladder by constituency side by side, the
 * same-pool concentration, the scores this year against last year — each an SVG with a text
 * alternative and the data table behind it; then every indicator, the self-assessment and the
 * notes. Prints cleanly (assets/evaluation.css); exports CSV and JSON.
 */

import { type Rung, rungNames, rungs } from '../../../shared/evaluation/domain/ladder.js';
import type { EvaluationResponse } from '../../../shared/evaluation/domain/schemas.js';
import { actionLabels, ratingLabels } from '../../../shared/evaluation/domain/self-assessment.js';
import {
  ApiError,
  announce,
  announceToScreenReader,
  api,
  clearErrors,
  el,
  requireRole,
  session,
  showErrors,
} from '../lib/app.js';

type Evaluation = EvaluationResponse;
type Indicator = Evaluation['indicators'][number];
type Threshold = Indicator['thresholds'][number];

const SVG = 'http://www.w3.org/2000/svg';
let uid = 0;

function svg(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Short names for the chart's rows (the table beside it has the full labels). */
const SHORT: Record<Indicator['id'], string> = {
  presence: 'Presence',
  'co-signed': 'Co-signed',
  'days-to-co-sign': 'Days to co-sign',
  'days-to-pay': 'Days to pay',
  'holds-resolved': 'Holds settled',
  'same-pool': 'Same pool',
  'new-participants': 'New people',
  'feedback-closed': 'Feedback closed',
  'feedback-days': 'Days to close',
  'reported-back': 'Reported back',
  'reflective-practice': 'Reflective practice',
  training: 'Training',
  'lived-experience-roles': 'Roles (FTE)',
  'experience-responses': 'Survey replies',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatValue(i: Pick<Indicator, 'value' | 'unit'>): string {
  if (i.value === null) return 'Nothing to measure';
  switch (i.unit) {
    case 'percent':
      return `${i.value}%`;
    case 'days':
      return plural(i.value, 'day');
    case 'fte':
      return `${i.value} FTE`;
    default:
      return plural(i.value, 'response');
  }
}

const unitWord = (u: Indicator['unit'], n: number) =>
  u === 'percent' ? `${n}%` : u === 'days' ? plural(n, 'day') : u === 'fte' ? `${n} FTE` : plural(n, 'response');

/** The bands as a person reads them: "60% to under 80% scores 4". */
export function bandWords(t: Threshold, unit: Indicator['unit']): string {
  if ('atMost' in t)
    return t.atMost === null ? `more scores ${t.score}` : `up to ${unitWord(unit, t.atMost)} scores ${t.score}`;
  return t.to === null
    ? `${unitWord(unit, t.from)} or more scores ${t.score}`
    : `${unitWord(unit, t.from)} to under ${unitWord(unit, t.to)} scores ${t.score}`;
}

const scoreText = (s: number | null) => (s === null ? 'No score' : `${s} of 5`);

function tableOf(caption: string, headers: string[], rows: (string | Node)[][], label = caption): HTMLElement {
  const t = el(
    'table',
    {},
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', text: h })))),
    el(
      'tbody',
      {},
      ...rows.map((cells) =>
        el(
          'tr',
          {},
          ...cells.map((c, i) =>
            i === 0 ? el('th', { scope: 'row' }, c) : typeof c === 'string' ? el('td', { text: c }) : el('td', {}, c),
          ),
        ),
      ),
    ),
  );
  // A wide table scrolls inside its own region on a phone, never the page; keyboard users can scroll it too.
  return el('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: 0 }, t);
}

/** A figure: the SVG (role img, its title and a description) and, after it, the data table it draws. */
function chart(caption: string, summary: string, picture: SVGElement, table: HTMLElement, legend?: HTMLElement) {
  const id = `chart-${++uid}`;
  picture.setAttribute('role', 'img');
  picture.setAttribute('aria-labelledby', `${id}-title ${id}-desc`);
  picture.prepend(svg('title', { id: `${id}-title` }, caption), svg('desc', { id: `${id}-desc` }, summary));
  return el('figure', { class: 'chart' }, el('figcaption', { text: caption }), legend ?? null, picture, table);
}

const legendOf = (items: [string, string][]) =>
  el(
    'ul',
    { class: 'legend' },
    ...items.map(([cls, text]) => el('li', {}, el('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text)),
  );

/** Horizontal paired bars: one row per label, two bars each (a and b), scaled to `max`. */
function pairedBars(
  rows: { label: string; a: number; b: number }[],
  max: number,
  classes: [string, string],
  fmt: (n: number) => string,
) {
  const labelW = 160;
  const barW = 320;
  const rowH = 44;
  const h = rows.length * rowH + 10;
  const picture = svg('svg', { viewBox: `0 0 ${labelW + barW + 60} ${h}`, focusable: 'false' });
  rows.forEach((r, i) => {
    const y = i * rowH + 6;
    picture.append(svg('text', { x: 0, y: y + 22, class: 'chart-text' }, r.label));
    for (const [k, v] of [
      [0, r.a],
      [1, r.b],
    ] as const) {
      const w = max > 0 ? Math.max((v / max) * barW, v > 0 ? 2 : 0) : 0;
      picture.append(svg('rect', { x: labelW, y: y + k * 17, width: w, height: 15, class: classes[k] }));
      picture.append(svg('text', { x: labelW + w + 6, y: y + k * 17 + 12, class: 'chart-text small' }, fmt(v)));
    }
  });
  picture.append(svg('line', { x1: labelW, x2: labelW, y1: 0, y2: h, class: 'axis' }));
  return picture;
}

function ladderChart(e: Evaluation, subject: 'sessions' | 'decisions') {
  const t = e.ladder[subject];
  const n = (side: typeof t.livedExperience) => rungs.reduce((a, r) => a + side[r], 0);
  const le = n(t.livedExperience);
  const pr = n(t.provider);
  const what = subject === 'sessions' ? 'sessions' : 'decisions';
  const caption = `How ${what} felt, on the ladder of co-production, by who answered`;
  if (le + pr === 0) {
    return el('section', {}, el('h3', { text: caption }), el('p', { text: `Nobody has said how ${what} felt yet.` }));
  }
  const share = (c: number, total: number) => (total === 0 ? 0 : Math.round((c / total) * 100));
  const rows = [...rungs].reverse().map((r: Rung) => ({
    label: rungNames[r],
    a: share(t.livedExperience[r], le),
    b: share(t.provider[r], pr),
  }));
  const top = (side: typeof t.livedExperience) =>
    rungs.filter((r) => side[r] === Math.max(...rungs.map((x) => side[x])) && side[r] > 0).map((r) => rungNames[r]);
  const summary = `Lived-experience members gave ${plural(le, 'answer')}${le ? `, most often ${top(t.livedExperience).join(' or ')}` : ''}; providers gave ${plural(pr, 'answer')}${pr ? `, most often ${top(t.provider).join(' or ')}` : ''}. Co-production is the top rung, coercion the lowest.`;
  return chart(
    caption,
    summary,
    pairedBars(rows, 100, ['bar-le', 'bar-pr'], (v) => `${v}%`),
    tableOf(
      `${caption}: answers per rung`,
      ['Rung (highest first)', 'Lived-experience members', 'Providers'],
      [...rungs].reverse().map((r) => [rungNames[r], String(t.livedExperience[r]), String(t.provider[r])]),
    ),
    legendOf([
      ['le', `Lived-experience members (${plural(le, 'answer')})`],
      ['pr', `Providers (${plural(pr, 'answer')})`],
    ]),
  );
}

function samePoolChart(e: Evaluation) {
  const p = e.samePool;
  const caption = 'Does it rely on the same few people?';
  if (p.participants === 0 || p.top10PercentShare === null || p.peopleForHalf === null) {
    return el(
      'section',
      {},
      el('h3', { text: caption }),
      el('p', { text: 'No lived-experience members attended a session this year.' }),
    );
  }
  const halfPeople = Math.round((p.peopleForHalf / p.participants) * 1000) / 10;
  const rows = [
    {
      label: 'Top 10% of people',
      share: p.top10PercentShare,
      even: 10,
      words: `made ${p.top10PercentShare}% of attendances`,
    },
    {
      label: `${p.peopleForHalf} of ${p.participants} people`,
      share: 50,
      even: halfPeople,
      words: `(${halfPeople}% of people) made half of all attendances`,
    },
  ];
  const labelW = 150;
  const barW = 330;
  const picture = svg('svg', { viewBox: `0 0 ${labelW + barW + 50} 130`, focusable: 'false' });
  rows.forEach((r, i) => {
    const y = i * 50 + 8;
    picture.append(svg('text', { x: 0, y: y + 18, class: 'chart-text' }, r.label));
    picture.append(svg('rect', { x: labelW, y, width: (r.share / 100) * barW, height: 24, class: 'bar-le' }));
    picture.append(
      svg('text', { x: labelW + (r.share / 100) * barW + 6, y: y + 17, class: 'chart-text small' }, `${r.share}%`),
    );
    const ex = labelW + (r.even / 100) * barW;
    picture.append(svg('line', { x1: ex, x2: ex, y1: y - 4, y2: y + 28, class: 'bar-even' }));
  });
  picture.append(
    svg('text', { x: labelW, y: 122, class: 'chart-text small' }, 'Dashed line: if everyone came equally often'),
  );
  const summary = `The top 10% of the ${p.participants} lived-experience members made ${p.top10PercentShare}% of the ${p.attendances} attendances (10% if everyone came equally often). ${p.peopleForHalf} of them made half of all attendances.`;
  return chart(
    caption,
    summary,
    picture,
    tableOf(
      'Same pool: the figures',
      ['Figure', 'Value'],
      [
        ['Lived-experience members who took part', String(p.participants)],
        ['Their attendances', String(p.attendances)],
        ['Share made by the top 10% of people', `${p.top10PercentShare}%`],
        ['Fewest people making half of all attendances', String(p.peopleForHalf)],
        ['New this year', String(p.newThisYear)],
        ['Returning from last year', String(p.returningFromLastYear)],
      ],
    ),
  );
}

function scoresChart(e: Evaluation, last: Evaluation | null) {
  const caption = `Scores in ${e.year} against ${e.year - 1}`;
  const lastOf = new Map((last?.indicators ?? []).map((i) => [i.id, i]));
  const scored = e.indicators.filter((i) => i.score !== null || lastOf.get(i.id)?.score != null);
  if (scored.length === 0) {
    return el(
      'section',
      {},
      el('h3', { text: caption }),
      el('p', { text: 'No indicator has a score yet in either year.' }),
    );
  }
  const rows = scored.map((i) => ({ label: SHORT[i.id], a: i.score ?? 0, b: lastOf.get(i.id)?.score ?? 0 }));
  const better = scored.filter((i) => (i.score ?? 0) > (lastOf.get(i.id)?.score ?? 0)).length;
  const worse = scored.filter((i) => (i.score ?? 0) < (lastOf.get(i.id)?.score ?? 0) && i.score !== null).length;
  const summary = last
    ? `Of ${plural(scored.length, 'indicator')} with a score, ${better} scored higher in ${e.year} than in ${e.year - 1} and ${worse} lower. A missing bar had nothing to measure.`
    : `${plural(scored.length, 'indicator')} scored in ${e.year}; ${e.year - 1} could not be read.`;
  return chart(
    caption,
    summary,
    pairedBars(rows, 5, ['bar-le', 'bar-last'], (v) => (v === 0 ? 'none' : String(v))),
    tableOf(
      `${caption}: each indicator`,
      ['Indicator', `Score ${e.year}`, `Score ${e.year - 1}`, `Value ${e.year}`, `Value ${e.year - 1}`],
      scored.map((i) => {
        const l = lastOf.get(i.id);
        return [
          i.label,
          scoreText(i.score),
          scoreText(l?.score ?? null),
          formatValue(i),
          l ? formatValue(l) : 'Not read',
        ];
      }),
    ),
    legendOf([
      ['le', String(e.year)],
      ['last', String(e.year - 1)],
    ]),
  );
}

function headline(e: Evaluation) {
  const scored = e.indicators.filter((i) => i.score !== null).length;
  const flagged = e.selfAssessment.filter((r) => r.flagged).length;
  return el(
    'section',
    { class: 'headline', 'aria-labelledby': 'headline-heading' },
    el('h2', { id: 'headline-heading', text: `${e.areaId}, ${e.year}` }),
    el('span', {
      class: 'score',
      text: e.overallScore === null ? 'No overall score yet' : `${e.overallScore} out of 5`,
    }),
    el('p', {
      text: `The mean of ${plural(scored, 'indicator score')} and the self-assessment. ${e.indicators.length - scored} of ${e.indicators.length} indicators had nothing to measure.${flagged ? ` The two sides are far apart on ${plural(flagged, 'action')} of the self-assessment.` : ''}`,
    }),
    el('p', {
      class: 'hint',
      text: `Made ${new Date(e.generatedAt).toLocaleString('en-IE')}. Read the indicators, not only the headline: a mean hides a bad score behind good ones.`,
    }),
  );
}

function indicatorsSection(e: Evaluation) {
  return el(
    'section',
    { 'aria-labelledby': 'indicators-heading' },
    el('h2', { id: 'indicators-heading', text: 'Every indicator' }),
    tableOf(
      `The ${e.indicators.length} indicators of ${e.year}`,
      ['Indicator', 'Value', 'Score', 'What it means', 'How it is scored'],
      e.indicators.map((i) => [
        i.label,
        formatValue(i),
        scoreText(i.score),
        i.explanation,
        i.thresholds.map((t) => bandWords(t, i.unit)).join('; '),
      ]),
    ),
  );
}

function selfAssessmentSection(e: Evaluation) {
  const view = (v: { rating: keyof typeof ratingLabels; evidence: string } | null) =>
    v ? `${ratingLabels[v.rating]}${v.evidence ? ` – ${v.evidence}` : ''}` : 'Not given';
  return el(
    'section',
    { 'aria-labelledby': 'self-heading' },
    el('h2', { id: 'self-heading', text: 'Self-assessment, side by side' }),
    tableOf(
      'Table 3’s nine actions as each side rates them',
      ['Action', 'Lived-experience view', 'Provider view', 'Far apart?'],
      e.selfAssessment.map((r) => [
        actionLabels[r.action],
        view(r.livedExperience),
        view(r.provider),
        r.flagged ? el('span', { class: 'flag', text: 'Yes: two or more levels apart' }) : 'No',
      ]),
    ),
  );
}

function notesSection(e: Evaluation) {
  return el(
    'section',
    { 'aria-labelledby': 'notes-heading' },
    el('h2', { id: 'notes-heading', text: 'What to keep in mind' }),
    el('ul', {}, ...e.notes.map((n) => el('li', { text: n }))),
  );
}

function save(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function exports(e: Evaluation) {
  const base = `/api/evaluations/${encodeURIComponent(e.areaId)}/${e.year}`;
  const csv = el('button', { type: 'button', class: 'secondary', text: 'Download CSV' });
  csv.addEventListener('click', async () => {
    try {
      const res = await fetch(`${base}/evaluation.csv`, {
        headers: { authorization: `Bearer ${session()?.token ?? ''}` },
      });
      if (!res.ok) throw new Error(String(res.status));
      save(`evaluation-${e.areaId}-${e.year}.csv`, 'text/csv', await res.text());
    } catch {
      announce('The download did not work. Please try again.', 'error');
    }
  });
  const json = el('button', { type: 'button', class: 'secondary', text: 'Download JSON' });
  json.addEventListener('click', () =>
    save(`evaluation-${e.areaId}-${e.year}.json`, 'application/json', JSON.stringify(e, null, 2)),
  );
  const print = el('button', { type: 'button', class: 'secondary', text: 'Print or save as PDF' });
  print.addEventListener('click', () => window.print());
  return el('div', { class: 'exports' }, csv, json, print);
}

export function renderEvaluation(out: HTMLElement, e: Evaluation, last: Evaluation | null) {
  out.replaceChildren(
    headline(e),
    exports(e),
    el(
      'section',
      { 'aria-labelledby': 'pictures-heading' },
      el('h2', { id: 'pictures-heading', text: 'At a glance' }),
      ladderChart(e, 'sessions'),
      ladderChart(e, 'decisions'),
      samePoolChart(e),
      scoresChart(e, last),
    ),
    indicatorsSection(e),
    selfAssessmentSection(e),
    notesSection(e),
  );
}

const s = requireRole('governance', 'coordinator');
const form = document.getElementById('pick-form') as HTMLFormElement | null;
const out = document.getElementById('evaluation');

async function show(areaId: string, year: number) {
  if (!form || !out) return;
  clearErrors(form);
  const path = (y: number) => `/api/evaluations/${encodeURIComponent(areaId)}/${y}`;
  try {
    const [e, last] = await Promise.all([
      api<Evaluation>('GET', path(year)),
      api<Evaluation>('GET', path(year - 1)).catch(() => null),
    ]);
    renderEvaluation(out, e, last);
    history.replaceState(null, '', `?areaId=${encodeURIComponent(areaId)}&year=${year}`);
    document.title = `Evaluation ${areaId} ${year} – Coproduce`;
    announceToScreenReader(`The evaluation of ${areaId} for ${year} is shown.`);
  } catch (err) {
    out.replaceChildren();
    if (err instanceof ApiError && err.status === 404) {
      showErrors(form, [
        { path: 'areaId', message: `Nobody is recorded in the area ${areaId}. Check how it is spelled.` },
      ]);
    } else if (err instanceof ApiError && err.body?.issues) {
      showErrors(form, err.body.issues);
    } else announce('The evaluation could not be loaded. Please try again.', 'error');
  }
}

if (s && form) {
  const params = new URLSearchParams(location.search);
  const areaInput = form.elements.namedItem('areaId') as HTMLInputElement;
  const yearInput = form.elements.namedItem('year') as HTMLInputElement;
  areaInput.value = params.get('areaId') ?? '';
  yearInput.value = params.get('year') ?? String(new Date().getFullYear() - 1);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const issues = [];
    const areaId = areaInput.value.trim();
    const year = Number(yearInput.value);
    if (!areaId) issues.push({ path: 'areaId', message: 'Enter the area.' });
    if (!/^\d{4}$/.test(yearInput.value))
      issues.push({ path: 'year', message: 'Enter the year with four digits, like 2026.' });
    if (issues.length) showErrors(form, issues);
    else void show(areaId, year);
  });
  if (areaInput.value) void show(areaInput.value, Number(yearInput.value));
}

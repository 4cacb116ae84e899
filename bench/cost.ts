/**
 * The monthly AWS bill of a service running SESSIONS sessions of 20 attendees a month (issue 11,
 * goal 5), from what bench/workflows.ts measured per workflow on the local stack: DynamoDB capacity
 * units, function invocations and their time, events, one-time schedules, HTTP requests. The month
 * (how often each workflow happens) and the prices are written out below, so every figure in
 * docs/performance.md can be reproduced and re-priced. Printed by `npm run bench -- workflows`.
 */
import { printTable, section } from './format.js';

/**
 * us-east-1 list prices, as listed by AWS, read 2026-12-02. Re-check them before quoting a bill:
 * https://aws.amazon.com/dynamodb/pricing/on-demand/, /lambda/pricing/, /eventbridge/pricing/,
 * /sqs/pricing/, /api-gateway/pricing/. Free tiers are not applied.
 */
export const PRICES = {
  read: '2026-12-02',
  region: 'us-east-1',
  dynamoWriteRequestUnit: 0.625 / 1e6,
  dynamoReadRequestUnit: 0.125 / 1e6,
  lambdaGbSecondArm: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  eventBridgeCustomEvent: 1.0 / 1e6,
  sqsRequest: 0.4 / 1e6,
  httpApiRequest: 1.0 / 1e6,
  schedulerInvocation: 1.0 / 1e6,
} as const;

/** Every function runs with 512 MB on arm64 (infra/constructs/coproduce-function.ts). */
export const LAMBDA_GB = 0.5;

export const SESSIONS = Number(process.env.BENCH_COST_SESSIONS ?? 1000);
export const ATTENDEES = 20;
/** Requests a page load adds on the HTTP API (HTML, CSS, the shared script, the page's script); one page per workflow a person starts. */
export const PAGE_REQUESTS = 4;
/** Minutes in a 30-day month (the outbox sweeper's rate schedule fires once a minute). */
const MINUTES = 30 * 24 * 60;

export type Measured = {
  workflow: string;
  httpRequests: number;
  readUnits: number;
  writeUnits: number;
  /** Events by type (outbox items, and events a firing schedule puts on the bus). */
  events: Record<string, number>;
  /** One-time schedules created (each fires once, later). */
  schedules: number;
  invocations: Record<string, { n: number; ms: number }>;
};

/** How often each measured workflow happens in the month, and why. */
export function month(o: { heldOf20: number }): { workflow: string; times: number; why: string }[] {
  const paid = ATTENDEES - 1; // the bench's 20-person session has one provider, who is not paid
  return [
    { workflow: 'recruit a participant', times: 200, why: 'new members and staff a month' },
    { workflow: 'create a forum', times: 10, why: '' },
    { workflow: 'schedule a session, 20 invitees', times: SESSIONS, why: 'each session' },
    { workflow: 'RSVP', times: SESSIONS * ATTENDEES, why: 'every invitee answers once' },
    { workflow: 'view a session (coordinator), 20 invitees', times: SESSIONS * 5, why: '5 looks per session' },
    { workflow: 'a session reminder fires, 20 invitees', times: SESSIONS * 2, why: '48 h and 2 h before' },
    { workflow: 'record a session held, 20 attendees', times: SESSIONS, why: `${paid} paid each` },
    {
      workflow: 'record a held-payment choice (expenses-only)',
      times: SESSIONS * o.heldOf20,
      why: `${o.heldOf20} of ${paid} held in the bench's mix of benefits`,
    },
    { workflow: 'mark a payment issued', times: SESSIONS * paid, why: 'one at a time (bulk is fewer)' },
    { workflow: 'propose a decision', times: SESSIONS, why: 'one per session' },
    { workflow: 'sign a decision (provider)', times: SESSIONS * 4, why: '4 signatures before the last' },
    { workflow: 'sign it (lived experience → co-signed)', times: SESSIONS, why: 'the co-signing one' },
    { workflow: 'GET /api/audit/verify, 102 entries / 50 chains', times: 30, why: 'daily; grows with the log' },
  ];
}

type Line = { service: string; quantity: number; unit: string; usd: number };

/** The month's bill, service by service, from the measured workflows. Throws when a workflow was not measured. */
export function monthlyBill(measured: readonly Measured[], o: { heldOf20: number }) {
  const byName = new Map(measured.map((m) => [m.workflow, m]));
  let http = 0;
  let pages = 0;
  let rru = 0;
  let wru = 0;
  let events = 0;
  let paymentDue = 0;
  let schedules = 0;
  let invocations = 0;
  let gbSeconds = 0;
  const perWorkflow: { workflow: string; times: number; why: string; usd: number }[] = [];
  for (const line of month(o)) {
    const m = byName.get(line.workflow);
    if (!m) throw new Error(`cost: workflow "${line.workflow}" was not measured`);
    const ev = Object.values(m.events).reduce((a, b) => a + b, 0);
    const inv = Object.values(m.invocations).reduce((a, b) => a + b.n, 0);
    // Billed duration is rounded up to the millisecond, per invocation.
    const gbs = Object.values(m.invocations).reduce((a, b) => a + Math.ceil(b.ms) / 1000, 0) * LAMBDA_GB;
    const page = m.httpRequests > 0 ? PAGE_REQUESTS : 0;
    const due = m.events.PaymentDue ?? 0;
    const usd =
      m.readUnits * PRICES.dynamoReadRequestUnit +
      m.writeUnits * PRICES.dynamoWriteRequestUnit +
      (m.httpRequests + page) * PRICES.httpApiRequest +
      ev * PRICES.eventBridgeCustomEvent +
      3 * due * PRICES.sqsRequest +
      m.schedules * PRICES.schedulerInvocation +
      inv * PRICES.lambdaRequest +
      gbs * PRICES.lambdaGbSecondArm;
    perWorkflow.push({ ...line, usd });
    http += line.times * m.httpRequests;
    pages += line.times * page;
    rru += line.times * m.readUnits;
    wru += line.times * m.writeUnits;
    events += line.times * ev;
    paymentDue += line.times * due;
    schedules += line.times * m.schedules;
    invocations += line.times * inv;
    gbSeconds += line.times * gbs;
  }
  // Clock-driven work that does not depend on the sessions: the outbox sweeper (every minute; four
  // eventually consistent Queries on the pending shards, 0.5 RRU each when empty; ~50 ms) and the
  // hourly audit anchor (one invocation; its reads grow with the decisions, ~200 ms assumed).
  const sweeps = MINUTES;
  const anchors = MINUTES / 60;
  const fixedInvocations = sweeps + anchors;
  const fixedGbSeconds = (sweeps * 0.05 + anchors * 0.2) * LAMBDA_GB;
  const fixedRru = sweeps * 4 * 0.5 + anchors * 10;
  const lines: Line[] = [
    {
      service: 'DynamoDB on-demand writes',
      quantity: wru,
      unit: 'WRU',
      usd: wru * PRICES.dynamoWriteRequestUnit,
    },
    {
      service: 'DynamoDB on-demand reads (+ sweeper, anchor)',
      quantity: rru + fixedRru,
      unit: 'RRU',
      usd: (rru + fixedRru) * PRICES.dynamoReadRequestUnit,
    },
    {
      service: 'Lambda requests (+ sweeper, anchor)',
      quantity: invocations + fixedInvocations,
      unit: 'invocations',
      usd: (invocations + fixedInvocations) * PRICES.lambdaRequest,
    },
    {
      service: 'Lambda duration, 512 MB arm64 (+ sweeper, anchor)',
      quantity: gbSeconds + fixedGbSeconds,
      unit: 'GB-s',
      usd: (gbSeconds + fixedGbSeconds) * PRICES.lambdaGbSecondArm,
    },
    {
      service: 'EventBridge custom events',
      quantity: events,
      unit: 'events',
      usd: events * PRICES.eventBridgeCustomEvent,
    },
    {
      service: 'SQS (finance queue: send, receive, delete per PaymentDue)',
      quantity: 3 * paymentDue,
      unit: 'requests',
      usd: 3 * paymentDue * PRICES.sqsRequest,
    },
    {
      service: 'API Gateway HTTP API (API calls + page loads)',
      quantity: http + pages,
      unit: 'requests',
      usd: (http + pages) * PRICES.httpApiRequest,
    },
    {
      service: 'EventBridge Scheduler (one-time + sweeper, anchor)',
      quantity: schedules + fixedInvocations,
      unit: 'invocations',
      usd: (schedules + fixedInvocations) * PRICES.schedulerInvocation,
    },
  ];
  const total = lines.reduce((a, l) => a + l.usd, 0);
  return { lines, total, perWorkflow, http, pages, fixed: { sweeps, anchors } };
}

const usd = (n: number) => (n >= 0.01 ? `$${n.toFixed(2)}` : n === 0 ? '$0' : `$${n.toFixed(4)}`);
const qty = (n: number) => Math.round(n).toLocaleString('en-GB');

export function printMonthlyCost(measured: readonly Measured[], o: { heldOf20: number }) {
  section(
    `Monthly AWS cost: ${SESSIONS.toLocaleString('en-GB')} sessions of ${ATTENDEES} attendees (from the counts above)`,
  );
  const bill = monthlyBill(measured, o);
  console.log(
    `Prices: ${PRICES.region} list prices as listed by AWS, read ${PRICES.read} (re-check them); no free tier. Lambda 512 MB arm64,\n` +
      'its time as measured locally per invocation (DynamoDB Local is slower than DynamoDB: an upper bound); DynamoDB capacity\n' +
      'units as DynamoDB Local reports them, a transactional write counted twice. The month:\n',
  );
  const byName = new Map(measured.map((m) => [m.workflow, m]));
  printTable(
    ['workflow', 'times a month', 'RRU', 'WRU', 'calls', 'events', 'ms (Lambda)', 'each', 'a month', 'why'],
    bill.perWorkflow.map((w) => {
      const m = byName.get(w.workflow)!;
      return [
        w.workflow,
        qty(w.times),
        m.readUnits.toFixed(1),
        m.writeUnits.toFixed(1),
        String(Object.values(m.invocations).reduce((a, b) => a + b.n, 0)),
        String(Object.values(m.events).reduce((a, b) => a + b, 0)),
        Object.values(m.invocations)
          .reduce((a, b) => a + b.ms, 0)
          .toFixed(0),
        `$${(w.usd * 1000).toFixed(4)}/1000`,
        usd(w.usd * w.times),
        w.why,
      ];
    }),
  );
  console.log('');
  printTable(
    ['service', 'a month', 'unit', 'cost'],
    [...bill.lines.map((l) => [l.service, qty(l.quantity), l.unit, usd(l.usd)]), ['total', '', '', usd(bill.total)]],
  );
  console.log(
    `\nFixed part: ${qty(bill.fixed.sweeps)} outbox sweeps and ${qty(bill.fixed.anchors)} audit anchors a month (rate schedules).` +
      ' Not included: SES, CloudWatch Logs and alarms, X-Ray, KMS requests and the key, storage (DynamoDB, the bus archive, S3), Cognito, data transfer.',
  );
  return bill;
}

/**
 * The store's own limit, measured on the same DynamoDB Local in the same run: bare three-item
 * TransactWriteItems (items the size of a participant, an outbox event and an idempotency record,
 * each with its condition) at the same concurrency. A recruit is one such transaction plus HTTP, the
 * token check, validation and the relay: its rate over this is how near the stack runs to its store.
 */
async function bareTransactionRate(stack: Awaited<ReturnType<typeof startLocalStack>>, n: number, concurrency: number) {
  const { doc, table } = stack.deps.db;
  const body = JSON.stringify(participant(0));
  const latencies: number[] = [];
  let next = 0;
  const one = async () => {
    const id = ulid();
    const started = performance.now();
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: { pk: `BENCH#${id}`, sk: 'PROFILE', body, gsi1pk: 'BENCH', gsi1sk: id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: table,
              Item: {
                pk: `BENCH#OUTBOX#${id}`,
                sk: 'OUTBOX',
                body: body.slice(0, 400),
                gsi1pk: 'BENCH#PENDING',
                gsi1sk: id,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: table,
              Item: { pk: `BENCH#IDEM#${id}`, sk: 'IDEMPOTENCY', response: { status: 201, json: { id } } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    latencies.push(performance.now() - started);
  };
  const worker = async () => {
    while (next++ < n) await one();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { perSecond: n / ((performance.now() - started) / 1000), p99: percentile(latencies, 99) };
}

/**
 * Recruit throughput of the local stack: the same stack as `npm start` (DynamoDB Local in memory,
 * local bus, timers on), N POST /api/participants with bounded concurrency against 127.0.0.1, then
 * the events through the bus (ParticipantRecruited → welcome-task) and the DynamoDB requests each
 * recruit costs, counted by a middleware on the stack's DocumentClient.
 */

import { pathToFileURL } from 'node:url';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { freePort } from '../shared/local/dynamodb.js';
import { startLocalStack } from '../shared/local/stack.js';
import { countDynamoCommands } from './dynamo-counter.js';
import { fmtMs, percentile, printTable, section } from './format.js';

const RECRUITS = Number(process.env.BENCH_RECRUITS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
/** One at a time afterwards: the latency of a recruit without queueing. */
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 50);
const DEADLINE_MS = 120_000;

const groups = ['service-user', 'family-member', 'carer'];

/** A valid recruit, as the recruit form sends it. */
const participant = (i: number) => ({
  displayName: `Bench participant ${i}`,
  contact: { email: `bench-${i}@example.org`, phone: '+353 87 123 4567' },
  stakeholderGroup: i % 4 === 3 ? 'provider' : groups[i % groups.length],
  areaId: `area-${i % 5}`,
  jurisdiction: i % 2 ? 'UK' : 'IE',
  consent: {
    given: true,
    capacityConfirmed: true,
    recordedAt: '2026-01-10T10:00:00+00:00',
    scopes: ['forums', 'payments', 'decisions', 'contact'],
  },
  payment: { preference: 'ask' },
  // Providers (every fourth) answer no benefits question; the others answer it explicitly.
  benefits: i % 4 === 3 ? [] : i % 2 ? [{ scheme: 'NONE' as const }] : [{ scheme: 'IE.DA', since: '2024-05-01' }],
});

type Counts = Record<string, number>;

export async function run() {
  section(`Local stack: recruit throughput (${RECRUITS} × POST /api/participants, concurrency ${CONCURRENCY})`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamodbPort = await freePort();
  const bootStarted = performance.now();
  const stack = await startLocalStack({ port: 0, dynamodbPort, timers: true });
  const bootMs = performance.now() - bootStarted;
  const deadline = setTimeout(() => {
    console.log(`recruit-load: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    console.log(`stack ready in ${fmtMs(bootMs)} (DynamoDB Local in memory on 127.0.0.1:${dynamodbPort}, timers on)`);

    const counter = countDynamoCommands(stack.deps.db.doc);
    const counts: Counts = counter.counts;

    const token = await stack.token({ sub: `bench-coordinator-${ulid()}`, groups: ['coordinator'] });
    const recruit = async (i: number) => {
      const started = performance.now();
      const res = await fetch(`${stack.url}/api/participants`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          // As the recruit form does: one key per submission.
          'idempotency-key': `bench-${i}-${ulid()}`,
        },
        body: JSON.stringify(participant(i)),
      });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - started };
    };
    const fire = async (from: number, n: number, concurrency = CONCURRENCY) => {
      const latencies: number[] = [];
      const statuses: Counts = {};
      let next = from;
      const worker = async () => {
        while (next < from + n) {
          const r = await recruit(next++);
          latencies.push(r.ms);
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
      return { latencies, statuses, ms: performance.now() - started, n, concurrency };
    };

    // Warm-up (JIT, connections, first writes), not counted.
    await fire(0, WARMUP);
    await stack.settle();
    await bareTransactionRate(stack, WARMUP, CONCURRENCY);
    const floor = await bareTransactionRate(stack, RECRUITS, CONCURRENCY);

    // Background: what the timers (relay every 100 ms, scheduler, periodic functions) cost while idle.
    counter.start();
    const idleStarted = performance.now();
    // Two sweeper periods (5 s each) and the scheduler's ticks: the background rate of an idle stack.
    await new Promise((r) => setTimeout(r, 10_000));
    const idleSeconds = (performance.now() - idleStarted) / 1000;
    const idleRequests = counter.total();
    const idleQueries = counter.counts.QueryCommand ?? 0;
    counter.reset();

    const deliveredBefore = stack.bus.delivered.length;
    const loadStarted = performance.now();
    const loaded = await fire(WARMUP, RECRUITS);
    const { latencies, statuses } = loaded;
    const loadMs = performance.now() - loadStarted;
    await stack.settle();
    const settledMs = performance.now() - loadStarted;
    counter.stop();

    const delivered = stack.bus.delivered.slice(deliveredBefore);
    const recruited = delivered.filter((d) => d.detailType === 'ParticipantRecruited');
    const welcome = recruited.filter((d) => d.subscription.startsWith('welcome-task:'));
    const ok = statuses[201] ?? 0;

    const sequential = SEQUENTIAL > 0 ? await fire(WARMUP + RECRUITS, SEQUENTIAL, 1) : undefined;
    await stack.settle();
    const row = (r: Awaited<ReturnType<typeof fire>>) => [
      String(r.concurrency),
      String(r.n),
      String(r.statuses[201] ?? 0),
      Object.entries(r.statuses)
        .filter(([s]) => s !== '201')
        .map(([s, n]) => `${s}×${n}`)
        .join(' ') || '0',
      (r.n / (r.ms / 1000)).toFixed(1),
      fmtMs(percentile(r.latencies, 50)),
      fmtMs(percentile(r.latencies, 95)),
      fmtMs(percentile(r.latencies, 99)),
      fmtMs(Math.max(...r.latencies)),
    ];
    printTable(
      ['concurrency', 'requests', '201', 'other', 'req/s', 'p50', 'p95', 'p99', 'max'],
      [row(loaded), ...(sequential ? [row(sequential)] : [])],
    );

    const rps = RECRUITS / (loadMs / 1000);
    const p99 = percentile(latencies, 99);
    // What the recruits caused. The idle timers only Query (sweeps, scheduler ticks) and a recruit
    // never does: then every other command in the window is a recruit's, counted exactly, and the
    // window's Queries are checked against the idle rate. Otherwise fall back to subtracting the
    // idle rate from everything (an estimate).
    const background = (idleRequests / idleSeconds) * (settledMs / 1000);
    const windowQueries = counter.counts.QueryCommand ?? 0;
    const expectedQueries = (idleQueries / idleSeconds) * (settledMs / 1000);
    const timersOnlyQuery = idleRequests === idleQueries;
    const perRecruit = timersOnlyQuery
      ? (counter.total() - windowQueries) / Math.max(ok, 1)
      : Math.max(0, counter.total() - background) / Math.max(ok, 1);
    const extraQueriesPerRecruit = Math.max(0, windowQueries - expectedQueries) / Math.max(ok, 1);
    console.log('\nGoals (issue 11, goal 3), measured side by side in this run:');
    printTable(
      ['figure', 'measured', 'floor', 'ratio', 'goal', 'met'],
      [
        [
          `recruits/s at ${CONCURRENCY} clients`,
          rps.toFixed(1),
          `${floor.perSecond.toFixed(1)} bare 3-item TransactWriteItems/s`,
          (rps / floor.perSecond).toFixed(2),
          '≥ 0.50 × floor',
          rps / floor.perSecond >= 0.5 ? 'yes' : 'NO',
        ],
        [
          'p99 latency',
          fmtMs(p99),
          `${fmtMs(floor.p99)} bare`,
          (p99 / floor.p99).toFixed(2),
          '≤ 250 ms',
          p99 <= 250 ? 'yes' : 'NO',
        ],
        [
          timersOnlyQuery
            ? "DynamoDB requests per recruit, consumers included (all but the timers' Queries, counted)"
            : 'DynamoDB requests per recruit, consumers included (idle timers subtracted: an estimate)',
          perRecruit.toFixed(2),
          '1 (the transaction)',
          perRecruit.toFixed(2),
          '≤ 3',
          perRecruit <= 3 ? 'yes' : 'NO',
        ],
        ...(timersOnlyQuery
          ? [
              [
                "Queries per recruit above the idle timers' rate (a recruit should cause none)",
                extraQueriesPerRecruit.toFixed(2),
                `${windowQueries} in the window, ${expectedQueries.toFixed(0)} expected idle`,
                '',
                "≈ 0 (noise: the sweeper's period)",
                extraQueriesPerRecruit < 0.1 ? 'yes' : 'NO',
              ],
            ]
          : []),
      ],
    );
    console.log(
      `\nBus: ${recruited.length} ParticipantRecruited deliveries (${welcome.length} to welcome-task; ${
        stack.bus.deadLetters.length
      } dead letters) — all settled ${fmtMs(settledMs)} after the first request: ${(
        welcome.length / (settledMs / 1000)
      ).toFixed(1)} events/s end to end (requests took ${fmtMs(loadMs)}, the outbox drained ${fmtMs(
        settledMs - loadMs,
      )} later)`,
    );
    const bySubscription = new Map<string, number>();
    for (const d of delivered) bySubscription.set(d.subscription, (bySubscription.get(d.subscription) ?? 0) + 1);
    if ([...bySubscription.keys()].some((s) => !s.startsWith('welcome-task:'))) {
      console.log(`     all deliveries in the window: ${[...bySubscription].map(([s, n]) => `${s} ${n}`).join(', ')}`);
    }

    const total = counter.total();
    console.log(
      `\nDynamoDB requests on the stack's DocumentClient from the first request until settled (${total} in all):`,
    );
    printTable(
      ['command', 'count', 'per recruit'],
      Object.entries(counts)
        .sort((a, b) => b[1] - a[1])
        .map(([name, n]) => [name, String(n), (n / Math.max(ok, 1)).toFixed(2)]),
    );
    console.log(
      `  total per recruit: ${(total / Math.max(ok, 1)).toFixed(2)}: the recruit's transaction, the relay marking its event sent (the stream hands it the event: no read), the welcome task's put. Queries are the sweeper's safety-net sweeps (one per outbox shard a second) and the scheduler's ticks. Idle, the timers issue ${(
        idleRequests / idleSeconds
      ).toFixed(1)} requests/s.`,
    );
    return {
      recruits: RECRUITS,
      ok,
      rps,
      floorPerSecond: floor.perSecond,
      sequentialP50: sequential ? percentile(sequential.latencies, 50) : undefined,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      eventsPerSecond: welcome.length / (settledMs / 1000),
      dynamoPerRecruit: total / Math.max(ok, 1),
      counts,
    };
  } finally {
    clearTimeout(deadline);
    await stack.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
  process.exit(0);
}

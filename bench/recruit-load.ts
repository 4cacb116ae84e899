/**
 * Recruit throughput of the local stack: the same stack as `npm start` (DynamoDB Local in memory,
 * local bus, timers on), N POST /api/participants with bounded concurrency against 127.0.0.1, then
 * the events through the bus (ParticipantRecruited → welcome-task) and the DynamoDB requests each
 * recruit costs, counted by a middleware on the stack's DocumentClient.
 */

import { pathToFileURL } from 'node:url';
import { ulid } from 'ulid';
import { freePort } from '../shared/local/dynamodb.js';
import { startLocalStack } from '../shared/local/stack.js';
import { countDynamoCommands } from './dynamo-counter.js';
import { fmtMs, percentile, printTable, section } from './format.js';

const RECRUITS = Number(process.env.BENCH_RECRUITS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
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
  benefits: i % 2 ? [] : [{ scheme: 'IE.DA', since: '2024-05-01' }],
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

    // Background: what the timers (relay every 100 ms, scheduler, periodic functions) cost while idle.
    counter.start();
    const idleStarted = performance.now();
    await new Promise((r) => setTimeout(r, 1000));
    const idleSeconds = (performance.now() - idleStarted) / 1000;
    const idleRequests = counter.total();
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
      `  total per recruit: ${(total / Math.max(ok, 1)).toFixed(2)}. Queries are the relay's sweeps (one per outbox shard) and the scheduler's ticks; a busy relay sweeps once for many items. Idle, the timers issue ${(
        idleRequests / idleSeconds
      ).toFixed(1)} requests/s.`,
    );
    return {
      recruits: RECRUITS,
      ok,
      rps: RECRUITS / (loadMs / 1000),
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

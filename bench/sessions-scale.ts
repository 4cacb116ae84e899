/**
 * Sessions at scale through the local stack (issue 11, goals 2 and 4), each figure next to its goal:
 *   - DynamoDB requests per scheduled session (the request, through the HTTP API) for 10 and 100
 *     invitees who all have benefits (so every one is projected) and another session that week (so
 *     the clash and projection reads find something): bounded, not one or two per invitee;
 *   - the time from `POST /api/sessions/{id}/held` to the last payment readable (every payment item
 *     found by a strongly consistent BatchGet, polled every 25 ms (250 ms for 500) while the stack relays and
 *     consumes on its own) for 50 and 500 attendees: ≤ 1 s and ≤ 10 s.
 * DynamoDB Local in memory, timers off, a fixed clock; requests counted by a middleware on the
 * stack's DocumentClient. Not part of `npm test`; no test asserts these times.
 *
 *   npx tsx bench/sessions-scale.ts            (or: npm run bench -- sessions-scale)
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { planSession, sessionWrites } from '../shared/forums/app/scheduling.js';
import { SessionInput } from '../shared/forums/domain/commands.js';
import { fixedClock } from '../shared/kernel/clock.js';
import { freePort, localClient } from '../shared/local/dynamodb.js';
import { startLocalStack } from '../shared/local/stack.js';
import { paymentKey } from '../shared/payments/adapters/payments-repo.js';
import { paymentIdFor } from '../shared/payments/domain/payments.js';
import { batchGetAll, transact } from '../shared/runtime/store/db.js';
import { forumBody, participantBody, sessionBody } from '../test/support/fixtures.js';
import { countDynamoCommands } from './dynamo-counter.js';
import { fmtMs, printTable, section } from './format.js';

const DEADLINE_MS = 300_000;
const PEOPLE = 500;
const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const SHORT: Record<string, string> = {
  GetItemCommand: 'Get',
  BatchGetItemCommand: 'BGet',
  QueryCommand: 'Query',
  TransactWriteItemsCommand: 'TxW',
  PutItemCommand: 'Put',
  UpdateItemCommand: 'Upd',
  DeleteItemCommand: 'Del',
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function inParallel<T, R>(items: readonly T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

export async function run() {
  section('Local stack: sessions at scale (requests per scheduled session; held → last payment readable)');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const dynamodbPort = await freePort();
  const stack = await startLocalStack({ port: 0, dynamodbPort, timers: false, clock, log: () => {} });
  const deadline = setTimeout(() => {
    console.log(`sessions-scale: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    const counter = countDynamoCommands(stack.deps.db.doc);
    const coordinator = await stack.token({ sub: 'bench-coordinator', groups: ['coordinator'] });
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${stack.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${coordinator}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as any;
      if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
      return json;
    };

    // The scene: 500 people with lived experience and Disability Allowance (each one projected), no
    // email (invitations are not also 500 messages), one area forum.
    const t0 = performance.now();
    const people = await inParallel(
      Array.from({ length: PEOPLE }, (_, i) => i),
      8,
      async (i) =>
        (
          await call(
            'POST',
            '/api/participants',
            participantBody({ displayName: `Bench member ${i}`, contact: { phone: '+353 87 123 4567' } }),
          )
        ).participantId as string,
    );
    const forumId = (await call('POST', '/api/forums', forumBody({ level: 'area', name: 'Bench area forum' })))
      .forumId as string;
    const schedule = (invitees: string[], startsAt: string) =>
      call(
        'POST',
        `/api/forums/${forumId}/sessions`,
        sessionBody(invitees, { startsAt, endsAt: iso(Date.parse(startsAt) + 2 * HOUR) }),
      );
    // Everyone already has a session that week, so clash and projection reads find one each.
    await schedule(people, '2026-03-10T10:00:00+00:00');
    await stack.settle();
    console.log(`${PEOPLE} participants and a ${PEOPLE}-invitee session set up in ${fmtMs(performance.now() - t0)}`);

    // ---- Requests per scheduled session ---------------------------------------------------------
    // The scheduling use case as forums-api runs it (planSession, sessionWrites, then the final
    // transaction), on a DocumentClient of its own: the local stack starts relaying and consuming
    // as soon as a transaction with events commits, on its client, and that is not this request.
    const own = DynamoDBDocumentClient.from(localClient(`http://127.0.0.1:${dynamodbPort}`), {
      marshallOptions: { removeUndefinedValues: true },
    });
    const db = { doc: own, table: stack.deps.db.table };
    const ownCounter = countDynamoCommands(own);
    const scheduleRows: string[][] = [];
    for (const n of [10, 100]) {
      await stack.settle();
      ownCounter.reset();
      ownCounter.start();
      const t = performance.now();
      const input = SessionInput.parse(
        sessionBody(people.slice(0, n), { startsAt: '2026-03-11T14:00:00+00:00', endsAt: '2026-03-11T16:00:00+00:00' }),
      );
      const plan = await planSession(forumId, input, { db, clock });
      await transact(db, await sessionWrites(plan, { db }));
      const ms = performance.now() - t;
      ownCounter.stop();
      const byCommand = Object.entries(ownCounter.counts)
        .map(([k, v]) => `${SHORT[k] ?? k} ${v}`)
        .join(', ');
      const queries = ownCounter.counts.QueryCommand ?? 0;
      scheduleRows.push([
        `schedule a session, ${n} invitees`,
        String(ownCounter.total()),
        byCommand,
        String(queries),
        `${(ownCounter.total() / n).toFixed(2)}`,
        fmtMs(ms),
        `${plan.warnings.length} warnings (${plan.warnings.filter((w) => w.kind === 'clash').length} clashes)`,
        load(),
      ]);
    }
    await stack.settle();
    console.log(
      '\nGoal (issue 11.4): clash and benefit-projection reads for all invitees in a bounded number of requests, not one or two per invitee.',
    );
    printTable(
      [
        'workflow (the request only)',
        'requests',
        'by command',
        'Queries',
        'per invitee',
        'time',
        'answer',
        'load average',
      ],
      scheduleRows,
    );

    // ---- Held → last payment readable -----------------------------------------------------------
    const heldRows: string[][] = [];
    const goals: Record<number, number> = { 50: 1_000, 500: 10_000 };
    let day = 16;
    for (const n of [50, 500]) {
      clock.set('2026-03-02T09:00:00.000Z');
      const startsAt = `2026-03-${String(day).padStart(2, '0')}T10:00:00+00:00`;
      day += 7; // a week apart: each session's payments fall in a fresh weekly period
      const invitees = people.slice(0, n);
      const { sessionId } = await schedule(invitees, startsAt);
      await stack.settle();
      clock.set(iso(Date.parse(startsAt) + 3 * HOUR));
      const keys = invitees.map((p) => paymentKey(paymentIdFor(sessionId, p)));
      const body = { attendance: invitees.map((participantId) => ({ participantId, hours: 2 })) };
      counter.reset();
      counter.start();
      const t = performance.now();
      await call('POST', `/api/sessions/${sessionId}/held`, body);
      const answered = performance.now() - t;
      // The local stack relays each committed outbox item at once (as the table stream does): poll the
      // payments, without waiting for the rest of what the events cause (finance deliveries, notices).
      let found = 0;
      const until = performance.now() + 120_000;
      while (found < n && performance.now() < until) {
        found = (await batchGetAll(db, keys)).size; // on the bench's own client: not counted
        // Poll gently: each poll is n/100 BatchGets on the same DynamoDB Local.
        if (found < n) await new Promise((r) => setTimeout(r, Math.max(25, n / 2)));
      }
      const ms = performance.now() - t;
      await stack.settle();
      counter.stop();
      if (found < n) throw new Error(`only ${found} of ${n} payments readable`);
      heldRows.push([
        `record held, ${n} attendees`,
        fmtMs(answered),
        fmtMs(ms),
        `≤ ${fmtMs(goals[n]!)}`,
        `${(ms / goals[n]!).toFixed(2)}×`,
        ms <= goals[n]! ? 'met' : 'NOT MET',
        `${counter.total()} (${(counter.total() / n).toFixed(1)} per attendee)`,
        load(),
      ]);
    }
    console.log(
      '\nGoal (issue 11.2): from POST …/held to the last payment readable, ≤ 1 s for 50 attendees and ≤ 10 s for 500 (on a quiet 2-core machine: see the load average).',
    );
    printTable(
      [
        'workflow',
        '202 after',
        'last payment readable',
        'goal',
        'of goal',
        '',
        'DynamoDB requests (all)',
        'load average',
      ],
      heldRows,
    );
    if (stack.bus.deadLetters.length > 0) {
      throw new Error(`dead letters: ${stack.bus.deadLetters.map((d) => `${d.subscription}: ${d.reason}`).join('; ')}`);
    }
    return { schedule: scheduleRows, held: heldRows };
  } finally {
    clearTimeout(deadline);
    await stack.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
  process.exit(0);
}

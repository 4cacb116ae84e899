/**
 * Remuneration through the local stack: a held session with 50 lived-experience attendees (a mix
 * of Irish benefit schemes and preferences) published as SessionHeld on the local bus, consumed by
 * remunerate-attendance, its PaymentDue/PaymentHeld relayed from the outbox. Prints payments per
 * second and the DynamoDB requests per attendee (counted by a middleware on the stack's
 * DocumentClient), and what a duplicate delivery costs. Not part of `npm test`.
 *
 *   npx tsx bench/remuneration.ts            (or: npm run bench -- remuneration)
 */

import { pathToFileURL } from 'node:url';
import { ulid } from 'ulid';
import { buildEvent, SessionHeld } from '../events/index.js';
import { freePort } from '../shared/local/dynamodb.js';
import { startLocalStack } from '../shared/local/stack.js';
import { countDynamoCommands } from './dynamo-counter.js';
import { fmtMs, median, printTable, section } from './format.js';

const ATTENDEES = Number(process.env.BENCH_ATTENDEES ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DEADLINE_MS = 180_000;

const mixes = [
  { benefits: [{ scheme: 'IE.DA' }], preference: 'ask' },
  { benefits: [{ scheme: 'NONE' }], preference: 'ask' },
  { benefits: [{ scheme: 'IE.CA', otherWeeklyIncomeMinor: 20000 }], preference: 'ask' },
  { benefits: [{ scheme: 'IE.JA', otherDaysWorked: 1 }], preference: 'expenses-only' },
  { benefits: [{ scheme: 'IE.JB' }], preference: 'ask' },
  { benefits: [{ scheme: 'IE.DA' }], preference: 'full' },
  { benefits: [{ scheme: 'IE.PCB' }], preference: 'ask' },
  { benefits: [{ scheme: 'IE.IB', permissionRecorded: true, weeklyLimitMinor: 5000 }], preference: 'decline' },
];

const participant = (i: number) => ({
  displayName: `Bench attendee ${i}`,
  stakeholderGroup: 'service-user',
  areaId: 'bench-area',
  jurisdiction: 'IE',
  consent: {
    given: true,
    capacityConfirmed: true,
    recordedAt: '2026-01-10T10:00:00+00:00',
    scopes: ['forums', 'payments'],
  },
  payment: { preference: mixes[i % mixes.length]!.preference },
  benefits: mixes[i % mixes.length]!.benefits,
});

export async function run() {
  section(`Local stack: remuneration of a held session (${ATTENDEES} attendees, ${ROUNDS} sessions)`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamodbPort = await freePort();
  const stack = await startLocalStack({ port: 0, dynamodbPort, timers: false });
  const deadline = setTimeout(() => {
    console.log(`remuneration: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    console.log(`DynamoDB Local in memory on 127.0.0.1:${dynamodbPort}; relay driven by the bus (timers off)`);
    const counter = countDynamoCommands(stack.deps.db.doc);
    const { counts } = counter;

    const token = await stack.token({ sub: 'bench-coordinator', groups: ['coordinator'] });
    const ids: string[] = [];
    for (let i = 0; i < ATTENDEES; i++) {
      const res = await fetch(`${stack.url}/api/participants`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(participant(i)),
      });
      ids.push(((await res.json()) as { participantId: string }).participantId);
    }
    await stack.settle();

    const session = (round: number) => {
      const sessionId = ulid();
      // One session a week, Mondays from 4 May 2026: 3 hours at €25 (€75) — some fit, some are held.
      const day = new Date(Date.UTC(2026, 4, 4 + 7 * round)).toISOString().slice(0, 10);
      return buildEvent(
        SessionHeld,
        {
          sessionId,
          forumId: 'bench-forum',
          heldOn: day,
          startsAt: `${day}T18:00:00+01:00`,
          hourlyRateMinor: 2500,
          currency: 'EUR',
          attendance: ids.map((participantId, i) => ({
            participantId,
            hours: 3,
            expensesMinor: i % 3 === 0 ? 1240 : 0,
            walkIn: false,
          })),
        },
        { idempotencyKey: `session-held:${sessionId}`, occurredAt: `${day}T21:00:00+01:00` },
      );
    };
    const consumed = (eventId: string) =>
      stack.bus.delivered.some((d) => d.eventId === eventId && d.subscription === 'remunerate-attendance:SessionHeld');

    /** Publish and time: until the consumer has written every payment, and until the outbox has drained. */
    const deliver = async (event: ReturnType<typeof session>) => {
      counter.reset();
      counter.start();
      const t0 = performance.now();
      await stack.bus.publish([event]);
      while (!consumed(event.eventId)) await new Promise((r) => setImmediate(r));
      const consumerMs = performance.now() - t0;
      await stack.settle();
      const settledMs = performance.now() - t0;
      counter.stop();
      return { consumerMs, settledMs, counts: { ...counts } };
    };

    await deliver(session(0)); // warm-up (JIT, connections)
    const rounds = [];
    for (let r = 1; r <= ROUNDS; r++) rounds.push(await deliver(session(r)));
    const duplicateOf = session(ROUNDS + 1);
    await deliver(duplicateOf);
    const duplicate = await deliver(duplicateOf);
    if (stack.bus.deadLetters.length > 0) throw new Error(`${stack.bus.deadLetters.length} dead letters`);

    const per = (n: number) => (n / ATTENDEES).toFixed(2);
    printTable(
      ['session', 'consumer', 'payments/s', 'settled', 'BatchGetItem', 'TransactWriteItems', 'other', 'all / attendee'],
      rounds.map((r, i) => {
        const batch = r.counts.BatchGetItemCommand ?? 0;
        const tx = r.counts.TransactWriteItemsCommand ?? 0;
        const all = Object.values(r.counts).reduce((a, b) => a + b, 0);
        return [
          String(i + 1),
          fmtMs(r.consumerMs),
          (ATTENDEES / (r.consumerMs / 1000)).toFixed(0),
          fmtMs(r.settledMs),
          String(batch),
          String(tx),
          String(all - batch - tx),
          per(all),
        ];
      }),
    );
    const medianConsumer = median(rounds.map((r) => r.consumerMs));
    const tx = median(rounds.map((r) => r.counts.TransactWriteItemsCommand ?? 0));
    const batch = median(rounds.map((r) => r.counts.BatchGetItemCommand ?? 0));
    const other = Object.entries(rounds[0]!.counts)
      .filter(([k]) => k !== 'TransactWriteItemsCommand' && k !== 'BatchGetItemCommand')
      .map(([k, n]) => `${k.replace('Command', '')} ${n}`)
      .join(', ');
    console.log(
      `\nmedian: ${(ATTENDEES / (medianConsumer / 1000)).toFixed(0)} payments/s (consumer ${fmtMs(medianConsumer)} for ${ATTENDEES}); ` +
        `the consumer issues ${per(tx)} TransactWriteItems and ${per(batch)} BatchGetItem per attendee ` +
        `(${batch} BatchGets for the whole session: participants + existing payments, then ledgers).`,
    );
    console.log(
      `"other" is the outbox relay (${other}): a sweep Query per shard and one UpdateItem per event marked sent.`,
    );
    console.log(
      `A duplicate delivery of a processed session: ${Object.entries(duplicate.counts)
        .map(([k, n]) => `${k.replace('Command', '')} ${n}`)
        .join(', ')} — no writes.`,
    );
    return {
      attendees: ATTENDEES,
      paymentsPerSecond: ATTENDEES / (medianConsumer / 1000),
      transactWritesPerAttendee: tx / ATTENDEES,
      batchGetsPerAttendee: batch / ATTENDEES,
      duplicate: duplicate.counts,
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

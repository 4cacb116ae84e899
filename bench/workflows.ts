/**
 * DynamoDB requests per user workflow: each workflow is driven through the real HTTP API of the
 * local stack (DynamoDB Local in memory, timers off, a fixed clock), and every command sent on
 * the stack's DocumentClients (`deps.db.doc` and `deps.auditDb.doc`) is counted by a middleware.
 * Each workflow is split into
 *   - the request itself: from the request until the API function has answered, and
 *   - downstream: what its events cause (the relay marking each outbox item sent, and every
 *     consumer the events reach, recursively), until `stack.settle()` returns.
 * The local relay's sweep Queries (AWS relays from the table stream) and the local scheduler's
 * items (EventBridge Scheduler in AWS) are counted apart, as "local only": they do not carry over.
 * Each workflow is then repeated (same Idempotency-Key, same answer, same attendance) to show what
 * a duplicate costs. Not part of `npm test`.
 *
 *   npx tsx bench/workflows.ts            (or: npm run bench -- workflows)
 */
import { pathToFileURL } from 'node:url';
import { ulid } from 'ulid';
import { fixedClock } from '../shared/kernel/clock.js';
import { freePort } from '../shared/local/dynamodb.js';
import { startLocalStack } from '../shared/local/stack.js';
import { forumBody, participantBody, sessionBody } from '../test/support/fixtures.js';
import { fmtMs, printTable, section } from './format.js';

const DEADLINE_MS = 90_000;
/** Chains (decisions) in the audit log at each GET /api/audit/verify after the first. */
const VERIFY_CHAINS = (process.env.BENCH_VERIFY_CHAINS ?? '10,50').split(',').map(Number);

/** The commands a workflow may cost, in the order the table prints them. */
const COMMANDS = ['GetItem', 'BatchGetItem', 'Query', 'TransactWriteItems', 'PutItem', 'UpdateItem', 'DeleteItem'];
const SHORT: Record<string, string> = {
  GetItem: 'Get',
  BatchGetItem: 'BGet',
  Query: 'Query',
  TransactWriteItems: 'TxW',
  PutItem: 'Put',
  UpdateItem: 'Upd',
  DeleteItem: 'Del',
};

type Counts = Record<string, number>;
type Phase = 'off' | 'request' | 'downstream';
type Tally = {
  request: Counts;
  /** The relay marking outbox items sent (one UpdateItem per event; the same in AWS). */
  relay: Counts;
  consumers: Counts;
  /** The local relay's sweep Queries and the local scheduler's items: not DynamoDB requests in AWS. */
  localOnly: Counts;
  /** Commands that read or wrote the audit table, by command (a transaction counts if any item is there). */
  audit: Counts;
  /** Items in the TransactWriteItems (DynamoDB allows at most 100 in one). */
  txItems: { request: number; downstream: number };
};
type Row = {
  workflow: string;
  status: number;
  tally: Tally;
  events: string[];
  ms: number;
};

const emptyTally = (): Tally => ({
  request: {},
  relay: {},
  consumers: {},
  localOnly: {},
  audit: {},
  txItems: { request: 0, downstream: 0 },
});
const sum = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0);
const add = (c: Counts, k: string) => {
  c[k] = (c[k] ?? 0) + 1;
};
/** A key attribute as the middleware sees it: plain (before marshalling) or `{ S: ... }` (after). */
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof (v as { S?: unknown })?.S === 'string' ? (v as { S: string }).S : undefined;

export async function run() {
  section('Local stack: DynamoDB requests per workflow (through the HTTP API; timers off)');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const started = performance.now();
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const dynamodbPort = await freePort();

  let phase: Phase = 'off';
  const busLines: string[] = [];
  const stack = await startLocalStack({
    port: 0,
    dynamodbPort,
    timers: false,
    clock,
    // The server logs `http: …` after it has written the response and before it kicks the relay:
    // everything counted after that line is downstream, whatever the client has seen so far.
    log: (line) => {
      if (phase === 'request' && line.startsWith('http: ')) phase = 'downstream';
      if (phase === 'downstream' && line.startsWith('bus: ')) busLines.push(line);
    },
  });
  const deadline = setTimeout(() => {
    console.log(`workflows: gave up after ${DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, DEADLINE_MS);
  try {
    const { main: mainTable, audit: auditTable } = stack.tables;
    console.log(
      `DynamoDB Local in memory on 127.0.0.1:${dynamodbPort}; stack ready in ${fmtMs(performance.now() - started)}`,
    );

    // ---- Counting ------------------------------------------------------------------------------
    let tally = emptyTally();
    const scans: string[] = [];
    const count = (name: string, input: Record<string, any>) => {
      if (phase === 'off') return;
      if (name === 'Scan') scans.push(`${phase}: Scan on ${input.TableName}`);
      // Which tables the command touches (the audit table is counted apart as well).
      const txItems = (input.TransactItems ?? []) as Record<string, { TableName?: string }>[];
      const onAudit =
        input.TableName === auditTable ||
        input.RequestItems?.[auditTable] !== undefined ||
        txItems.some((t) => Object.values(t)[0]?.TableName === auditTable);
      if (onAudit) add(tally.audit, name);
      tally.txItems[phase] += txItems.length;
      if (phase === 'request') return add(tally.request, name);
      const pk = str(input.Key?.pk) ?? str(input.Item?.pk) ?? '';
      const gsiPk = str(input.ExpressionAttributeValues?.[':pk']) ?? '';
      if (name === 'Query' && gsiPk.startsWith('OUTBOX#PENDING#')) return add(tally.localOnly, 'sweep Query');
      if (pk.startsWith('LOCALSCHEDULE#') || gsiPk === 'LOCALSCHEDULES')
        return add(tally.localOnly, `scheduler ${name}`);
      if (name === 'UpdateItem' && pk.startsWith('OUTBOX#') && input.TableName === mainTable) {
        return add(tally.relay, name);
      }
      add(tally.consumers, name);
    };
    // Both DocumentClients; locally they are one client (one middleware stack), so count each stack once.
    const stacks = new Set([stack.deps.db.doc.middlewareStack, stack.deps.auditDb.doc.middlewareStack]);
    for (const ms of stacks) {
      ms.add(
        (next, ctx) => async (args) => {
          count((ctx.commandName ?? 'unknown').replace(/Command$/, ''), (args.input ?? {}) as Record<string, any>);
          return next(args);
        },
        { step: 'initialize', name: 'benchCountWorkflowCommands' },
      );
    }
    const sameClient = stacks.size === 1;

    // ---- HTTP ----------------------------------------------------------------------------------
    const call = async (
      method: string,
      path: string,
      o: { token: string; body?: unknown; key?: string } = { token: '' },
    ): Promise<{ status: number; json: any }> => {
      const res = await fetch(`${stack.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${o.token}`,
          ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(o.key ? { 'idempotency-key': o.key } : {}),
        },
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
      });
      const text = await res.text();
      return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : text };
    };
    /** A call that is not measured (setting the scene), settled before the next step. */
    const setup = async (method: string, path: string, o: { token: string; body?: unknown; key?: string }) => {
      const r = await call(method, path, o);
      if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status}: ${JSON.stringify(r.json)}`);
      return r.json;
    };

    const rows: Row[] = [];
    const measure = async (
      workflow: string,
      method: string,
      path: string,
      o: { token: string; body?: unknown; key?: string },
      expect: number[],
    ) => {
      await stack.settle();
      tally = emptyTally();
      busLines.length = 0;
      const t0 = performance.now();
      phase = 'request';
      const r = await call(method, path, o);
      phase = 'downstream'; // (already, unless the server logged nothing)
      await stack.settle();
      const ms = performance.now() - t0;
      phase = 'off';
      if (!expect.includes(r.status)) {
        throw new Error(
          `${workflow}: ${method} ${path} → ${r.status} (expected ${expect.join('/')}): ${JSON.stringify(r.json)}`,
        );
      }
      // "bus: PaymentDue <id> → remunerate…, finance-webhook:PaymentDue": count per type, list consumers.
      const byType = new Map<string, { n: number; to: Set<string> }>();
      for (const line of busLines) {
        const m = /^bus: (\S+) \S+ → (.*)$/.exec(line);
        if (!m) continue;
        const e = byType.get(m[1]!) ?? { n: 0, to: new Set<string>() };
        e.n++;
        for (const s of m[2]!.split(', ')) if (s !== '(no rule)') e.to.add(s.split(':')[0]!);
        byType.set(m[1]!, e);
      }
      const events = [...byType].map(
        ([t, e]) => `${e.n > 1 ? `${e.n}× ` : ''}${t}${e.to.size ? ` → ${[...e.to].join(', ')}` : ''}`,
      );
      rows.push({ workflow, status: r.status, tally, events, ms });
      return r.json;
    };

    // ---- The people ----------------------------------------------------------------------------
    const coordinator = await stack.token({ sub: 'bench-coordinator', groups: ['coordinator'] });
    const finance = await stack.token({ sub: 'bench-finance', groups: ['finance'] });
    const governance = await stack.token({ sub: 'bench-governance', groups: ['governance'] });
    const member = (participantId: string) =>
      stack.token({ sub: `bench-member-${participantId}`, groups: ['member'], participantId });

    // 1. Recruit (as the recruit form sends it: one Idempotency-Key per submission).
    const recruitKey = `recruit-${ulid()}`;
    const recruitBody = participantBody({ displayName: 'Bench recruit' });
    await measure(
      'recruit a participant',
      'POST',
      '/api/participants',
      { token: coordinator, body: recruitBody, key: recruitKey },
      [201],
    );
    await measure(
      '  repeated (same Idempotency-Key)',
      'POST',
      '/api/participants',
      { token: coordinator, body: recruitBody, key: recruitKey },
      [201],
    );

    // Setting the scene: 20 people with lived experience in Ireland (a mix of benefits) and one provider.
    const benefitMix = [
      [{ scheme: 'NONE' }],
      [{ scheme: 'IE.JB', since: '2025-06-01' }],
      [{ scheme: 'IE.DA', since: '2024-05-01' }],
      [{ scheme: 'IE.CA', since: '2024-05-01' }],
    ];
    const lived: string[] = [];
    for (let i = 0; i < 20; i++) {
      const body = participantBody({ displayName: `Bench member ${i}`, benefits: benefitMix[i % benefitMix.length] });
      lived.push((await setup('POST', '/api/participants', { token: coordinator, body })).participantId);
    }
    const provider = (
      await setup('POST', '/api/participants', {
        token: coordinator,
        body: participantBody({ displayName: 'Bench provider', stakeholderGroup: 'provider', benefits: [] }),
      })
    ).participantId as string;
    await stack.settle();

    // 2. Create a forum.
    const forumKey = `forum-${ulid()}`;
    const forum = forumBody();
    const forumId = (
      await measure('create a forum', 'POST', '/api/forums', { token: coordinator, body: forum, key: forumKey }, [201])
    ).forumId as string;
    await measure(
      '  repeated (same Idempotency-Key)',
      'POST',
      '/api/forums',
      { token: coordinator, body: forum, key: forumKey },
      [201],
    );

    // 3. Schedule sessions (in two and three days' time, on different days: no clashes).
    const three = lived.slice(0, 3);
    const s3Body = sessionBody(three, { startsAt: '2026-03-04T18:00:00+00:00' });
    const s3Key = `session-${ulid()}`;
    const s3 = (
      await measure(
        'schedule a session, 3 invitees',
        'POST',
        `/api/forums/${forumId}/sessions`,
        { token: coordinator, body: s3Body, key: s3Key },
        [201],
      )
    ).sessionId as string;
    await measure(
      '  repeated (same Idempotency-Key)',
      'POST',
      `/api/forums/${forumId}/sessions`,
      { token: coordinator, body: s3Body, key: s3Key },
      [201],
    );
    const twenty = [provider, ...lived.slice(0, 19)];
    const s20Body = sessionBody(twenty, { startsAt: '2026-03-05T18:00:00+00:00', title: 'Area meeting' });
    const s20Key = `session-${ulid()}`;
    const s20 = (
      await measure(
        'schedule a session, 20 invitees',
        'POST',
        `/api/forums/${forumId}/sessions`,
        { token: coordinator, body: s20Body, key: s20Key },
        [201],
      )
    ).sessionId as string;
    await measure(
      '  repeated (same Idempotency-Key)',
      'POST',
      `/api/forums/${forumId}/sessions`,
      { token: coordinator, body: s20Body, key: s20Key },
      [201],
    );

    // 4. RSVP (the member answers for themself).
    const rsvpToken = await member(three[0]!);
    const rsvp = { participantId: three[0]!, response: 'yes' };
    await measure('RSVP', 'POST', `/api/sessions/${s3}/rsvp`, { token: rsvpToken, body: rsvp }, [200]);
    await measure(
      '  repeated (same answer)',
      'POST',
      `/api/sessions/${s3}/rsvp`,
      { token: rsvpToken, body: rsvp },
      [200],
    );

    // Not a write, but the page coordinators open most: the session with its invitees and live warnings.
    await measure(
      'view a session (coordinator), 3 invitees',
      'GET',
      `/api/sessions/${s3}`,
      { token: coordinator },
      [200],
    );
    await measure(
      'view a session (coordinator), 20 invitees',
      'GET',
      `/api/sessions/${s20}`,
      { token: coordinator },
      [200],
    );

    // 5. The session is held: 3 attendees with lived experience (remuneration happens downstream).
    clock.set('2026-03-04T20:30:00.000Z');
    const held = {
      attendance: three.map((participantId, i) => ({
        participantId,
        hours: 2,
        expenses: i === 0 ? [{ kind: 'travel', amountMinor: 1240, receiptRef: 'BUS-0412' }] : [],
      })),
    };
    await measure(
      'record a session held, 3 attendees',
      'POST',
      `/api/sessions/${s3}/held`,
      { token: coordinator, body: held },
      [202],
    );
    await measure(
      '  repeated (same attendance)',
      'POST',
      `/api/sessions/${s3}/held`,
      { token: coordinator, body: held },
      [202],
    );

    // 6. A held payment: the person's choice.
    const heldPayments = (await setup('GET', '/api/payments?status=held', { token: coordinator })).items as {
      paymentId: string;
      options: string[];
    }[];
    const heldPayment = heldPayments[0];
    if (heldPayment) {
      const option = (['expenses-only', 'decline', 'charity', 'full'] as const).find((o) =>
        heldPayment.options.includes(o),
      );
      const choice = {
        option: option ?? heldPayment.options[0],
        ...(option === 'full' ? { adviceAcknowledged: true } : {}),
      };
      const choiceKey = `choice-${ulid()}`;
      await measure(
        `record a held-payment choice (${choice.option})`,
        'POST',
        `/api/payments/${heldPayment.paymentId}/choice`,
        { token: coordinator, body: choice, key: choiceKey },
        [200],
      );
      await measure(
        '  repeated (same Idempotency-Key)',
        'POST',
        `/api/payments/${heldPayment.paymentId}/choice`,
        { token: coordinator, body: choice, key: choiceKey },
        [200],
      );
    } else {
      console.log('(no payment was held for this session, so no choice was measured)');
    }

    // 7. Finance marks a due payment issued.
    const due = (await setup('GET', '/api/payments?status=due', { token: finance })).items as { paymentId: string }[];
    const issued = { financeRef: 'FIN-2026-0001' };
    await measure(
      'mark a payment issued',
      'POST',
      `/api/payments/${due[0]!.paymentId}/issued`,
      { token: finance, body: issued },
      [200],
    );
    await measure(
      '  repeated (same reference)',
      'POST',
      `/api/payments/${due[0]!.paymentId}/issued`,
      { token: finance, body: issued },
      [200],
    );

    // 8. A decision at the 20-invitee session, signed by the provider, then by a member with lived experience.
    const propose = (i: number) => ({
      title: `Evening drop-in ${i}`,
      text: 'Open the drop-in until 21:00 on Thursdays.',
      forumId,
      sessionId: s20,
      signOffDueAt: '2026-03-18T17:00:00+00:00',
    });
    const proposeKey = `decision-${ulid()}`;
    const decisionId = (
      await measure(
        'propose a decision',
        'POST',
        '/api/decisions',
        { token: coordinator, body: propose(0), key: proposeKey },
        [201],
      )
    ).decisionId as string;
    await measure(
      '  repeated (same Idempotency-Key)',
      'POST',
      '/api/decisions',
      { token: coordinator, body: propose(0), key: proposeKey },
      [201],
    );
    const providerToken = await member(provider);
    const livedToken = await member(lived[0]!);
    const approve = { stance: 'approve' };
    const signKey1 = `sign-${ulid()}`;
    const first = await measure(
      'sign a decision (provider)',
      'POST',
      `/api/decisions/${decisionId}/signatures`,
      { token: providerToken, body: approve, key: signKey1 },
      [201],
    );
    await measure(
      '  repeated (same Idempotency-Key)',
      'POST',
      `/api/decisions/${decisionId}/signatures`,
      { token: providerToken, body: approve, key: signKey1 },
      [201],
    );
    const signKey2 = `sign-${ulid()}`;
    const second = await measure(
      'sign it (lived experience → co-signed)',
      'POST',
      `/api/decisions/${decisionId}/signatures`,
      { token: livedToken, body: approve, key: signKey2 },
      [201],
    );
    await measure(
      '  repeated (same Idempotency-Key)',
      'POST',
      `/api/decisions/${decisionId}/signatures`,
      { token: livedToken, body: approve, key: signKey2 },
      [201],
    );
    if (first.status !== 'proposed' || second.status !== 'co-signed') {
      throw new Error(`expected proposed then co-signed, got ${first.status} then ${second.status}`);
    }

    // 9. The audit chain check, as the log grows: more decisions (each proposed, then signed by the provider).
    const verifyRows: { chains: number; entries: number }[] = [];
    const verify = async () => {
      const v = await measure('', 'GET', '/api/audit/verify', { token: governance }, [200]);
      if (!v.ok) throw new Error(`audit log reported broken: ${JSON.stringify(v)}`);
      rows[rows.length - 1]!.workflow = `GET /api/audit/verify, ${v.entries} entries / ${v.chains} chains`;
      verifyRows.push({ chains: v.chains, entries: v.entries });
    };
    await verify();
    let chains = 1;
    for (const target of VERIFY_CHAINS) {
      for (; chains < target; chains++) {
        const id = (await setup('POST', '/api/decisions', { token: coordinator, body: propose(chains) })).decisionId;
        await setup('POST', `/api/decisions/${id}/signatures`, { token: providerToken, body: approve });
      }
      await stack.settle();
      await verify();
    }
    if (stack.bus.deadLetters.length > 0) {
      throw new Error(`dead letters: ${stack.bus.deadLetters.map((d) => `${d.subscription}: ${d.reason}`).join('; ')}`);
    }

    // ---- Report --------------------------------------------------------------------------------
    const cells = (c: Counts) => [...COMMANDS.map((k) => (c[k] ? String(c[k]) : '·')), String(sum(c))];
    const downstream = (t: Tally) => {
      const d: Counts = { ...t.consumers };
      for (const [k, n] of Object.entries(t.relay)) d[k] = (d[k] ?? 0) + n;
      return d;
    };
    const cmdHeads = COMMANDS.map((c) => SHORT[c]!);
    console.log('Request = the API function; downstream = relay (1 UpdateItem per event) + consumers, recursively.');
    console.log(
      '"·" = none. Local only (not counted in either): the local relay\'s sweep Queries, the local scheduler\'s items.\n',
    );
    printTable(
      ['workflow', ...cmdHeads.map((h) => `${h}`), 'request', '|', ...cmdHeads, 'downstream', 'all', 'local only'],
      rows.map((r) => [
        r.workflow,
        ...cells(r.tally.request),
        '|',
        ...cells(downstream(r.tally)),
        String(sum(r.tally.request) + sum(downstream(r.tally))),
        String(sum(r.tally.localOnly) || '·'),
      ]),
    );

    console.log('\nWhat each workflow published and who consumed it; transaction sizes; the audit table; local only:');
    const list = (c: Counts) =>
      Object.entries(c)
        .map(([k, n]) => `${SHORT[k] ?? k} ${n}`)
        .join(', ') || '·';
    printTable(
      ['workflow', 'events → consumers', 'TxW items (req / down)', 'on AuditTable', 'local only'],
      rows.map((r) => [
        r.workflow,
        r.events.join('; ') || '(none)',
        r.tally.txItems.request || r.tally.txItems.downstream
          ? `${r.tally.txItems.request} / ${r.tally.txItems.downstream}`
          : '·',
        list(r.tally.audit),
        list(r.tally.localOnly),
      ]),
    );
    if (scans.length)
      console.log(`\nSCAN issued (architecture.md forbids it on request and event paths): ${scans.join('; ')}`);
    console.log(
      `\n${sameClient ? 'deps.db.doc and deps.auditDb.doc are one DocumentClient locally (one middleware, each command counted once); ' : ''}` +
        'a TransactWriteItems that spans CoproduceTable and AuditTable is one request.',
    );
    console.log(`Whole run ${fmtMs(performance.now() - started)} (stack start included).`);
    return { rows: rows.map((r) => ({ workflow: r.workflow, ...r.tally, events: r.events })), verify: verifyRows };
  } finally {
    clearTimeout(deadline);
    phase = 'off';
    await stack.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
  process.exit(0);
}

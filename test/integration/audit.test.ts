import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendToChain, type ChainHead, hashOf } from '../../shared/decisions/domain/hash-chain.js';
import { anchorChainHeads } from '../../shared/decisions/index.js';
import { forumBody, participantBody } from '../support/fixtures.js';
import { fixedClock, startTestStack, type TestStack } from '../support/stack.js';

const clock = fixedClock('2026-03-02T09:00:00.000Z');
let stack: TestStack;
let coordinator: string;
let governance: string;
/** co-signed: proposed, signed, signed, co-signed → 4 entries */
let cosigned: string;
/** amended: proposed, signed + objected, amended → 4 entries */
let amended: string;
/** proposed only → 1 entry */
let lonely: string;
let forumId: string;
/** proposed, signed, amended, signed, with a forged entry put beside its chain (and later removed) */
let roomBookings: string;
let provider: string;
let serviceUser: string;

const seqOf = (seq: number) => String(seq).padStart(10, '0');
const audit = () => stack.deps.auditDb;
const main = () => stack.deps.db;
const keyOf = (item: Record<string, unknown>) => ({ pk: item.pk, sk: item.sk });

/** Every item of a decision's chain, as stored (keys included), in key order. */
async function chainItems(decisionId: string) {
  const out = await audit().doc.send(
    new QueryCommand({
      TableName: audit().table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CHAIN#${decisionId}` },
    }),
  );
  return out.Items ?? [];
}
async function getEntry(decisionId: string, seq: number) {
  const found = (await chainItems(decisionId)).filter((i) => String(i.sk).startsWith(`ENTRY#${seqOf(seq)}#`));
  expect(found).toHaveLength(1);
  return found[0]!;
}
async function getDecisionItem(decisionId: string) {
  const out = await main().doc.send(
    new GetCommand({ TableName: main().table, Key: { pk: `DECISION#${decisionId}`, sk: 'DECISION' } }),
  );
  return out.Item!;
}
/** What someone able to write the main table does to make the decision agree with an altered log. */
const setHead = (decisionId: string, head: ChainHead) =>
  main().doc.send(
    new UpdateCommand({
      TableName: main().table,
      Key: { pk: `DECISION#${decisionId}`, sk: 'DECISION' },
      UpdateExpression: 'SET audit = :head',
      ExpressionAttributeValues: { ':head': head },
    }),
  );
/**
 * The next entry of a chain exactly as its writer would make it — correct seq, prevHash and hash,
 * stored under the writer's key form — put by someone with only the append grant.
 */
async function forgeNext(decisionId: string) {
  const items = await chainItems(decisionId);
  const last = items[items.length - 1]!;
  const head = { length: Number(last.seq), hash: String(last.hash) };
  const [entry] = appendToChain(decisionId, head, [
    {
      eventId: '01JQ0000000000000000FORGED',
      type: 'DecisionSigned',
      occurredAt: '2026-03-05T09:00:00.000+00:00',
      data: { decisionId, stance: 'approve', constituency: 'lived-experience' },
    },
  ]).entries;
  const item = { pk: `CHAIN#${decisionId}`, sk: `ENTRY#${seqOf(entry!.seq)}#${entry!.hash}`, ...entry! };
  await audit().doc.send(
    new PutCommand({ TableName: audit().table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
  return item;
}
const putRaw = (item: Record<string, unknown>) =>
  audit().doc.send(new PutCommand({ TableName: audit().table, Item: item }));
const deleteRaw = (key: Record<string, unknown>) =>
  audit().doc.send(new DeleteCommand({ TableName: audit().table, Key: key }));
const verify = async () => {
  const res = await stack.call('GET', '/api/audit/verify', { token: governance });
  expect(res.status).toBe(200);
  return res.json;
};

/** Tamper, check, and put everything back so each test starts from an intact log. */
async function tampered(restore: Record<string, unknown>[], tamper: () => Promise<unknown>) {
  try {
    await tamper();
    return await verify();
  } finally {
    for (const item of restore) await putRaw(item);
  }
}

beforeAll(async () => {
  stack = await startTestStack({ clock });
  coordinator = await stack.tokenFor(['coordinator']);
  governance = await stack.tokenFor(['governance']);
  const member = async (stakeholderGroup: string) => {
    const res = await stack.call('POST', '/api/participants', {
      token: coordinator,
      body: participantBody({ stakeholderGroup }),
    });
    return stack.tokenFor(['member'], res.json.participantId);
  };
  forumId = (await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() })).json.forumId;
  provider = await member('provider');
  serviceUser = await member('service-user');
  const propose = async (title: string) => {
    const res = await stack.call('POST', '/api/decisions', {
      token: coordinator,
      body: { title, text: `${title}: the text.`, forumId, signOffDueAt: '2026-03-20T17:00:00+00:00' },
    });
    return res.json.decisionId as string;
  };
  const sign = (id: string, token: string, stance = 'approve') =>
    stack.call('POST', `/api/decisions/${id}/signatures`, { token, body: { stance } });

  cosigned = await propose('Drop-in hours');
  await sign(cosigned, provider);
  await sign(cosigned, serviceUser);
  clock.advance(86_400_000);
  amended = await propose('Peer support budget');
  await sign(amended, serviceUser, 'object');
  await stack.call('PATCH', `/api/decisions/${amended}`, { token: coordinator, body: { text: 'A smaller budget.' } });
  clock.advance(86_400_000);
  lonely = await propose('Newsletter');
});
afterAll(() => stack.stop());

describe('audit log verification', () => {
  it('verifies an untouched log and counts its entries', async () => {
    expect(await verify()).toEqual({ ok: true, entries: 9, chains: 3, anchor: null });
  });

  it('stores each entry under a key that carries its own hash', async () => {
    for (const item of await chainItems(cosigned)) {
      expect(item.sk).toBe(`ENTRY#${seqOf(Number(item.seq))}#${item.hash}`);
      expect(hashOf(Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'pk' && k !== 'sk')))).toBe(
        item.hash,
      );
    }
  });

  it('records each decision event in order with hashes, stances and constituencies but no names', async () => {
    const out = await audit().doc.send(
      new QueryCommand({
        TableName: audit().table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CHAIN#${cosigned}` },
      }),
    );
    const items = out.Items ?? [];
    expect(items.map((i) => i.type)).toEqual([
      'DecisionProposed',
      'DecisionSigned',
      'DecisionSigned',
      'DecisionCoSigned',
    ]);
    expect(items[1]!.data).toMatchObject({ stance: 'approve', constituency: 'provider' });
    expect(items[2]!.prevHash).toBe(items[1]!.hash);
    expect(JSON.stringify(items)).not.toMatch(/Aoife|example\.org/);
  });

  it('names an entry edited in the store', async () => {
    const original = await getEntry(cosigned, 2);
    const result = await tampered([original], () =>
      putRaw({ ...original, data: { ...(original.data as object), stance: 'object' } }),
    );
    expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${cosigned}/0000000002` });
    expect(result.reason).toMatch(/changed/);
    expect((await verify()).ok).toBe(true);
  });

  it('names an entry removed from the middle of a chain', async () => {
    const original = await getEntry(amended, 2);
    const result = await tampered([original], () => deleteRaw(keyOf(original)));
    expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${amended}/0000000002` });
    expect(result.reason).toMatch(/missing/);
  });

  it('names the last entry when it is removed (truncation)', async () => {
    const original = await getEntry(cosigned, 4);
    const result = await tampered([original], () => deleteRaw(keyOf(original)));
    expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${cosigned}/0000000004` });
    expect(result.reason).toMatch(/removed from the end/);
  });

  it('names the first of two entries that were swapped', async () => {
    const second = await getEntry(cosigned, 2);
    const third = await getEntry(cosigned, 3);
    const result = await tampered([second, third], async () => {
      await putRaw({ ...third, ...keyOf(second) });
      await putRaw({ ...second, ...keyOf(third) });
    });
    expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${cosigned}/0000000002` });
    expect(result.reason).toMatch(/reordered/);
  });

  it('names a chain removed whole, with its registration', async () => {
    const entry = await getEntry(lonely, 1);
    const registration = (
      await audit().doc.send(new GetCommand({ TableName: audit().table, Key: { pk: 'CHAINS', sk: `CHAIN#${lonely}` } }))
    ).Item!;
    const result = await tampered([entry, registration], async () => {
      await deleteRaw(keyOf(entry));
      await deleteRaw({ pk: 'CHAINS', sk: `CHAIN#${lonely}` });
    });
    expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${lonely}/0000000001` });
  });

  it('names the first entry removed from the end when two were removed', async () => {
    const third = await getEntry(cosigned, 3);
    const fourth = await getEntry(cosigned, 4);
    const result = await tampered([third, fourth], async () => {
      await deleteRaw(keyOf(third));
      await deleteRaw(keyOf(fourth));
    });
    expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${cosigned}/0000000003` });
    expect(result.reason).toMatch(/ends at entry 2 but the decision records 4/);
  });

  it('names an entry edited, re-hashed and moved to a key with its new hash', async () => {
    const original = await getEntry(amended, 2);
    const { pk: _pk, sk: _sk, ...body } = original;
    const edited = { ...body, data: { ...(body.data as object), stance: 'approve' } };
    const rehashed = { ...edited, hash: hashOf(edited) };
    const forgedKey = { pk: original.pk, sk: `ENTRY#${seqOf(2)}#${rehashed.hash}` };
    try {
      const result = await tampered([original], async () => {
        await deleteRaw(keyOf(original));
        await putRaw({ ...forgedKey, ...rehashed });
      });
      expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${amended}/0000000002` });
      expect(result.reason).toMatch(/not the entry that entry 3 follows/);
    } finally {
      await deleteRaw(forgedKey);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('names a forged append, and the decision can still be signed and amended past it', async () => {
    const res = await stack.call('POST', '/api/decisions', {
      token: coordinator,
      body: {
        title: 'Room bookings',
        text: 'Book rooms a month ahead.',
        forumId,
        signOffDueAt: '2026-03-20T17:00:00+00:00',
      },
    });
    const id = res.json.decisionId as string;
    roomBookings = id;
    const forged = await forgeNext(id);
    try {
      const caught = await verify();
      expect(caught).toMatchObject({ ok: false, firstBrokenEntry: `${id}/0000000002` });
      expect(caught.reason).toMatch(/not part of this decision's audit log/);

      // The forged entry takes no slot the decision's own writer needs.
      const signed = await stack.call('POST', `/api/decisions/${id}/signatures`, {
        token: provider,
        body: { stance: 'approve' },
      });
      expect(signed.status).toBe(201);
      const amendedNow = await stack.call('PATCH', `/api/decisions/${id}`, {
        token: coordinator,
        body: { text: 'Book rooms six weeks ahead.' },
      });
      expect(amendedNow.status).toBe(200);
      const again = await stack.call('POST', `/api/decisions/${id}/signatures`, {
        token: serviceUser,
        body: { stance: 'approve' },
      });
      expect(again.status).toBe(201);
      expect((await getDecisionItem(id)).audit.length).toBe(4);

      // Still caught after the decision has moved past it, and only it: the decision's own entries verify.
      const still = await verify();
      expect(still).toMatchObject({ ok: false, firstBrokenEntry: `${id}/0000000002` });
      expect(still.reason).toContain(String(forged.hash).slice(0, 12));
    } finally {
      await deleteRaw(keyOf(forged));
    }
    expect(await verify()).toMatchObject({ ok: true, chains: 4 });
  });

  it('names an entry put under the first key form beside the chain', async () => {
    const last = await getEntry(lonely, 1);
    const [entry] = appendToChain(lonely, { length: 1, hash: String(last.hash) }, [
      {
        eventId: '01JQ0000000000000000FORGE2',
        type: 'DecisionSignOffOverdue',
        occurredAt: '2026-03-05T09:00:00.000+00:00',
        data: {},
      },
    ]).entries;
    const key = { pk: `CHAIN#${lonely}`, sk: `ENTRY#${seqOf(2)}` };
    try {
      await putRaw({ ...key, ...entry! });
      expect(await verify()).toMatchObject({ ok: false, firstBrokenEntry: `${lonely}/0000000002` });
    } finally {
      await deleteRaw(key);
    }
  });

  it('lets only governance run the check', async () => {
    expect((await stack.call('GET', '/api/audit/verify', { token: coordinator })).status).toBe(403);
  });
});

describe('npm run audit:verify', () => {
  const run = promisify(execFile);
  const script = (env: Record<string, string>) =>
    run('npx', ['tsx', 'shared/local/audit-verify.ts'], {
      env: { ...process.env, ...env },
      cwd: process.cwd(),
    }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );

  it('prints OK for an intact log and BROKEN with the entry, exiting non-zero, for an altered one', async () => {
    const env = {
      DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
      TABLE_NAME: stack.tables.main,
      AUDIT_TABLE_NAME: stack.tables.audit,
    };
    const intact = await script(env);
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/OK: the audit log is intact\. \d+ entries in 4 decision chains/);

    const original = await getEntry(amended, 3);
    try {
      await putRaw({ ...original, occurredAt: '2026-01-01T00:00:00.000+00:00' });
      const broken = await script(env);
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(`First broken entry: ${amended}/0000000003`);
    } finally {
      await putRaw(original);
    }
  });
});

describe('the audit anchor', () => {
  const run = promisify(execFile);
  const cli = (...args: string[]) =>
    run('npx', ['tsx', 'shared/local/audit-verify.ts', ...args], {
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
        TABLE_NAME: stack.tables.main,
        AUDIT_TABLE_NAME: stack.tables.audit,
      },
      cwd: process.cwd(),
    }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
  /** Remove the last entry and lower the decision's head to match: both tables rewritten consistently. */
  async function truncateBoth(decisionId: string) {
    const items = await chainItems(decisionId);
    const last = items[items.length - 1]!;
    const before = items[items.length - 2]!;
    const decision = await getDecisionItem(decisionId);
    await deleteRaw(keyOf(last));
    await setHead(decisionId, { length: Number(before.seq), hash: String(before.hash) });
    return async () => {
      await putRaw(last);
      await setHead(decisionId, decision.audit);
    };
  }

  it('anchors the head of every chain with a digest over them all', async () => {
    clock.advance(3_600_000);
    const { anchor } = await anchorChainHeads(stack.deps);
    expect(anchor.chains).toHaveLength(4);
    expect(anchor.chains).toContainEqual({
      decisionId: cosigned,
      length: 4,
      hash: (await getDecisionItem(cosigned)).audit.hash,
    });
    expect(anchor.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await verify()).toMatchObject({
      ok: true,
      anchor: { anchorId: anchor.anchorId, takenAt: anchor.takenAt, chains: 4 },
    });
  });

  it('names a chain that lost entries since the anchor, even when the decision was lowered to match', async () => {
    const restore = await truncateBoth(cosigned);
    try {
      const result = await verify();
      expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${cosigned}/0000000004` });
      expect(result.reason).toMatch(/the anchor taken at .* recorded 4: the log lost entries since/);
      const printed = await cli();
      expect(printed.code).toBe(1);
      expect(printed.out).toContain(`First broken entry: ${cosigned}/0000000004`);
    } finally {
      await restore();
    }
    expect((await verify()).ok).toBe(true);
  });

  it('names a chain rewritten since the anchor, even when every hash and the decision were rewritten to match', async () => {
    const items = await chainItems(amended);
    const decision = await getDecisionItem(amended);
    const events = items.map((i) => ({
      eventId: String(i.eventId),
      type: String(i.type),
      occurredAt: String(i.occurredAt),
      data: Number(i.seq) === 2 ? { ...(i.data as object), stance: 'approve' } : (i.data as Record<string, unknown>),
    }));
    const rebuilt = appendToChain(amended, { length: 0, hash: '0'.repeat(64) }, events);
    const rebuiltItems = rebuilt.entries.map((e) => ({
      pk: `CHAIN#${amended}`,
      sk: `ENTRY#${seqOf(e.seq)}#${e.hash}`,
      ...e,
    }));
    try {
      for (const i of items) await deleteRaw(keyOf(i));
      for (const i of rebuiltItems) await putRaw(i);
      await setHead(amended, rebuilt.head);
      const result = await verify();
      expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${amended}/0000000004` });
      expect(result.reason).toMatch(/not the entry the anchor taken at .* recorded: the log up to it was rewritten/);
    } finally {
      for (const i of rebuiltItems) await deleteRaw(keyOf(i));
      for (const i of items) await putRaw(i);
      await setHead(amended, decision.audit);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('names entry 1 of a chain removed whole with its decision and registration since the anchor', async () => {
    const entry = await getEntry(lonely, 1);
    const registration = { pk: 'CHAINS', sk: `CHAIN#${lonely}` };
    const registered = (await audit().doc.send(new GetCommand({ TableName: audit().table, Key: registration }))).Item!;
    const decision = await getDecisionItem(lonely);
    try {
      await deleteRaw(keyOf(entry));
      await deleteRaw(registration);
      await main().doc.send(new DeleteCommand({ TableName: main().table, Key: keyOf(decision) }));
      const result = await verify();
      expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${lonely}/0000000001` });
      expect(result.reason).toMatch(/are gone, but the anchor taken at .* recorded 1 entry/);
    } finally {
      await putRaw(entry);
      await putRaw(registered);
      await main().doc.send(new PutCommand({ TableName: main().table, Item: decision }));
    }
    expect((await verify()).ok).toBe(true);
  });

  it('catches with --all-anchors a rewrite that a later anchor recorded, which the newest anchor alone cannot', async () => {
    const restore = await truncateBoth(cosigned);
    try {
      clock.advance(3_600_000);
      await anchorChainHeads(stack.deps); // the next hour's anchor records the shortened chain
      const newest = await cli();
      expect(newest.code).toBe(0);
      const every = await cli('--all-anchors');
      expect(every.code).toBe(1);
      expect(every.out).toContain(`First broken entry: ${cosigned}/0000000004`);
    } finally {
      await restore();
    }
  });
});

describe('governance decision log', () => {
  it('lists decisions by date with their full signature history', async () => {
    const res = await stack.call('GET', '/api/audit/decisions?from=2026-03-02&to=2026-03-03', { token: governance });
    expect(res.status).toBe(200);
    expect(res.json.items.map((d: { decisionId: string }) => d.decisionId)).toEqual([amended, cosigned]);
    const history = res.json.items.find((d: { decisionId: string }) => d.decisionId === amended);
    expect(history).toMatchObject({ status: 'proposed', revision: 2 });
    expect(history.signatures).toEqual([
      expect.objectContaining({
        constituency: 'lived-experience',
        stance: 'object',
        revision: 1,
        countsTowardCurrentText: false,
        textHash: history.revisions[0].textHash,
      }),
    ]);
  });

  it('filters by status and pages with a cursor', async () => {
    const byStatus = await stack.call('GET', '/api/audit/decisions?status=co-signed', { token: governance });
    expect(byStatus.json.items.map((d: { decisionId: string }) => d.decisionId)).toEqual([cosigned]);
    const first = await stack.call('GET', '/api/audit/decisions?limit=2', { token: governance });
    expect(first.json.items).toHaveLength(2);
    const second = await stack.call('GET', `/api/audit/decisions?limit=2&cursor=${first.json.nextCursor}`, {
      token: governance,
    });
    const all = [...first.json.items, ...second.json.items].map((d: { decisionId: string }) => d.decisionId);
    expect(all).toEqual([roomBookings, lonely, amended, cosigned]);
  });

  it('refuses a malformed date range, naming the field', async () => {
    const res = await stack.call('GET', '/api/audit/decisions?from=2026-03-10&to=2026-03-01', { token: governance });
    expect(res.status).toBe(400);
    expect(res.json.issues[0].path).toBe('to');
    const bad = await stack.call('GET', '/api/audit/decisions?from=March', { token: governance });
    expect(bad.json.issues[0].path).toBe('from');
  });

  it('answers 400 on the field for a date that does not exist, never 500', async () => {
    for (const path of ['/api/audit/decisions', '/api/audit/decisions.csv']) {
      const res = await stack.call('GET', `${path}?from=2026-13-01`, { token: governance });
      expect(res.status).toBe(400);
      expect(res.json.issues).toEqual([{ path: 'from', message: 'Enter a date like 2026-03-01.' }]);
      const to = await stack.call('GET', `${path}?from=2026-03-01&to=2026-02-30`, { token: governance });
      expect(to.status).toBe(400);
      expect(to.json.issues).toEqual([{ path: 'to', message: 'Enter a date like 2026-03-31.' }]);
    }
  });

  it('exports a CSV with one row per signature', async () => {
    const res = await stack.call('GET', '/api/audit/decisions.csv?from=2026-03-02&to=2026-03-02', {
      token: governance,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toMatch(/^decisionId,title,status/);
    expect(lines.slice(1)).toHaveLength(2);
    expect(lines.slice(1).every((l) => l.startsWith(`${cosigned},Drop-in hours,co-signed`))).toBe(true);
  });

  it('keeps the log from everyone but governance', async () => {
    expect((await stack.call('GET', '/api/audit/decisions', { token: coordinator })).status).toBe(403);
    expect((await stack.call('GET', '/api/audit/decisions.csv', { token: coordinator })).status).toBe(403);
  });
});

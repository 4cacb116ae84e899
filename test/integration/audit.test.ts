import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const entryKey = (decisionId: string, seq: number) => ({
  pk: `CHAIN#${decisionId}`,
  sk: `ENTRY#${String(seq).padStart(10, '0')}`,
});
const audit = () => stack.deps.auditDb;

async function getEntry(decisionId: string, seq: number) {
  const out = await audit().doc.send(new GetCommand({ TableName: audit().table, Key: entryKey(decisionId, seq) }));
  expect(out.Item).toBeDefined();
  return out.Item!;
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
  const forumId = (await stack.call('POST', '/api/forums', { token: coordinator, body: forumBody() })).json.forumId;
  const provider = await member('provider');
  const serviceUser = await member('service-user');
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
    expect(await verify()).toEqual({ ok: true, entries: 9, chains: 3 });
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
    const result = await tampered([original], () => deleteRaw(entryKey(amended, 2)));
    expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${amended}/0000000002` });
    expect(result.reason).toMatch(/missing/);
  });

  it('names the last entry when it is removed (truncation)', async () => {
    const original = await getEntry(cosigned, 4);
    const result = await tampered([original], () => deleteRaw(entryKey(cosigned, 4)));
    expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${cosigned}/0000000004` });
    expect(result.reason).toMatch(/removed from the end/);
  });

  it('names the first of two entries that were swapped', async () => {
    const second = await getEntry(cosigned, 2);
    const third = await getEntry(cosigned, 3);
    const result = await tampered([second, third], async () => {
      await putRaw({ ...third, ...entryKey(cosigned, 2) });
      await putRaw({ ...second, ...entryKey(cosigned, 3) });
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
      await deleteRaw(entryKey(lonely, 1));
      await deleteRaw({ pk: 'CHAINS', sk: `CHAIN#${lonely}` });
    });
    expect(result).toMatchObject({ ok: false, firstBrokenEntry: `${lonely}/0000000001` });
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
    expect(intact.out).toContain('OK: the audit log is intact. 9 entries in 3 decision chains');

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
    expect(all).toEqual([lonely, amended, cosigned]);
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

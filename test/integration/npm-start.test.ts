import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../shared/local/dynamodb.js';

/** `npm start` exactly as a person runs it: the README's quick start, with PORT and IN_MEMORY. */
let child: ChildProcess | undefined;
let output = '';

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 150_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}. Output so far:\n${output}`);
}

/** Resolves when the process has exited and every process sharing its output (tsx, node) has closed it. */
const closed = (c: ChildProcess) =>
  new Promise<void>((res) =>
    (c.exitCode !== null || c.signalCode !== null) && c.stdout?.closed ? res() : c.once('close', () => res()),
  );

afterAll(async () => {
  // Only if the test failed half-way: never leave the stack (or DynamoDB Local) running.
  if (child && child.exitCode === null && child.signalCode === null) {
    process.kill(-child.pid!, 'SIGKILL');
    await closed(child);
  }
});

describe('npm start', () => {
  it('serves the sign-in page and health on PORT, keeps nothing with IN_MEMORY=1, and stops cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const dynamodbPort = await freePort();
    child = spawn('npm', ['start'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, PORT: String(port), IN_MEMORY: '1', DYNAMODB_PORT: String(dynamodbPort), QUIET: '1' },
      detached: true, // its own process group, so SIGINT reaches npm, tsx and node as Ctrl-C would
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => {
      output += d;
    });
    child.stderr?.on('data', (d) => {
      output += d;
    });

    const health = await until('health', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      return res.ok ? res.json() : undefined;
    });
    expect(health).toEqual({ ok: true });
    const signIn = await fetch(`http://127.0.0.1:${port}/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('<h1>Sign in</h1>');
    expect(output).toContain(`http://127.0.0.1:${port}/`);
    expect(output).toContain('in memory');
    expect(output).toContain('Starting DynamoDB Local on port');

    process.kill(-child.pid!, 'SIGINT');
    await closed(child);
    expect(output).toContain('Stopped (DynamoDB Local included)');
    await expect(fetch(`http://127.0.0.1:${dynamodbPort}/`)).rejects.toThrow();
  }, 240_000);

  it('says which port is taken and what to do, instead of a stack trace', async () => {
    const busy = createServer();
    const port = await new Promise<number>((res) =>
      busy.listen(0, '127.0.0.1', () => res((busy.address() as { port: number }).port)),
    );
    const run = spawn('npm', ['start'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, PORT: String(port), IN_MEMORY: '1', QUIET: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    run.stdout?.on('data', (d) => {
      said += d;
    });
    run.stderr?.on('data', (d) => {
      said += d;
    });
    await closed(run);
    busy.close();
    expect(run.exitCode).toBe(1);
    expect(said).toContain(`Port ${port} is already in use by another program`);
    expect(said).toContain(`choose another port: PORT=<port> npm start (for example PORT=${port + 1})`);
    expect(said).not.toMatch(/\n\s+at /);
  }, 180_000);
});

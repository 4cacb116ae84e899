import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { readableStack } from '../../shared/runtime/stack-trace.js';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'coproduce-stack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readable stack traces without --enable-source-maps', () => {
  it("maps a minified bundle's frames back to the TypeScript line that threw", async () => {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        `import { readableStack } from ${JSON.stringify(join(root, 'shared/runtime/stack-trace.ts'))};`,
        'export function fail(): { raw: string; mapped: string } {',
        '  try {',
        "    throw new Error('boom');",
        '  } catch (e) {',
        "    const raw = (e as Error).stack ?? '';",
        "    return { raw, mapped: readableStack(raw) ?? '' };",
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    // As the functions are bundled (infra/constructs/coproduce-function.ts): minified ESM, a linked
    // map beside it without the sources' content.
    const outfile = join(dir, 'out', 'index.mjs');
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      logLevel: 'silent',
    });
    // In a plain `node`, as Lambda runs it: no --enable-source-maps (vitest maps stacks in its own process).
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(pathToFileURL(outfile).href)}); console.log(JSON.stringify(m.fail()));`,
      ],
      { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' },
    );
    const { raw, mapped } = JSON.parse(out) as { raw: string; mapped: string };

    expect(raw).toMatch(/index\.mjs:\d+:\d+/);
    expect(mapped).toMatch(/entry\.ts:4:\d+/);
    expect(mapped.split('\n')[1]).not.toMatch(/index\.mjs/);
    expect(mapped.split('\n')[0]).toBe('Error: boom');
  });

  it('leaves a stack from source as it is (the frames already name the .ts files)', () => {
    const stack = new Error('here').stack;
    expect(readableStack(stack)).toBe(stack);
    expect(readableStack(undefined)).toBeUndefined();
  });
});

/**
 * Builds the pages written in TypeScript: every `web/src/pages/<name>.ts` becomes
 * `web/assets/build/<name>.js` (one ES module per page, with the `shared/` modules it imports bundled
 * in), so a page can import the server's pure rules and the API's types and no rule exists twice.
 *
 * Called by the local stack when it starts, by the test setup, and by the CDK app before it
 * bundles the web function, so what is served is always built from the sources in the same tree.
 * The output folder is not committed (.gitignore).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

export const WEB_ROOT = resolve(import.meta.dirname);
export const PAGE_SOURCES = join(WEB_ROOT, 'src', 'pages');
export const PAGE_BUNDLES = join(WEB_ROOT, 'assets', 'build');

/** The page entry points, by name (`evaluation` for web/src/pages/evaluation.ts). */
export const pageEntries = (): string[] =>
  (existsSync(PAGE_SOURCES) ? readdirSync(PAGE_SOURCES) : [])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();

/** Builds every page synchronously (about 100 ms); throws with esbuild's message on a type-free syntax error. */
export const buildPages = (opts: { minify?: boolean } = {}): string[] => {
  const names = pageEntries();
  if (names.length === 0) return names;
  buildSync({
    entryPoints: names.map((n) => join(PAGE_SOURCES, `${n}.ts`)),
    outdir: PAGE_BUNDLES,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    splitting: false,
    minify: opts.minify ?? false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return names;
};

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const names = buildPages({ minify: process.argv.includes('--minify') });
  console.log(`built ${names.length} page(s) into web/assets/build/`);
}

/**
 * The esbuild options the CDK function construct bundles with, so the bench measures what Lambda
 * runs. If a module under infra/constructs/ exports its NodejsFunction bundling options (an object
 * export whose name mentions "bundling" or "esbuild"), they are translated the way aws-cdk-lib's
 * aws-lambda-nodejs turns them into esbuild arguments; otherwise the construct's settings are
 * mirrored here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

/** The parts of aws-cdk-lib's aws_lambda_nodejs.BundlingOptions that change the bundle. */
export type CdkBundling = {
  minify?: boolean;
  sourceMap?: boolean;
  sourceMapMode?: string;
  sourcesContent?: boolean;
  target?: string;
  format?: string;
  mainFields?: string[];
  banner?: string;
  footer?: string;
  externalModules?: string[];
  bundleAwsSDK?: boolean;
  define?: Record<string, string>;
  loader?: Record<string, string>;
  keepNames?: boolean;
  inject?: string[];
  environment?: Record<string, string>;
};

/**
 * Mirrors the `bundling` and `environment` of NodejsFunction in infra/constructs/coproduce-function.ts
 * (which keeps them inline). `checkMirror()` compares the two and warns when they drift.
 */
export const mirrored: CdkBundling = {
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  externalModules: [],
  environment: { NODE_OPTIONS: '--enable-source-maps' },
};

const constructFile = join(root, 'infra', 'constructs', 'coproduce-function.ts');

/** Settings of the construct's source that would change the bundle or its init, checked against the mirror. */
export function checkMirror(source: string): string[] {
  const expect: [string, RegExp][] = [
    ['format: OutputFormat.ESM', /format:\s*OutputFormat\.ESM/],
    ["target: 'node24'", /target:\s*'node24'/],
    ['minify: true', /minify:\s*true/],
    ['sourceMap: true', /sourceMap:\s*true/],
    ['sourcesContent: false', /sourcesContent:\s*false/],
    ['externalModules: []', /externalModules:\s*\[\s*\]/],
    ["mainFields: ['module', 'main']", /mainFields:\s*\[\s*'module',\s*'main'\s*\]/],
    ['banner with createRequire', /banner:[^\n]*createRequire/],
    ["NODE_OPTIONS: '--enable-source-maps'", /NODE_OPTIONS:\s*'--enable-source-maps'/],
  ];
  const drift = expect.filter(([, re]) => !re.test(source)).map(([what]) => what);
  if (/sourceMapMode/.test(source)) drift.push('sourceMapMode is set (the mirror uses the default)');
  if (/\bdefine:|\bkeepNames:|\binject:|\bloader:/.test(source)) drift.push('define/keepNames/inject/loader are set');
  return drift;
}

/** How aws-cdk-lib (2.276) turns BundlingOptions into esbuild arguments, as BuildOptions. */
export function toEsbuild(b: CdkBundling): BuildOptions {
  const sourceMapEnabled = b.sourceMapMode !== undefined || b.sourceMap === true;
  const mode = b.sourceMapMode ?? 'default';
  // CDK leaves @aws-sdk/* to the Lambda runtime unless told otherwise.
  const external = b.externalModules ?? (b.bundleAwsSDK ? [] : ['@aws-sdk/*']);
  return {
    bundle: true,
    platform: 'node',
    target: b.target ?? 'node24',
    format: b.format === 'esm' ? 'esm' : 'cjs',
    minify: b.minify ?? false,
    sourcemap: sourceMapEnabled ? (mode === 'default' ? true : (mode as 'external' | 'inline' | 'both')) : false,
    sourcesContent: b.sourcesContent ?? true,
    external,
    loader: b.loader as BuildOptions['loader'],
    define: b.define,
    keepNames: b.keepNames,
    banner: b.banner ? { js: b.banner } : undefined,
    footer: b.footer ? { js: b.footer } : undefined,
    mainFields: b.mainFields,
    inject: b.inject,
  };
}

const looksLikeBundling = (v: unknown): v is CdkBundling =>
  typeof v === 'object' &&
  v !== null &&
  ['format', 'mainFields', 'minify', 'banner', 'target', 'externalModules'].some((k) => k in v);

/** Find exported bundling options in infra/constructs/*.ts, if the construct exports them. */
async function fromInfra(): Promise<{ bundling: CdkBundling; from: string } | undefined> {
  const dir = join(root, 'infra', 'constructs');
  if (!existsSync(dir)) return undefined;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    const names = [...source.matchAll(/export\s+const\s+(\w*(?:[Bb]undling|[Ee]sbuild)\w*)/g)].map((m) => m[1]!);
    if (names.length === 0) continue;
    try {
      const mod = (await import(join(dir, file))) as Record<string, unknown>;
      for (const name of names) {
        const value = mod[name];
        if (looksLikeBundling(value)) return { bundling: value, from: `infra/constructs/${file} (${name})` };
      }
    } catch (err) {
      console.log(`  (could not load infra/constructs/${file}: ${(err as Error).message.split('\n')[0]})`);
    }
  }
  return undefined;
}

export async function bundlingForBench(): Promise<{ options: BuildOptions; nodeArgs: string[]; describe: string }> {
  const found = await fromInfra();
  const bundling = found?.bundling ?? mirrored;
  let origin = found ? `from ${found.from}` : 'mirrored from infra/constructs/coproduce-function.ts';
  if (!found && existsSync(constructFile)) {
    const drift = checkMirror(readFileSync(constructFile, 'utf8'));
    if (drift.length) origin += ` — WARNING, the construct no longer shows: ${drift.join('; ')}`;
  } else if (!found) {
    origin += ' (not found: using the mirror as is)';
  }
  const options = toEsbuild(bundling);
  // Lambda applies NODE_OPTIONS from the function's environment; --enable-source-maps costs init time.
  const nodeOptions = bundling.environment?.NODE_OPTIONS ?? '';
  const nodeArgs = nodeOptions.split(/\s+/).filter(Boolean);
  const shown = {
    format: options.format,
    target: options.target,
    minify: options.minify,
    sourcemap: options.sourcemap,
    mainFields: options.mainFields,
    external: options.external,
    banner: options.banner ? 'createRequire' : undefined,
    sourcesContent: options.sourcesContent,
    NODE_OPTIONS: nodeOptions || undefined,
  };
  return {
    options,
    nodeArgs,
    describe: `${origin}\n  ${JSON.stringify(shown)}`,
  };
}

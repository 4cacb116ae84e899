import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The room map, enforced (run by `npm run lint`; docs/architecture.md draws it, ADR 0006 explains it).
 *
 * - Each bounded context is one folder under shared/ with domain/ (pure rules), app/ (use cases),
 *   adapters/ (its own items and keys), http/ (its routes) and one index.ts. Another context, a
 *   function or the infra may import a context only through its index.ts.
 * - domain/ imports only its own domain/, the kernel and zod (and node:crypto for hashes).
 * - app/ and http/ never import an AWS SDK package; app/ never imports runtime/http/.
 * - kernel/ imports only zod and ulid; runtime/ never imports a context or local/; events/ import
 *   only zod, ulid and the kernel.
 * - Everything imports the kernel through kernel/index.ts, or takes one of its zod-free modules
 *   (names, errors, actor, clock, time, text) on its own, to keep small bundles (the pages) small.
 */
export type Violation = { file: string; line: number; specifier: string; rule: string };

export const contexts = [
  'participants',
  'forums',
  'payments',
  'decisions',
  'reporting',
  'evaluation',
  'feedback',
  'surveys',
] as const;
const layers = ['domain', 'app', 'adapters', 'http'] as const;
type Layer = (typeof layers)[number] | 'index';

const checkedRoots = ['shared', 'functions', 'events', 'infra'];

type Place =
  | { kind: 'context'; context: string; layer: Layer; path: string }
  | { kind: 'kernel' | 'runtime' | 'local' | 'events' | 'functions' | 'infra' | 'other'; path: string };

function placeOf(rel: string): Place {
  const parts = rel.split('/');
  if (parts[0] === 'shared' && (contexts as readonly string[]).includes(parts[1] ?? '')) {
    const layer = parts.length === 3 && parts[2] === 'index.ts' ? 'index' : (parts[2] as Layer);
    return { kind: 'context', context: parts[1] ?? '', layer, path: rel };
  }
  if (parts[0] === 'shared' && parts[1] === 'kernel') return { kind: 'kernel', path: rel };
  if (parts[0] === 'shared' && parts[1] === 'runtime') return { kind: 'runtime', path: rel };
  if (parts[0] === 'shared' && parts[1] === 'local') return { kind: 'local', path: rel };
  if (parts[0] === 'events') return { kind: 'events', path: rel };
  if (parts[0] === 'functions') return { kind: 'functions', path: rel };
  if (parts[0] === 'infra') return { kind: 'infra', path: rel };
  return { kind: 'other', path: rel };
}

const KERNEL_INDEX = 'shared/kernel/index.ts';
/** The kernel's zod-free modules: anyone may import them one by one, so small bundles (pages, web) stay small. */
const zodFreeKernel = ['names', 'errors', 'actor', 'clock', 'time', 'text', 'money-format', 'words'].map(
  (f) => `shared/kernel/${f}.ts`,
);
/** zod's English messages, imported for their effect where schemas are parsed (runtime, events). */
const ZOD_MESSAGES = 'shared/kernel/zod-messages.ts';
const sdk = (pkg: string) => pkg.startsWith('@aws-sdk/');

/** What is wrong with `from` importing `spec` (resolved to `target` when relative), or undefined. */
function judge(from: Place, spec: string, target: Place | undefined): string | undefined {
  if (!target) {
    // A package (or node: builtin).
    const pkg = spec;
    if (from.kind === 'context' && from.layer === 'domain' && !['zod', 'node:crypto'].includes(pkg)) {
      return 'domain/ is pure: it imports only zod (and node:crypto), not packages';
    }
    if (from.kind === 'context' && (from.layer === 'app' || from.layer === 'http') && sdk(pkg)) {
      return `${from.layer}/ never imports the AWS SDK: put the call in the context's adapters/`;
    }
    if (from.kind === 'kernel' && !['zod', 'ulid'].includes(pkg)) return 'the kernel imports only zod and ulid';
    if (from.kind === 'events' && !['zod', 'ulid'].includes(pkg) && !pkg.startsWith('node:'))
      return 'events import only zod, ulid and the kernel';
    return undefined;
  }
  const into = target;
  if (into.kind === 'kernel' && from.kind !== 'kernel') {
    if (into.path === KERNEL_INDEX) return undefined;
    if (zodFreeKernel.includes(into.path)) return undefined;
    if (into.path === ZOD_MESSAGES && (from.kind === 'runtime' || from.kind === 'events')) return undefined;
    return 'import the kernel through shared/kernel/index.ts';
  }
  if (from.kind === 'kernel') return into.kind === 'kernel' ? undefined : 'the kernel imports nothing of the product';
  if (from.kind === 'events') {
    return into.kind === 'events' || into.kind === 'kernel' ? undefined : 'events import only zod, ulid and the kernel';
  }
  if (from.kind === 'runtime' && (into.kind === 'context' || into.kind === 'local' || into.kind === 'functions')) {
    return 'runtime/ is below every context: it never imports a context, local/ or functions/';
  }
  if (into.kind === 'local' && from.kind !== 'local') return 'only the local stack imports shared/local/';
  if (into.kind === 'context') {
    if (from.kind === 'context' && from.context === into.context) {
      if (from.layer === 'domain' && into.layer !== 'domain') return 'domain/ imports only its own domain/';
      if (from.layer === 'adapters' && (into.layer === 'app' || into.layer === 'http')) {
        return 'adapters/ import only their domain/ and each other, not app/ or http/';
      }
      if (from.layer === 'app' && into.layer === 'http') return 'app/ does not know HTTP: it never imports http/';
      if (into.layer === 'index' && from.layer !== 'index')
        return 'inside a context, import the module itself, not index.ts';
      return undefined;
    }
    if (into.layer !== 'index') {
      return `another context is entered through its index.ts only (shared/${into.context}/index.ts)`;
    }
    if (from.kind === 'context' && from.layer === 'domain') return 'domain/ never imports another context';
    return undefined;
  }
  if (from.kind === 'context') {
    if (from.layer === 'domain' && into.kind !== 'kernel') return 'domain/ imports only its own domain/ and the kernel';
    if (from.layer === 'app' && into.kind === 'runtime' && into.path.startsWith('shared/runtime/http/')) {
      return 'app/ does not know HTTP: it never imports runtime/http/';
    }
    if (into.kind === 'functions' || into.kind === 'infra') return 'a context never imports functions/ or infra/';
  }
  return undefined;
}

const importPattern =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function resolveRelative(root: string, fromFile: string, spec: string): string {
  const abs = resolve(dirname(join(root, fromFile)), spec).replace(/\.js$/, '.ts');
  return relative(root, abs).split(sep).join('/');
}

/** Every violation in `files` (path relative to root → source). */
export function checkSources(root: string, files: Record<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of Object.entries(files)) {
    const from = placeOf(file);
    if (from.kind === 'other' || from.kind === 'local') continue;
    for (const m of source.matchAll(importPattern)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? '';
      if (spec.startsWith('../') && spec.includes('/package.json')) continue;
      const target = spec.startsWith('.') ? placeOf(resolveRelative(root, file, spec)) : undefined;
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
      const rule = judge(from, target ? spec : pkg, target);
      if (rule) {
        const line = source.slice(0, m.index).split('\n').length;
        out.push({ file, line, specifier: spec, rule });
      }
    }
  }
  return out;
}

function listTs(root: string, dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : listTs(root, rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

export function checkTree(root: string, planted: Record<string, string> = {}): Violation[] {
  const files: Record<string, string> = {};
  for (const dir of checkedRoots) {
    for (const f of listTs(root, dir)) files[f] = readFileSync(join(root, f), 'utf8');
  }
  return checkSources(root, { ...files, ...planted });
}

if (process.argv[1] === import.meta.filename) {
  const root = resolve(import.meta.dirname, '..', '..');
  const violations = checkTree(root);
  for (const v of violations) console.error(`${v.file}:${v.line}  ${v.specifier}\n  ✗ ${v.rule}`);
  if (violations.length > 0) {
    console.error(`\n${violations.length} import(s) cross a boundary of the room map (docs/architecture.md).`);
    process.exit(1);
  }
  console.log('boundaries: every import respects the room map');
}

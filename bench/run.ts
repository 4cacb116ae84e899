/**
 * `npm run bench`: every benchmark, each printing its own section. Not part of `npm test`.
 * `npm run bench -- bundles` (or recruit-load, remuneration, workflows, sessions-scale) runs only those named.
 * A benchmark that fails is reported and the others still run; the process exits by itself.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { section } from './format.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Bench = { name: string; load: () => Promise<{ run: () => Promise<unknown> }> | undefined };

const benches: Bench[] = [
  { name: 'bundles', load: () => import('./bundles.js') },
  { name: 'recruit-load', load: () => import('./recruit-load.js') },
  {
    name: 'remuneration',
    // Written by the payments work; run it when it exists.
    load: () =>
      existsSync(join(import.meta.dirname, 'remuneration.ts'))
        ? (import(join(import.meta.dirname, 'remuneration.ts')) as Promise<{ run: () => Promise<unknown> }>)
        : undefined,
  },
  { name: 'workflows', load: () => import('./workflows.js') },
  { name: 'sessions-scale', load: () => import('./sessions-scale.js') },
];

const only = process.argv.slice(2);
const started = performance.now();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `Coproduce benchmarks — ${new Date().toISOString()}, Node ${process.versions.node}, ${process.platform}/${process.arch}, ${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'CPU'}; load average ${load()}`,
);
const failed: string[] = [];
for (const bench of benches) {
  if (only.length && !only.includes(bench.name)) continue;
  const t0 = performance.now();
  try {
    const mod = await bench.load();
    if (!mod) {
      console.log(`\n(${bench.name}: not present, skipped)`);
      continue;
    }
    await mod.run();
  } catch (err) {
    failed.push(bench.name);
    section(`${bench.name}: FAILED`);
    console.log((err as Error).stack ?? String(err));
  }
  console.log(`\n(${bench.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s; load average now ${load()})`);
}
console.log(
  `\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}.`,
);
process.exit(failed.length ? 1 : 0);

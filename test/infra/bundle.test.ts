import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalogue.js';
import { synth } from './synth.js';

// The one test that bundles for real (esbuild, locally, no Docker): the web function, which also
// needs the pages copied beside its handler. Every other infra test skips bundling.
describe('bundling', () => {
  it('bundles the web function as ESM for Node 24 with the pages beside it', () => {
    const web = functions.find((f) => f.name === 'web')!;
    const { app, stateless } = synth({ functions: [web], bundle: true });

    const assembly = app.synth();
    const manifest = JSON.parse(
      readFileSync(join(assembly.directory, `${stateless.artifactId}.assets.json`), 'utf8'),
    ) as { files: Record<string, { source: { path: string; packaging?: string } }> };
    const bundles = Object.values(manifest.files)
      .map((f) => join(assembly.directory, f.source.path))
      .filter((path) => existsSync(join(path, 'index.mjs')));
    expect(bundles).toHaveLength(1);
    const [bundle] = bundles as [string];

    const code = readFileSync(join(bundle, 'index.mjs'), 'utf8');
    expect(
      code.startsWith("import { createRequire } from 'module';const require = createRequire(import.meta.url);"),
    ).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*handler/);
    expect(existsSync(join(bundle, 'index.mjs.map'))).toBe(true);
    expect(existsSync(join(bundle, 'web', 'index.html'))).toBe(true);
    expect(readdirSync(join(bundle, 'web', 'assets'))).toContain('style.css');
  }, 180_000);
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allEvents } from '../../events/index.js';
import { routeTable } from '../../functions/catalogue.js';

const root = join(import.meta.dirname, '..', '..');

describe('contract docs in the repo', () => {
  it('lists every route of the route table, and no route that is not in it, in docs/api.md', () => {
    const doc = readFileSync(join(root, 'docs', 'api.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `(GET|POST|PATCH|PUT|DELETE) ([^`]+)` \|/gm)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(documented.sort()).toEqual(routeTable.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('keeps docs/schemas equal to what npm run events:schemas writes from the contracts', () => {
    const dir = join(root, 'docs', 'schemas');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(allEvents.map((c) => `${c.detailType}.v${c.version}.json`).sort());
    for (const contract of allEvents) {
      const stored = JSON.parse(readFileSync(join(dir, `${contract.detailType}.v${contract.version}.json`), 'utf8'));
      expect(stored.title, 'run npm run events:schemas').toBe(contract.detailType);
      expect(stored.properties, `${contract.detailType}: run npm run events:schemas`).toEqual(
        (z.toJSONSchema(contract.detail, { target: 'draft-7' }) as { properties: unknown }).properties,
      );
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { allEvents } from '../../events/index.js';
import { eventJsonSchema, schemaFileOf, schemaIdOf } from '../../events/write-schemas.js';
import { routeTable } from '../../functions/catalogue.js';
import { fixtures } from './fixtures.js';

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
      const stored = JSON.parse(readFileSync(join(dir, schemaFileOf(contract)), 'utf8'));
      expect(stored, `${contract.detailType}: run npm run events:schemas`).toEqual(eventJsonSchema(contract));
    }
  });

  it('compiles every event schema in a strict Ajv (standard keywords only, an $id each) and validates a fixture', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv);
    for (const contract of allEvents) {
      const stored = JSON.parse(readFileSync(join(root, 'docs', 'schemas', schemaFileOf(contract)), 'utf8'));
      const validate = ajv.compile(stored);
      expect(stored.$id).toBe(schemaIdOf(contract));
      const metadata = {
        version: contract.version,
        idempotencyKey: 'k',
        correlationId: 'c',
        occurredAt: '2026-03-02T18:00:00+00:00',
      };
      expect(validate({ metadata, data: fixtures[contract.detailType] }), contract.detailType).toBe(true);
      expect(
        validate({ metadata: { ...metadata, version: contract.version + 1 }, data: fixtures[contract.detailType] }),
      ).toBe(false);
    }
  });
});

/** Writes one JSON Schema per event contract, for the EventBridge schema registry and the docs. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { allEvents } from './index.js';

const outDir = join(import.meta.dirname, '..', 'docs', 'schemas');
mkdirSync(outDir, { recursive: true });
for (const contract of allEvents) {
  const schema = {
    ...z.toJSONSchema(contract.detail, { target: 'draft-7' }),
    title: contract.detailType,
    description: contract.description,
    'x-source': contract.source,
    'x-version': contract.version,
  };
  const file = join(outDir, `${contract.detailType}.v${contract.version}.json`);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

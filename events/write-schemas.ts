/**
 * Writes one JSON Schema per event contract, for the EventBridge schema registry and the docs.
 * Only standard keywords (a strict validator such as Ajv in strict mode accepts them): the source
 * and version are in `$id` and `$comment`, not in custom `x-` keywords.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import type { EventContract } from './define-event.js';
import { allEvents } from './index.js';

export const schemaIdOf = (c: EventContract) => `urn:coproduce:event:${c.source}:${c.detailType}:v${c.version}`;

export const eventJsonSchema = (contract: EventContract) => ({
  ...z.toJSONSchema(contract.detail, { target: 'draft-7' }),
  $id: schemaIdOf(contract),
  $comment: `EventBridge source ${contract.source}, detail-type ${contract.detailType}, version ${contract.version}`,
  title: contract.detailType,
  description: contract.description,
});

export const schemaFileOf = (c: EventContract) => `${c.detailType}.v${c.version}.json`;

if (process.argv[1] === import.meta.filename) {
  const outDir = join(import.meta.dirname, '..', 'docs', 'schemas');
  mkdirSync(outDir, { recursive: true });
  for (const contract of allEvents) {
    const file = join(outDir, schemaFileOf(contract));
    writeFileSync(file, `${JSON.stringify(eventJsonSchema(contract), null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiRoutes } from '../../functions/catalogue.js';
import pkg from '../../package.json' with { type: 'json' };
import { openApiDocument } from '../runtime/http/openapi.js';

/** `npm run api:openapi`: writes docs/openapi.json from the route definitions (a test fails when it is stale). */
export const openApiPath = join(import.meta.dirname, '..', '..', 'docs', 'openapi.json');
export const renderOpenApi = () => `${JSON.stringify(openApiDocument(apiRoutes, { version: pkg.version }), null, 2)}\n`;

if (process.argv[1] === import.meta.filename) {
  writeFileSync(openApiPath, renderOpenApi());
  console.log(`wrote ${openApiPath}`);
}

/**
 * Writes openapi/openapi.json from the same zod schemas that validate requests.
 * `npm run openapi` after changing a route; test/openapi.test.ts fails while the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { createApp, openApiDocument } from '../src/app.js';
import type { AppServices } from '../src/routes/env.js';

// Building the document touches no store: the routes only need the settings that shape them.
const app = createApp({
  edgeSettings: { adminApiKey: 'x'.repeat(16), orderBodyLimitBytes: 1, replaceBodyLimitBytes: 1 },
} as Partial<AppServices> as AppServices);
writeFileSync(new URL('../openapi/openapi.json', import.meta.url), `${JSON.stringify(openApiDocument(app), null, 2)}\n`);

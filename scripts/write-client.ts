/**
 * Writes client/schema.d.ts, the TypeScript types of the API, from openapi/openapi.json
 * (openapi-typescript). `npm run client` (or `npm run openapi`, which writes both);
 * test/client.test.ts fails while the file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const DOCUMENT = new URL('../openapi/openapi.json', import.meta.url);
export const CLIENT_SCHEMA = new URL('../client/schema.d.ts', import.meta.url);

const HEADER = `/**
 * Types of the Reservoir API, generated from openapi/openapi.json by openapi-typescript.
 * Do not edit: \`npm run client\` rewrites it. Use it with openapi-fetch (docs/api.md, "Typed client").
 */

`;

/** What client/schema.d.ts must hold for the committed OpenAPI document. */
export async function clientSchemaSource(): Promise<string> {
  const document = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
  return HEADER + astToString(await openapiTS(document, { alphabetize: false }));
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  writeFileSync(CLIENT_SCHEMA, await clientSchemaSource());
  process.stdout.write(`wrote ${fileURLToPath(CLIENT_SCHEMA)}\n`);
}

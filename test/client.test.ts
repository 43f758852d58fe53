/**
 * The typed client: client/schema.d.ts is what openapi-typescript makes of openapi/openapi.json
 * (`npm run client`), and the API guide's example (client/example.ts, with openapi-fetch) runs
 * against the real service over HTTP as a user would run it.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_SCHEMA, clientSchemaSource } from '../scripts/write-client.js';
import { ADMIN_KEY, newTenantId, startTestService, type TestService } from './support/harness.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = new URL('../client/example.ts', import.meta.url);

let svc: TestService;
let server: ServerType;
let origin: string;

beforeAll(async () => {
  svc = await startTestService();
  await new Promise<void>((resolve) => {
    server = serve({ fetch: svc.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await svc?.close();
});

describe('the typed client', () => {
  it('client/schema.d.ts is generated from the committed OpenAPI document (run `npm run client` after `npm run openapi`)', async () => {
    expect(readFileSync(CLIENT_SCHEMA, 'utf8')).toBe(await clientSchemaSource());
  });

  it("the API guide's example (docs/api.md) is client/example.ts, word for word", () => {
    const guide = readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8');
    const block = /<!-- client\/example\.ts -->\s*```ts\n([\s\S]*?)```/.exec(guide);
    expect(block, 'docs/api.md: a ```ts block after <!-- client/example.ts -->').not.toBeNull();
    expect(block![1]).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it('the example creates, reads, ships and is refused a stale write, on the real service', async () => {
    const tenantId = newTenantId();
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(EXAMPLE)],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, RESERVOIR_URL: origin, RESERVOIR_API_KEY: ADMIN_KEY, TENANT_ID: String(tenantId) },
          timeout: 60_000,
        },
        (err, stdout, stderr) => (err ? reject(new Error(`example failed: ${stdout}${stderr}${err.message}`)) : resolve(stdout)),
      ),
    );
    expect(output.trim().split('\n')).toEqual([
      'created: true',
      'lines: 2',
      'reserved at FRA:MAG:0125: 2',
      'shipped: true',
      'older write: 409 STALE_WRITE',
    ]);
    // what it left: the line at the other origin
    const left = await svc.call('GET', `/${tenantId}/stock-origins`);
    expect(left.body).toMatchObject({ total: 1, origins: [expect.objectContaining({ code: 'FRA:MAG:0953', reservedQty: 1 })] });
  }, 90_000);
});

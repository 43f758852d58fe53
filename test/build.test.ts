/**
 * The compiled service, as `npm run build && npm start` runs it: scripts/build.mjs into a folder
 * of its own, then `node <build>/server.js` in a process of its own (no tsx, no TypeScript), on the
 * suite's Redis and MongoDB. Every operation of the OpenAPI document is called once, plus the
 * pages around them, so that a module, a worker or an asset file the build leaves out fails here.
 *
 * Single project only (vitest.config.ts): the build is the same on a Redis Cluster.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertConforms } from './support/conformance.js';
import { ADMIN_KEY, eventually, makeOrder, newGuid, newTenantId, toTestResponse, withDatabase } from './support/harness.js';
import { buildService, type ServiceBuild } from './support/build.js';
import { startReplicas, type Replica, type ReplicaSet } from './support/replicas.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
/** Bodies of PUT /orders over this go to the worker thread: the test's PUT is well over it. */
const WORKER_THRESHOLD_BYTES = 2048;

let build: ServiceBuild;
let set: ReplicaSet;
let service: Replica;
const mongoUrl = withDatabase(inject('mongoUrl'), `reservoir_build_${randomUUID().slice(0, 8)}`);

beforeAll(async () => {
  build = await buildService();
  set = await startReplicas(1, {
    redis: { redisUrl: inject('redisUrl') },
    mongoUrl,
    built: build.dir,
    env: {
      REPLACE_WORKER_THRESHOLD_BYTES: String(WORKER_THRESHOLD_BYTES),
      RESTORE_ON_START: 'false',
      // webhooks to this machine, failed at the first refusal
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0s',
    },
  });
  service = set.replicas[0]!;
}, 300_000);

afterAll(async () => {
  await set?.close();
  await build?.remove();
  const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 2000 });
  await client
    .db()
    .dropDatabase()
    .catch(() => {});
  await client.close();
});

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(dir, rel) : [rel];
  });
}

describe('the build (npm run build)', () => {
  it('holds a .js module for every TypeScript source and every other file of src/ at the same place', () => {
    const sources = filesUnder(SRC);
    const missing = sources
      .map((rel) => (/\.tsx?$/.test(rel) ? rel.replace(/\.tsx?$/, '.js') : rel))
      .filter((rel) => !existsSync(path.join(build.dir, rel)));
    expect(missing).toEqual([]);
    expect(filesUnder(build.dir).filter((rel) => /\.tsx?$/.test(rel))).toEqual([]);
    // the API reference's script, copied from its npm package
    expect(existsSync(path.join(build.dir, 'routes/docs/scalar-api-reference.js'))).toBe(true);
    // the console's htmx, copied from its npm package
    expect(existsSync(path.join(build.dir, 'console/assets/htmx.min.js'))).toBe(true);
  });
});

describe('the built service (node <build>/server.js)', () => {
  /** method + path template of each operation called, to compare with the OpenAPI document. */
  const called = new Set<string>();

  async function call<T = any>(method: string, template: string, params: Record<string, string | number>, body?: unknown, key = ADMIN_KEY) {
    called.add(`${method.toLowerCase()} ${template}`);
    const urlPath = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
    const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${service.url}${urlPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    // Every operation's answer, from the built service, as the document says (support/conformance.ts).
    await assertConforms(method, urlPath, res);
    return toTestResponse<T>(res);
  }

  it('answers every operation of its OpenAPI document', async () => {
    const tenantId = newTenantId();
    const t = { tenantId };

    // health and readiness
    expect((await call('GET', '/health', {})).status).toBe(200);
    const ready = await call('GET', '/ready', {});
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ready: true });

    // orders
    const order = makeOrder(tenantId);
    expect((await call('POST', '/{tenantId}/order', t, order)).body).toBe(true);
    expect((await call('GET', '/{tenantId}/order/{orderId}', { ...t, orderId: order.orderId })).body).toMatchObject({
      orderId: order.orderId,
    });
    // a replacement large enough for the worker thread (its module must be in the build)
    const orders = Array.from({ length: 40 }, () => makeOrder(tenantId));
    expect(JSON.stringify(orders).length).toBeGreaterThan(WORKER_THRESHOLD_BYTES * 4);
    const replaced = await call('PUT', '/{tenantId}/orders', t, orders);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ orderCount: 40, removedCount: 1, archive: 'written' });
    const first = orders[0]!;
    expect(
      (await call('DELETE', '/{tenantId}/order/byid/{orderId}/code/{code}', { ...t, orderId: first.orderId, code: 'FRA:MAG:0125' })).body,
    ).toBe(true);
    expect((await call('DELETE', '/{tenantId}/order/byid/{orderId}', { ...t, orderId: first.orderId })).body).toBe(true);

    // reservations (39 orders left, 2 units each at FRA:MAG:0953)
    expect((await call('GET', '/{tenantId}/stock-origins/{code}', { ...t, code: 'FRA:MAG:0953' })).body).toMatchObject({
      reservedQty: 78,
      orderCount: 39,
    });
    expect((await call('GET', '/{tenantId}/stock-origins', t)).body).toMatchObject({ total: 2 });
    expect(
      (await call('GET', '/{tenantId}/articles/{artGuid}', { ...t, artGuid: '4128d10e-1594-42a7-8c79-bde5181a20f5' })).body,
    ).toMatchObject({ reservedQty: 78 });

    // search, the batch query, the summary, capacities, shipments
    expect((await call('GET', '/{tenantId}/orders', t)).body.orders).toHaveLength(39);
    expect((await call('GET', '/{tenantId}/stock-origins/{code}/orders', { ...t, code: 'FRA:MAG:0953' })).body.orders).toHaveLength(39);
    expect((await call('GET', '/{tenantId}/summary', t)).body).toMatchObject({ orders: 39, reservedQty: 39 * 3 });
    expect((await call('GET', '/admin/tenants', {})).status).toBe(200);
    const query = await call('POST', '/{tenantId}/reservations/query', t, { artGuids: ['4128d10e-1594-42a7-8c79-bde5181a20f5'] });
    expect(query.body.articles[0]).toMatchObject({ reservedQty: 78 });
    const capacity = { maxQty: 100, maxLines: null, maxOrders: null };
    expect((await call('PUT', '/{tenantId}/stock-origins/{code}/capacity', { ...t, code: 'FRA:MAG:0953' }, capacity)).body).toEqual(
      capacity,
    );
    expect((await call('GET', '/{tenantId}/stock-origins/{code}/capacity', { ...t, code: 'FRA:MAG:0953' })).body).toEqual(capacity);
    expect((await call('DELETE', '/{tenantId}/stock-origins/{code}/capacity', { ...t, code: 'FRA:MAG:0953' })).status).toBe(200);
    // availability: a level (with its MongoDB copy), the pair's stock, and untracking it
    const pair = { ...t, code: 'FRA:MAG:0953', artGuid: '4128d10e-1594-42a7-8c79-bde5181a20f5' };
    const levels = [{ code: pair.code, artGuid: pair.artGuid, onHand: 100 }];
    expect((await call('PUT', '/{tenantId}/stock', t, { asOf: '2030-01-01T00:00:00Z', levels })).body).toEqual({ applied: 1, stale: 0 });
    expect((await call('GET', '/{tenantId}/stock-origins/{code}/stock/{artGuid}', pair)).body).toMatchObject({
      onHand: 100,
      reservedQty: 78,
    });
    expect((await call('GET', '/{tenantId}/stock', t)).body.pairs).toEqual([
      expect.objectContaining({ code: pair.code, artGuid: pair.artGuid, onHand: 100, reservedQty: 78, available: 22 }),
    ]);
    expect((await call('DELETE', '/{tenantId}/stock-origins/{code}/stock/{artGuid}', pair)).body).toBe(true);
    const plans = [{ lines: [{ code: pair.code, artGuid: pair.artGuid, qty: 1 }] }];
    expect((await call('POST', '/{tenantId}/reservations/simulate', t, { plans })).body.plans[0]).toMatchObject({ feasible: true });
    const hold = { expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    expect((await call('POST', '/{tenantId}/order/{orderId}/hold', { ...t, orderId: orders[2]!.orderId }, hold)).body).toBe(true);
    expect((await call('POST', '/{tenantId}/shipments', t, [{ orderId: orders[1]!.orderId, code: 'FRA:MAG:0125' }])).body).toEqual([true]);

    // the change feed and its stream
    const feed = await call('GET', '/{tenantId}/events', t);
    expect(feed.body.events.length).toBeGreaterThan(0);
    called.add('get /{tenantId}/events/stream');
    const stream = await fetch(`${service.url}/${tenantId}/events/stream?after=${feed.body.events[0].id}`, {
      headers: { Authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(new TextDecoder().decode((await stream.body!.getReader().read()).value)).toContain('id: ');
    await stream.body!.cancel().catch(() => {});

    // webhooks: an endpoint that refuses everything, its failed delivery, retried
    const receiver = createServer((_req, res) => res.writeHead(500).end()).listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const endpoint = await call('POST', '/{tenantId}/webhooks', t, { url, events: ['order.created'] });
      expect(endpoint.status).toBe(201);
      const hook = { ...t, id: endpoint.body.id };
      expect((await call('GET', '/{tenantId}/webhooks', t)).body.webhooks).toHaveLength(1);
      expect((await call('GET', '/{tenantId}/webhooks/{id}', hook)).body).toMatchObject({ url });
      expect((await call('POST', '/{tenantId}/order', t, makeOrder(tenantId))).body).toBe(true);
      const failed = await eventually(async () => {
        const list = await call('GET', '/{tenantId}/webhooks/{id}/deliveries', hook);
        expect(list.body.deliveries.map((d: { status: string }) => d.status)).toEqual(['failed']);
        return list.body.deliveries[0];
      }, 30_000);
      const delivery = { ...hook, deliveryId: failed.id };
      expect((await call('GET', '/{tenantId}/webhooks/{id}/deliveries/{deliveryId}', delivery)).body).toMatchObject({ id: failed.id });
      expect((await call('POST', '/{tenantId}/webhooks/{id}/deliveries/{deliveryId}/retry', delivery)).status).toBe(202);
      expect((await call('GET', '/{tenantId}/webhooks/{id}/stats', hook)).body).toMatchObject({
        lastHour: { attempts: expect.any(Number) },
      });
      expect((await call('POST', '/{tenantId}/webhooks/{id}/test', hook)).body).toMatchObject({ delivered: false, statusCode: 500 });
      expect((await call('POST', '/{tenantId}/webhooks/{id}/deliveries/retry', hook)).status).toBe(202);
      expect((await call('PATCH', '/{tenantId}/webhooks/{id}', hook, { status: 'paused' })).body).toMatchObject({ status: 'paused' });
      expect((await call('DELETE', '/{tenantId}/webhooks/{id}', hook)).status).toBe(204);
    } finally {
      receiver.close();
    }

    // tenant configuration
    expect((await call('PUT', '/{tenantId}/config', t, { enableInternalOrderSync: true })).status).toBe(200);
    expect((await call('GET', '/{tenantId}/config', t)).body).toEqual({
      enableInternalOrderSync: true,
      saturationThresholds: [0.8, 1],
      reservationPolicy: 'always',
      defaultHoldSeconds: {},
    });

    // API keys: created, listed, used on the tenant's routes, revoked
    const created = await call<{ id: string; key: string }>('POST', '/admin/tenants/{tenantId}/api-keys', t);
    expect(created.status).toBe(201);
    expect((await call('GET', '/admin/tenants/{tenantId}/api-keys', t)).body.keys).toHaveLength(1);
    expect((await call('GET', '/{tenantId}/config', t, undefined, created.body.key)).status).toBe(200);
    expect((await call('DELETE', '/admin/tenants/{tenantId}/api-keys/{keyId}', { ...t, keyId: created.body.id })).status).toBe(204);
    expect((await call('PUT', '/admin/tenants/{tenantId}/quotas', t, { orders: 100 })).body.quotas).toMatchObject({ orders: 100 });
    expect((await call('GET', '/admin/tenants/{tenantId}/quotas', t)).body.quotas).toMatchObject({ orders: 100 });

    // sync, restore, reconcile
    const sync = await call('POST', '/admin/sync', {}, { tenantId, full: true });
    expect(sync.status).toBe(200);
    expect(sync.body.tenants).toEqual([expect.objectContaining({ tenantId, status: 'synced' })]);
    expect((await call('GET', '/admin/sync', {})).status).toBe(200);
    expect((await call('GET', '/{tenantId}/sync', t)).body).toMatchObject({ tenantId });
    expect((await call('POST', '/admin/restore', {}, { tenantId })).status).toBe(200);
    const reconcile = await call('POST', '/admin/reconcile', {}, { tenantId });
    expect(reconcile.status).toBe(200);
    expect(reconcile.body).toMatchObject({ driftCount: 0 });

    // metrics
    const metrics = await call<string>('GET', '/metrics', {});
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('reservoir_http_requests_total');

    // the document itself, and every operation in it was called above
    const doc = await call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/openapi.json', {});
    expect(doc.status).toBe(200);
    const operations = Object.entries(doc.body.paths).flatMap(([template, item]) =>
      Object.keys(item).map((method) => `${method} ${template}`),
    );
    expect(operations.filter((op) => !called.has(op))).toEqual([]);
    expect(doc.body).toEqual(JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8')));
  });

  it('serves the API reference page and its script from the build', async () => {
    const page = await fetch(`${service.url}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/docs/scalar-api-reference.js');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    const script = await fetch(`${service.url}/docs/scalar-api-reference.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain('createApiReference');
  });

  it('serves the ops console and its assets from the build, and signs in', async () => {
    for (const [asset, type, text] of [
      ['htmx.min.js', /javascript/, 'htmx'],
      ['console.js', /javascript/, 'EventSource'],
      ['console.css', /text\/css/, '.topbar'],
    ] as const) {
      const res = await fetch(`${service.url}/console/assets/${asset}`);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
      expect(await res.text()).toContain(text);
    }
    const signIn = await fetch(`${service.url}/console/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('/console/assets/htmx.min.js');
    const session = await fetch(`${service.url}/console/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ key: ADMIN_KEY }),
      redirect: 'manual',
    });
    expect(session.status).toBe(303);
    expect(session.headers.get('location')).toBe('/console/tenants');
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const tenants = await fetch(`${service.url}/console/tenants`, { headers: { Cookie: cookie } });
    expect(tenants.status).toBe(200);
    const html = await tenants.text();
    expect(html).toContain('data-health');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('logs JSON lines (production format), one per request', () => {
    const lines = service.log().trim().split('\n');
    const parsed = lines.map((line) => JSON.parse(line) as { msg?: string; route?: string });
    expect(parsed.some((l) => l.msg === 'request' && l.route === '/:tenantId/orders')).toBe(true);
  });

  it('answers an unknown route with the JSON error body', async () => {
    const res = await call('GET', `/no/such/${newGuid()}`, {});
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});

/**
 * MongoDB goes away under the running service: tenant keys keep working (Redis holds the keys in
 * use), the order routes keep working, key management and sync fail cleanly (503 / a failed run
 * that the next one makes up for), and everything catches up when MongoDB returns. These tests stop
 * a MongoDB-wire server of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/domain/api-keys.js';
import { apiKeyKey } from '../src/repositories/keys.js';
import { eventually, makeOrder, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ ownMongo: true });
});
afterAll(() => svc.close());

function metric(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('MongoDB outage', () => {
  it('keeps tenant keys and the order routes working, refuses key management with 503, and catches up', async () => {
    const t = newTenantId();
    const created = (await svc.call('POST', `/admin/tenants/${t}/api-keys`)).body;
    const key = created.key as string;
    const order = makeOrder(t);
    expect((await svc.call('POST', `/${t}/order`, order, { key })).status).toBe(200);

    await svc.mongoServer!.stop();
    try {
      // A key this replica knows from memory, and one it must look up again (another replica, a
      // restart): Redis answers for both.
      expect((await svc.call('GET', `/${t}/order/${order.orderId}`, undefined, { key })).status).toBe(200);
      svc.services.apiKeys['forget'](null);
      const during = makeOrder(t);
      expect((await svc.call('POST', `/${t}/order`, during, { key })).status).toBe(200);
      expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}`, undefined, { key })).body).toBe(true);
      expect((await svc.call('GET', `/${t}/stock-origins/FRA:MAG:0125`, undefined, { key })).body.reservedQty).toBe(1);

      // What needs MongoDB says so, and changes nothing.
      for (const [method, path] of [
        ['POST', `/admin/tenants/${t}/api-keys`],
        ['GET', `/admin/tenants/${t}/api-keys`],
        ['DELETE', `/admin/tenants/${t}/api-keys/${created.id}`],
      ] as const) {
        const res = await svc.call(method, path);
        expect(res.status, `${method} ${path}`).toBe(503);
        expect(res.body.error).toMatchObject({ code: 'STORE_UNAVAILABLE', message: 'mongodb is unavailable' });
      }
      expect((await svc.call('GET', `/${t}/stock-origins`, undefined, { key })).status).toBe(200);

      // An unknown key cannot be told apart from one MongoDB holds: 503, not 401.
      expect((await svc.call('GET', `/${t}/stock-origins`, undefined, { key: `rsv_${'Q'.repeat(43)}` })).status).toBe(503);

      const ready = await svc.call('GET', '/ready', undefined, { key: null });
      expect(ready).toMatchObject({ status: 200, body: { ready: true, redis: 'up', mongodb: 'down' } });

      const run = (await svc.call('POST', '/admin/sync', { tenantId: t })).body;
      expect(run).toMatchObject({ ok: false, tenants: [{ status: 'failed' }] });
      await expect(svc.services.apiKeys.flushLastUse()).rejects.toThrow();
      const text = (await svc.call('GET', '/metrics')).body as string;
      expect(metric(text, 'reservoir_mongodb_errors_total{kind="unavailable"}')).toBeGreaterThan(0);
      expect(metric(text, 'reservoir_sync_runs_total{trigger="admin",outcome="failed"}')).toBeGreaterThan(0);

      await svc.mongoServer!.start();
      await eventually(async () => expect((await svc.call('POST', '/admin/sync', { tenantId: t })).body.ok).toBe(true), 20_000, 500);
      const archived = await svc.mongo.run((db) => db.collection('orders').find({ tenantId: t }).toArray());
      expect(archived.map((d) => d.orderId)).toEqual([during.orderId]);
      // The uses seen while MongoDB was away were kept, and are recorded now.
      const keys = (await svc.call('GET', `/admin/tenants/${t}/api-keys`)).body.keys;
      expect(keys).toEqual([expect.objectContaining({ id: created.id, lastUsedAt: expect.any(String) })]);
      expect((await svc.call('POST', `/admin/tenants/${t}/api-keys`)).status).toBe(201);
      expect((await svc.call('DELETE', `/admin/tenants/${t}/api-keys/${created.id}`)).status).toBe(204);
      expect((await svc.call('GET', `/${t}/stock-origins`, undefined, { key })).status).toBe(401);
    } finally {
      if (!svc.mongoServer!.running) await svc.mongoServer!.start();
    }
  });

  it('a hung MongoDB holds no request up longer than its timeout', async () => {
    const t = newTenantId();
    const { key } = (await svc.call('POST', `/admin/tenants/${t}/api-keys`)).body as { key: string };
    expect((await svc.call('GET', `/${t}/stock-origins`, undefined, { key })).status).toBe(200);
    svc.mongoServer!.pause();
    try {
      // A key in use answers from memory and Redis; the order routes do not touch MongoDB.
      const order = makeOrder(t);
      expect((await svc.call('POST', `/${t}/order`, order, { key })).status).toBe(200);
      // A key Redis lost must be looked up in MongoDB: 503 after the lookup timeout (2 s), not a hang
      // (MongoDB stays hung until the checks are done: a request waiting for it would never answer;
      // the bound leaves a loaded machine room).
      await svc.redis.del(apiKeyKey(hashApiKey(key)));
      svc.services.apiKeys['forget'](null);
      const started = Date.now();
      const res = await svc.call('GET', `/${t}/stock-origins`, undefined, { key });
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(2000 + 5000);
      const ready = await svc.call('GET', '/ready', undefined, { key: null });
      expect(ready).toMatchObject({ status: 200, body: { redis: 'up', mongodb: 'down' } });
    } finally {
      svc.mongoServer!.resume();
    }
    await eventually(async () => expect((await svc.call('GET', `/${t}/stock-origins`, undefined, { key })).status).toBe(200), 20_000, 500);
  });

  it('a key created while MongoDB is down is refused whole: nothing half-made is usable', async () => {
    const t = newTenantId();
    await svc.mongoServer!.stop();
    try {
      const res = await svc.call('POST', `/admin/tenants/${t}/api-keys`);
      expect(res.status).toBe(503);
      expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
    } finally {
      await svc.mongoServer!.start();
    }
    await eventually(async () => expect((await svc.call('GET', `/admin/tenants/${t}/api-keys`)).status).toBe(200), 20_000, 500);
    expect((await svc.call('GET', `/admin/tenants/${t}/api-keys`)).body.keys).toEqual([]);
  });
});

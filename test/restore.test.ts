import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeReservations } from '../src/domain/reservation.js';
import { expireDueOrders } from '../src/domain/expiry.js';
import { restoreAllTenants } from '../src/domain/restore.js';
import { tenantKeys } from '../src/repositories/keys.js';
import { archivedOrders, liveOrders } from './support/archive.js';
import type { ModelOrder } from './support/figures-model.js';
import { makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { expectIndexes, expectNoDrift } from './support/model-check.js';

// Redis is flushed here: these tests own their Redis server.
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ ownRedis: true });
});
afterAll(() => svc.close());

async function reservationViews(tenantId: number, codes: string[], articles: string[]) {
  return {
    list: (await svc.call('GET', `/${tenantId}/stock-origins`)).body,
    origins: await Promise.all(codes.map(async (c) => (await svc.call('GET', `/${tenantId}/stock-origins/${encodeURIComponent(c)}`)).body)),
    articles: await Promise.all(articles.map(async (a) => (await svc.call('GET', `/${tenantId}/articles/${a}`)).body)),
  };
}

describe('restore after Redis lost its data', () => {
  it('serves again every order, the same reservation figures and the tenant configuration', async () => {
    const [t, u] = [newTenantId(), newTenantId()];
    const arts = [newGuid(), newGuid()];
    const codes = ['FRA:MAG:1', 'FRA:MAG:2', 'BEL:3'];
    for (const tenant of [t, u]) {
      for (let i = 0; i < 15; i++) {
        await svc.call(
          'POST',
          `/${tenant}/order`,
          makeOrder(tenant, {
            lines: [
              { code: codes[i % 3]!, artGuid: arts[i % 2]!, qty: 1 + (i % 4) },
              { code: codes[(i + 1) % 3]!, artGuid: arts[(i + 1) % 2]!, qty: 2 },
            ],
          }),
        );
      }
      await svc.call('POST', '/admin/sync', { tenantId: tenant });
    }
    await svc.call('PUT', `/${u}/config`, { enableInternalOrderSync: false });
    const ordersBefore = await liveOrders(svc, t);
    const viewsBefore = await reservationViews(t, codes, arts);

    await svc.redis.flushall();
    expect((await svc.call('GET', `/${t}/stock-origins`)).body.total).toBe(0);

    const restored = (await svc.call('POST', '/admin/restore', {})).body.tenants;
    expect(restored.filter((r: any) => [t, u].includes(r.tenantId))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tenantId: t, status: 'restored', ordersRestored: 15 }),
        expect.objectContaining({ tenantId: u, status: 'restored', ordersRestored: 15 }),
      ]),
    );
    expect(await liveOrders(svc, t)).toEqual(ordersBefore);
    expect(await reservationViews(t, codes, arts)).toEqual(viewsBefore);
    expect((await svc.call('GET', `/${u}/config`)).body).toEqual({
      enableInternalOrderSync: false,
      saturationThresholds: [0.8, 1],
      reservationPolicy: 'always',
      defaultHoldSeconds: {},
    });
    expect(computeReservations(await liveOrders(svc, t)).origins.get('FRA:MAG:1')!.reservedQty).toBe(viewsBefore.origins[0].reservedQty);

    // once restored, a second restore has nothing to do
    const again = (await svc.call('POST', '/admin/restore', { tenantId: t })).body.tenants[0];
    expect(again).toMatchObject({ status: 'skipped', reason: 'already restored' });
  });

  it('never overwrites what Redis holds newer, nor resurrects what was deleted since', async () => {
    const t = newTenantId();
    const [a, b, c] = [makeOrder(t), makeOrder(t), makeOrder(t)];
    for (const o of [a, b, c]) await svc.call('POST', `/${t}/order`, o);
    await svc.call('POST', '/admin/sync', { tenantId: t });
    await svc.redis.flushall();

    // Between the loss and the restore, storefronts keep writing.
    const newerA = { ...a, lastUpdated: '2026-01-01T00:00:00.000Z', lines: [{ code: 'NEWER', artGuid: newGuid(), qty: 1 }] };
    await svc.call('POST', `/${t}/order`, newerA);
    await svc.call('DELETE', `/${t}/order/byid/${b.orderId}`);

    await restoreAllTenants(svc.services, { tenantId: t });
    const live = await liveOrders(svc, t);
    expect(live.map((o) => o.orderId).sort()).toEqual([a.orderId, c.orderId].sort());
    expect(live.find((o) => o.orderId === a.orderId)).toEqual(newerA);
    expect((await svc.call('GET', `/${t}/stock-origins/NEWER`)).body.reservedQty).toBe(1);
    expect((await svc.call('GET', `/${t}/stock-origins/FRA:MAG:0125`)).body.orderCount).toBe(1);

    // and the next sync makes MongoDB follow
    await svc.call('POST', '/admin/sync', { tenantId: t });
    expect(await archivedOrders(svc, t)).toEqual(live);
  });

  it('brings back the order indexes, the counters, the capacities and the saturation thresholds', async () => {
    const t = newTenantId();
    const codes = ['FRA:MAG:1', 'BEL/2', '*'];
    const arts = [newGuid(), newGuid(), newGuid()];
    const types = ['Order', 'Cart', 'ExternalOrder'] as const;
    const orders: ModelOrder[] = Array.from({ length: 24 }, (_, i) => ({
      orderId: newGuid(),
      tenantId: t,
      lastUpdated: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      ...(i % 3 === 1 ? { expiresAt: new Date(Date.now() + (i % 2 ? 30 : 90) * 60_000).toISOString() } : {}),
      type: types[i % 3]!,
      lines: [
        { code: codes[i % 3]!, artGuid: arts[i % 3]!, qty: 1 + (i % 5) },
        { code: codes[(i + 1) % 3]!, artGuid: arts[(i + 2) % 3]!, qty: 2 },
      ],
    }));
    for (const o of orders) expect((await svc.call('POST', `/${t}/order`, o)).status).toBe(200);
    await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true, saturationThresholds: [0.5, 0.9] });
    const capacities = {
      'FRA:MAG:1': { maxQty: 40, maxLines: null, maxOrders: null },
      'BEL/2': { maxQty: null, maxLines: 20, maxOrders: 100 },
      'NONE:YET': { maxQty: 5, maxLines: null, maxOrders: null },
    };
    for (const [code, capacity] of Object.entries(capacities))
      await svc.call('PUT', `/${t}/stock-origins/${encodeURIComponent(code)}/capacity`, capacity);
    await svc.call('POST', '/admin/sync', { tenantId: t });
    const originsBefore = (await svc.call('GET', `/${t}/stock-origins`)).body;
    expect(originsBefore.origins[0].capacity).not.toBeNull();

    // Every key of the tenant is lost (a Redis that lost one tenant's slot), and nothing else.
    const other = newTenantId();
    await svc.call('POST', `/${other}/order`, makeOrder(other));
    const prefix = tenantKeys(t).prefix;
    const masters = svc.redis instanceof Cluster ? svc.redis.nodes('master') : [svc.redis];
    let lost = 0;
    for (const node of masters) {
      for await (const keys of node.scanStream({
        match: `${prefix.replace(/[{}*?[\]]/g, (c) => `\\${c}`)}*`,
        count: 1000,
      }) as AsyncIterable<string[]>) {
        for (const key of keys) lost += await svc.redis.del(key);
      }
    }
    expect(lost).toBeGreaterThan(10);
    expect((await svc.call('GET', `/${t}/summary`)).body.orders).toBe(0);
    expect((await svc.call('GET', `/${t}/orders`)).body.orders).toEqual([]);

    const restored = (await svc.call('POST', '/admin/restore', { tenantId: t })).body.tenants[0];
    expect(restored).toMatchObject({ status: 'restored', ordersRestored: orders.length });
    await expectIndexes(svc, t, orders, Date.now(), { codes, articles: arts });
    for (const [code, capacity] of Object.entries(capacities)) {
      expect((await svc.call('GET', `/${t}/stock-origins/${encodeURIComponent(code)}/capacity`)).body, code).toEqual(capacity);
    }
    expect((await svc.call('GET', `/${t}/stock-origins`)).body).toEqual(originsBefore);
    expect((await svc.call('GET', `/${t}/config`)).body.saturationThresholds).toEqual([0.5, 0.9]);
    expect((await svc.call('POST', '/admin/reconcile', { tenantId: t, dryRun: true })).body.tenants[0]).toMatchObject({
      status: 'consistent',
      driftCount: 0,
    });
    // The other tenant was not touched.
    expect((await svc.call('GET', `/${other}/summary`)).body.orders).toBe(1);
  });

  it('takes the archived state over an older one Redis holds, the latest of an order given twice, indexes and counters included', async () => {
    const t = newTenantId();
    const arts = [newGuid(), newGuid(), newGuid()];
    const at = (minute: number) => new Date(Date.UTC(2025, 5, 1, 0, minute)).toISOString();
    const version = (orderId: string, minute: number, code: string, art: string, qty: number): ModelOrder => ({
      orderId,
      tenantId: t,
      lastUpdated: at(minute),
      type: minute % 2 ? 'Cart' : 'Order',
      ...(minute % 2 ? { expiresAt: new Date(Date.now() + 3_600_000).toISOString() } : {}),
      lines: [{ code, artGuid: art, qty }],
    });
    const [a, b] = [newGuid(), newGuid()];
    // Redis holds the first versions, with no change pending (as after a restore of an older archive).
    expect(
      await svc.services.orders.restoreOrders(t, [version(a, 1, 'OLD', arts[0]!, 2), version(b, 1, 'OLD', arts[0]!, 3)], Date.now()),
    ).toBe(2);
    // The archive then holds newer ones: a's once, b's twice in the same batch (the latest wins).
    const newerA = version(a, 2, 'NEW', arts[1]!, 4);
    const latestB = version(b, 4, 'LATEST', arts[2]!, 5);
    const restored = await svc.services.orders.restoreOrders(t, [version(b, 3, 'NEW', arts[1]!, 7), newerA, latestB], Date.now());
    expect(restored).toBe(2);
    for (const o of [newerA, latestB]) expect((await svc.call('GET', `/${t}/order/${o.orderId}`)).body).toEqual(o);
    await expectIndexes(svc, t, [newerA, latestB], Date.now(), { codes: ['OLD', 'NEW', 'LATEST'], articles: arts });
    expect((await svc.call('GET', `/${t}/stock-origins/OLD`)).body).toMatchObject({ reservedQty: 0, orderCount: 0 });
    expect((await svc.call('GET', `/${t}/stock-origins/NEW`)).body).toMatchObject({ reservedQty: 4, orderCount: 1 });
    expect((await svc.call('GET', `/${t}/stock-origins/LATEST`)).body).toMatchObject({ reservedQty: 5, orderCount: 1 });
    await expectNoDrift(svc, t);
  });

  it('restores a tenant once when two replicas try at the same time', async () => {
    const t = newTenantId();
    for (let i = 0; i < 10; i++) await svc.call('POST', `/${t}/order`, makeOrder(t));
    await svc.call('POST', '/admin/sync', { tenantId: t });
    await svc.redis.flushall();
    const other = await startTestService({ ...svc.redisTarget, mongoUrl: undefined });
    // the other replica must see the same archive: point it at this service's database
    other.services.archive = svc.services.archive;
    other.services.configArchive = svc.services.configArchive;
    try {
      const [mine, theirs] = await Promise.all([
        restoreAllTenants(svc.services, { tenantId: t }),
        restoreAllTenants(other.services, { tenantId: t }),
      ]);
      const reports = [...mine, ...theirs];
      expect(reports.reduce((n, r) => n + r.ordersRestored, 0)).toBe(10);
      expect(reports.filter((r) => r.status === 'restored')).toHaveLength(1);
      expect((await svc.call('GET', `/${t}/stock-origins/FRA:MAG:0125`)).body.orderCount).toBe(10);
    } finally {
      await other.close();
    }
  });

  it('a sync after the loss restores first, so it never deletes the archive', async () => {
    const t = newTenantId();
    for (let i = 0; i < 4; i++) await svc.call('POST', `/${t}/order`, makeOrder(t));
    await svc.call('POST', '/admin/sync', { tenantId: t });
    await svc.redis.flushall();
    const report = (await svc.call('POST', '/admin/sync', { tenantId: t, full: true })).body.tenants[0];
    expect(report).toMatchObject({ status: 'synced', ordersDeleted: 0 });
    expect(await archivedOrders(svc, t)).toHaveLength(4);
    expect(await liveOrders(svc, t)).toHaveLength(4);
  });

  it('restored carts still expire by themselves, with their reservations', async () => {
    // A clock of the test's own: the cart is alive through the sync, the loss and the restore
    // however long they take here, then due. (A Redis of its own: it is flushed.)
    let now = Date.now();
    const clocked = await startTestService({ ownRedis: true, clock: () => now });
    try {
      const t = newTenantId();
      const cart = makeOrder(t, { type: 'Cart', expiresAt: new Date(now + 1500).toISOString() });
      await clocked.call('POST', `/${t}/order`, cart);
      await clocked.call('POST', '/admin/sync', { tenantId: t });
      await clocked.redis.flushall();
      await restoreAllTenants(clocked.services, { tenantId: t });
      expect((await clocked.call('GET', `/${t}/order/${cart.orderId}`)).status).toBe(200);
      now += 1600;
      expect(await expireDueOrders(clocked.services)).toBeGreaterThanOrEqual(1);
      expect(await clocked.redis.exists(tenantKeys(t).generation('0').originQty)).toBe(0);
    } finally {
      await clocked.mongo.run((db) => db.dropDatabase()).catch(() => {});
      await clocked.close();
    }
  });
});

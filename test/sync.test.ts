import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantKeys } from '../src/repositories/keys.js';
import { archivedDocuments, archivedOrders, liveOrders } from './support/archive.js';
import { makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const syncTenant = async (tenantId: number, full?: boolean) => {
  const res = await svc.call('POST', '/admin/sync', { tenantId, full });
  expect(res.status).toBe(200);
  return res.body.tenants[0];
};

describe('sync to MongoDB', () => {
  it('writes an enabled tenant and leaves a disabled one untouched', async () => {
    const [on, off] = [newTenantId(), newTenantId()];
    await svc.call('PUT', `/${off}/config`, { enableInternalOrderSync: false });
    for (const t of [on, off]) for (let i = 0; i < 3; i++) await svc.call('POST', `/${t}/order`, makeOrder(t));

    expect(await syncTenant(on)).toMatchObject({ status: 'synced', ordersWritten: 3 });
    expect(await syncTenant(off)).toMatchObject({ status: 'skipped', reason: 'enableInternalOrderSync is false', ordersWritten: 0 });
    expect(await archivedOrders(svc, on)).toEqual(await liveOrders(svc, on));
    expect(await archivedOrders(svc, off)).toEqual([]);
    // Its changes, which no sync writes, are not kept to grow (bench/NOTES.md, issue 20).
    expect((await svc.call('GET', `/${off}/sync`)).body).toMatchObject({ enableInternalOrderSync: false, pendingChanges: 0 });
  });

  it('turned off and on again: the changes made meanwhile are not kept, and the next sync mirrors the tenant whole', async () => {
    const t = newTenantId();
    const [kept, redefined, deleted] = [makeOrder(t), makeOrder(t), makeOrder(t)];
    for (const o of [kept, redefined, deleted]) await svc.call('POST', `/${t}/order`, o);
    expect(await syncTenant(t)).toMatchObject({ status: 'synced', ordersWritten: 3 });

    await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: false });
    await svc.call('POST', `/${t}/order`, {
      ...redefined,
      lastUpdated: '2026-01-01T00:00:00.000Z',
      lines: [{ code: 'NEW', artGuid: newGuid(), qty: 3 }],
    });
    await svc.call('DELETE', `/${t}/order/byid/${deleted.orderId}`);
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    expect((await svc.call('GET', `/${t}/sync`)).body).toMatchObject({ pendingChanges: 3 });
    expect(await syncTenant(t)).toMatchObject({ status: 'skipped', reason: 'enableInternalOrderSync is false' });
    expect((await svc.call('GET', `/${t}/sync`)).body).toMatchObject({ pendingChanges: 0 });
    expect(await archivedOrders(svc, t)).toHaveLength(3);

    await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true });
    expect(await syncTenant(t)).toMatchObject({ status: 'synced', mode: 'full', ordersWritten: 3, ordersDeleted: 1 });
    expect(await archivedOrders(svc, t)).toEqual(await liveOrders(svc, t));
    expect(await syncTenant(t)).toMatchObject({ status: 'synced', mode: 'incremental', ordersWritten: 0, ordersDeleted: 0 });
  });

  it('mirrors creates, redefinitions, partial deletes, deletes and expiries', async () => {
    let now = Date.parse('2031-01-01T00:00:00.000Z');
    const clocked = await startTestService({ clock: () => now, mongoUrl: undefined });
    try {
      const t = newTenantId();
      const [kept, redefined, shipped, deleted] = [makeOrder(t), makeOrder(t), makeOrder(t), makeOrder(t)];
      const cart = makeOrder(t, { type: 'Cart', expiresAt: '2031-01-01T00:05:00.000Z' });
      for (const o of [kept, redefined, shipped, deleted, cart]) await clocked.call('POST', `/${t}/order`, o);
      await clocked.call('POST', '/admin/sync', { tenantId: t });
      expect(await archivedOrders(clocked, t)).toHaveLength(5);

      await clocked.call('POST', `/${t}/order`, {
        ...redefined,
        lastUpdated: '2025-12-01T00:00:00.000Z',
        lines: [{ code: 'NEW', artGuid: newGuid(), qty: 3 }],
      });
      await clocked.call('DELETE', `/${t}/order/byid/${shipped.orderId}/code/FRA:MAG:0125`);
      await clocked.call('DELETE', `/${t}/order/byid/${deleted.orderId}`);
      now += 10 * 60_000; // the cart expires
      await clocked.services.orders.expireDueOrders(t, now, 100);
      const created = makeOrder(t);
      await clocked.call('POST', `/${t}/order`, created);

      const report = (await clocked.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0];
      expect(report).toMatchObject({ status: 'synced', mode: 'incremental', ordersWritten: 3, ordersDeleted: 2 });
      const archived = await archivedOrders(clocked, t);
      expect(archived).toEqual(await liveOrders(clocked, t));
      expect(archived.map((o) => o.orderId).sort()).toEqual([kept, redefined, shipped, created].map((o) => o.orderId).sort());
      expect(archived.find((o) => o.orderId === shipped.orderId)!.lines).toEqual([shipped.lines[1]]);
    } finally {
      await clocked.close();
    }
  });

  it('keeps one document per (tenantId, orderId), enforced by a unique index', async () => {
    const t = newTenantId();
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    await syncTenant(t);
    const indexes = await svc.mongo.run((db) => db.collection('orders').indexes());
    expect(indexes.find((i) => i.name === 'tenant_order')).toMatchObject({ key: { tenantId: 1, orderId: 1 }, unique: true });
  });

  it('stores dates as BSON dates, one document per order', async () => {
    const t = newTenantId();
    const order = makeOrder(t, { expiresAt: '2099-01-01T00:00:00.000Z' });
    await svc.call('POST', `/${t}/order`, order);
    await syncTenant(t);
    const [doc] = await archivedDocuments(svc, t);
    expect(doc!.lastUpdated).toBeInstanceOf(Date);
    expect(doc!.expiresAt).toBeInstanceOf(Date);
    expect(doc).toMatchObject({ tenantId: t, orderId: order.orderId, type: 'Order', lines: order.lines });
  });

  it('writes only what changed since the last run', async () => {
    const t = newTenantId();
    const orders = Array.from({ length: 40 }, () => makeOrder(t));
    for (const o of orders) await svc.call('POST', `/${t}/order`, o);
    expect(await syncTenant(t)).toMatchObject({ mode: 'full', ordersWritten: 40 });
    const before = new Map((await archivedDocuments(svc, t)).map((d) => [d.orderId, d.archivedAt.getTime()]));

    const changed = orders.slice(0, 3);
    for (const o of changed) await svc.call('POST', `/${t}/order`, { ...o, lastUpdated: '2025-12-01T00:00:00.000Z' });
    expect((await svc.call('GET', `/${t}/sync`)).body.pendingChanges).toBe(3);
    expect(await syncTenant(t)).toMatchObject({ mode: 'incremental', ordersWritten: 3, ordersDeleted: 0 });

    const after = await archivedDocuments(svc, t);
    const rewritten = after.filter((d) => d.archivedAt.getTime() !== before.get(d.orderId)).map((d) => d.orderId);
    expect(rewritten.sort()).toEqual(changed.map((o) => o.orderId).sort());
    expect(await syncTenant(t)).toMatchObject({ mode: 'incremental', ordersWritten: 0, ordersDeleted: 0 });
  });

  it('a full run rewrites everything and removes what Redis no longer has', async () => {
    const t = newTenantId();
    const orders = [makeOrder(t), makeOrder(t)];
    for (const o of orders) await svc.call('POST', `/${t}/order`, o);
    await syncTenant(t);
    // Someone deletes from Redis behind our back: no change is recorded, only a full run sees it.
    await svc.redis.hdel(tenantKeys(t).generation('0').orders, orders[0]!.orderId);
    expect(await syncTenant(t)).toMatchObject({ ordersDeleted: 0 });
    expect(await archivedOrders(svc, t)).toHaveLength(2);
    expect(await syncTenant(t, true)).toMatchObject({ mode: 'full', ordersWritten: 1, ordersDeleted: 1 });
    expect((await archivedOrders(svc, t)).map((o) => o.orderId)).toEqual([orders[1]!.orderId]);
  });

  it('writes an order changed during a run at the next run at the latest', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    await svc.call('POST', `/${t}/order`, order);
    await syncTenant(t);
    await svc.call('POST', `/${t}/order`, { ...order, lastUpdated: '2025-11-01T00:00:00.000Z' });

    // The archive write of the next run lets a storefront redefine the order while it is in flight.
    const archive = svc.services.archive;
    const original = archive.writeOrders.bind(archive);
    const late = { ...order, lastUpdated: '2025-11-02T00:00:00.000Z', lines: [{ code: 'LATE', artGuid: newGuid(), qty: 1 }] };
    archive.writeOrders = async (orders, runId) => {
      archive.writeOrders = original;
      await svc.call('POST', `/${t}/order`, late);
      return original(orders, runId);
    };
    await syncTenant(t);
    expect((await svc.call('GET', `/${t}/sync`)).body.pendingChanges).toBe(1);
    await syncTenant(t);
    expect(await archivedOrders(svc, t)).toEqual([late]);
    expect((await svc.call('GET', `/${t}/sync`)).body.pendingChanges).toBe(0);
  });

  it('only one sync of a tenant at a time', async () => {
    const t = newTenantId();
    for (let i = 0; i < 5; i++) await svc.call('POST', `/${t}/order`, makeOrder(t));
    const other = await startTestService();
    try {
      // While another replica holds the tenant's lease, a sync leaves the tenant alone (decided by
      // the lease, not by which of two racing runs this machine happens to start first).
      const lease = await other.services.locks.tryAcquire(t);
      expect(lease).not.toBeNull();
      try {
        const run = await svc.services.syncRunner.run({ trigger: 'admin', tenantId: t });
        expect(run.tenants[0]).toMatchObject({ status: 'skipped', reason: 'another replica is syncing this tenant' });
      } finally {
        await lease!.release();
      }
      // Two at once: one syncs; the other skips, or (started after the first had finished) syncs
      // after it, never at the same time.
      const [a, b] = await Promise.all([
        svc.services.syncRunner.run({ trigger: 'admin', tenantId: t }),
        other.services.syncRunner.run({ trigger: 'admin', tenantId: t }),
      ]);
      const reports = [a.tenants[0]!, b.tenants[0]!];
      const synced = reports.filter((r) => r.status === 'synced');
      expect(synced.length).toBeGreaterThanOrEqual(1);
      for (const r of reports.filter((r) => r.status !== 'synced'))
        expect(r).toMatchObject({ status: 'skipped', reason: 'another replica is syncing this tenant' });
      if (synced.length === 2) {
        const [first, second] = synced
          .map((r) => [Date.parse(r.startedAt), Date.parse(r.startedAt) + r.durationMs] as const)
          .sort((x, y) => x[0] - y[0]);
        expect(second![0]).toBeGreaterThanOrEqual(first![1]);
      }
    } finally {
      await other.close();
    }
  });

  it('shows the last runs and the tenant status', async () => {
    const t = newTenantId();
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    await syncTenant(t);
    const runs = (await svc.call('GET', '/admin/sync?limit=5')).body;
    expect(runs.running).toBe(false);
    expect(runs.runs[0]).toMatchObject({ trigger: 'admin', ok: true });
    const status = (await svc.call('GET', `/${t}/sync`)).body;
    expect(status).toMatchObject({ tenantId: t, enableInternalOrderSync: true, pendingChanges: 0, mirrored: true });
    expect(status.lastSync).toMatchObject({ status: 'synced', ordersWritten: 1 });
  });
});

describe('PUT /{tenantId}/orders in both stores', () => {
  it('leaves MongoDB holding exactly the new set when it answers', async () => {
    const t = newTenantId();
    const old = [makeOrder(t), makeOrder(t)];
    for (const o of old) await svc.call('POST', `/${t}/order`, o);
    await syncTenant(t);
    const next = [makeOrder(t), { ...old[0]!, lastUpdated: '2025-12-24T00:00:00.000Z' }];
    expect((await svc.call('PUT', `/${t}/orders`, next)).body).toMatchObject({ orderCount: 2, archive: 'written' });
    expect(await archivedOrders(svc, t)).toEqual(await liveOrders(svc, t));
    expect((await archivedOrders(svc, t)).map((o) => o.orderId).sort()).toEqual(next.map((o) => o.orderId).sort());
  });
});

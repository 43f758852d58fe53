import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archivedOrders, liveOrders } from './support/archive.js';
import { makeOrder, newTenantId, startTestService, type TestService } from './support/harness.js';

// MongoDB is stopped here: these tests own their MongoDB-wire server.
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ ownMongo: true });
});
afterAll(() => svc.close());

describe('sync while MongoDB is down', () => {
  it('loses nothing: the order routes keep working and the next run writes everything', async () => {
    const t = newTenantId();
    const first = makeOrder(t);
    await svc.call('POST', `/${t}/order`, first);
    expect((await svc.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0].status).toBe('synced');

    await svc.mongoServer!.stop();
    const during = [makeOrder(t), makeOrder(t)];
    for (const o of during) expect((await svc.call('POST', `/${t}/order`, o)).status).toBe(200);
    expect((await svc.call('DELETE', `/${t}/order/byid/${first.orderId}`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${during[0]!.orderId}`)).status).toBe(200);

    const failed = (await svc.call('POST', '/admin/sync', { tenantId: t })).body;
    expect(failed.ok).toBe(false);
    expect(failed.tenants[0]).toMatchObject({ status: 'failed', error: 'mongodb is unavailable' });
    expect((await svc.call('GET', `/${t}/sync`)).body).toMatchObject({ pendingChanges: 3, lastSync: { status: 'failed' } });
    const ready = await svc.call('GET', '/ready', undefined, { key: null });
    expect(ready.body).toMatchObject({ ready: true, redis: 'up', mongodb: 'down', lastSync: { ok: false, failedTenants: [t] } });

    await svc.mongoServer!.start();
    const recovered = (await svc.call('POST', '/admin/sync', { tenantId: t })).body;
    expect(recovered.tenants[0]).toMatchObject({ status: 'synced', ordersWritten: 2, ordersDeleted: 1 });
    expect(await archivedOrders(svc, t)).toEqual(await liveOrders(svc, t));
    expect((await svc.call('GET', '/ready', undefined, { key: null })).body).toMatchObject({ mongodb: 'up', lastSync: { ok: true } });
  });

  it('a replacement made while MongoDB is down converges at the next run', async () => {
    const t = newTenantId();
    const old = [makeOrder(t), makeOrder(t)];
    for (const o of old) await svc.call('POST', `/${t}/order`, o);
    await svc.call('POST', '/admin/sync', { tenantId: t });

    await svc.mongoServer!.stop();
    const next = [makeOrder(t)];
    const res = await svc.call('PUT', `/${t}/orders`, next);
    expect(res.body).toMatchObject({ orderCount: 1, removedCount: 2, archive: 'pending' });
    expect((await svc.call('GET', `/${t}/sync`)).body.mirrored).toBe(false);

    await svc.mongoServer!.start();
    expect((await svc.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0]).toMatchObject({
      status: 'synced',
      mode: 'full',
      ordersDeleted: 2,
    });
    expect(await archivedOrders(svc, t)).toEqual(next);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantKeys } from '../src/repositories/keys.js';
import { migrateRedisLayout } from '../src/repositories/migrations/index.js';
import { ADMIN_KEY, makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

async function summary(t: number) {
  const res = await svc.app.request(`/${t}/summary`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  expect(res.status).toBe(200);
  const { pendingChanges: _pending, lastSync: _sync, ...figures } = (await res.json()) as Record<string, unknown>;
  return figures;
}

async function reserved(t: number): Promise<number> {
  const text = (await svc.call('GET', '/metrics')).body as string;
  const line = text.split('\n').find((l) => l.startsWith(`reservoir_reserved_quantity{tenant="${t}"}`));
  return Number(line?.split(' ').pop());
}

describe('a tenant as builds before 2026-12-08 left it, with counters of its orders, lines and units (issue 20)', () => {
  it('reads the same summary and metrics once they are dropped at start, and a reconcile finds nothing to repair', async () => {
    const t = newTenantId();
    const [art1, art2] = [newGuid(), newGuid()];
    const order = makeOrder(t, {
      lines: [
        { code: 'A', artGuid: art1, qty: 2 },
        { code: 'B', artGuid: art2, qty: 3 },
      ],
    });
    const cart = makeOrder(t, { type: 'Cart', expiresAt: '2099-01-01T00:00:00.000Z', lines: [{ code: 'A', artGuid: art2, qty: 4 }] });
    const external = makeOrder(t, { type: 'ExternalOrder', lines: [{ code: 'B', artGuid: art1, qty: 5 }] });
    for (const o of [order, cart, external]) expect((await svc.call('POST', `/${t}/order`, o)).body).toBe(true);
    const expected = { orders: 1, carts: 1, externalOrders: 1, lines: 4, reservedQty: 14, origins: 2, articles: 2, expiringWithinHour: 0 };
    expect(await summary(t)).toEqual(expected);

    // What the build before kept beside `articles` (its summary read them): right when it stopped.
    const g = tenantKeys(t).generation('0');
    await svc.redis.hset(g.counters, 'Order', 1, 'Cart', 1, 'ExternalOrder', 1, 'lines', 4, 'units', 14);
    // Writes of this build do not keep them: a cart that becomes an order, a line shipped.
    const becomesOrder = { ...cart, type: 'Order', expiresAt: null, lastUpdated: '2099-01-01T00:00:00.000Z' };
    expect((await svc.call('POST', `/${t}/order`, becomesOrder)).body, 'false: it existed and was modified').toBe(false);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/B`)).body).toBe(true);
    const after = { ...expected, orders: 2, carts: 0, lines: 3, reservedQty: 11 };
    expect(await summary(t), 'the stale counters are not read').toEqual(after);
    const dry = async () => (await svc.call('POST', '/admin/reconcile', { tenantId: t, dryRun: true })).body.tenants[0];
    expect(await dry(), 'nor checked').toMatchObject({ status: 'consistent', driftCount: 0 });

    const thisTenant = { listTenants: async () => [t] };
    expect(await migrateRedisLayout(svc.redis, thisTenant)).toMatchObject({ retiredCounters: 1 });
    expect(await svc.redis.hgetall(g.counters)).toEqual({ articles: '2' });
    expect(await summary(t)).toEqual(after);
    expect(await reserved(t)).toBe(11);
    expect(await dry()).toMatchObject({ status: 'consistent', driftCount: 0 });
    expect(await migrateRedisLayout(svc.redis, thisTenant)).toMatchObject({ retiredCounters: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeReservations, rankStockOrigins } from '../src/domain/reservation.js';
import { tenantKeys } from '../src/repositories/keys.js';
import { migrateRedisLayout } from '../src/repositories/migrations/index.js';
import { guidBytes } from '../src/repositories/redis-scripts/order-index.js';
import { eventually, makeOrder, newGuid, newTenantId, startTestService, withoutCapacity, type TestService } from './support/harness.js';
import { defaultConfig } from '../src/config.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

describe('GET /{tenantId}/stock-origins/{code}', () => {
  it('sums every order and line reserving at the origin, most reserved article first', async () => {
    const t = newTenantId();
    const [a1, a2] = [newGuid(), newGuid()];
    await svc.call(
      'POST',
      `/${t}/order`,
      makeOrder(t, {
        lines: [
          { code: 'W1', artGuid: a1, qty: 2 },
          { code: 'W2', artGuid: a1, qty: 1 },
        ],
      }),
    );
    await svc.call(
      'POST',
      `/${t}/order`,
      makeOrder(t, {
        lines: [
          { code: 'W1', artGuid: a2, qty: 5 },
          { code: 'W1', artGuid: a1, qty: 1 },
        ],
      }),
    );
    expect((await svc.call('GET', `/${t}/stock-origins/W1`)).body).toEqual({
      code: 'W1',
      reservedQty: 8,
      lineCount: 3,
      orderCount: 2,
      capacity: null,
      saturation: null,
      articles: [
        { artGuid: a2, qty: 5, onHand: null, available: null },
        { artGuid: a1, qty: 3, onHand: null, available: null },
      ],
    });
  });

  it('answers zeros and an empty list for an origin with nothing reserved', async () => {
    const t = newTenantId();
    expect((await svc.call('GET', `/${t}/stock-origins/EMPTY`)).body).toEqual({
      code: 'EMPTY',
      reservedQty: 0,
      lineCount: 0,
      orderCount: 0,
      capacity: null,
      saturation: null,
      articles: [],
    });
  });

  it('follows redefinitions, partial deletes and deletes back to zero', async () => {
    const t = newTenantId();
    const art = newGuid();
    const order = makeOrder(t, {
      lines: [
        { code: 'W', artGuid: art, qty: 4 },
        { code: 'V', artGuid: art, qty: 1 },
      ],
    });
    await svc.call('POST', `/${t}/order`, order);
    await svc.call('POST', `/${t}/order`, {
      ...order,
      lines: [
        { code: 'W', artGuid: art, qty: 10 },
        { code: 'V', artGuid: art, qty: 1 },
      ],
    });
    expect((await svc.call('GET', `/${t}/stock-origins/W`)).body.reservedQty).toBe(10);
    await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/W`);
    expect((await svc.call('GET', `/${t}/stock-origins/W`)).body).toMatchObject({
      reservedQty: 0,
      lineCount: 0,
      orderCount: 0,
      articles: [],
    });
    expect((await svc.call('GET', `/${t}/articles/${art}`)).body).toEqual({
      artGuid: art,
      reservedQty: 1,
      origins: [{ code: 'V', qty: 1, capacity: null, saturation: null, onHand: null, available: null }],
    });
    await svc.call('DELETE', `/${t}/order/byid/${order.orderId}`);
    expect((await svc.call('GET', `/${t}/stock-origins`)).body).toEqual({ total: 0, origins: [] });
    expect((await svc.call('GET', `/${t}/articles/${art}`)).body).toEqual({ artGuid: art, reservedQty: 0, origins: [] });
  });

  it('treats codes as data: patterns and braces match nothing else', async () => {
    const t = newTenantId();
    await svc.call('POST', `/${t}/order`, makeOrder(t, { lines: [{ code: 'FRA:MAG:1', artGuid: newGuid(), qty: 3 }] }));
    for (const code of ['*', 'FRA:*', '{0}', `{t:${t}}`, 'FRA:MAG:?']) {
      expect((await svc.call('GET', `/${t}/stock-origins/${encodeURIComponent(code)}`)).body.reservedQty).toBe(0);
    }
    expect((await svc.call('GET', `/${t}/stock-origins/FRA:MAG:1`)).body.reservedQty).toBe(3);
  });
});

describe('GET /{tenantId}/stock-origins', () => {
  it('lists every origin, most saturated first, within the limit', async () => {
    const t = newTenantId();
    await svc.call(
      'POST',
      `/${t}/order`,
      makeOrder(t, {
        lines: [
          { code: 'LOW', artGuid: newGuid(), qty: 1 },
          { code: 'HIGH', artGuid: newGuid(), qty: 9 },
        ],
      }),
    );
    await svc.call(
      'POST',
      `/${t}/order`,
      makeOrder(t, {
        lines: [
          { code: 'MID', artGuid: newGuid(), qty: 4 },
          { code: 'HIGH', artGuid: newGuid(), qty: 1 },
        ],
      }),
    );
    expect((await svc.call('GET', `/${t}/stock-origins`)).body).toEqual({
      total: 3,
      origins: [
        { code: 'HIGH', reservedQty: 10, lineCount: 2, orderCount: 2, capacity: null, saturation: null },
        { code: 'MID', reservedQty: 4, lineCount: 1, orderCount: 1, capacity: null, saturation: null },
        { code: 'LOW', reservedQty: 1, lineCount: 1, orderCount: 1, capacity: null, saturation: null },
      ],
    });
    const top = (await svc.call('GET', `/${t}/stock-origins?limit=1`)).body;
    expect(top.total).toBe(3);
    expect(top.origins.map((o: any) => o.code)).toEqual(['HIGH']);
    expect((await svc.call('GET', `/${t}/stock-origins?limit=0`)).status).toBe(400);
  });
});

describe('GET /{tenantId}/articles/{artGuid}', () => {
  it('shows where the article is reserved, most first', async () => {
    const t = newTenantId();
    const art = newGuid();
    await svc.call(
      'POST',
      `/${t}/order`,
      makeOrder(t, {
        lines: [
          { code: 'A', artGuid: art, qty: 1 },
          { code: 'B', artGuid: art, qty: 6 },
        ],
      }),
    );
    await svc.call('POST', `/${t}/order`, makeOrder(t, { lines: [{ code: 'A', artGuid: art.toUpperCase(), qty: 2 }] }));
    expect((await svc.call('GET', `/${t}/articles/${art.toUpperCase()}`)).body).toEqual({
      artGuid: art,
      reservedQty: 9,
      origins: [
        { code: 'B', qty: 6, capacity: null, saturation: null, onHand: null, available: null },
        { code: 'A', qty: 3, capacity: null, saturation: null, onHand: null, available: null },
      ],
    });
  });

  it("never counts another tenant's reservations", async () => {
    const [t, u] = [newTenantId(), newTenantId()];
    const art = newGuid();
    await svc.call('POST', `/${u}/order`, makeOrder(u, { lines: [{ code: 'A', artGuid: art, qty: 5 }] }));
    expect((await svc.call('GET', `/${t}/articles/${art}`)).body.reservedQty).toBe(0);
    expect((await svc.call('GET', `/${t}/stock-origins/A`)).body.reservedQty).toBe(0);
  });
});

describe('expiry', () => {
  it('never serves or counts an order past its expiresAt, and removes it with its reservations', async () => {
    let now = Date.parse('2030-01-01T00:00:00.000Z');
    const clocked = await startTestService({ clock: () => now });
    try {
      const t = newTenantId();
      const art = newGuid();
      const cart = makeOrder(t, { type: 'Cart', expiresAt: '2030-01-01T00:00:10.000Z', lines: [{ code: 'S', artGuid: art, qty: 2 }] });
      const order = makeOrder(t, { lines: [{ code: 'S', artGuid: art, qty: 3 }] });
      await clocked.call('POST', `/${t}/order`, cart);
      await clocked.call('POST', `/${t}/order`, order);
      expect((await clocked.call('GET', `/${t}/stock-origins/S`)).body.reservedQty).toBe(5);

      now += 10_000; // the cart's expiresAt is now
      expect((await clocked.call('GET', `/${t}/order/${cart.orderId}`)).status).toBe(404);
      expect((await clocked.call('GET', `/${t}/stock-origins/S`)).body).toMatchObject({ reservedQty: 3, lineCount: 1, orderCount: 1 });
      expect((await clocked.call('GET', `/${t}/articles/${art}`)).body.reservedQty).toBe(3);
      expect((await clocked.call('DELETE', `/${t}/order/byid/${cart.orderId}`)).body).toBe(false);
      expect((await clocked.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(200);
    } finally {
      await clocked.close();
    }
  });

  it('the sweeper removes expired orders within seconds, without any read', async () => {
    // The sweeper goes through every tenant of its Redis: with a clock of its own, it gets a Redis
    // of its own too, so that moving its clock expires nobody else's carts.
    let offset = 0;
    const clocked = await startTestService({ ownRedis: true, clock: () => Date.now() + offset });
    const { startJobs } = await import('../src/jobs/scheduler.js');
    const { defineJobs } = await import('../src/jobs/jobs.js');
    const jobs = startJobs(
      clocked.services,
      defineJobs({ ...defaultConfig().jobs, syncCron: '0 0 1 1 *', expirySweepIntervalMs: 500, restoreCheckIntervalMs: 3_600_000 }).filter(
        (j) => j.name === 'expire-due-orders',
      ),
    );
    try {
      const t = newTenantId();
      const art = newGuid();
      const cart = makeOrder(t, {
        type: 'Cart',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        lines: [{ code: 'SW', artGuid: art, qty: 2 }],
      });
      await clocked.call('POST', `/${t}/order`, cart);
      // Looked at in Redis directly: a read through the API would purge what is due by itself.
      const g = tenantKeys(t).generation('0');
      expect(await clocked.redis.hexists(g.orders, cart.orderId)).toBe(1);
      offset = 61_000; // the cart's expiresAt has passed
      await eventually(async () => {
        expect(await clocked.redis.hexists(g.orders, cart.orderId)).toBe(0);
        expect(await clocked.redis.exists(g.origin('SW'))).toBe(0);
        expect(await clocked.redis.hget(g.originQty, 'SW')).toBeNull();
      }, 20_000);
    } finally {
      await jobs.stop();
      await clocked.close();
    }
  });

  it('an upsert already expired stores nothing and removes the stored version', async () => {
    const t = newTenantId();
    const order = makeOrder(t, { lines: [{ code: 'X', artGuid: newGuid(), qty: 2 }] });
    await svc.call('POST', `/${t}/order`, order);
    const expired = { ...order, lastUpdated: '2025-10-01T00:00:00.000Z', expiresAt: '2025-10-01T00:00:00.000Z' };
    expect((await svc.call('POST', `/${t}/order`, expired)).body).toBe(false);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
    expect((await svc.call('GET', `/${t}/stock-origins/X`)).body.reservedQty).toBe(0);
    const fresh = makeOrder(t, { expiresAt: '2020-01-01T00:00:00.000Z' });
    expect((await svc.call('POST', `/${t}/order`, fresh)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${fresh.orderId}`)).status).toBe(404);
  });

  it('a redefinition keeps the expiry it repeats and moves the one it changes', async () => {
    // A clock of the test's own: the writes are judged at `now` however long they take here.
    let now = Date.now();
    const clocked = await startTestService({ clock: () => now });
    try {
      const t = newTenantId();
      const soon = now + 1500;
      const art = newGuid();
      const cart = makeOrder(t, { type: 'Cart', expiresAt: new Date(soon).toISOString(), lines: [{ code: 'EXP', artGuid: art, qty: 1 }] });
      const extended = makeOrder(t, {
        type: 'Cart',
        expiresAt: new Date(soon).toISOString(),
        lines: [{ code: 'EXP', artGuid: art, qty: 10 }],
      });
      for (const order of [cart, extended]) await clocked.call('POST', `/${t}/order`, order);
      await clocked.call('POST', `/${t}/order`, { ...cart, lines: [{ code: 'EXP', artGuid: art, qty: 2 }] });
      await clocked.call('POST', `/${t}/order`, { ...extended, expiresAt: new Date(soon + 60_000).toISOString() });

      const g = tenantKeys(t).generation('0');
      // The expiry sweeper's queue: one index entry per order, at its expiry.
      // Its entries hold the orderId as 16 bytes (includes/zadd-members.lua).
      expect(await clocked.redis.zrangebylexBuffer(g.index, '[x', '(y')).toEqual([
        Buffer.concat([Buffer.from(`x${new Date(soon).toISOString()}\0`), guidBytes(cart.orderId)]),
        Buffer.concat([Buffer.from(`x${new Date(soon + 60_000).toISOString()}\0`), guidBytes(extended.orderId)]),
      ]);
      expect((await clocked.call('GET', `/${t}/stock-origins/EXP`)).body.reservedQty).toBe(12);
      now = soon + 50;
      expect((await clocked.call('GET', `/${t}/order/${cart.orderId}`)).status).toBe(404);
      expect((await clocked.call('GET', `/${t}/order/${extended.orderId}`)).body.expiresAt).toBe(new Date(soon + 60_000).toISOString());
      expect((await clocked.call('GET', `/${t}/stock-origins/EXP`)).body).toMatchObject({ reservedQty: 10, lineCount: 1, orderCount: 1 });
    } finally {
      await clocked.close();
    }
  });

  it('a redefinition can lift an expiry', async () => {
    const t = newTenantId();
    const cart = makeOrder(t, { type: 'Cart', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await svc.call('POST', `/${t}/order`, cart);
    const { expiresAt: _, ...kept } = cart;
    await svc.call('POST', `/${t}/order`, { ...kept, type: 'Order' });
    expect(await svc.redis.zlexcount(tenantKeys(t).generation('0').index, '[x', '(y')).toBe(0);
    expect((await svc.call('GET', `/${t}/order/${cart.orderId}`)).body).not.toHaveProperty('expiresAt');
  });
});

describe('figures at scale and across replicas', () => {
  it('stay exact for an order of 5,000 lines over 2,000 origins, redefined and deleted', async () => {
    const t = newTenantId();
    const arts = Array.from({ length: 2500 }, () => newGuid());
    const lines = Array.from({ length: 5000 }, (_, i) => ({ code: `O${i % 2000}`, artGuid: arts[i % 2500]!, qty: 1 + (i % 7) }));
    const big = makeOrder(t, { lines });
    expect((await svc.call('POST', `/${t}/order`, big)).body).toBe(true);
    const expected = computeReservations([big]);
    const list = (await svc.call('GET', `/${t}/stock-origins?limit=10000`)).body;
    expect(list.total).toBe(2000);
    const byCode = new Map(list.origins.map((o: { code: string }) => [o.code, o]));
    for (const [code, origin] of expected.origins) {
      const { articles: _, ...totals } = origin;
      expect(byCode.get(code)).toEqual(withoutCapacity(totals));
    }
    expect((await svc.call('GET', `/${t}/stock-origins/O7`)).body).toEqual(withoutCapacity(expected.origins.get('O7')!));

    const smaller = { ...big, lastUpdated: '2025-09-23T00:00:00.000Z', lines: lines.slice(0, 10) };
    expect((await svc.call('POST', `/${t}/order`, smaller)).body).toBe(false);
    const after = (await svc.call('GET', `/${t}/stock-origins?limit=10000`)).body;
    expect(after.total).toBe(10);
    expect(after.origins).toEqual(
      rankStockOrigins(
        [...computeReservations([smaller]).origins.values()].map(({ articles: _, ...totals }) => ({
          ...totals,
          capacity: null,
          saturation: null,
        })),
      ),
    );
    expect((await svc.call('DELETE', `/${t}/order/byid/${big.orderId}`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/stock-origins`)).body).toEqual({ total: 0, origins: [] });
    expect((await svc.call('GET', `/${t}/articles/${arts[0]}`)).body.origins).toEqual([]);
  });

  it('a replica that last saw the tenant before another replaced its orders reads and writes the new set', async () => {
    const other = await startTestService();
    try {
      const t = newTenantId();
      const before = makeOrder(t, { lines: [{ code: 'GEN', artGuid: newGuid(), qty: 1 }] });
      await svc.call('POST', `/${t}/order`, before);
      expect((await svc.call('GET', `/${t}/order/${before.orderId}`)).status).toBe(200);

      const replacement = makeOrder(t, { lines: [{ code: 'GEN', artGuid: newGuid(), qty: 5 }] });
      expect((await other.call('PUT', `/${t}/orders`, [replacement])).status).toBe(200);

      // This replica's last view of the tenant is the set before the PUT.
      expect((await svc.call('GET', `/${t}/order/${before.orderId}`)).status).toBe(404);
      expect((await svc.call('GET', `/${t}/order/${replacement.orderId}`)).status).toBe(200);
      const added = makeOrder(t, { lines: [{ code: 'GEN', artGuid: newGuid(), qty: 2 }] });
      expect((await svc.call('POST', `/${t}/order`, added)).body).toBe(true);
      expect((await other.call('GET', `/${t}/order/${added.orderId}`)).status).toBe(200);
      expect((await other.call('GET', `/${t}/stock-origins/GEN`)).body).toMatchObject({ reservedQty: 7, lineCount: 2, orderCount: 2 });
    } finally {
      await other.close();
    }
  });
});

describe('Redis data of an earlier build', () => {
  it('is converted at start: figures kept, writes work, nothing left to repair', async () => {
    const t = newTenantId();
    const orders = [makeOrder(t), makeOrder(t, { lines: [{ code: 'FRA:MAG:0125', artGuid: newGuid(), qty: 4 }] })];
    for (const order of orders) await svc.call('POST', `/${t}/order`, order);
    const before = (await svc.call('GET', `/${t}/stock-origins`)).body;
    // The earlier layout kept each origin's reserved quantity in a sorted set.
    const g = tenantKeys(t).generation('0');
    const qty = await svc.redis.hgetall(g.originQty);
    await svc.redis.del(g.originQty);
    for (const [code, value] of Object.entries(qty)) await svc.redis.zadd(g.originQty, Number(value), code);

    expect((await migrateRedisLayout(svc.redis, svc.services.tenants)).originQtyToHash).toBe(1);
    expect(await svc.redis.type(g.originQty)).toBe('hash');
    expect((await svc.call('GET', `/${t}/stock-origins`)).body).toEqual(before);
    expect((await migrateRedisLayout(svc.redis, svc.services.tenants)).originQtyToHash).toBe(0);
    const added = makeOrder(t, { lines: [{ code: 'FRA:MAG:0125', artGuid: newGuid(), qty: 2 }] });
    expect((await svc.call('POST', `/${t}/order`, added)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/stock-origins/FRA:MAG:0125`)).body).toMatchObject({ reservedQty: 7, lineCount: 3, orderCount: 3 });
    const check = (await svc.call('POST', '/admin/reconcile', { tenantId: t, dryRun: true })).body;
    expect(check.tenants[0]).toMatchObject({ status: 'consistent', driftCount: 0 });
  });
});

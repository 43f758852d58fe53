import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../src/domain/order.js';
import { tenantKeys } from '../src/repositories/keys.js';
import { migrateRedisLayout } from '../src/repositories/migrations/index.js';
import { decodeStoredOrder } from '../src/repositories/orders/stored-order.js';
import { makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { queryOf, walkListing } from './support/model-check.js';

// The service's clock: the expiry sweep is seen by moving it.
let now = Date.now();
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ clock: () => now });
});
afterAll(() => svc.close());

/**
 * The index entries of an order as every build before issue 20 wrote them (its order-index.ts and
 * includes/index-members.lua), into G:ix: the type's name, GUIDs as text, '\0' before the orderId.
 */
function entriesBeforeIssue20(order: Order): string[] {
  const id = order.orderId;
  const entries = [`t${order.type}\0${id}`, `u${order.lastUpdated}\0${id}`];
  if (order.expiresAt !== undefined) entries.push(`x${order.expiresAt}\0${id}`);
  for (const code of new Set(order.lines.map((l) => l.code))) entries.push(`c${code}\0${id}`);
  for (const art of new Set(order.lines.map((l) => l.artGuid))) entries.push(`a${art}\0${id}`);
  return entries;
}

describe('an order index written by the build before compact entries (issue 20)', () => {
  it('is converted at start: every listing, cursor, the expiry sweep, the summary and writes read the same', async () => {
    const t = newTenantId();
    const [art1, art2, art3] = [newGuid(), newGuid(), newGuid()];
    const soon = new Date(now + 60_000).toISOString();
    const orders: Order[] = [
      makeOrder(t, {
        lines: [
          { code: 'FRA:MAG:0125', artGuid: art1, qty: 1 },
          { code: 'BEL:1', artGuid: art2, qty: 2 },
        ],
      }),
      makeOrder(t, { type: 'Cart', expiresAt: '2099-01-01T00:00:00.000Z', lines: [{ code: 'FRA:MAG:0125', artGuid: art2, qty: 3 }] }),
      makeOrder(t, { type: 'ExternalOrder', lastUpdated: '2025-10-01T00:00:00.000Z', lines: [{ code: 'BEL:1', artGuid: art3, qty: 4 }] }),
      makeOrder(t, { type: 'Cart', expiresAt: soon, lines: [{ code: 'BEL:1', artGuid: art1, qty: 5 }] }),
      ...Array.from({ length: 6 }, (_, i) =>
        makeOrder(t, { lastUpdated: `2025-09-2${i}T10:00:00.000Z`, lines: [{ code: `ORIGIN ${i % 2}`, artGuid: art3, qty: i + 1 }] }),
      ),
    ];
    for (const order of orders) expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    const filters = [
      {},
      { code: 'FRA:MAG:0125' },
      { code: 'BEL:1' },
      { code: 'ORIGIN 1' },
      { artGuid: art1 },
      { artGuid: art3 },
      { type: 'Cart' },
      { type: 'Order' },
      { code: 'BEL:1', type: 'ExternalOrder' },
      { code: 'ORIGIN 0', artGuid: art3 },
      { updatedSince: '2025-09-22T00:00:00.000Z' },
      { expiresBefore: '2100-01-01T00:00:00.000Z' },
    ];
    const listings = async () => {
      const all: unknown[] = [];
      for (const filter of filters) all.push((await walkListing(svc, `/${t}/orders?${queryOf(filter)}`, 2)).orders);
      return all;
    };
    const gets = async () => Promise.all(orders.map(async (o) => JSON.stringify((await svc.call('GET', `/${t}/order/${o.orderId}`)).body)));
    const listed = await listings();
    const got = await gets();
    const summary = (await svc.call('GET', `/${t}/summary`)).body;
    // Cursors handed out before the upgrade, one per kind of walk.
    const firstPages = await Promise.all(
      [{}, { code: 'BEL:1' }, { artGuid: art3 }, { type: 'Order' }, { updatedSince: '2025-09-21T00:00:00.000Z' }].map(async (filter) => ({
        filter,
        page: (await svc.call('GET', `/${t}/orders?${queryOf({ ...filter, limit: 1 })}`)).body,
      })),
    );
    // Other test files' tenants may be mid-way through a layout of their own: this one alone is migrated.
    const thisTenant = { listTenants: async () => [t] };
    const g = tenantKeys(t).generation((await svc.redis.get(tenantKeys(t).gen)) ?? '0');
    const compact = (await svc.redis.zrangeBuffer(g.index, 0, -1)).map((b) => b.toString('hex'));
    const articleIndexes = async () =>
      Promise.all(
        [art1, art2, art3].map(async (a) => (await svc.redis.zrangeBuffer(g.articleIndex(a), 0, -1)).map((b) => b.toString('hex'))),
      );
    const articles = await articleIndexes();

    // The tenant as the earlier build left it: the same orders, figures, counters and events, the index in G:ix.
    const stored = await svc.redis.hgetall(g.orders);
    await svc.redis.del(g.index, ...[art1, art2, art3].map(g.articleIndex));
    const old = Object.values(stored).flatMap((json) => entriesBeforeIssue20(decodeStoredOrder(t, json)));
    await svc.redis.zadd(g.legacyIndex, ...old.flatMap((entry) => [0, entry]));
    expect(await svc.redis.zcard(g.legacyIndex)).toBe(compact.length + articles.flat().length);

    expect(await migrateRedisLayout(svc.redis, thisTenant)).toMatchObject({ compactIndexes: 1, articleIndexes: 1 });
    expect(await svc.redis.exists(g.legacyIndex)).toBe(0);
    expect((await svc.redis.zrangeBuffer(g.index, 0, -1)).map((b) => b.toString('hex'))).toEqual(compact);
    expect(await articleIndexes()).toEqual(articles);
    expect(await migrateRedisLayout(svc.redis, thisTenant)).toMatchObject({ compactIndexes: 0, articleIndexes: 0 });

    expect(await listings()).toEqual(listed);
    expect(await gets()).toEqual(got);
    expect((await svc.call('GET', `/${t}/summary`)).body).toEqual(summary);
    for (const { filter, page } of firstPages) {
      const rest = await walkListing(svc, `/${t}/orders?${queryOf(filter)}`, 2, { from: page.nextCursor });
      const whole = (await walkListing(svc, `/${t}/orders?${queryOf(filter)}`, 100)).orders;
      expect([...page.orders, ...rest.orders], JSON.stringify(filter)).toEqual(whole);
    }
    expect((await svc.call('POST', '/admin/reconcile', { tenantId: t, dryRun: true })).body.tenants[0]).toMatchObject({
      status: 'consistent',
      driftCount: 0,
    });

    // The expiry queue came along: the cart expiring soon goes, at its time.
    now = Date.parse(soon) + 1;
    expect((await svc.call('GET', `/${t}/order/${orders[3]!.orderId}`)).status).toBe(404);
    expect((await walkListing(svc, `/${t}/orders?${queryOf({ type: 'Cart' })}`, 2)).orders.map((o) => o.orderId)).toEqual([
      orders[1]!.orderId,
    ]);
    // And writes go on: a redefinition moves its entries, a delete drops them.
    const moved = { ...orders[0]!, lastUpdated: '2025-12-01T00:00:00.000Z', lines: [{ code: 'NEW', artGuid: art2, qty: 1 }] };
    expect((await svc.call('POST', `/${t}/order`, moved)).body).toBe(false);
    expect((await walkListing(svc, `/${t}/orders?${queryOf({ code: 'NEW' })}`, 2)).orders.map((o) => o.orderId)).toEqual([moved.orderId]);
    expect((await walkListing(svc, `/${t}/orders?${queryOf({ artGuid: art1 })}`, 2)).orders).toEqual([]);
    expect((await svc.call('DELETE', `/${t}/order/byid/${orders[2]!.orderId}`)).body).toBe(true);
    expect((await walkListing(svc, `/${t}/orders?${queryOf({ type: 'ExternalOrder' })}`, 2)).orders).toEqual([]);
    expect((await svc.call('POST', '/admin/reconcile', { tenantId: t, dryRun: true })).body.tenants[0]).toMatchObject({
      status: 'consistent',
      driftCount: 0,
    });
  });
});

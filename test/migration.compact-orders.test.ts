import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EARLIER_ORDER_JSON_PIECES, expandOrderJson, FIRST_PIECE_CODE } from '../src/domain/events.js';
import type { Order } from '../src/domain/order.js';
import { tenantKeys } from '../src/repositories/keys.js';
import { migrateRedisLayout } from '../src/repositories/migrations/index.js';
import { ADMIN_KEY, makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { walkListing } from './support/model-check.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

/** What the service answers, as text: byte for byte. */
async function text(path: string): Promise<string> {
  const res = await svc.app.request(path, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  expect(res.status, path).toBe(200);
  return res.text();
}

/** An order's plain JSON in the first compact form (builds of 2026-12-07): each earlier piece as its control character. */
function firstCompactForm(json: string): string {
  let compact = json;
  Object.values(EARLIER_ORDER_JSON_PIECES).forEach((piece, i) => {
    compact = compact.replaceAll(piece, String.fromCharCode(i + 1));
  });
  return compact;
}

describe.each([
  ['plain JSON (the build before compact stored orders and article indexes)', (json: string) => json],
  ['the first compact form (builds of 2026-12-07)', firstCompactForm],
])('a tenant whose orders are stored as %s (issue 20)', (_, earlierForm) => {
  it('is converted at start: GET, listings, cursors and figures read the same, and holds, deletes at one origin and the feed work on it', async () => {
    const t = newTenantId();
    const [art1, art2] = [newGuid(), newGuid()];
    const orders: Order[] = [
      makeOrder(t, {
        lines: [
          { code: 'FRA:MAG:0125', artGuid: art1, qty: 1 },
          { code: 'quote " slash / back \\ ключ 倉庫', artGuid: art2, qty: 2 },
          { code: 'BEL:1', artGuid: art1, qty: 3 },
        ],
      }),
      makeOrder(t, { type: 'Cart', expiresAt: '2099-01-01T00:00:00.000Z', lines: [{ code: 'BEL:1', artGuid: art2, qty: 4 }] }),
      makeOrder(t, { type: 'ExternalOrder', lines: [{ code: 'FRA:MAG:0125', artGuid: art2, qty: 5 }] }),
    ];
    for (const order of orders) expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    // Other test files' tenants may be mid-way through a layout of their own: this one alone is migrated.
    const thisTenant = { listTenants: async () => [t] };
    const g = tenantKeys(t).generation('0');
    const compact = await svc.redis.hgetall(g.orders);
    const index = async () => ({
      entries: (await svc.redis.zrangeBuffer(g.index, 0, -1)).map((b) => b.toString('hex')),
      articles: await Promise.all(
        [art1, art2].map(async (a) => (await svc.redis.zrangeBuffer(g.articleIndex(a), 0, -1)).map((b) => b.toString('hex'))),
      ),
    });
    const indexed = await index();
    const served = async () => ({
      gets: await Promise.all(orders.map((o) => text(`/${t}/order/${o.orderId}`))),
      listing: await walkListing(svc, `/${t}/orders`, 2),
      byArticle: await walkListing(svc, `/${t}/orders?artGuid=${art2}`, 1),
      byArticleAndCode: await walkListing(svc, `/${t}/orders?artGuid=${art1}&code=BEL:1`, 1),
      summary: await text(`/${t}/summary`),
      origins: await text(`/${t}/stock-origins`),
    });
    const before = await served();
    expect(before.byArticle.orders).toHaveLength(3);
    // A cursor handed out before the upgrade, on the walk by article.
    const firstPage = (await svc.call('GET', `/${t}/orders?artGuid=${art2}&limit=1`)).body;

    // The tenant as the build before wrote it: each order in the earlier form; and a value that is no order.
    for (const [id, stored] of Object.entries(compact)) {
      expect(stored.startsWith('\u000e'), 'stored compact').toBe(true);
      expect(stored.length).toBeLessThan(expandOrderJson(stored).length - 75);
      const earlier = earlierForm(expandOrderJson(stored));
      expect(expandOrderJson(earlier)).toBe(expandOrderJson(stored));
      await svc.redis.hset(g.orders, id, earlier);
    }
    await svc.redis.hset(g.orders, 'not-an-order', '{"orderId":"not-an-order","lines":"none"}');
    // Its articles' index entries in G:i, a<artGuid>\0<the orderId's 16 bytes>.
    for (const [n, art] of [art1, art2].entries()) {
      await svc.redis.del(g.articleIndex(art));
      for (const id of indexed.articles[n]!)
        await svc.redis.zadd(g.index, 0, Buffer.concat([Buffer.from(`a${art}\0`), Buffer.from(id, 'hex')]));
    }
    expect(await svc.redis.zcard(g.index)).toBe(indexed.entries.length + indexed.articles.flat().length);

    expect(await migrateRedisLayout(svc.redis, thisTenant)).toMatchObject({ compactOrders: 1, articleIndexes: 1 });
    expect(await svc.redis.hget(g.orders, 'not-an-order'), 'left for reconcile to report').toBe(
      '{"orderId":"not-an-order","lines":"none"}',
    );
    await svc.redis.hdel(g.orders, 'not-an-order');
    expect(await svc.redis.hgetall(g.orders)).toEqual(compact);
    expect(await index()).toEqual(indexed);
    expect(await served()).toEqual(before);
    const rest = await walkListing(svc, `/${t}/orders?artGuid=${art2}`, 1, { from: firstPage.nextCursor });
    expect([...firstPage.orders, ...rest.orders]).toEqual(before.byArticle.orders);
    expect(await migrateRedisLayout(svc.redis, thisTenant)).toMatchObject({ compactOrders: 0, articleIndexes: 0 });
    // Marked converted: a later start does not read the generation's orders again.
    expect(await svc.redis.get(g.storedForm)).toBe(String(FIRST_PIECE_CODE));

    // Writes on the converted orders: a delete at the origin whose code needs escaping, a hold.
    const [order, cart] = [orders[0]!, orders[1]!];
    const code = encodeURIComponent(order.lines[1]!.code);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/${code}`)).body).toBe(true);
    const left = { ...order, tenantId: t, lines: [order.lines[0], order.lines[2]] };
    expect(JSON.parse(await text(`/${t}/order/${order.orderId}`))).toEqual(left);
    expect((await svc.call('POST', `/${t}/order/${cart.orderId}/hold`, { expiresAt: '2099-06-01T00:00:00.000Z' })).body).toBe(true);
    expect(await text(`/${t}/order/${cart.orderId}`)).toBe(before.gets[1]!.replace('2099-01-01T00:00:00.000Z', '2099-06-01T00:00:00.000Z'));
    const { events } = (await svc.call('GET', `/${t}/events`)).body;
    expect(events.slice(-2).map((e: any) => [e.type, e.data])).toEqual([
      ['order.lines_removed', { orderId: order.orderId, code: order.lines[1]!.code, lines: [order.lines[1]], order: left }],
      ['order.updated', { order: JSON.parse(await text(`/${t}/order/${cart.orderId}`)) }],
    ]);
    expect((await svc.call('GET', `/${t}/stock-origins/${code}/orders`)).body.orders).toEqual([]);
    const { tenants } = (await svc.call('POST', '/admin/reconcile', { tenantId: t })).body;
    expect(tenants).toEqual([expect.objectContaining({ tenantId: t, status: 'consistent', driftCount: 0, unreadableOrders: [] })]);
  });
});

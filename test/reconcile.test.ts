import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../src/domain/order.js';
import { computeReservations } from '../src/domain/reservation.js';
import { tenantKeys } from '../src/repositories/keys.js';
import { guidBytes } from '../src/repositories/redis-scripts/order-index.js';
import type { ModelOrder } from './support/figures-model.js';
import {
  articleWithoutCapacities,
  makeOrder,
  newGuid,
  newTenantId,
  startTestService,
  withoutCapacity,
  type TestService,
} from './support/harness.js';
import { duplicates, expectIndexes, walkListing } from './support/model-check.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const ART_1 = 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460';
const ART_2 = '4128d10e-1594-42a7-8c79-bde5181a20f5';

async function figureKeys(t: number) {
  const gen = (await svc.redis.get(tenantKeys(t).gen)) ?? '0';
  return tenantKeys(t).generation(gen);
}

async function writeOrders(t: number, orders: Order[]) {
  for (const order of orders) expect((await svc.call('POST', `/${t}/order`, order)).status).toBe(200);
}

/** What the API answers is what the orders add up to (computeReservations is the definition). */
async function expectFiguresOf(t: number, orders: Order[]) {
  const expected = computeReservations(orders);
  const list = (await svc.call('GET', `/${t}/stock-origins`)).body;
  expect(list.total).toBe(expected.origins.size);
  for (const [code, origin] of expected.origins) {
    expect((await svc.call('GET', `/${t}/stock-origins/${encodeURIComponent(code)}`)).body).toEqual(withoutCapacity(origin));
  }
  for (const [artGuid, article] of expected.articles) {
    expect((await svc.call('GET', `/${t}/articles/${artGuid}`)).body).toEqual(articleWithoutCapacities(article));
  }
}

async function reconcile(body: Record<string, unknown>) {
  const res = await svc.call('POST', '/admin/reconcile', body);
  expect(res.status).toBe(200);
  return res.body;
}

async function metric(name: string, labels: string): Promise<number> {
  const text = (await svc.call('GET', '/metrics')).body as string;
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('POST /admin/reconcile', () => {
  it('finds nothing to repair in figures kept by the service', async () => {
    const t = newTenantId();
    const shipped = makeOrder(t, {
      lines: [
        { code: 'ONLY HERE', artGuid: ART_2, qty: 2 },
        { code: 'X', artGuid: ART_2, qty: 1 },
      ],
    });
    await writeOrders(t, [makeOrder(t), makeOrder(t), makeOrder(t, { lines: [{ code: 'X', artGuid: ART_1, qty: 5 }] }), shipped]);
    // The last order at an origin ships from there and keeps its other line: the origin's counts go.
    expect((await svc.call('DELETE', `/${t}/order/byid/${shipped.orderId}/code/${encodeURIComponent('ONLY HERE')}`)).body).toBe(true);
    const run = await reconcile({ tenantId: t });
    expect(run).toMatchObject({ trigger: 'admin', dryRun: false, driftCount: 0 });
    expect(run.tenants).toEqual([
      expect.objectContaining({ tenantId: t, status: 'consistent', ordersChecked: 4, driftCount: 0, drift: [], unreadableOrders: [] }),
    ]);
  });

  it('reports every figure touched by hand (origin, article, stored vs recomputed) and repairs it', async () => {
    const t = newTenantId();
    const orders = [
      makeOrder(t),
      makeOrder(t, {
        lines: [
          { code: 'FRA:MAG:0125', artGuid: ART_1, qty: 4 },
          { code: 'BEL:1', artGuid: ART_2, qty: 3 },
        ],
      }),
    ];
    await writeOrders(t, orders);
    const g = await figureKeys(t);
    const orphanArt = newGuid();
    // Another system "fixes" the figures by hand.
    await svc.redis.hincrby(g.originQty, 'FRA:MAG:0125', 5);
    await svc.redis.hset(g.originLines, 'BEL:1', '9');
    await svc.redis.hdel(g.originOrders, 'FRA:MAG:0953');
    await svc.redis.hset(g.origin('BEL:1'), ART_2, '1');
    await svc.redis.hset(g.article(ART_1), 'FRA:MAG:0125', 'lots');
    // Figures nothing points to: an origin with no order, an article with no order.
    await svc.redis.hset(g.origin('GHOST:*'), ART_1, '8');
    await svc.redis.hset(g.article(orphanArt), 'FRA:MAG:0125', '2');

    const dry = await reconcile({ tenantId: t, dryRun: true });
    const report = dry.tenants[0];
    expect(report).toMatchObject({ status: 'drifted', ordersChecked: 2, driftCount: 7 });
    expect(report.drift).toEqual(
      expect.arrayContaining([
        { figure: 'reservedQty', code: 'FRA:MAG:0125', stored: 10, recomputed: 5 },
        { figure: 'lineCount', code: 'BEL:1', stored: 9, recomputed: 1 },
        { figure: 'orderCount', code: 'FRA:MAG:0953', stored: null, recomputed: 1 },
        { figure: 'originArticleQty', code: 'BEL:1', artGuid: ART_2, stored: 1, recomputed: 3 },
        { figure: 'articleOriginQty', code: 'FRA:MAG:0125', artGuid: ART_1, stored: 'lots', recomputed: 5 },
        { figure: 'originArticleQty', code: 'GHOST:*', artGuid: ART_1, stored: 8, recomputed: 0 },
        { figure: 'articleOriginQty', code: 'FRA:MAG:0125', artGuid: orphanArt, stored: 2, recomputed: 0 },
      ]),
    );
    // A dry run changes nothing.
    expect(await svc.redis.hget(g.originLines, 'BEL:1')).toBe('9');

    const driftBefore = await metric('reservoir_reconcile_drift_total', `tenant="${t}"`);
    const repaired = await reconcile({ tenantId: t });
    expect(repaired.tenants[0]).toMatchObject({ status: 'repaired', driftCount: 7 });
    expect(await metric('reservoir_reconcile_drift_total', `tenant="${t}"`)).toBe(driftBefore + 7);
    await expectFiguresOf(t, orders);
    expect(await svc.redis.exists(g.origin('GHOST:*'), g.article(orphanArt))).toBe(0);
    expect((await reconcile({ tenantId: t })).tenants[0]).toMatchObject({ status: 'consistent', driftCount: 0 });
  });

  it('reports the order indexes and the count of articles touched by hand, repairs them, and the listings and summary are right again', async () => {
    const t = newTenantId();
    const a = makeOrder(t, {
      type: 'Order',
      lines: [
        { code: 'A', artGuid: ART_1, qty: 2 },
        { code: 'B', artGuid: ART_2, qty: 1 },
      ],
    });
    const b = makeOrder(t, { type: 'Cart', lines: [{ code: 'A', artGuid: ART_2, qty: 4 }] });
    const c = makeOrder(t, {
      type: 'ExternalOrder',
      expiresAt: '2099-01-01T00:00:00.000Z',
      lines: [{ code: 'C', artGuid: ART_1, qty: 3 }],
    });
    await writeOrders(t, [a, b, c]);
    const models = [a, b, c].map((o) => ({ ...o }) as ModelOrder);
    const g = await figureKeys(t);
    const [ghost, orphanArt] = [newGuid(), newGuid()];
    // By hand: an entry lost, an entry of an order that does not exist, an entry of the wrong type; the count of articles.
    // Entries hold the orderId as 16 bytes (includes/zadd-members.lua), a type by its initial.
    const entry = (head: string, id: string) => Buffer.concat([Buffer.from(`${head}\0`), guidBytes(id)]);
    await svc.redis.zrem(g.index, entry('cA', a.orderId));
    await svc.redis.zadd(g.index, 0, entry('cA', ghost), 0, entry('tC', a.orderId));
    await svc.redis.hincrby(g.counters, 'articles', 5);
    // And in the articles' own indexes: an order lost, one that does not exist, an article no order has.
    await svc.redis.zrem(g.articleIndex(ART_1), guidBytes(a.orderId));
    await svc.redis.zadd(g.articleIndex(ART_2), 0, guidBytes(ghost));
    await svc.redis.zadd(g.articleIndex(orphanArt), 0, guidBytes(b.orderId));

    const ids = async (query: string) => (await walkListing(svc, `/${t}/orders${query}`, 2)).orders.map((o) => o.orderId);
    expect(await ids('?code=A'), 'order a is missing from its origin').toEqual([b.orderId]);
    expect(await ids(`?artGuid=${ART_1}`), 'order a is missing from its article').toEqual([c.orderId]);
    expect(await ids(`?artGuid=${orphanArt}`)).toEqual([b.orderId]);
    expect(duplicates((await walkListing(svc, `/${t}/orders`, 100)).orders), 'order a listed under two types').toEqual([a.orderId]);
    // The summary counts the orders of each type in the index: order a shows as a cart too.
    expect((await svc.call('GET', `/${t}/summary`)).body).toMatchObject({ orders: 1, carts: 2, externalOrders: 1, lines: 4, articles: 7 });

    const dry = (await reconcile({ tenantId: t, dryRun: true })).tenants[0];
    expect(dry).toMatchObject({ status: 'drifted', driftCount: 7 });
    expect(dry.drift).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ figure: 'indexEntry', code: `cA ${a.orderId}`, stored: null, recomputed: 1 }),
        expect.objectContaining({ figure: 'indexEntry', code: `cA ${ghost}`, stored: 1, recomputed: 0 }),
        expect.objectContaining({ figure: 'indexEntry', code: `tCart ${a.orderId}`, stored: 1, recomputed: 0 }),
        expect.objectContaining({ figure: 'indexEntry', code: `a${ART_1} ${a.orderId}`, stored: null, recomputed: 1 }),
        expect.objectContaining({ figure: 'indexEntry', code: `a${ART_2} ${ghost}`, stored: 1, recomputed: 0 }),
        expect.objectContaining({ figure: 'indexEntry', code: `a${orphanArt} ${b.orderId}`, stored: 1, recomputed: 0 }),
        expect.objectContaining({ figure: 'counter', code: 'articles', stored: 7, recomputed: 2 }),
      ]),
    );
    // A dry run repairs nothing.
    expect(await ids('?code=A')).toEqual([b.orderId]);

    expect((await reconcile({ tenantId: t })).tenants[0]).toMatchObject({ status: 'repaired', driftCount: 7 });
    await expectIndexes(svc, t, models, Date.now(), { codes: ['A', 'B', 'C'], articles: [ART_1, ART_2, orphanArt] });
    expect(await svc.redis.exists(g.articleIndex(orphanArt))).toBe(0);
    expect((await reconcile({ tenantId: t, dryRun: true })).tenants[0]).toMatchObject({ status: 'consistent', driftCount: 0 });
  });

  it('rebuilds figures wiped or of the wrong type, and reports orders it cannot read', async () => {
    const t = newTenantId();
    const orders = [makeOrder(t), makeOrder(t, { lines: [{ code: 'A{0}', artGuid: ART_2, qty: 2 }] })];
    await writeOrders(t, orders);
    const g = await figureKeys(t);
    await svc.redis.del(g.originQty, g.article(ART_2));
    await svc.redis.del(g.origin('A{0}'));
    await svc.redis.set(g.origin('A{0}'), 'not a hash');
    await svc.redis.hset(g.orders, 'broken', '{"orderId":"broken","lines":[{"code":"A{0}","qty":"many"}]}');

    const run = await reconcile({ tenantId: t });
    const report = run.tenants[0];
    expect(report.status).toBe('repaired');
    expect(report.unreadableOrders).toEqual(['broken']);
    expect(report.drift).toEqual(expect.arrayContaining([{ figure: 'wrongType', code: 'og:A{0}', stored: 'not a hash', recomputed: 0 }]));
    await svc.redis.hdel(g.orders, 'broken');
    await expectFiguresOf(t, orders);
  });

  it('checks every tenant when none is named', async () => {
    const t1 = newTenantId();
    const t2 = newTenantId();
    await writeOrders(t1, [makeOrder(t1)]);
    await writeOrders(t2, [makeOrder(t2)]);
    await svc.redis.hset((await figureKeys(t2)).originLines, 'FRA:MAG:0125', '3');
    const run = await reconcile({});
    const byTenant = new Map(run.tenants.map((r: { tenantId: number }) => [r.tenantId, r]));
    expect(byTenant.get(t1)).toMatchObject({ status: 'consistent' });
    expect(byTenant.get(t2)).toMatchObject({ status: 'repaired', driftCount: 1 });
  });

  it('skips a tenant over RECONCILE_MAX_ORDERS, saying so', async () => {
    const small = await startTestService({ settings: { reconcile: { maxOrders: 2, maxReported: 10 } } });
    try {
      const t = newTenantId();
      for (let i = 0; i < 3; i++) await small.call('POST', `/${t}/order`, makeOrder(t));
      const run = (await small.call('POST', '/admin/reconcile', { tenantId: t })).body;
      expect(run.tenants[0]).toMatchObject({ status: 'skipped', ordersChecked: 3, reason: 'over 2 orders' });
    } finally {
      await small.close();
    }
  });

  it('loses no write made while it runs, and leaves figures equal to the orders', async () => {
    const t = newTenantId();
    const codes = ['A', 'B', 'C:*', '{t:1}'];
    const arts = [ART_1, ART_2, newGuid()];
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
    let stamp = 1;
    const randomOrder = (orderId = newGuid()): Order =>
      makeOrder(t, {
        orderId,
        lastUpdated: new Date(Date.UTC(2025, 0, 1) + stamp++).toISOString(),
        lines: Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => ({
          code: pick(codes),
          artGuid: pick(arts),
          qty: 1 + Math.floor(Math.random() * 9),
        })),
      });
    // Each writer owns its orders, so that its own writes are never stale.
    const owned = [new Map<string, Order>(), new Map<string, Order>()];
    for (let i = 0; i < 20; i++) {
      const o = randomOrder();
      owned[i % 2]!.set(o.orderId, o);
    }
    await writeOrders(
      t,
      owned.flatMap((m) => [...m.values()]),
    );
    await svc.redis.hincrby((await figureKeys(t)).originQty, 'A', 1000);

    const writer = async (orders: Map<string, Order>) => {
      for (let i = 0; i < 30; i++) {
        const id = orders.size > 0 && Math.random() < 0.7 ? pick([...orders.keys()]) : newGuid();
        if (orders.has(id) && Math.random() < 0.3) {
          orders.delete(id);
          expect((await svc.call('DELETE', `/${t}/order/byid/${id}`)).body).toBe(true);
        } else {
          const o = randomOrder(id);
          orders.set(id, o);
          expect((await svc.call('POST', `/${t}/order`, o)).status).toBe(200);
        }
      }
    };
    const checker = async () => {
      for (let i = 0; i < 5; i++) expect((await reconcile({ tenantId: t })).tenants[0].status).not.toBe('failed');
    };
    await Promise.all([writer(owned[0]!), writer(owned[1]!), checker()]);

    const orders = owned.flatMap((m) => [...m.values()]);
    for (const o of orders) expect((await svc.call('GET', `/${t}/order/${o.orderId}`)).body).toEqual(o);
    await expectFiguresOf(t, orders);
    expect((await reconcile({ tenantId: t, dryRun: true })).tenants[0].driftCount).toBe(0);
  });

  it('runs after a restore wrote orders back', async () => {
    const t = newTenantId();
    const orders = [makeOrder(t), makeOrder(t)];
    await writeOrders(t, orders);
    await svc.call('POST', '/admin/sync', { tenantId: t, full: true });
    // Redis loses the tenant's orders; a stale figure is left behind.
    const g = await figureKeys(t);
    await svc.redis.del(
      g.orders,
      g.originQty,
      g.originLines,
      g.originOrders,
      g.origin('FRA:MAG:0125'),
      g.origin('FRA:MAG:0953'),
      g.article(ART_1),
    );
    await svc.redis.del(tenantKeys(t).base);
    await svc.redis.hset(g.article(ART_1), 'FRA:MAG:0125', '77');

    const before = await metric('reservoir_reconcile_runs_total', 'trigger="restore"');
    const restored = (await svc.call('POST', '/admin/restore', { tenantId: t })).body;
    expect(restored.tenants[0]).toMatchObject({ status: 'restored', ordersRestored: 2 });
    expect(await metric('reservoir_reconcile_runs_total', 'trigger="restore"')).toBe(before + 1);
    await expectFiguresOf(t, orders);
  });
});

/**
 * Availability, the parts that move on-hand stock or tell about it: partial shipments (POST
 * /{t}/shipments with artGuid and qty) that lower the tracked pairs' onHand and date it, so that
 * a count taken before can no longer overwrite it; the stock.out / stock.back events, once per
 * crossing of 0, whichever write makes it; the list of tracked pairs (GET /{t}/stock, maxAvailable);
 * and the stockLevels quota.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../src/domain/order.js';
import { restoreAllTenants } from '../src/domain/restore.js';
import { tenantKeys } from '../src/repositories/keys.js';
import { readEvents } from './support/event-stream.js';
import { makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { codePath } from './support/model-check.js';

let now = Date.UTC(2030, 3, 1, 12);
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ clock: () => now });
});
afterAll(() => svc.close());

const O = 'FRA:MAG:0125';
const P = 'BEL/7';
const iso = (ms: number) => new Date(ms).toISOString();
const pairPath = (t: number, code: string, art: string) => `/${t}/stock-origins/${codePath(code)}/stock/${art}`;

function orderOf(t: number, lines: { code?: string; artGuid: string; qty: number }[], overrides: Partial<Order> = {}): Order {
  return makeOrder(t, {
    lastUpdated: iso(now),
    lines: lines.map((l) => ({ code: l.code ?? O, artGuid: l.artGuid, qty: l.qty })),
    ...overrides,
  });
}

async function ok(method: string, path: string, body?: unknown) {
  const res = await svc.call(method, path, body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

const putStock = (t: number, asOf: number, levels: { code?: string; artGuid: string; onHand: number }[]) =>
  ok('PUT', `/${t}/stock`, { asOf: iso(asOf), levels: levels.map((l) => ({ code: l.code ?? O, ...l })) });
const pair = (t: number, art: string, code = O) => ok('GET', pairPath(t, code, art));

/** The stock events appended since `after` (an event id), as [type, data]. */
async function stockEvents(t: number, after?: string) {
  const all = await readEvents(svc.redis, t, after);
  return all.filter((e) => e.type.startsWith('stock.')).map((e) => [e.type, e.data]);
}
const lastId = async (t: number) => (await readEvents(svc.redis, t)).at(-1)?.id;

describe('partial shipments', () => {
  it("ship an article's units from the first lines first, lower the pair's onHand by them and date it, and a count taken before can no longer overwrite it", async () => {
    const t = newTenantId();
    const [a, b, c] = [newGuid(), newGuid(), newGuid()];
    const counted = now - 3_600_000;
    await putStock(t, counted, [{ artGuid: a, onHand: 10 }]);
    const order = orderOf(t, [
      { artGuid: a, qty: 3 },
      { artGuid: a, qty: 2 },
      { artGuid: b, qty: 4 },
      { code: P, artGuid: c, qty: 1 },
    ]);
    expect(await ok('POST', `/${t}/order`, order)).toBe(true);
    expect(await pair(t, a)).toMatchObject({ onHand: 10, reservedQty: 5, available: 5 });

    now += 60_000;
    const shippedAt = now;
    const before = await lastId(t);
    expect(await ok('POST', `/${t}/shipments`, [{ orderId: order.orderId, code: O, artGuid: a, qty: 4 }])).toEqual([true]);
    expect((await ok('GET', `/${t}/order/${order.orderId}`)).lines).toEqual([
      { code: O, artGuid: a, qty: 1 },
      { code: O, artGuid: b, qty: 4 },
      { code: P, artGuid: c, qty: 1 },
    ]);
    expect(await pair(t, a)).toEqual({ code: O, artGuid: a, onHand: 6, reservedQty: 1, available: 5, asOf: iso(shippedAt) });
    const removed = (await readEvents(svc.redis, t, before)).find((e) => e.type === 'order.lines_removed')!;
    expect(removed.data.lines).toEqual([
      { code: O, artGuid: a, qty: 3 },
      { code: O, artGuid: a, qty: 1 },
    ]);
    expect(removed.data.order.lines).toHaveLength(3);

    // A count taken between the first count and the shipment arrives late: left as it is.
    expect(await putStock(t, shippedAt - 1000, [{ artGuid: a, onHand: 10 }])).toEqual({ applied: 0, stale: 1 });
    expect((await pair(t, a)).onHand).toBe(6);
    // The figures of the origin follow the order: 1 + 4 units, 2 lines, 1 order.
    const origin = await ok('GET', `/${t}/stock-origins/${codePath(O)}`);
    expect(origin).toMatchObject({ reservedQty: 5, lineCount: 2, orderCount: 1 });

    // Without qty: all the article's lines there; an untracked pair has no level to lower.
    now += 1000;
    expect(await ok('POST', `/${t}/shipments`, [{ orderId: order.orderId, code: O, artGuid: b }])).toEqual([true]);
    expect((await pair(t, b)).onHand).toBeNull();
    // Without an article: everything left at the origin, as before this feature.
    now += 1000;
    expect(await ok('POST', `/${t}/shipments`, [{ orderId: order.orderId, code: O }])).toEqual([true]);
    expect((await ok('GET', `/${t}/order/${order.orderId}`)).lines).toEqual([{ code: P, artGuid: c, qty: 1 }]);
    expect(await pair(t, a)).toEqual({ code: O, artGuid: a, onHand: 5, reservedQty: 0, available: 5, asOf: iso(now) });
    expect(await ok('GET', `/${t}/stock-origins/${codePath(O)}`)).toMatchObject({ reservedQty: 0, lineCount: 0, orderCount: 0 });

    // More than the order holds ships what it holds; the order left without lines is deleted.
    expect(await ok('POST', `/${t}/shipments`, [{ orderId: order.orderId, code: P, artGuid: c, qty: 5 }])).toEqual([true]);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
  });

  it('leave a level counted after the shipment as it is (it already lacks the units), and never take onHand below 0', async () => {
    const t = newTenantId();
    const [late, short] = [newGuid(), newGuid()];
    const order = orderOf(t, [
      { artGuid: late, qty: 2 },
      { artGuid: short, qty: 5 },
    ]);
    expect(await ok('POST', `/${t}/order`, order)).toBe(true);
    await putStock(t, now + 3_600_000, [{ artGuid: late, onHand: 10 }]);
    await putStock(t, now - 1000, [{ artGuid: short, onHand: 3 }]);
    expect(await ok('POST', `/${t}/shipments`, [{ orderId: order.orderId, code: O }])).toEqual([true]);
    expect(await pair(t, late)).toMatchObject({ onHand: 10, reservedQty: 0, asOf: iso(now + 3_600_000) });
    expect(await pair(t, short)).toMatchObject({ onHand: 0, reservedQty: 0, available: 0, asOf: iso(now) });
  });

  it('are archived: after the loss of Redis a restore brings back the lowered level', async () => {
    const t = newTenantId();
    const a = newGuid();
    await putStock(t, now - 1000, [{ artGuid: a, onHand: 8 }]);
    const order = orderOf(t, [{ artGuid: a, qty: 3 }]);
    expect(await ok('POST', `/${t}/order`, order)).toBe(true);
    now += 1000;
    expect(await ok('POST', `/${t}/shipments`, [{ orderId: order.orderId, code: O, artGuid: a, qty: 2 }])).toEqual([true]);
    await svc.redis.del(tenantKeys(t).stock);
    await restoreAllTenants(svc.services, { tenantId: t, force: true });
    expect(await pair(t, a)).toMatchObject({ onHand: 6, asOf: iso(now) });
  });

  it('refuse qty without artGuid, and a qty of 0, with 400 and nothing changed', async () => {
    const t = newTenantId();
    const order = orderOf(t, [{ artGuid: newGuid(), qty: 3 }]);
    expect(await ok('POST', `/${t}/order`, order)).toBe(true);
    for (const item of [
      { orderId: order.orderId, code: O, qty: 1 },
      { orderId: order.orderId, code: O, artGuid: order.lines[0]!.artGuid, qty: 0 },
    ]) {
      const res = await svc.call('POST', `/${t}/shipments`, [item]);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('qty');
    }
    expect((await ok('GET', `/${t}/order/${order.orderId}`)).lines).toEqual(
      order.lines.map((l) => ({ ...l, artGuid: l.artGuid.toLowerCase() })),
    );
  });
});

describe('stock.out and stock.back', () => {
  it('are told once per crossing of 0, by whichever write makes it, with the figures after', async () => {
    const t = newTenantId();
    const a = newGuid();
    const ev = (type: string, onHand: number | null, reservedQty: number, available: number | null, previousAvailable: number | null) => [
      type,
      { code: O, artGuid: a, onHand, reservedQty, available, previousAvailable },
    ];
    let mark = await lastId(t);
    const since = async () => {
      const found = await stockEvents(t, mark);
      mark = await lastId(t);
      return found;
    };

    await putStock(t, now - 1000, [{ artGuid: a, onHand: 5 }]);
    expect(await since()).toEqual([]);
    const three = orderOf(t, [{ artGuid: a, qty: 3 }]);
    const two = orderOf(t, [{ artGuid: a, qty: 2 }]);
    const one = orderOf(t, [{ artGuid: a, qty: 1 }]);
    expect(await ok('POST', `/${t}/order`, three)).toBe(true);
    expect(await since()).toEqual([]);
    expect(await ok('POST', `/${t}/order`, two)).toBe(true);
    expect(await since()).toEqual([ev('stock.out', 5, 5, 0, 2)]);
    // Already out: no second stock.out.
    expect(await ok('POST', `/${t}/order`, one)).toBe(true);
    expect(await since()).toEqual([]);
    expect(await ok('DELETE', `/${t}/order/byid/${one.orderId}`)).toBe(true);
    expect(await since()).toEqual([]);
    // The contract's delete at an origin gives the units back.
    expect(await ok('DELETE', `/${t}/order/byid/${two.orderId}/code/${codePath(O)}`)).toBe(true);
    expect(await since()).toEqual([ev('stock.back', 5, 3, 2, 0)]);
    // A redefinition.
    now += 1000;
    expect(await ok('POST', `/${t}/order`, { ...three, lastUpdated: iso(now), lines: [{ code: O, artGuid: a, qty: 6 }] })).toBe(false);
    expect(await since()).toEqual([ev('stock.out', 5, 6, -1, 2)]);
    // A count.
    await putStock(t, now, [{ artGuid: a, onHand: 10 }]);
    expect(await since()).toEqual([ev('stock.back', 10, 6, 4, -1)]);
    await putStock(t, now, [{ artGuid: a, onHand: 6 }]);
    expect(await since()).toEqual([ev('stock.out', 6, 6, 0, 4)]);
    // An order that arrives expired takes its units back.
    expect(await ok('POST', `/${t}/order`, { ...three, lastUpdated: iso(now + 1), expiresAt: iso(now - 1) })).toBe(false);
    expect(await since()).toEqual([ev('stock.back', 6, 0, 6, 0)]);
    // A shipment lowers onHand and reserved alike: no crossing.
    const all = orderOf(t, [{ artGuid: a, qty: 6 }]);
    expect(await ok('POST', `/${t}/order`, all)).toBe(true);
    expect(await since()).toEqual([ev('stock.out', 6, 6, 0, 6)]);
    now += 1000;
    expect(await ok('POST', `/${t}/shipments`, [{ orderId: all.orderId, code: O, artGuid: a, qty: 2 }])).toEqual([true]);
    expect(await since()).toEqual([]);
    expect(await pair(t, a)).toMatchObject({ onHand: 4, reservedQty: 4, available: 0 });
    // Untracked, the pair has no limit any more; tracked again with nothing available, it is out.
    expect(await ok('DELETE', pairPath(t, O, a))).toBe(true);
    expect(await since()).toEqual([ev('stock.back', null, 4, null, 0)]);
    await putStock(t, now, [{ artGuid: a, onHand: 4 }]);
    expect(await since()).toEqual([ev('stock.out', 4, 4, 0, null)]);
    // The expiry of an order, by the sweeper.
    const cart = orderOf(t, [{ artGuid: a, qty: 1 }], { type: 'Cart', expiresAt: iso(now + 5000) });
    expect(await ok('POST', `/${t}/order`, cart)).toBe(true);
    expect(await since()).toEqual([]);
    now += 10_000;
    expect(await ok('DELETE', `/${t}/order/byid/${all.orderId}`)).toBe(true);
    // The delete purged the expired cart first or after: 5 units back either way, one stock.back.
    expect((await since()).map(([type]) => type)).toEqual(['stock.back']);
  });

  it('reach the change feed with the other events, and a tenant without levels gets none', async () => {
    const t = newTenantId();
    const [a, untracked] = [newGuid(), newGuid()];
    await putStock(t, now - 1000, [{ artGuid: a, onHand: 1 }]);
    expect(
      await ok(
        'POST',
        `/${t}/order`,
        orderOf(t, [
          { artGuid: a, qty: 1 },
          { artGuid: untracked, qty: 50 },
        ]),
      ),
    ).toBe(true);
    const feed = await ok('GET', `/${t}/events`);
    const types = feed.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(['order.created', 'stock.out']);
    expect(feed.events[1]).toMatchObject({ tenantId: t, data: { code: O, artGuid: a, onHand: 1, reservedQty: 1, available: 0 } });

    const other = newTenantId();
    expect(await ok('POST', `/${other}/order`, orderOf(other, [{ artGuid: a, qty: 100 }]))).toBe(true);
    expect(await stockEvents(other)).toEqual([]);
  });
});

describe('GET /{t}/stock', () => {
  it('lists every tracked pair over its pages, and with maxAvailable=0 only those out of stock', async () => {
    const t = newTenantId();
    const arts = Array.from({ length: 30 }, () => newGuid());
    await putStock(
      t,
      now - 1000,
      arts.map((artGuid, i) => ({ code: i % 2 ? O : P, artGuid, onHand: i % 5 })),
    );
    expect(await ok('POST', `/${t}/order`, orderOf(t, [{ code: P, artGuid: arts[2]!, qty: 1 }]))).toBe(true);
    const walk = async (query: string) => {
      const seen: { code: string; artGuid: string; available: number }[] = [];
      let cursor: string | null = null;
      do {
        const page: { pairs: typeof seen; nextCursor: string | null } = await ok(
          'GET',
          `/${t}/stock?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.pairs);
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const all = await walk('');
    expect(all).toHaveLength(30);
    expect(new Set(all.map((p) => p.artGuid))).toEqual(new Set(arts));
    expect(all.find((p) => p.artGuid === arts[2])).toEqual({
      code: P,
      artGuid: arts[2],
      onHand: 2,
      reservedQty: 1,
      available: 1,
      asOf: iso(now - 1000),
    });
    const out = await walk('&maxAvailable=0');
    // onHand 0 for i % 5 == 0: 6 pairs.
    expect(out.map((p) => p.artGuid).sort()).toEqual(arts.filter((_, i) => i % 5 === 0).sort());
    expect(out.every((p) => p.available <= 0)).toBe(true);
    expect((await svc.call('GET', `/${t}/stock?cursor=abc`)).status).toBe(400);
  });
});

describe('the stockLevels quota', () => {
  it('refuses a count that would track more pairs, whole, with 403 naming it; counts of tracked pairs always pass', async () => {
    const t = newTenantId();
    expect((await svc.call('PUT', `/admin/tenants/${t}/quotas`, { stockLevels: 2 })).status).toBe(200);
    const [a, b, c] = [newGuid(), newGuid(), newGuid()];
    await putStock(t, now, [
      { artGuid: a, onHand: 1 },
      { artGuid: b, onHand: 1 },
    ]);
    const res = await svc.call('PUT', `/${t}/stock`, {
      asOf: iso(now + 1),
      levels: [
        { code: O, artGuid: a, onHand: 7 },
        { code: O, artGuid: c, onHand: 1 },
      ],
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { quota: 'stockLevels', limit: 2 } });
    expect(await pair(t, a)).toMatchObject({ onHand: 1 });
    expect((await pair(t, c)).onHand).toBeNull();
    expect(await putStock(t, now + 2, [{ artGuid: a, onHand: 9 }])).toEqual({ applied: 1, stale: 0 });
  });
});

describe('the self-check of the stock levels', () => {
  it('finds where Redis and MongoDB disagree and copies the level counted later to the other side; a dry run changes nothing', async () => {
    const t = newTenantId();
    const [lost, newer, unarchived, same] = [newGuid(), newGuid(), newGuid(), newGuid()];
    await putStock(t, now - 10_000, [
      { artGuid: lost, onHand: 4 },
      { artGuid: newer, onHand: 5 },
      { artGuid: unarchived, onHand: 6 },
      { artGuid: same, onHand: 7 },
    ]);
    expect(await ok('POST', `/${t}/order`, orderOf(t, [{ artGuid: same, qty: 1 }]))).toBe(true);
    const { stock } = tenantKeys(t);
    await svc.redis.hdel(stock, `${O}\0${lost}`);
    await svc.redis.hset(stock, `${O}\0${newer}`, `2,${now - 5000}`);
    await svc.services.stockArchive.deleteLevel(t, O, unarchived);

    const check = async (dryRun: boolean) => {
      const run = await ok('POST', '/admin/reconcile', { tenantId: t, dryRun });
      return run.tenants[0];
    };
    const expected = [
      { figure: 'stockLevel', code: O, artGuid: newer, stored: 2, recomputed: 5 },
      { figure: 'stockLevel', code: O, artGuid: unarchived, stored: 6, recomputed: null },
      { figure: 'stockLevel', code: O, artGuid: lost, stored: null, recomputed: 4 },
    ];
    const dry = await check(true);
    expect(dry).toMatchObject({ status: 'drifted', driftCount: 3 });
    expect(dry.drift).toEqual(expect.arrayContaining(expected));
    expect((await pair(t, lost)).onHand).toBeNull();

    const repaired = await check(false);
    expect(repaired).toMatchObject({ status: 'repaired', driftCount: 3 });
    expect(await pair(t, lost)).toMatchObject({ onHand: 4, asOf: iso(now - 10_000) });
    const archived = new Map((await svc.services.stockArchive.listLevels(t)).map((l) => [l.artGuid, l]));
    expect(archived.get(newer)).toMatchObject({ onHand: 2, asOf: iso(now - 5000) });
    expect(archived.get(unarchived)).toMatchObject({ onHand: 6 });
    expect(await check(true)).toMatchObject({ status: 'consistent', driftCount: 0 });
  });
});

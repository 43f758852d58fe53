/**
 * Hostile tenants: one tenant pushes at every quota (docs/limits.md "Quotas") while another keeps
 * working. Each write past a quota answers 403 QUOTA_EXCEEDED naming the quota and its limit and
 * changes nothing; parallel writes cannot pass a quota together (it is counted in the script that
 * writes); the other tenant's data and answers do not change. Runs on the single Redis and on the
 * Cluster.
 */
import { tenantKeys } from '../src/repositories/keys.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_KEY,
  eventually,
  makeOrder,
  newGuid,
  newTenantId,
  startTestService,
  type TestResponse,
  type TestService,
} from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const PUBLIC_URL = 'https://8.8.8.8/hooks';

function expectQuota(res: TestResponse, quota: string, limit: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { quota, limit } });
  expect(res.body.error.message).toContain(quota);
}

/** A bystander tenant with an order, and a check that it is untouched and still served. */
async function bystander() {
  const t = newTenantId();
  const order = makeOrder(t);
  expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
  return {
    async stillServed() {
      expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
      const next = makeOrder(t);
      expect((await svc.call('POST', `/${t}/order`, next)).body).toBe(true);
      expect((await svc.call('DELETE', `/${t}/order/byid/${next.orderId}`)).body).toBe(true);
    },
  };
}

describe('quotas per tenant', () => {
  it('are set and read by the admin only; null puts one back to its default', async () => {
    const t = newTenantId();
    const initial = await svc.call('GET', `/admin/tenants/${t}/quotas`);
    expect(initial.status).toBe(200);
    expect(initial.body.quotas).toEqual(initial.body.defaults);
    const set = await svc.call('PUT', `/admin/tenants/${t}/quotas`, { orders: 3, webhookEndpoints: 1 });
    expect(set.body.quotas).toEqual({ ...initial.body.defaults, orders: 3, webhookEndpoints: 1 });
    const reset = await svc.call('PUT', `/admin/tenants/${t}/quotas`, { orders: null });
    expect(reset.body.quotas).toEqual({ ...initial.body.defaults, webhookEndpoints: 1 });
    expect((await svc.call('PUT', `/admin/tenants/${t}/quotas`, { orders: 0 })).status).toBe(400);
    expect((await svc.call('PUT', `/admin/tenants/${t}/quotas`, { events: 5 })).status).toBe(400);
    const key = (await svc.call('POST', `/admin/tenants/${t}/api-keys`)).body.key;
    expect((await svc.call('PUT', `/admin/tenants/${t}/quotas`, { orders: 1_000_000 }, { key })).status).toBe(403);
    expect((await svc.call('GET', `/admin/tenants/${t}/quotas`, undefined, { key })).status).toBe(403);
  });

  it('stockLevels: a count that would track more pairs is refused whole, also in parallel; counts of tracked pairs go on', async () => {
    const other = await bystander();
    const t = newTenantId();
    await svc.call('PUT', `/admin/tenants/${t}/quotas`, { stockLevels: 3 });
    const asOf = '2030-01-01T10:00:00.000Z';
    const arts = Array.from({ length: 10 }, () => newGuid());
    const answers = await Promise.all(
      arts.map((artGuid) => svc.call('PUT', `/${t}/stock`, { asOf, levels: [{ code: 'FRA:MAG:0125', artGuid, onHand: 5 }] })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    for (const refused of answers.filter((a) => a.status !== 200)) expectQuota(refused, 'stockLevels', 3);
    const tracked = arts.filter((_, i) => answers[i]!.status === 200);
    expect(await svc.redis.hlen(tenantKeys(t).stock)).toBe(3);
    // Nothing of a refused count reached the archive either (a restore would bring it back).
    expect((await svc.services.stockArchive.listLevels(t)).map((l) => l.artGuid).sort()).toEqual([...tracked].sort());
    const more = await svc.call('PUT', `/${t}/stock`, {
      asOf,
      levels: [...tracked, newGuid()].map((artGuid) => ({ code: 'FRA:MAG:0125', artGuid, onHand: 9 })),
    });
    expectQuota(more, 'stockLevels', 3);
    const again = await svc.call('PUT', `/${t}/stock`, {
      asOf,
      levels: tracked.map((artGuid) => ({ code: 'FRA:MAG:0125', artGuid, onHand: 9 })),
    });
    expect(again.body).toEqual({ applied: 3, stale: 0 });
    await other.stillServed();
  });

  it('orders: a new order past the quota is refused, also when sent in parallel; redefinitions and deletions go on', async () => {
    const other = await bystander();
    const t = newTenantId();
    await svc.call('PUT', `/admin/tenants/${t}/quotas`, { orders: 3 });
    const orders = Array.from({ length: 12 }, () => makeOrder(t));
    const answers = await Promise.all(orders.map((o) => svc.call('POST', `/${t}/order`, o)));
    expect(answers.filter((a) => a.status === 200 && a.body === true)).toHaveLength(3);
    for (const refused of answers.filter((a) => a.status !== 200)) expectQuota(refused, 'orders', 3);
    const stored = orders.filter((_, i) => answers[i]!.status === 200);
    const refused = orders.filter((_, i) => answers[i]!.status !== 200);
    for (const o of refused) expect((await svc.call('GET', `/${t}/order/${o.orderId}`)).status).toBe(404);
    expect((await svc.call('GET', `/${t}/orders?limit=100`)).body.orders).toHaveLength(3);
    // At the quota, a stored order may still change, and a deletion makes room for one more.
    const changed = { ...stored[0]!, lastUpdated: '2031-01-01T00:00:00.000Z' };
    expect((await svc.call('POST', `/${t}/order`, changed)).body).toBe(false);
    expect((await svc.call('DELETE', `/${t}/order/byid/${stored[1]!.orderId}`)).body).toBe(true);
    expect((await svc.call('POST', `/${t}/order`, refused[0])).body).toBe(true);
    expectQuota(await svc.call('POST', `/${t}/order`, refused[1]), 'orders', 3);
    await other.stillServed();
  });

  it('lines per order and the replacement of the whole set: refused whole, nothing changed', async () => {
    const other = await bystander();
    const t = newTenantId();
    const kept = makeOrder(t);
    expect((await svc.call('POST', `/${t}/order`, kept)).body).toBe(true);
    await svc.call('PUT', `/admin/tenants/${t}/quotas`, { orders: 2, linesPerOrder: 2 });
    const line = () => ({ code: 'FRA', artGuid: newGuid(), qty: 1 });
    const long = makeOrder(t, { lines: [line(), line(), line()] });
    expectQuota(await svc.call('POST', `/${t}/order`, long), 'linesPerOrder', 2);
    expect((await svc.call('GET', `/${t}/order/${long.orderId}`)).status).toBe(404);
    expectQuota(await svc.call('PUT', `/${t}/orders`, [makeOrder(t), makeOrder(t), makeOrder(t)]), 'orders', 2);
    expectQuota(await svc.call('PUT', `/${t}/orders`, [makeOrder(t), long]), 'linesPerOrder', 2);
    expect((await svc.call('GET', `/${t}/order/${kept.orderId}`)).body).toEqual(kept);
    expect((await svc.call('GET', `/${t}/orders?limit=100`)).body.orders).toHaveLength(1);
    const fits = [makeOrder(t), makeOrder(t)];
    expect((await svc.call('PUT', `/${t}/orders`, fits)).status).toBe(200);
    expect((await svc.call('GET', `/${t}/order/${kept.orderId}`)).status).toBe(404);
    await other.stillServed();
  });

  it('webhook endpoints: parallel creations cannot pass the quota together', async () => {
    const t = newTenantId();
    await svc.call('PUT', `/admin/tenants/${t}/quotas`, { webhookEndpoints: 2 });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => svc.call('POST', `/${t}/webhooks`, { url: `${PUBLIC_URL}/${i}`, events: ['order.created'] })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    for (const refused of answers.filter((a) => a.status !== 201)) expectQuota(refused, 'webhookEndpoints', 2);
    const listed = (await svc.call('GET', `/${t}/webhooks`)).body;
    expect(listed.webhooks).toHaveLength(2);
  });
});

describe('event streams (Server-Sent Events) per key, per tenant and per replica', () => {
  let streams: TestService;
  beforeAll(async () => {
    streams = await startTestService({ settings: { streamLimits: { perKey: 2, perTenant: 3, perReplica: 4 } } });
  });
  afterAll(() => streams.close());

  /** Opens a stream; its answer, and how to close it. */
  async function open(t: number, key?: string) {
    const res = await streams.app.request(`/${t}/events/stream`, {
      headers: { Authorization: `Bearer ${key ?? ADMIN_KEY}` },
    });
    const reader = res.status === 200 ? res.body!.getReader() : null;
    if (reader) await reader.read(); // the stream has started (its `retry:` line)
    return { res, close: () => reader?.cancel() };
  }

  it('the next one past a cap answers 429 with Retry-After; a closed one makes room', async () => {
    const [a, b, c] = [newTenantId(), newTenantId(), newTenantId()];
    const keyOf = async (t: number) => (await streams.call('POST', `/admin/tenants/${t}/api-keys`)).body.key as string;
    const [k1, k2] = [await keyOf(a), await keyOf(a)];
    const opened = [await open(a, k1), await open(a, k1)];
    const perKey = await open(a, k1);
    expect(perKey.res.status).toBe(429);
    expect(perKey.res.headers.get('retry-after')).toBe('5');
    expect((await perKey.res.json()).error).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 'perKey', most: 2 } });
    opened.push(await open(a, k2));
    const perTenant = await open(a, k2);
    expect(perTenant.res.status).toBe(429);
    expect((await perTenant.res.json()).error.details).toMatchObject({ limit: 'perTenant', most: 3 });
    opened.push(await open(b));
    const perReplica = await open(c);
    expect(perReplica.res.status).toBe(429);
    expect((await perReplica.res.json()).error.details).toMatchObject({ limit: 'perReplica', most: 4 });
    expect(opened.map((o) => o.res.status)).toEqual([200, 200, 200, 200]);
    // The other routes keep answering meanwhile.
    expect((await streams.call('POST', `/${c}/order`, makeOrder(c))).body).toBe(true);
    // Closing one gives its slot back.
    await opened[0]!.close();
    await eventually(async () => {
      const again = await open(c);
      expect(again.res.status).toBe(200);
      opened.push(again);
    });
    for (const o of opened.slice(1)) await o.close();
  });
});

describe("an origin's articles come a page at a time", () => {
  it('at most about `limit` articles and 256 KiB a page; the pages together hold every article once', async () => {
    const other = await bystander();
    const t = newTenantId();
    const lines = Array.from({ length: 5000 }, (_, i) => ({ code: 'HUGE', artGuid: newGuid(), qty: i + 1 }));
    expect((await svc.call('POST', `/${t}/order`, makeOrder(t, { lines }))).body).toBe(true);
    for (const limit of [1000, 5000]) {
      const seen = new Map<string, number>();
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await svc.call('GET', `/${t}/stock-origins/HUGE?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ code: 'HUGE', lineCount: 5000, orderCount: 1, reservedQty: (5000 * 5001) / 2 });
        expect(res.body.articles.length).toBeLessThanOrEqual(limit * 1.2);
        expect(JSON.stringify(res.body.articles).length).toBeLessThan(300 * 1024);
        for (const a of res.body.articles) seen.set(a.artGuid, a.qty);
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor !== undefined);
      // 5000 articles never come in one reply: by count (1000), or by bytes (5000).
      expect(pages).toBeGreaterThan(1);
      expect(seen.size).toBe(5000);
      expect(new Map(lines.map((l) => [l.artGuid, l.qty]))).toEqual(seen);
    }
    expect((await svc.call('GET', `/${t}/stock-origins/HUGE?cursor=abc`)).status).toBe(400);
    await other.stillServed();
  });
});

describe('pages of orders and events have a budget in bytes', () => {
  it('GET /orders?limit=1000 and GET /events?limit=1000 of big orders: short pages with a cursor, every order and event once', async () => {
    const other = await bystander();
    const t = newTenantId();
    // 12 orders of 5,000 lines, about 450 KB each stored and 600 KB as events: 5 MB and 7 MB in all.
    const orders = Array.from({ length: 12 }, () =>
      makeOrder(t, { lines: Array.from({ length: 5000 }, (_, i) => ({ code: `O${i % 7}`, artGuid: newGuid(), qty: 1 })) }),
    );
    for (const o of orders) expect((await svc.call('POST', `/${t}/order`, o)).body).toBe(true);

    const listed: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const res = await svc.call('GET', `/${t}/orders?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body).length).toBeLessThan(6 * 1024 * 1024);
      listed.push(...res.body.orders.map((o: { orderId: string }) => o.orderId));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    expect(listed.sort()).toEqual(orders.map((o) => o.orderId).sort());

    const seen: string[] = [];
    let after = '';
    for (;;) {
      const res = await svc.call('GET', `/${t}/events?limit=1000${after ? `&after=${after}` : ''}`);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body).length).toBeLessThan(3 * 1024 * 1024);
      if (res.body.events.length === 0) break;
      seen.push(...res.body.events.map((e: { id: string }) => e.id));
      after = res.body.nextCursor;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    await other.stillServed();
  }, 60_000);
});

describe('capacities quota', () => {
  it('a new origin with a capacity past the quota is refused, also in parallel; existing ones may change', async () => {
    const other = await bystander();
    const t = newTenantId();
    await svc.call('PUT', `/admin/tenants/${t}/quotas`, { capacities: 2 });
    const capacity = { maxQty: 100, maxLines: null, maxOrders: null };
    const codes = Array.from({ length: 6 }, (_, i) => `CAP${i}`);
    const answers = await Promise.all(codes.map((code) => svc.call('PUT', `/${t}/stock-origins/${code}/capacity`, capacity)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    for (const refused of answers.filter((a) => a.status !== 200)) expectQuota(refused, 'capacities', 2);
    const kept = codes.filter((_, i) => answers[i]!.status === 200);
    const refused = codes.filter((_, i) => answers[i]!.status !== 200);
    for (const code of refused) expect((await svc.call('GET', `/${t}/stock-origins/${code}/capacity`)).body).toBeNull();
    const changed = { maxQty: 5, maxLines: 7, maxOrders: null };
    expect((await svc.call('PUT', `/${t}/stock-origins/${kept[0]}/capacity`, changed)).body).toEqual(changed);
    expect((await svc.call('DELETE', `/${t}/stock-origins/${kept[1]}/capacity`)).status).toBeLessThan(300);
    expect((await svc.call('PUT', `/${t}/stock-origins/${refused[0]}/capacity`, capacity)).status).toBe(200);
    await other.stillServed();
  });
});

/** Every event of the tenant's feed, page after page (a page holds about 1 MiB). */
async function allEvents(t: number): Promise<{ id: string }[]> {
  const events: { id: string }[] = [];
  let after = '';
  for (;;) {
    const page = (await svc.call('GET', `/${t}/events?limit=100${after ? `&after=${after}` : ''}`)).body;
    if (page.events.length === 0) return events;
    events.push(...page.events);
    after = page.nextCursor;
  }
}

describe('event retention in bytes', () => {
  it("a tenant's feed keeps at most about its byte budget of events, always the newest; another's is untouched", async () => {
    const t = newTenantId();
    const other = newTenantId();
    expect((await svc.call('POST', `/${other}/order`, makeOrder(other))).body).toBe(true);
    const big = () => makeOrder(t, { lines: Array.from({ length: 5000 }, (_, i) => ({ code: `E${i % 5}`, artGuid: newGuid(), qty: 1 })) });
    const orders = Array.from({ length: 8 }, big);
    for (const o of orders) expect((await svc.call('POST', `/${t}/order`, o)).body).toBe(true);
    const before = await allEvents(t);
    expect(before).toHaveLength(8);
    // What the trim job does every minute, with a budget of 1 MiB (EVENTS_MAX_BYTES_PER_TENANT): about
    // four of these events (each ~260 kB as Redis holds it).
    const budget = 1024 * 1024;
    const dropped = await svc.services.events.feed.trimEvents(t, 0, budget);
    const after = await allEvents(t);
    expect(dropped).toBe(8 - after.length);
    expect(after.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(8);
    // What Redis keeps fits the budget, and one event more would not have.
    const sizes = (await svc.redis.xrange(tenantKeys(t).events, '-', '+')).map(
      ([id, fields]) => id.length + fields.reduce((n, f) => n + Buffer.byteLength(f), 0),
    );
    const kept = sizes.reduce((a, b) => a + b, 0);
    expect(kept).toBeLessThanOrEqual(budget);
    expect(kept + sizes[0]!).toBeGreaterThan(budget);
    // The newest are kept, in order.
    expect(after.map((e) => e.id)).toEqual(before.slice(-after.length).map((e) => e.id));
    // A budget that the newest event alone exceeds still keeps it.
    await svc.services.events.feed.trimEvents(t, 0, 10);
    expect((await allEvents(t)).map((e) => e.id)).toEqual([before.at(-1)!.id]);
    expect((await svc.call('GET', `/${other}/events?limit=100`)).body.events).toHaveLength(1);
  }, 60_000);
});

describe('idempotency records quota', () => {
  it('a new Idempotency-Key past the quota is refused and writes nothing; retries and requests without a key go on', async () => {
    const other = await bystander();
    const t = newTenantId();
    await svc.call('PUT', `/admin/tenants/${t}/quotas`, { idempotencyRecords: 3 });
    const orders = Array.from({ length: 8 }, () => makeOrder(t));
    const answers = await Promise.all(
      orders.map((o, i) => svc.call('POST', `/${t}/order`, o, { headers: { 'Idempotency-Key': `key-${t}-${i}` } })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    for (const refused of answers.filter((a) => a.status !== 200)) expectQuota(refused, 'idempotencyRecords', 3);
    for (const [i, o] of orders.entries()) {
      expect((await svc.call('GET', `/${t}/order/${o.orderId}`)).status).toBe(answers[i]!.status === 200 ? 200 : 404);
    }
    // A retry of a request that went through is answered from its record.
    const first = answers.findIndex((a) => a.status === 200);
    const retry = await svc.call('POST', `/${t}/order`, orders[first], { headers: { 'Idempotency-Key': `key-${t}-${first}` } });
    expect(retry.status).toBe(200);
    expect(retry.body).toBe(true);
    // Without a key, nothing is recorded: no quota.
    expect((await svc.call('POST', `/${t}/order`, makeOrder(t))).body).toBe(true);
    await other.stillServed();
  });
});

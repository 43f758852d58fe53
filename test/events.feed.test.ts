/**
 * The change feed read back: every kind of change made through the API shows as its event, with
 * what a consumer needs; GET /{tenantId}/events pages and resumes after a cursor; a cursor older
 * than what the feed keeps answers 410; the SSE stream resumes from Last-Event-ID without a gap
 * or a repeat. Stream ids are read raw from Redis to compare with (test/support/events.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trimEventFeeds } from '../src/domain/events.js';
import { expireDueOrders } from '../src/domain/expiry.js';
import { encodeStoredOrder } from '../src/repositories/orders/stored-order.js';
import { createOrders, eventsKey, readSse, streamIds } from './support/events.js';
import { ADMIN_KEY, eventually, makeOrder, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ settings: { events: { sseHeartbeatMs: 300 } } });
});
afterAll(() => svc.close());

const ids = (events: { id: string }[]) => events.map((e) => e.id);
const call = (method: string, path: string, body?: unknown) => svc.call(method, path, body);

describe('GET /{tenantId}/events', () => {
  it('shows each change made through the API as its event, in order, with what a consumer needs', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    expect(
      (await svc.call('PUT', `/${t}/stock-origins/FRA:MAG:0953/capacity`, { maxQty: 4, maxLines: null, maxOrders: null })).status,
    ).toBe(200);
    await svc.call('POST', `/${t}/order`, order);
    const created = (await svc.call('GET', `/${t}/order/${order.orderId}`)).body;
    const bigger = { ...order, lastUpdated: '2025-09-22T10:05:00.000Z', lines: [order.lines[0]!, { ...order.lines[1]!, qty: 4 }] };
    await svc.call('POST', `/${t}/order`, bigger);
    const updated = (await svc.call('GET', `/${t}/order/${order.orderId}`)).body;
    await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/FRA:MAG:0953`);
    const left = (await svc.call('GET', `/${t}/order/${order.orderId}`)).body;
    await svc.call('DELETE', `/${t}/order/byid/${order.orderId}`);
    // A cart that expires in a minute, served now; the sweep then runs a clock two minutes ahead
    // (no waiting on the real clock: a loaded machine cannot make the cart expire early).
    const cart = makeOrder(t, { type: 'Cart', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await svc.call('POST', `/${t}/order`, cart);
    const cartServed = (await svc.call('GET', `/${t}/order/${cart.orderId}`)).body;
    await expireDueOrders({ ...svc.services, clock: () => Date.now() + 120_000 });
    await svc.call('PUT', `/${t}/orders`, [makeOrder(t), makeOrder(t)]);

    const { events } = (await svc.call('GET', `/${t}/events`)).body;
    expect(ids(events)).toEqual(await streamIds(svc.redis, t));
    expect(events.map((e: any) => e.type)).toEqual([
      'order.created',
      'order.updated',
      'stock_origin.saturation', // 2/4 -> 4/4 crosses 0.8 and 1.0 upward
      'stock_origin.saturation',
      'order.lines_removed',
      'stock_origin.saturation', // 4/4 -> 0 crosses them downward
      'stock_origin.saturation',
      'order.deleted',
      'order.created',
      'order.expired',
      'orders.replaced',
      'stock_origin.saturation', // the new set reserves 2 + 2 at FRA:MAG:0953: 0 -> 4/4 crosses both upward
      'stock_origin.saturation',
    ]);
    for (const e of events) {
      expect(e.tenantId).toBe(t);
      expect(e.at).toBe(new Date(Number(e.id.split('-')[0])).toISOString());
    }
    expect(events[0].data).toEqual({ order: created });
    expect(events[1].data).toEqual({ order: updated });
    expect(events[2].data).toMatchObject({
      code: 'FRA:MAG:0953',
      direction: 'up',
      threshold: 0.8,
      reservedQty: 4,
      capacity: { maxQty: 4, maxLines: null, maxOrders: null },
    });
    expect(events[3].data).toMatchObject({ code: 'FRA:MAG:0953', direction: 'up', threshold: 1 });
    expect(events[4].data).toEqual({
      orderId: order.orderId,
      code: 'FRA:MAG:0953',
      lines: [expect.objectContaining({ code: 'FRA:MAG:0953', qty: 4 })],
      order: left,
    });
    expect(events[5].data).toMatchObject({ direction: 'down', threshold: 1 });
    expect(events[7].data).toEqual({ order: left });
    expect(events[8].data).toEqual({ order: cartServed });
    expect(events[9].data).toEqual({ order: cartServed });
    expect(events[10].data).toEqual({ orderCount: 2, removedCount: 0 });
    expect(events[11].data).toMatchObject({
      code: 'FRA:MAG:0953',
      direction: 'up',
      threshold: 0.8,
      saturation: 1,
      previousSaturation: 0,
      reservedQty: 4,
    });
    expect(events[12].data).toMatchObject({ code: 'FRA:MAG:0953', direction: 'up', threshold: 1 });
  });

  it('says order null in order.lines_removed when the order went with its last lines', async () => {
    const t = newTenantId();
    const order = makeOrder(t, { lines: [{ code: 'ONLY/1', artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460', qty: 2 }] });
    await svc.call('POST', `/${t}/order`, order);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/${encodeURIComponent('ONLY/1')}`)).body).toBe(true);
    const { events } = (await svc.call('GET', `/${t}/events`)).body;
    expect(events.map((e: any) => e.type)).toEqual(['order.created', 'order.lines_removed']);
    expect(events[1].data).toEqual({ orderId: order.orderId, code: 'ONLY/1', lines: order.lines, order: null });
  });

  it('holds an order written as the client sent it, whatever its text, and reads the events of the build before the compact ones the same', async () => {
    const t = newTenantId();
    // What an upsert of the build before compact order events appended: the stored JSON as `order`.
    const before = makeOrder(t);
    await svc.redis.xadd(eventsKey(t), '*', 'type', 'order.created', 'order', encodeStoredOrder(before));
    // Codes with what JSON escapes (a quote, a backslash) and other scripts.
    const order = makeOrder(t, {
      lines: [
        { code: 'A"B\\C', artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460', qty: 2 },
        { code: 'Zürich/東京 \u2028', artGuid: '0b9d6f8e-3f1a-4a56-9d0e-8c9b1f2a3b4c', qty: 1 },
      ],
    });
    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    const { events } = (await svc.call('GET', `/${t}/events`)).body;
    expect(events.map((e: any) => e.type)).toEqual(['order.created', 'order.created']);
    expect(events[0].data).toEqual({ order: before });
    expect(events[1].data).toEqual({ order });
    expect(events[1].data).toEqual({ order: (await svc.call('GET', `/${t}/order/${order.orderId}`)).body });
  });

  it('pages through the events oldest first and resumes after the cursor', async () => {
    const t = newTenantId();
    await createOrders(call, t, 5, 1);
    const appended = await streamIds(svc.redis, t);
    expect(appended).toHaveLength(5);

    const first = await svc.call('GET', `/${t}/events?limit=2`);
    expect(first.status).toBe(200);
    expect(ids(first.body.events)).toEqual(appended.slice(0, 2));
    expect(first.body.nextCursor).toBe(appended[1]);
    const second = await svc.call('GET', `/${t}/events?after=${first.body.nextCursor}&limit=2`);
    expect(ids(second.body.events)).toEqual(appended.slice(2, 4));
    const third = await svc.call('GET', `/${t}/events?after=${second.body.nextCursor}&limit=2`);
    expect(ids(third.body.events)).toEqual(appended.slice(4));
    // Up to date: an empty page keeps the cursor; the next event follows it.
    const empty = await svc.call('GET', `/${t}/events?after=${third.body.nextCursor}`);
    expect(empty.body).toEqual({ events: [], nextCursor: appended[4] });
    const deleted = JSON.parse(JSON.stringify(first.body.events[0].data.order));
    await svc.call('DELETE', `/${t}/order/byid/${deleted.orderId}`);
    const resumed = await svc.call('GET', `/${t}/events?after=${empty.body.nextCursor}`);
    expect(resumed.body.events.map((e: any) => [e.type, e.data])).toEqual([['order.deleted', { order: deleted }]]);
  });

  it('answers an empty page for a tenant without events, and a cursor to continue from', async () => {
    const t = newTenantId();
    const res = await svc.call('GET', `/${t}/events`);
    expect(res.body).toEqual({ events: [], nextCursor: '0-0' });
    await createOrders(call, t, 1);
    expect(ids((await svc.call('GET', `/${t}/events?after=0-0`)).body.events)).toEqual(await streamIds(svc.redis, t));
  });

  it('answers 410 for a cursor older than the oldest event kept (by age or by count), never for an up-to-date one', async () => {
    const t = newTenantId();
    await createOrders(call, t, 3, 1);
    const appended = await streamIds(svc.redis, t);
    // A day and a bit later, the age trim drops all but the newest event.
    const dropped = await trimEventFeeds(
      { feed: svc.services.events.feed, tenants: { listTenants: async () => [t] }, clock: () => Date.now() + 25 * 3_600_000 },
      24 * 3_600_000,
    );
    expect(dropped).toBeGreaterThanOrEqual(2);
    expect(await streamIds(svc.redis, t)).toEqual([appended[2]]);

    const gone = await svc.call('GET', `/${t}/events?after=${appended[0]}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('CURSOR_EXPIRED');
    expect(gone.body.error.message).toMatch(/older than the oldest event kept.*resynchronise/);
    // From the start, having seen nothing: events were missed too.
    expect((await svc.call('GET', `/${t}/events?after=0-0`)).status).toBe(410);
    // Without a cursor: from the oldest kept.
    expect(ids((await svc.call('GET', `/${t}/events`)).body.events)).toEqual([appended[2]]);
    // The consumer that had read everything is still covered, before and after new events.
    expect((await svc.call('GET', `/${t}/events?after=${appended[2]}`)).body.events).toEqual([]);
    await createOrders(call, t, 1);
    const next = (await streamIds(svc.redis, t)).at(-1);
    expect(ids((await svc.call('GET', `/${t}/events?after=${appended[2]}`)).body.events)).toEqual([next]);

    // Trimmed by count as well, as the order scripts append (EVENTS_MAX_PER_TENANT, here 10).
    const small = await startTestService({ ...svc.redisTarget, settings: { eventsMaxPerTenant: 10 } });
    try {
      const u = newTenantId();
      await createOrders((m, p, b) => small.call(m, p, b), u, 250, 1);
      const kept = await streamIds(small.redis, u);
      expect(kept.length).toBeLessThan(250);
      expect((await small.call('GET', `/${u}/events?after=0-0`)).status).toBe(410);
      expect((await small.call('GET', `/${u}/events?after=${kept[0]}`)).body.events).toHaveLength(kept.length - 1);
    } finally {
      await small.close();
    }
  });

  it('refuses a malformed cursor or limit with 400, and a cursor from the future with 410', async () => {
    const t = newTenantId();
    await createOrders(call, t, 1);
    for (const query of ['after=abc', 'after=12', 'after=1-2-3', 'limit=0', 'limit=1001']) {
      const res = await svc.call('GET', `/${t}/events?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const future = await svc.call('GET', `/${t}/events?after=${Date.now() + 3_600_000}-0`);
    expect(future.status).toBe(410);
    expect(future.body.error.message).toMatch(/newer than the newest event/);
  });

  it("is the admin's and the tenant's own: another tenant's key gets 403", async () => {
    const [t, other] = [newTenantId(), newTenantId()];
    const own = (await svc.call('POST', `/admin/tenants/${t}/api-keys`)).body.key as string;
    const foreign = (await svc.call('POST', `/admin/tenants/${other}/api-keys`)).body.key as string;
    await createOrders(call, t, 1);
    expect((await svc.call('GET', `/${t}/events`, undefined, { key: own })).body.events).toHaveLength(1);
    expect((await svc.call('GET', `/${t}/events`, undefined, { key: foreign })).status).toBe(403);
    expect((await svc.call('GET', `/${t}/events/stream`, undefined, { key: foreign })).status).toBe(403);
    expect((await svc.call('GET', `/${t}/events`, undefined, { key: null })).status).toBe(401);
  });
});

describe('GET /{tenantId}/events/stream (Server-Sent Events)', () => {
  const open = async (path: string, headers: Record<string, string> = {}) =>
    readSse(await svc.app.request(path, { headers: { Authorization: `Bearer ${ADMIN_KEY}`, ...headers } }));

  it('sends new events as they are appended, and resumes after Last-Event-ID without a gap or a repeat', async () => {
    const t = newTenantId();
    await createOrders(call, t, 2);
    const live = await open(`/${t}/events/stream`);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // Without a cursor: only what comes from now on.
    const [a] = await createOrders(call, t, 1);
    const message = await live.next();
    const aId = (await streamIds(svc.redis, t)).at(-1)!;
    expect(message.id).toBe(aId);
    expect(message.event).toBeUndefined();
    expect(JSON.parse(message.data!)).toMatchObject({
      id: aId,
      type: 'order.created',
      tenantId: t,
      data: { order: { orderId: a!.orderId, tenantId: t } },
    });
    await live.close();

    // Disconnected: three more events; the client comes back with the last id it saw.
    await createOrders(call, t, 3, 1);
    const missed = await streamIds(svc.redis, t, aId);
    const resumed = await open(`/${t}/events/stream`, { 'Last-Event-ID': aId });
    expect((await resumed.take(3)).map((m) => m.id)).toEqual(missed);
    await svc.call('DELETE', `/${t}/order/byid/${a!.orderId}`);
    const b = (await streamIds(svc.redis, t)).at(-1)!;
    const deleted = await resumed.next();
    expect(deleted.id).toBe(b);
    expect(JSON.parse(deleted.data!).type).toBe('order.deleted');
    await expect(resumed.next(500)).rejects.toThrow(/no message/);
    await resumed.close();

    // ?after= on a first connection does the same; Last-Event-ID wins over it.
    const fromAfter = await open(`/${t}/events/stream?after=${missed[1]}`);
    expect((await fromAfter.take(2)).map((m) => m.id)).toEqual([missed[2], b]);
    await fromAfter.close();
    const both = await open(`/${t}/events/stream?after=${aId}`, { 'Last-Event-ID': missed[2]! });
    expect((await both.next()).id).toBe(b);
    await both.close();
  });

  it('catches up more than a page of missed events in order, then goes on live', async () => {
    const t = newTenantId();
    await createOrders(call, t, 1);
    const [start] = await streamIds(svc.redis, t);
    // More than a page (500) behind.
    await createOrders(call, t, 700);
    const missed = await streamIds(svc.redis, t, start);
    expect(missed).toHaveLength(700);
    const stream = await open(`/${t}/events/stream`, { 'Last-Event-ID': start! });
    expect((await stream.take(700, 20_000)).map((m) => m.id)).toEqual(missed);
    await createOrders(call, t, 30);
    expect((await stream.take(30)).map((m) => m.id)).toEqual(await streamIds(svc.redis, t, missed.at(-1)));
    await stream.close();
  });

  it('feeds every open stream of a tenant from one reader, and sends heartbeats while idle', async () => {
    const t = newTenantId();
    const hub = svc.services.events.hub;
    const watchedBefore = hub.watchedTenants;
    const streams = await Promise.all([1, 2, 3].map(() => open(`/${t}/events/stream`)));
    expect(hub.watchedTenants).toBe(watchedBefore + 1);
    await createOrders(call, t, 4);
    const appended = await streamIds(svc.redis, t);
    for (const s of streams) expect((await s.take(4)).map((m) => m.id)).toEqual(appended);
    await eventually(() => {
      for (const s of streams) expect(s.comments).toContain('heartbeat');
    });
    await Promise.all(streams.map((s) => s.close()));
    await eventually(() => expect(hub.watchedTenants).toBe(watchedBefore));
  });

  it('answers 410 (JSON, before any stream) for an expired Last-Event-ID, 400 for a malformed one', async () => {
    const t = newTenantId();
    await createOrders(call, t, 3, 1);
    const appended = await streamIds(svc.redis, t);
    await svc.redis.xtrim(eventsKey(t), 'MAXLEN', 1);
    const gone = await open(`/${t}/events/stream`, { 'Last-Event-ID': appended[0]! });
    expect(gone.status).toBe(410);
    expect((gone.body as any).error.code).toBe('CURSOR_EXPIRED');
    const bad = await open(`/${t}/events/stream`, { 'Last-Event-ID': 'nope' });
    expect(bad.status).toBe(400);
  });
});

/**
 * Every change appends exactly one event, written by the script that makes the change: a client
 * that knows, from the answers it got, what each write changed can tell which events the feed
 * must hold, one per change and none for a write that changed nothing. Many orders are written at
 * once (each order's writes one after the other, so its sequence of events is known), through
 * several service instances; then the whole stream is read and compared, order by order, with
 * the model. Expiry and saturation are told once too (their own tests below).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantModel, type ModelOrder } from './support/figures-model.js';
import { makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { prng, testSeed } from './support/prng.js';

let services: TestService[];
beforeAll(async () => {
  services = await Promise.all([startTestService(), startTestService()]);
});
afterAll(() => Promise.all(services.map((s) => s.close())));

interface FeedEvent {
  id: string;
  type: string;
  data: { order?: ModelOrder; orderId?: string; code?: string; lines?: unknown[]; orderCount?: number };
}

async function readFeed(svc: TestService, t: number): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await svc.call('GET', `/${t}/events?limit=1000${after ? `&after=${after}` : ''}`);
    expect(page.status).toBe(200);
    events.push(...page.body.events);
    if (page.body.events.length < 1000) return events;
    after = page.body.nextCursor;
  }
}

const orderIdOf = (e: FeedEvent) => e.data.order?.orderId ?? e.data.orderId;

describe('the change feed', () => {
  it("holds one event per change, none for a write that changed nothing, in each order's own sequence", async () => {
    const seed = testSeed();
    const random = prng(seed);
    const t = newTenantId();
    const model = new TenantModel(t);
    const codes = ['E1', 'E2', 'E3'];
    const ids = Array.from({ length: 30 }, () => newGuid());
    /** Per order, the events its writes must have appended, in order. */
    const expected = new Map<string, string[]>(ids.map((id) => [id, []]));
    let replacements = 0;
    const write = async (id: string, step: number) => {
      const svc = services[step % services.length]!;
      const roll = random.next();
      const now = Date.now();
      if (roll < 0.5) {
        const order = makeOrder(t, {
          orderId: id,
          lastUpdated: new Date(Date.UTC(2025, 0, 1) + random.int(0, 50) * 1000).toISOString(),
          lines: Array.from({ length: random.int(1, 3) }, () => ({ code: random.pick(codes), artGuid: ids[0]!, qty: random.int(1, 5) })),
        }) as ModelOrder;
        const answer = model.upsert(order, now);
        const res = await svc.call('POST', `/${t}/order`, order);
        expect(res.status, `seed ${seed}`).toBe(answer.status);
        if (answer.status === 200) expected.get(id)!.push(answer.body ? 'order.created' : 'order.updated');
      } else if (roll < 0.8) {
        const code = random.pick(codes);
        const before = model.get(id, now);
        const answer = model.deleteLinesAt(id, code, now);
        expect((await svc.call('DELETE', `/${t}/order/byid/${id}/code/${code}`)).body, `seed ${seed}`).toBe(
          answer.status === 200 && answer.body,
        );
        if (before?.lines.some((l) => l.code === code)) expected.get(id)!.push('order.lines_removed');
      } else {
        const answer = model.delete(id, now);
        expect((await svc.call('DELETE', `/${t}/order/byid/${id}`)).body, `seed ${seed}`).toBe(answer.status === 200 && answer.body);
        if (answer.status === 200 && answer.body) expected.get(id)!.push('order.deleted');
      }
    };
    // Rounds: every order written a few times at once (its own writes in sequence), then, between
    // rounds, now and then a whole-set replacement while nothing else is written.
    for (let round = 0; round < 4; round++) {
      await Promise.all(
        ids.map(async (id, i) => {
          for (let step = 0; step < 6; step++) await write(id, i + step);
        }),
      );
      if (round % 2 === 1) {
        const set = ids.slice(0, 5).map(
          (id) =>
            makeOrder(t, {
              orderId: id,
              lastUpdated: '2025-01-01T00:00:00.000Z',
              lines: [{ code: 'E1', artGuid: ids[0]!, qty: 1 }],
            }) as ModelOrder,
        );
        model.replaceAll(set, Date.now());
        expect((await services[0]!.call('PUT', `/${t}/orders`, set)).status).toBe(200);
        replacements += 1;
      }
    }

    const feed = await readFeed(services[1]!, t);
    expect(
      feed.filter((e) => e.type === 'orders.replaced'),
      `seed ${seed}`,
    ).toHaveLength(replacements);
    const seen = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const event of feed.filter((e) => e.type !== 'orders.replaced')) seen.get(orderIdOf(event)!)!.push(event.type);
    expect(seen, `seed ${seed}`).toEqual(expected);
    // Ids are stream ids, strictly increasing: the feed is in the order the changes were made.
    const ms = feed.map((e) => e.id.split('-').map(Number) as [number, number]);
    for (let i = 1; i < ms.length; i++)
      expect(ms[i]![0] > ms[i - 1]![0] || (ms[i]![0] === ms[i - 1]![0] && ms[i]![1] > ms[i - 1]![1])).toBe(true);
  }, 120_000);

  it('tells an expiry once, whoever notices it first: a read, a write or the sweeper', async () => {
    let now = Date.now();
    const svc = await startTestService({ clock: () => now });
    try {
      const t = newTenantId();
      const soon = new Date(now + 60_000).toISOString();
      const carts = Array.from({ length: 4 }, () => makeOrder(t, { type: 'Cart', expiresAt: soon }));
      for (const cart of carts) expect((await svc.call('POST', `/${t}/order`, cart)).body).toBe(true);
      now += 120_000;
      // a read purges them all; a write of one, the sweeper, a delete: nothing more to tell
      expect((await svc.call('GET', `/${t}/stock-origins`)).body.total).toBe(0);
      const revived = { ...carts[0]!, expiresAt: new Date(now + 60_000).toISOString(), lastUpdated: new Date(now).toISOString() };
      expect((await svc.call('POST', `/${t}/order`, revived)).body).toBe(true);
      await svc.services.orders.expireDueOrders(t, now, 100);
      expect((await svc.call('DELETE', `/${t}/order/byid/${carts[1]!.orderId}`)).body).toBe(false);
      // one that expires with nobody reading: a write of it tells its expiry, then its creation
      const late = makeOrder(t, { type: 'Cart', expiresAt: new Date(now + 1000).toISOString() });
      expect((await svc.call('POST', `/${t}/order`, late)).body).toBe(true);
      now += 2000;
      expect((await svc.call('POST', `/${t}/order`, { ...late, expiresAt: null, lastUpdated: new Date(now).toISOString() })).body).toBe(
        true,
      );

      const types = (await readFeed(svc, t)).map((e) => `${e.type} ${orderIdOf(e)}`);
      // Carts due at the same instant are purged in orderId order.
      const byId = [...carts].sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
      expect(types).toEqual([
        ...carts.map((c) => `order.created ${c.orderId}`),
        ...byId.map((c) => `order.expired ${c.orderId}`),
        `order.created ${carts[0]!.orderId}`,
        `order.created ${late.orderId}`,
        `order.expired ${late.orderId}`,
        `order.created ${late.orderId}`,
      ]);
    } finally {
      await svc.close();
    }
  });

  it('tells each saturation threshold an origin crosses, upward and downward, once', async () => {
    const svc = services[0]!;
    const t = newTenantId();
    expect((await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true, saturationThresholds: [0.5, 0.8, 1] })).status).toBe(
      200,
    );
    expect((await svc.call('PUT', `/${t}/stock-origins/S1/capacity`, { maxQty: 10, maxLines: null, maxOrders: null })).status).toBe(200);
    const art = newGuid();
    const big = makeOrder(t, { lines: [{ code: 'S1', artGuid: art, qty: 9 }] });
    expect((await svc.call('POST', `/${t}/order`, big)).body).toBe(true); // 0 -> 0.9: crosses 0.5 and 0.8
    const small = makeOrder(t, {
      lines: [
        { code: 'S1', artGuid: art, qty: 1 },
        { code: 'S2', artGuid: art, qty: 1 },
      ],
    });
    expect((await svc.call('POST', `/${t}/order`, small)).body).toBe(true); // 0.9 -> 1: crosses 1
    // 1 -> 0.9
    expect((await svc.call('POST', `/${t}/order`, { ...small, lines: [{ code: 'S2', artGuid: art, qty: 1 }] })).body).toBe(false);
    expect((await svc.call('DELETE', `/${t}/order/byid/${big.orderId}`)).body).toBe(true); // 0.9 -> 0: crosses 0.8, 0.5
    const saturation = (await readFeed(svc, t))
      .filter((e) => e.type === 'stock_origin.saturation')
      .map((e) => e.data as Record<string, unknown>);
    expect(saturation.map((d) => `${d.code} ${d.direction} ${d.threshold}`)).toEqual([
      'S1 up 0.5',
      'S1 up 0.8',
      'S1 up 1',
      'S1 down 1',
      'S1 down 0.8',
      'S1 down 0.5',
    ]);
    expect(saturation[2]).toMatchObject({
      saturation: 1,
      previousSaturation: 0.9,
      reservedQty: 10,
      capacity: { maxQty: 10, maxLines: null, maxOrders: null },
    });
  });
});

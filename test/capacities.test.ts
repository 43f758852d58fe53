/**
 * Stock-origin capacities: PUT/GET/DELETE /{t}/stock-origins/{code}/capacity and their
 * validation; every origin view carries the capacity and the saturation; GET /stock-origins ranks
 * the origins with a capacity by saturation first; and each threshold an origin's saturation
 * crosses, upward or downward, is one stock_origin.saturation event in the tenant's stream,
 * whatever moved it (a write, a shipment, an expiry, a replacement, the capacity itself), with the
 * thresholds of the tenant's configuration. Expectations come from the client-side model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crossings,
  figuresOf,
  originListWithCapacities,
  saturationOf,
  TenantModel,
  type Crossing,
  type ModelCapacity,
  type ModelOrder,
} from './support/figures-model.js';
import { readEvents } from './support/event-stream.js';
import { newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { codePath } from './support/model-check.js';
import { prng, testSeed } from './support/prng.js';

const SEED = testSeed();
let now = Date.UTC(2030, 2, 1);
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ clock: () => now });
});
afterAll(() => svc.close());

const iso = (ms: number) => new Date(ms).toISOString();
const capacityPath = (t: number, code: string) => `/${t}/stock-origins/${codePath(code)}/capacity`;
const cap = (maxQty: number | null, maxLines: number | null = null, maxOrders: number | null = null): ModelCapacity => ({
  maxQty,
  maxLines,
  maxOrders,
});

let clockTick = 0;
/** An order whose lastUpdated is later than every one before: never stale. */
function order(t: number, lines: [code: string, qty: number][], overrides: Partial<ModelOrder> = {}): ModelOrder {
  return {
    orderId: newGuid(),
    tenantId: t,
    lastUpdated: iso(Date.UTC(2029, 0, 1) + ++clockTick * 1000),
    type: 'Order',
    lines: lines.map(([code, qty], i) => ({ code, artGuid: ARTICLES[i % ARTICLES.length]!, qty })),
    ...overrides,
  };
}
const ARTICLES = ['c420a0b0-fd50-446a-b2e0-18ab3bf4c460', '4128d10e-1594-42a7-8c79-bde5181a20f5'];

async function post(t: number, o: ModelOrder) {
  const res = await svc.call('POST', `/${t}/order`, { ...o, lastUpdated: iso(Date.UTC(2029, 0, 1) + ++clockTick * 1000) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function putCapacity(t: number, code: string, capacity: ModelCapacity) {
  const res = await svc.call('PUT', capacityPath(t, code), capacity);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

interface SaturationEvent {
  code: string;
  direction: 'up' | 'down';
  threshold: number;
  saturation: number;
  previousSaturation: number;
  reservedQty: number;
  lineCount: number;
  orderCount: number;
  capacity: ModelCapacity;
}

/** Follows the tenant's saturation events: each call answers those appended since the last. */
function saturationFeed(t: number) {
  let last = '-';
  return async (): Promise<SaturationEvent[]> => {
    const events = await readEvents(svc.redis, t, last === '-' ? undefined : last);
    if (events.length > 0) last = events.at(-1)!.id;
    return events.filter((e) => e.type === 'stock_origin.saturation').map((e) => e.data as SaturationEvent);
  };
}

const brief = (events: SaturationEvent[]) => events.map(({ code, direction, threshold }) => ({ code, direction, threshold }));

describe('PUT, GET and DELETE /{t}/stock-origins/{code}/capacity', () => {
  it('stores a capacity per origin and tenant, answers it, and removes it', async () => {
    const t = newTenantId();
    const code = 'BEL/ENT:0003';
    expect((await svc.call('GET', capacityPath(t, code))).body).toBeNull();
    expect(await putCapacity(t, code, cap(500, 40, null))).toEqual(cap(500, 40, null));
    expect((await svc.call('GET', capacityPath(t, code))).body).toEqual(cap(500, 40, null));
    // Another tenant, another origin: none.
    expect((await svc.call('GET', capacityPath(t + 1, code))).body).toBeNull();
    expect((await svc.call('GET', capacityPath(t, 'BEL/ENT:0004'))).body).toBeNull();
    // A new capacity replaces the old one whole.
    expect(await putCapacity(t, code, cap(null, null, 3))).toEqual(cap(null, null, 3));
    expect((await svc.call('GET', capacityPath(t, code))).body).toEqual(cap(null, null, 3));
    // All three null is no capacity.
    expect(await putCapacity(t, code, cap(null, null, null))).toBeNull();
    expect((await svc.call('GET', capacityPath(t, code))).body).toBeNull();
    await putCapacity(t, code, cap(1_000_000_000, 1, 1));
    const deleted = await svc.call('DELETE', capacityPath(t, code));
    expect(deleted).toMatchObject({ status: 200, body: null });
    expect((await svc.call('GET', capacityPath(t, code))).body).toBeNull();
    // Deleting what is not there is fine too.
    expect((await svc.call('DELETE', capacityPath(t, code))).status).toBe(200);
  });

  it('refuses a limit that is not a positive integer up to 1,000,000,000 or null, naming it', async () => {
    const t = newTenantId();
    const cases: [unknown, string][] = [
      [cap(0), 'maxQty'],
      [cap(-1), 'maxQty'],
      [cap(1.5), 'maxQty'],
      [{ ...cap(null), maxLines: '5' }, 'maxLines'],
      [{ ...cap(null), maxOrders: true }, 'maxOrders'],
      [cap(1_000_000_001), 'maxQty'],
      [{ maxQty: 5, maxLines: null }, 'maxOrders'],
      [{}, 'maxQty'],
    ];
    for (const [body, field] of cases) {
      const res = await svc.call('PUT', capacityPath(t, 'A'), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(
        res.body.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    for (const body of ['[]', 'null', '{"maxQty": 5', '5', '{"maxQty":null,"maxLines":1e309,"maxOrders":null}']) {
      const res = await svc.call('PUT', capacityPath(t, 'A'), body);
      expect(res.status, body).toBe(400);
    }
    const badCode = await svc.call('PUT', `/${t}/stock-origins/${'x'.repeat(129)}/capacity`, cap(5));
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.details.map((d: { path: string }) => d.path)).toContain('code');
    // Nothing was stored by any refusal.
    expect((await svc.call('GET', capacityPath(t, 'A'))).body).toBeNull();
    expect((await svc.call('GET', `/${t}/stock-origins`)).body).toEqual({ total: 0, origins: [] });
  });
});

describe('origin views with capacities', () => {
  it("carry each origin's capacity and saturation, and GET /stock-origins ranks those with a capacity by saturation first", async () => {
    const t = newTenantId();
    const model = new TenantModel(t);
    const r = prng(SEED);
    const codes = ['A', 'B', 'C', 'D', 'E', 'F'];
    for (let i = 0; i < 30; i++) {
      const o = order(
        t,
        Array.from({ length: r.int(1, 3) }, () => [r.pick(codes.slice(0, 5)), r.int(1, 30)] as [string, number]),
      );
      model.upsert(o, now);
      await post(t, o);
    }
    const capacities = new Map<string, ModelCapacity>([
      ['A', cap(1000)],
      ['B', cap(null, 4)],
      ['C', cap(100_000, 100_000, 2)],
      // A capacity at an origin where nothing is reserved: listed with zeros, saturation 0.
      ['F', cap(10)],
    ]);
    for (const [code, capacity] of capacities) await putCapacity(t, code, capacity);
    const figures = figuresOf(model.liveOrders(now));

    expect((await svc.call('GET', `/${t}/stock-origins`)).body).toEqual(originListWithCapacities(figures, capacities));
    expect((await svc.call('GET', `/${t}/stock-origins?limit=2`)).body).toEqual(originListWithCapacities(figures, capacities, 2));
    const listed = (await svc.call('GET', `/${t}/stock-origins`)).body.origins.map((o: { code: string }) => o.code);
    expect(listed.slice(0, 4).sort()).toEqual(['A', 'B', 'C', 'F']);
    expect(listed.at(-1)).not.toBe('F');

    for (const code of codes) {
      const origin = figures.origins.get(code) ?? { code, reservedQty: 0, lineCount: 0, orderCount: 0, articles: [] };
      const capacity = capacities.get(code) ?? null;
      expect((await svc.call('GET', `/${t}/stock-origins/${code}`)).body).toEqual({
        ...origin,
        capacity,
        saturation: saturationOf(capacity, origin),
      });
    }
    for (const [artGuid, article] of figures.articles) {
      expect((await svc.call('GET', `/${t}/articles/${artGuid}`)).body).toEqual({
        ...article,
        origins: article.origins.map((o) => {
          const capacity = capacities.get(o.code) ?? null;
          return { ...o, capacity, saturation: saturationOf(capacity, figures.origins.get(o.code)!) };
        }),
      });
    }
  });
});

describe('stock_origin.saturation events', () => {
  it('tells each threshold crossed, up and down, with the figures and capacity, in the order crossed', async () => {
    const t = newTenantId();
    const feed = saturationFeed(t);
    await putCapacity(t, 'S', cap(10));
    expect(await feed()).toEqual([]);
    const o = order(t, [
      ['S', 7],
      ['OTHER', 50],
    ]);
    await post(t, o);
    expect(await feed(), '0.7: no threshold').toEqual([]);
    await post(t, { ...o, lines: [{ code: 'S', artGuid: ARTICLES[0]!, qty: 8 }] });
    expect(await feed()).toEqual([
      {
        code: 'S',
        direction: 'up',
        threshold: 0.8,
        saturation: 0.8,
        previousSaturation: 0.7,
        reservedQty: 8,
        lineCount: 1,
        orderCount: 1,
        capacity: cap(10),
      },
    ]);
    await post(t, { ...o, lines: [{ code: 'S', artGuid: ARTICLES[0]!, qty: 9 }] });
    expect(await feed(), 'from 0.8 to 0.9: none').toEqual([]);
    const second = order(t, [['S', 3]]);
    await post(t, second);
    expect(await feed()).toEqual([
      {
        code: 'S',
        direction: 'up',
        threshold: 1,
        saturation: 1.2,
        previousSaturation: 0.9,
        reservedQty: 12,
        lineCount: 2,
        orderCount: 2,
        capacity: cap(10),
      },
    ]);
    // A shipment takes 9 of the 12 units: below both thresholds at once, the higher crossed first.
    expect((await svc.call('DELETE', `/${t}/order/byid/${o.orderId}/code/S`)).body).toBe(true);
    expect(await feed()).toEqual([
      {
        code: 'S',
        direction: 'down',
        threshold: 1,
        saturation: 0.3,
        previousSaturation: 1.2,
        reservedQty: 3,
        lineCount: 1,
        orderCount: 1,
        capacity: cap(10),
      },
      {
        code: 'S',
        direction: 'down',
        threshold: 0.8,
        saturation: 0.3,
        previousSaturation: 1.2,
        reservedQty: 3,
        lineCount: 1,
        orderCount: 1,
        capacity: cap(10),
      },
    ]);
    // Both up at once.
    await post(t, order(t, [['S', 20]]));
    expect(brief(await feed())).toEqual([
      { code: 'S', direction: 'up', threshold: 0.8 },
      { code: 'S', direction: 'up', threshold: 1 },
    ]);
    // Origins without a capacity never tell.
    await post(t, order(t, [['OTHER', 1000]]));
    expect(await feed()).toEqual([]);
  });

  it("follows the tenant's configured thresholds", async () => {
    const t = newTenantId();
    const feed = saturationFeed(t);
    const config = await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true, saturationThresholds: [0.25, 0.5, 0.75] });
    expect(config.body).toEqual({
      enableInternalOrderSync: true,
      saturationThresholds: [0.25, 0.5, 0.75],
      reservationPolicy: 'always',
      defaultHoldSeconds: {},
    });
    await putCapacity(t, 'S', cap(100));
    await post(t, order(t, [['S', 60]]));
    expect(brief(await feed())).toEqual([
      { code: 'S', direction: 'up', threshold: 0.25 },
      { code: 'S', direction: 'up', threshold: 0.5 },
    ]);
    await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true, saturationThresholds: [0.9] });
    await post(t, order(t, [['S', 35]]));
    expect(brief(await feed())).toEqual([{ code: 'S', direction: 'up', threshold: 0.9 }]);
    // Thresholds are validated: ascending, positive, 1 to 10 of them.
    for (const saturationThresholds of [[1, 0.8], [0.8, 0.8], [], [0], [-1], Array.from({ length: 11 }, (_, i) => i + 1), ['1']]) {
      const res = await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true, saturationThresholds });
      expect(res.status, JSON.stringify(saturationThresholds)).toBe(400);
    }
    expect((await svc.call('GET', `/${t}/config`)).body.saturationThresholds).toEqual([0.9]);
  });

  it('tells the crossings a capacity change causes, counting an origin without capacity as unsaturated', async () => {
    const t = newTenantId();
    const feed = saturationFeed(t);
    await post(
      t,
      order(t, [
        ['S', 5],
        ['S', 1],
      ]),
    );
    await putCapacity(t, 'S', cap(100));
    expect(await feed()).toEqual([]);
    await putCapacity(t, 'S', cap(100, 2));
    expect(brief(await feed()), 'two lines of two').toEqual([
      { code: 'S', direction: 'up', threshold: 0.8 },
      { code: 'S', direction: 'up', threshold: 1 },
    ]);
    await putCapacity(t, 'S', cap(100, 3));
    expect(brief(await feed()), '2/3 < 0.8').toEqual([
      { code: 'S', direction: 'down', threshold: 1 },
      { code: 'S', direction: 'down', threshold: 0.8 },
    ]);
    await putCapacity(t, 'S', cap(6));
    expect(brief(await feed())).toEqual([
      { code: 'S', direction: 'up', threshold: 0.8 },
      { code: 'S', direction: 'up', threshold: 1 },
    ]);
    await svc.call('DELETE', capacityPath(t, 'S'));
    expect(brief(await feed()), 'capacity removed').toEqual([
      { code: 'S', direction: 'down', threshold: 1 },
      { code: 'S', direction: 'down', threshold: 0.8 },
    ]);
  });

  it('tells the crossings of an expiry, a delete, a wave of shipments and a replacement of the whole set', async () => {
    const t = newTenantId();
    const feed = saturationFeed(t);
    await putCapacity(t, 'S', cap(10));
    await putCapacity(t, 'T', cap(null, null, 2));
    const cart = order(t, [['S', 9]], { type: 'Cart', expiresAt: iso(now + 60_000) });
    await post(t, cart);
    expect(brief(await feed())).toEqual([{ code: 'S', direction: 'up', threshold: 0.8 }]);
    now += 60_000;
    // A read purges what has expired.
    expect((await svc.call('GET', `/${t}/stock-origins/S`)).body.reservedQty).toBe(0);
    expect(brief(await feed()), 'expired').toEqual([{ code: 'S', direction: 'down', threshold: 0.8 }]);

    const a = order(t, [['T', 1]]);
    const b = order(t, [
      ['T', 1],
      ['S', 10],
    ]);
    await post(t, a);
    await post(t, b);
    expect(brief(await feed())).toEqual([
      { code: 'T', direction: 'up', threshold: 0.8 },
      { code: 'T', direction: 'up', threshold: 1 },
      { code: 'S', direction: 'up', threshold: 0.8 },
      { code: 'S', direction: 'up', threshold: 1 },
    ]);
    expect((await svc.call('DELETE', `/${t}/order/byid/${a.orderId}`)).body).toBe(true);
    expect(brief(await feed())).toEqual([
      { code: 'T', direction: 'down', threshold: 1 },
      { code: 'T', direction: 'down', threshold: 0.8 },
    ]);
    const shipped = await svc.call('POST', `/${t}/shipments`, [{ orderId: b.orderId, code: 'S' }]);
    expect(shipped.body).toEqual([true]);
    expect(brief(await feed())).toEqual([
      { code: 'S', direction: 'down', threshold: 1 },
      { code: 'S', direction: 'down', threshold: 0.8 },
    ]);

    // A replacement of the whole set moves the figures at once: what it makes an origin cross is told too.
    const replaced = await svc.call('PUT', `/${t}/orders`, [
      order(t, [
        ['S', 8],
        ['T', 1],
      ]),
      order(t, [['T', 2]]),
    ]);
    expect(replaced.status).toBe(200);
    // T had one order of two (0.5), S nothing.
    const byCode = (events: SaturationEvent[]) => [...brief(events)].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
    expect(byCode(await feed())).toEqual([
      { code: 'S', direction: 'up', threshold: 0.8 },
      { code: 'T', direction: 'up', threshold: 0.8 },
      { code: 'T', direction: 'up', threshold: 1 },
    ]);
    await svc.call('PUT', `/${t}/orders`, []);
    expect(byCode(await feed())).toEqual([
      { code: 'S', direction: 'down', threshold: 0.8 },
      { code: 'T', direction: 'down', threshold: 1 },
      { code: 'T', direction: 'down', threshold: 0.8 },
    ]);
  });

  it('matches the model over a random sequence of writes on origins with several limits', async ({ onTestFailed }) => {
    onTestFailed(() => console.error(`capacities (random sequence): replay with TEST_SEED=${SEED}`));
    const t = newTenantId();
    const r = prng(SEED ^ 0x1b873593);
    const model = new TenantModel(t);
    const thresholds = [0.5, 0.8, 1];
    await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true, saturationThresholds: thresholds });
    const capacities = new Map<string, ModelCapacity>([
      ['A', cap(40)],
      ['B', cap(60, 6)],
      ['C', cap(null, 8, 4)],
    ]);
    for (const [code, capacity] of capacities) await putCapacity(t, code, capacity);
    const feed = saturationFeed(t);
    const ids = Array.from({ length: 8 }, () => r.guid());
    const saturations = () => {
      const figures = figuresOf(model.liveOrders(now));
      return new Map(
        [...capacities].map(([code, capacity]) => [
          code,
          saturationOf(capacity, figures.origins.get(code) ?? { reservedQty: 0, lineCount: 0, orderCount: 0 })!,
        ]),
      );
    };
    let told = 0;
    for (let step = 0; step < 80; step++) {
      const before = saturations();
      const id = r.pick(ids);
      const roll = r.next();
      let what: string;
      if (roll < 0.6) {
        const o = {
          ...order(
            t,
            Array.from({ length: r.int(1, 3) }, () => [r.pick(['A', 'B', 'C', 'D']), r.int(1, 15)] as [string, number]),
          ),
          orderId: id,
        };
        model.upsert(o, now);
        await post(t, o);
        what = `upsert ${JSON.stringify(o.lines.map((l) => [l.code, l.qty]))}`;
      } else if (roll < 0.8) {
        const code = r.pick(['A', 'B', 'C']);
        model.deleteLinesAt(id, code, now);
        await svc.call('DELETE', `/${t}/order/byid/${id}/code/${code}`);
        what = `ship at ${code}`;
      } else {
        model.delete(id, now);
        await svc.call('DELETE', `/${t}/order/byid/${id}`);
        what = 'delete';
      }
      const after = saturations();
      // The script tells origins in the order of the order's lines: compare per origin.
      const expected: (Crossing & { code: string })[] = [];
      for (const code of capacities.keys())
        for (const c of crossings(thresholds, before.get(code)!, after.get(code)!)) expected.push({ code, ...c });
      const events = await feed();
      for (const code of capacities.keys()) {
        expect(
          brief(events).filter((e) => e.code === code),
          `step ${step} (${what}) at ${code}`,
        ).toEqual(expected.filter((e) => e.code === code));
      }
      for (const e of events) expect(e.saturation).toBeCloseTo(after.get(e.code)!, 10);
      told += events.length;
    }
    expect(told, 'the sequence crossed thresholds').toBeGreaterThan(10);
  });
});

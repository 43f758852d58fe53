/**
 * GET /{t}/orders and GET /{t}/stock-origins/{code}/orders: every filter alone and combined lists
 * exactly what the client-side model says, in the documented order; walking every page while
 * writers run lists no order twice and misses none that existed (and matched) throughout; the
 * date-only walks behave as documented; a cursor that is not one of this listing answers 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingOf, TenantModel, type ModelFilter, type ModelOrder } from './support/figures-model.js';
import { newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { codePath, duplicates, queryOf, walkListing } from './support/model-check.js';
import { prng, testSeed, type Prng } from './support/prng.js';

const SEED = testSeed();

/** The service's clock, moved by the tests that need orders to expire. */
let now = Date.UTC(2030, 0, 1);
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ clock: () => now });
});
afterAll(() => svc.close());

/** Codes that look like the index's own markers, patterns, or need encoding are data like the others. */
const CODES = ['FRA:MAG:1', 'FRA:MAG:2', 'BEL/3', 'ESP 4', '*', 'c', 'Zürich'];
const TYPES = ['Order', 'Cart', 'ExternalOrder'] as const;
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const LAST_UPDATED_BASE = Date.UTC(2029, 11, 1);

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const decoded = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));

function randomOrder(r: Prng, t: number, articles: string[], orderId = r.guid()): ModelOrder {
  const order: ModelOrder = {
    orderId,
    tenantId: t,
    // Few distinct instants: equal dates are frequent, so the tie by orderId is exercised.
    lastUpdated: iso(LAST_UPDATED_BASE + r.int(0, 50) * MINUTE),
    type: r.pick(TYPES),
    lines: Array.from({ length: r.int(1, 4) }, () => ({ code: r.pick(CODES), artGuid: r.pick(articles), qty: r.int(1, 9) })),
  };
  if (r.chance(0.6)) order.expiresAt = iso(now + r.int(1, 180) * MINUTE);
  return order;
}

async function post(t: number, order: ModelOrder) {
  const res = await svc.call('POST', `/${t}/order`, order);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const pathOf = (t: number, filter: ModelFilter) => `/${t}/orders?${queryOf({ ...filter })}`;

describe('GET /{t}/orders: filters against the model', () => {
  const t = newTenantId();
  const model = new TenantModel(t);
  const r = prng(SEED);
  const articles = Array.from({ length: 6 }, () => r.guid());

  beforeAll(async () => {
    const orders = Array.from({ length: 160 }, () => randomOrder(r, t, articles));
    // Some orders share every attribute but their id.
    orders.push({ ...orders[0]!, orderId: r.guid() }, { ...orders[0]!, orderId: r.guid() });
    for (const order of orders) {
      model.upsert(order, now);
      await post(t, order);
    }
  });

  /** Each filter alone, pairs, triples and all five, at instants around the orders' dates. */
  function filters(): ModelFilter[] {
    const hour = iso(now + 60 * MINUTE);
    const half = iso(now + 30 * MINUTE);
    const since = iso(LAST_UPDATED_BASE + 25 * MINUTE);
    const list: ModelFilter[] = [
      ...CODES.map((code) => ({ code })),
      ...articles.map((artGuid) => ({ artGuid })),
      ...TYPES.map((type) => ({ type })),
      { expiresBefore: hour },
      { expiresBefore: half },
      { expiresBefore: iso(now) },
      { updatedSince: since },
      { updatedSince: iso(LAST_UPDATED_BASE) },
      { updatedSince: iso(LAST_UPDATED_BASE + 51 * MINUTE) },
      { updatedSince: since, expiresBefore: hour },
      { code: CODES[0], artGuid: articles[0] },
      { code: 'c', type: 'Cart' },
      { artGuid: articles[1], type: 'Order', updatedSince: since },
      { code: CODES[1], expiresBefore: hour },
      { code: '*', updatedSince: since },
      { type: 'ExternalOrder', expiresBefore: iso(now + 120 * MINUTE) },
      {
        code: CODES[2],
        artGuid: articles[2],
        type: 'Order',
        expiresBefore: iso(now + 150 * MINUTE),
        updatedSince: iso(LAST_UPDATED_BASE + 10 * MINUTE),
      },
      { code: 'NOWHERE' },
      { artGuid: newGuid() },
    ];
    return list;
  }

  it('lists, for each filter alone and combined, exactly the live orders that match, in the documented order', async () => {
    for (const filter of filters()) {
      const expected = listingOf(model.liveOrders(now), filter);
      const { orders } = await walkListing(svc, pathOf(t, filter), 13);
      if (filter.expiresBefore !== undefined && filter.updatedSince !== undefined && !filter.code && !filter.artGuid && !filter.type) {
        // Two date filters: the walk goes by either date; the set is what matters.
        expect(duplicates(orders), JSON.stringify(filter)).toEqual([]);
        expect(orders.map((o) => o.orderId).sort(), JSON.stringify(filter)).toEqual(expected.map((o) => o.orderId).sort());
      } else {
        expect(orders, JSON.stringify(filter)).toEqual(expected);
      }
    }
    // The filter that matches nothing answers one empty page.
    expect((await svc.call('GET', `/${t}/orders?code=NOWHERE`)).body).toEqual({ orders: [], nextCursor: null });
  });

  it('pages by 100 by default, takes limits of 1 to 1000, and lists the whole set once at any page size', async () => {
    const all = listingOf(model.liveOrders(now), {});
    expect(all.length).toBeGreaterThan(100);
    const first = await svc.call('GET', `/${t}/orders`);
    expect(first.body.orders).toEqual(all.slice(0, 100));
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const whole = await svc.call('GET', `/${t}/orders?limit=1000`);
    expect(whole.body).toEqual({ orders: all, nextCursor: null });
    for (const limit of [1, 7, 100]) {
      const { orders, pages } = await walkListing(svc, `/${t}/orders`, limit);
      expect(orders).toEqual(all);
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(all.length / limit));
    }
  });

  it('answers an article asked in capitals as in lower case', async () => {
    const filter = { artGuid: articles[3]! };
    expect((await walkListing(svc, pathOf(t, { artGuid: articles[3]!.toUpperCase() }), 50)).orders).toEqual(
      listingOf(model.liveOrders(now), filter),
    );
  });

  it('lists what a stock origin still has to ship, with all lines or only its own (linesAt=only)', async () => {
    for (const code of CODES) {
      const expected = listingOf(model.liveOrders(now), { code });
      const base = `/${t}/stock-origins/${codePath(code)}/orders`;
      expect((await walkListing(svc, base, 9)).orders, code).toEqual(expected);
      expect((await walkListing(svc, `${base}?linesAt=all`, 9)).orders, code).toEqual(expected);
      const only = (await walkListing(svc, `${base}?linesAt=only`, 9)).orders;
      expect(only, code).toEqual(expected.map((o) => ({ ...o, lines: o.lines.filter((l) => l.code === code) })));
    }
    // Other filters combine with the origin.
    const since = iso(LAST_UPDATED_BASE + 25 * MINUTE);
    const filtered = await walkListing(
      svc,
      `/${t}/stock-origins/${codePath(CODES[0]!)}/orders?${queryOf({ type: 'Order', updatedSince: since })}`,
      5,
    );
    expect(filtered.orders).toEqual(listingOf(model.liveOrders(now), { code: CODES[0], type: 'Order', updatedSince: since }));
  });

  it('never lists an order once its expiry has passed, and reflects every write', async () => {
    const liveBefore = model.liveOrders(now).length;
    now += 45 * MINUTE;
    expect(model.liveOrders(now).length, 'orders expired by the clock').toBeLessThan(liveBefore - 5);
    {
      // A few writes: a redefinition moves an order between filters, a delete and a shipment remove.
      const live = model.liveOrders(now);
      const moved = {
        ...live[0]!,
        lastUpdated: iso(LAST_UPDATED_BASE + 60 * MINUTE),
        type: 'Cart' as const,
        lines: [{ code: 'NEW', artGuid: articles[0]!, qty: 1 }],
      };
      model.upsert(moved, now);
      await post(t, moved);
      model.delete(live[1]!.orderId, now);
      expect((await svc.call('DELETE', `/${t}/order/byid/${live[1]!.orderId}`)).body).toBe(true);
      // (Not one of the two just changed: the data are random, and either may have such lines.)
      const shipped = live.slice(2).find((o) => o.lines.some((l) => l.code === 'BEL/3') && o.lines.some((l) => l.code !== 'BEL/3'))!;
      model.deleteLinesAt(shipped.orderId, 'BEL/3', now);
      expect((await svc.call('DELETE', `/${t}/order/byid/${shipped.orderId}/code/${codePath('BEL/3')}`)).body).toBe(true);

      for (const filter of [...filters(), { code: 'NEW' }, { type: 'Cart' as const }]) {
        const expected = listingOf(model.liveOrders(now), filter);
        const { orders } = await walkListing(svc, pathOf(t, filter), 17);
        expect(orders.map((o) => o.orderId).sort(), JSON.stringify(filter)).toEqual(expected.map((o) => o.orderId).sort());
        if (!(filter.expiresBefore && filter.updatedSince)) expect(orders, JSON.stringify(filter)).toEqual(expected);
      }
    }
  });

  it('refuses wrong filters and limits with 400 naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['type=Basket', 'type'],
      ['artGuid=not-a-guid', 'artGuid'],
      ['expiresBefore=tomorrow', 'expiresBefore'],
      ['updatedSince=2025-13-01T00:00:00Z', 'updatedSince'],
      [`code=${encodeURIComponent('A\u0001B')}`, 'code'],
      [`code=${'x'.repeat(129)}`, 'code'],
      [`cursor=${'x'.repeat(4097)}`, 'cursor'],
      ['linesAt=some', 'linesAt'],
    ] as const) {
      const path = field === 'linesAt' ? `/${t}/stock-origins/A/orders?${query}` : `/${t}/orders?${query}`;
      const res = await svc.call('GET', path);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('VALIDATION_FAILED');
      expect(
        res.body.error.details.map((d: { path: string }) => d.path),
        query,
      ).toContain(field);
    }
  });
});

describe('a tenant of 1,800 orders (~600 of each type, ~640 at each code)', () => {
  const t = newTenantId();
  const model = new TenantModel(t);
  const r = prng(SEED ^ 0x5bd1e995);
  const articles = Array.from({ length: 6 }, () => r.guid());

  beforeAll(async () => {
    // Each walk by orderId spans many pages and, for '*', the three types' entries merged.
    const orders = Array.from({ length: 1800 }, () => randomOrder(r, t, articles));
    for (const order of orders) model.upsert(order, now);
    for (let i = 0; i < orders.length; i += 50) await Promise.all(orders.slice(i, i + 50).map((o) => post(t, o)));
  }, 120_000);

  it('lists, for each walk by orderId, exactly the live orders that match, in orderId order, at any page size', async () => {
    const walks: [ModelFilter, number][] = [
      [{}, 97],
      [{}, 1000],
      [{ type: 'Cart' }, 13],
      [{ code: CODES[0] }, 29],
      [{ code: 'c', type: 'Order' }, 11],
      [{ artGuid: articles[0], type: 'ExternalOrder' }, 17],
      [{ code: CODES[3], updatedSince: iso(LAST_UPDATED_BASE + 25 * MINUTE) }, 23],
    ];
    for (const [filter, limit] of walks) {
      const expected = listingOf(model.liveOrders(now), filter);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(50);
      const { orders } = await walkListing(svc, pathOf(t, filter), limit);
      expect(orders, `${JSON.stringify(filter)} by ${limit}`).toEqual(expected);
    }
  });
});

describe('cursors', () => {
  const t = newTenantId();
  const r = prng(SEED ^ 0x5bd1e995);
  const articles = [r.guid(), r.guid()];
  beforeAll(async () => {
    for (let i = 0; i < 30; i++) await post(t, randomOrder(r, t, articles));
  });

  async function expectInvalidCursor(path: string, cursor: string, why: string) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await svc.call('GET', `${path}${sep}cursor=${encodeURIComponent(cursor)}`);
    expect(res.status, `${why}: ${JSON.stringify(res.body)}`).toBe(400);
    expect(res.body.error.code, why).toBe('INVALID_CURSOR');
  }

  it("answers 400 INVALID_CURSOR to a cursor that is not one, or is another listing's", async () => {
    const byCode = await svc.call('GET', `/${t}/orders?code=${codePath('FRA:MAG:1')}&limit=2`);
    const cursor = byCode.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const plain = (await svc.call('GET', `/${t}/orders?limit=2`)).body.nextCursor as string;

    await expectInvalidCursor(`/${t}/orders`, 'garbage!', 'not base64url JSON');
    await expectInvalidCursor(`/${t}/orders`, b64('null'), 'JSON null');
    await expectInvalidCursor(`/${t}/orders`, b64('42'), 'a JSON number');
    await expectInvalidCursor(`/${t}/orders`, b64('[]'), 'a JSON array');
    await expectInvalidCursor(`/${t}/orders`, b64('{}'), 'an empty object');
    await expectInvalidCursor(`/${t}/orders`, b64('{"w":"*","m":"","f":"[]"}'), 'an empty mark');
    // handed out for other filters
    await expectInvalidCursor(`/${t}/orders`, cursor, 'a code cursor on the whole listing');
    await expectInvalidCursor(`/${t}/orders?code=${codePath('FRA:MAG:2')}`, cursor, 'another code');
    await expectInvalidCursor(`/${t}/orders?code=${codePath('FRA:MAG:1')}&type=Order`, cursor, 'one more filter');
    await expectInvalidCursor(`/${t}/orders?code=${codePath('FRA:MAG:1')}`, plain, 'a whole-listing cursor on a code');
    await expectInvalidCursor(`/${t}/stock-origins/${codePath('FRA:MAG:2')}/orders`, cursor, "another origin's listing");
    // forged: the right filters, a mark outside the walk's range (it would list another origin's orders)
    const c = decoded(cursor);
    await expectInvalidCursor(
      `/${t}/orders?code=${codePath('FRA:MAG:1')}`,
      b64(JSON.stringify({ ...c, m: 'cFRA:MAG:2\u0000' })),
      'a mark of another code',
    );
    await expectInvalidCursor(
      `/${t}/orders?code=${codePath('FRA:MAG:1')}`,
      b64(JSON.stringify({ ...c, w: 'a' })),
      'a walk of a filter not given',
    );
    await expectInvalidCursor(`/${t}/orders?code=${codePath('FRA:MAG:1')}`, b64(JSON.stringify({ ...c, w: 'q' })), 'no such walk');
    await expectInvalidCursor(
      `/${t}/orders?code=${codePath('FRA:MAG:1')}`,
      b64(JSON.stringify({ ...c, m: 42 })),
      'a mark that is not text',
    );
    const since = iso(LAST_UPDATED_BASE + 30 * MINUTE);
    const byDate = (await svc.call('GET', `/${t}/orders?updatedSince=${since}&limit=1`)).body.nextCursor as string;
    await expectInvalidCursor(
      `/${t}/orders?updatedSince=${since}`,
      b64(JSON.stringify({ ...decoded(byDate), m: `u${iso(LAST_UPDATED_BASE)}\u0000` })),
      'a date mark before updatedSince',
    );

    // The cursor of /orders?code=X is the cursor of /stock-origins/X/orders: the same listing.
    const same = await svc.call('GET', `/${t}/stock-origins/${codePath('FRA:MAG:1')}/orders?limit=2&cursor=${cursor}`);
    expect(same.status).toBe(200);
    const straight = await svc.call('GET', `/${t}/orders?code=${codePath('FRA:MAG:1')}&limit=2&cursor=${cursor}`);
    expect(same.body).toEqual(straight.body);
  });
});

describe('walking every page while writers run', () => {
  it('lists no order twice and misses none that existed and matched throughout', { timeout: 120_000 }, async ({ onTestFailed }) => {
    onTestFailed(() => console.error(`orders.search (walk under writes): replay with TEST_SEED=${SEED}`));
    const t = newTenantId();
    const r = prng(SEED ^ 0x27d4eb2d);
    const KEEP = 'KEEP:1';
    const keepArticle = r.guid();
    const articles = [keepArticle, r.guid(), r.guid()];
    // Stable orders are never deleted and always keep a line at KEEP of keepArticle, of type Order:
    // they match every walk below throughout. Volatile ones come and go.
    const stable = Array.from({ length: 120 }, () => r.guid());
    const volatile = Array.from({ length: 80 }, () => r.guid());
    const stableOrder = (rr: Prng, id: string, minute: number): ModelOrder => ({
      orderId: id,
      tenantId: t,
      lastUpdated: iso(LAST_UPDATED_BASE + minute * MINUTE),
      type: 'Order',
      lines: [{ code: KEEP, artGuid: keepArticle, qty: rr.int(1, 5) }, ...randomOrder(rr, t, articles).lines],
    });
    const minuteOf = new Map<string, number>();
    for (const id of stable) {
      minuteOf.set(id, r.int(0, 100));
      await post(t, stableOrder(r, id, minuteOf.get(id)!));
    }
    for (const id of volatile.slice(0, 40)) await post(t, { ...randomOrder(r, t, articles, id), expiresAt: undefined });

    let walking = true;
    let writes = 0;
    const writer = async (lane: number) => {
      const rr = prng((SEED + lane * 7919) >>> 0);
      const mine = (ids: string[]) => ids.filter((_, i) => i % 4 === lane);
      const myStable = mine(stable);
      const myVolatile = mine(volatile);
      while (walking) {
        const roll = rr.next();
        if (roll < 0.35) {
          // A stable order redefined: a later lastUpdated, new other lines; still matches.
          const id = rr.pick(myStable);
          minuteOf.set(id, minuteOf.get(id)! + rr.int(1, 30));
          await post(t, stableOrder(rr, id, minuteOf.get(id)!));
        } else if (roll < 0.45) {
          // A shipment at another origin than KEEP leaves a stable order in every walk.
          const id = rr.pick(myStable);
          await svc.call('DELETE', `/${t}/order/byid/${id}/code/${codePath(rr.pick(CODES))}`);
        } else if (roll < 0.75) {
          const id = rr.pick(myVolatile);
          const order = { ...randomOrder(rr, t, articles, id), expiresAt: undefined };
          if (rr.chance(0.5)) order.lines.push({ code: KEEP, artGuid: keepArticle, qty: 1 });
          order.lastUpdated = iso(LAST_UPDATED_BASE + 200 * MINUTE + writes * 1000);
          await svc.call('POST', `/${t}/order`, order);
        } else if (roll < 0.9) {
          await svc.call('DELETE', `/${t}/order/byid/${rr.pick(myVolatile)}`);
        } else {
          await svc.call('DELETE', `/${t}/order/byid/${rr.pick(myVolatile)}/code/${codePath(KEEP)}`);
        }
        writes += 1;
      }
    };
    const writers = [0, 1, 2, 3].map(writer);

    const walks: { filter: ModelFilter; limit: number; byDate?: boolean }[] = [
      { filter: {}, limit: 5 },
      { filter: { code: KEEP }, limit: 4 },
      { filter: { artGuid: keepArticle }, limit: 6 },
      { filter: { type: 'Order' }, limit: 3 },
      { filter: { code: KEEP, artGuid: keepArticle, type: 'Order' }, limit: 5 },
      { filter: { code: KEEP, updatedSince: iso(LAST_UPDATED_BASE) }, limit: 4 },
      { filter: { updatedSince: iso(LAST_UPDATED_BASE) }, limit: 7, byDate: true },
    ];
    const known = new Set([...stable, ...volatile]);
    const problems: string[] = [];
    try {
      for (const { filter, limit, byDate } of walks) {
        const writesBefore = writes;
        const { orders } = await walkListing(svc, pathOf(t, filter), limit);
        const what = JSON.stringify(filter);
        const ids = new Set(orders.map((o) => o.orderId));
        // By date, an order whose lastUpdated a write moves past the cursor is listed again (documented).
        if (!byDate && duplicates(orders).length > 0) problems.push(`${what}: listed twice: ${duplicates(orders).join(', ')}`);
        const missed = stable.filter((id) => !ids.has(id));
        if (missed.length > 0) problems.push(`${what}: missed ${missed.length} orders that existed throughout`);
        const strangers = [...ids].filter((id) => !known.has(id));
        if (strangers.length > 0) problems.push(`${what}: listed unknown ids ${strangers.join(', ')}`);
        const wrong = orders.filter(
          (o) =>
            (filter.code && !o.lines.some((l: { code: string }) => l.code === filter.code)) ||
            (filter.artGuid && !o.lines.some((l: { artGuid: string }) => l.artGuid === filter.artGuid)) ||
            (filter.type && o.type !== filter.type),
        );
        if (wrong.length > 0) problems.push(`${what}: listed ${wrong.length} orders that do not match`);
        expect(writes - writesBefore, `${what}: writes during the walk`).toBeGreaterThan(10);
      }
    } finally {
      walking = false;
      await Promise.all(writers);
    }
    expect(problems).toEqual([]);
  });
});

describe('walks by date (only expiresBefore or updatedSince given)', () => {
  it('updatedSince: lists by lastUpdated then orderId; an order updated past the cursor comes again, none is missed', async () => {
    const t = newTenantId();
    const ids = Array.from({ length: 6 }, () => newGuid());
    const at = (i: number) => iso(LAST_UPDATED_BASE + i * MINUTE);
    const order = (id: string, minute: number): ModelOrder => ({
      orderId: id,
      tenantId: t,
      lastUpdated: at(minute),
      type: 'Order',
      lines: [{ code: 'D', artGuid: ids[0]!, qty: 1 }],
    });
    for (const [i, id] of ids.entries()) await post(t, order(id, 10 + i));
    const path = `/${t}/orders?updatedSince=${at(10)}`;
    const first = await svc.call('GET', `${path}&limit=2`);
    expect(first.body.orders.map((o: ModelOrder) => o.orderId)).toEqual(ids.slice(0, 2));
    // The first listed order is updated: its lastUpdated moves past every other.
    await post(t, order(ids[0]!, 99));
    // An order not yet listed is updated too: it moves later, and is still listed (once).
    await post(t, order(ids[4]!, 98));
    const rest = await walkListing(svc, path, 2, { from: first.body.nextCursor });
    expect(rest.orders.map((o) => o.orderId)).toEqual([ids[2], ids[3], ids[5], ids[4], ids[0]]);
    expect(rest.orders.at(-1).lastUpdated).toBe(at(99));
  });

  it(
    'expiresBefore: lists by expiresAt then orderId; an expiry moved later past the cursor comes again, one moved back behind it is ' +
      'not listed',
    async () => {
      const t = newTenantId();
      const ids = Array.from({ length: 6 }, () => newGuid()).sort();
      const at = (i: number) => iso(now + i * MINUTE);
      let minute = 0;
      const order = (id: string, expiresIn: number): ModelOrder => ({
        orderId: id,
        tenantId: t,
        lastUpdated: iso(LAST_UPDATED_BASE + ++minute * 1000),
        expiresAt: at(expiresIn),
        type: 'Cart',
        lines: [{ code: 'D', artGuid: ids[0]!, qty: 1 }],
      });
      // Two share an expiry: they come by orderId.
      const expiries = [10, 20, 20, 30, 40, 50];
      for (const [i, id] of ids.entries()) await post(t, order(id, expiries[i]!));
      const path = `/${t}/orders?expiresBefore=${at(60)}`;
      const first = await svc.call('GET', `${path}&limit=3`);
      expect(first.body.orders.map((o: ModelOrder) => o.orderId)).toEqual(ids.slice(0, 3));
      await post(t, order(ids[0]!, 55)); // listed, moved later past the cursor: listed again
      await post(t, order(ids[5]!, 5)); // not yet listed, moved back behind the cursor: written during the walk, not listed
      const rest = await walkListing(svc, path, 3, { from: first.body.nextCursor });
      expect(rest.orders.map((o) => o.orderId)).toEqual([ids[3], ids[4], ids[0]]);
      // Past expiresBefore or without expiry: never listed.
      await post(t, { ...order(newGuid(), 60) });
      const noExpiry = { ...order(newGuid(), 1), expiresAt: undefined };
      await post(t, noExpiry);
      const all = await walkListing(svc, path, 100);
      expect(all.orders.map((o) => o.orderId).sort()).toEqual(ids.slice().sort());
    },
  );

  it('with other filters too, walks by orderId: an order updated during the walk is listed once', async () => {
    const t = newTenantId();
    const ids = Array.from({ length: 8 }, () => newGuid()).sort();
    const order = (id: string, minute: number, code = 'W'): ModelOrder => ({
      orderId: id,
      tenantId: t,
      lastUpdated: iso(LAST_UPDATED_BASE + minute * MINUTE),
      type: 'Order',
      lines: [{ code, artGuid: ids[0]!, qty: 1 }],
    });
    for (const [i, id] of ids.entries()) await post(t, order(id, i));
    // Many orders at W updated long ago, so that updatedSince is the more selective filter.
    for (let i = 0; i < 30; i++) await post(t, order(newGuid(), 0, 'W'));
    const since = iso(LAST_UPDATED_BASE + 5 * MINUTE);
    const path = `/${t}/orders?code=W&updatedSince=${since}`;
    const first = await svc.call('GET', `${path}&limit=1`);
    expect(first.body.orders.map((o: ModelOrder) => o.orderId)).toEqual([ids[5]]);
    await post(t, order(ids[5]!, 50));
    const rest = await walkListing(svc, path, 1, { from: first.body.nextCursor });
    expect([first.body.orders[0].orderId, ...rest.orders.map((o) => o.orderId)]).toEqual(ids.slice(5));
  });
});

describe('a very selective combination', () => {
  it('pages in bounded steps: a page may come back short with a cursor, and the walk still finds every match', async () => {
    const t = newTenantId();
    const [a, b] = [newGuid(), newGuid()];
    // 1,100 orders at X of article A, and 1,100 at Y with B: one order only has X and B.
    const orders: ModelOrder[] = [];
    for (let i = 0; i < 1100; i++) {
      orders.push({
        orderId: newGuid(),
        tenantId: t,
        lastUpdated: iso(LAST_UPDATED_BASE),
        type: 'Order',
        lines: [{ code: 'X', artGuid: a, qty: 1 }],
      });
      orders.push({
        orderId: newGuid(),
        tenantId: t,
        lastUpdated: iso(LAST_UPDATED_BASE),
        type: 'Order',
        lines: [{ code: 'Y', artGuid: b, qty: 1 }],
      });
    }
    const needle: ModelOrder = {
      orderId: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
      tenantId: t,
      lastUpdated: iso(LAST_UPDATED_BASE),
      type: 'Order',
      lines: [{ code: 'X', artGuid: b, qty: 1 }],
    };
    orders.push(needle);
    for (let i = 0; i < orders.length; i += 50) await Promise.all(orders.slice(i, i + 50).map((o) => post(t, o)));
    const first = await svc.call('GET', `/${t}/orders?code=X&artGuid=${b}&limit=10`);
    expect(first.status).toBe(200);
    // The needle sorts last: the first page examined a bounded number of entries and stopped short.
    expect(first.body.orders).toEqual([]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const { orders: found, pages } = await walkListing(svc, `/${t}/orders?code=X&artGuid=${b}`, 10);
    expect(found).toEqual([needle]);
    expect(pages).toBeGreaterThan(1);
  });
});

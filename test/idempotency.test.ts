/**
 * The Idempotency-Key header on every write that takes it (POST /order, PUT /orders, both
 * DELETEs, POST /shipments): a retry with the key and the same request answers what the first
 * answered (status, body, its request id; `Idempotent-Replayed: true`) and changes nothing, even
 * from another service instance after a restart; the key with another request answers 422; a
 * retry while the first is still running 409; a first request that failed before its change lets
 * a retry go on at once; a wave of shipments cut short resumes where it stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantKeys } from '../src/repositories/keys.js';
import { TenantModel, type ModelOrder } from './support/figures-model.js';
import { eventually, newGuid, newTenantId, startTestService, type TestResponse, type TestService } from './support/harness.js';
import { expectFigures, expectOrder } from './support/model-check.js';
import { holdScript } from './support/script-gate.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const ART = ['c420a0b0-fd50-446a-b2e0-18ab3bf4c460', '4128d10e-1594-42a7-8c79-bde5181a20f5'];
let tick = 0;
const later = () => new Date(Date.UTC(2029, 0, 1) + ++tick * 1000).toISOString();

function order(t: number, lines: [string, number][], orderId = newGuid()): ModelOrder {
  return {
    orderId,
    tenantId: t,
    lastUpdated: later(),
    type: 'Order',
    lines: lines.map(([code, qty], i) => ({ code, artGuid: ART[i % 2]!, qty })),
  };
}

interface Request {
  method: string;
  path: string;
  body?: unknown;
}

const withKey = (key: string) => ({ headers: { 'Idempotency-Key': key } });
const send = (api: TestService, r: Request, key?: string) => api.call(r.method, r.path, r.body, key === undefined ? {} : withKey(key));
const newKey = () => `key-${newGuid()}`;

/**
 * One write route: a tenant prepared for it, the request under test, another request (same route
 * or not) that must not reuse its key, what the first answers, and a write made after the first
 * that a second execution would undo or answer differently.
 */
interface RouteCase {
  name: string;
  /** The script whose call is the change (held to keep the request in flight). */
  script: string;
  prepare(t: number): Promise<{
    request: Request;
    other: Request;
    expected: { status: number; body: unknown };
    interfere(): Promise<void>;
    state(): Promise<unknown>;
  }>;
}

async function post(t: number, o: ModelOrder) {
  expect((await svc.call('POST', `/${t}/order`, o)).status).toBe(200);
}

/** An order as GET answers it (404: undefined). */
const getOrder = (t: number, id: string) =>
  svc.call('GET', `/${t}/order/${id}`).then((r) => (r.status === 404 ? undefined : { status: r.status, body: r.body }));

const ROUTES: RouteCase[] = [
  {
    name: 'POST /{t}/order',
    script: 'upsert-order',
    async prepare(t) {
      const o = order(t, [
        ['A', 2],
        ['B', 1],
      ]);
      return {
        request: { method: 'POST', path: `/${t}/order`, body: o },
        other: { method: 'POST', path: `/${t}/order`, body: { ...o, lines: [{ code: 'A', artGuid: ART[0], qty: 3 }] } },
        expected: { status: 200, body: true },
        // A newer version written since: a second execution would answer false, or be stale.
        interfere: () => post(t, { ...o, lastUpdated: later(), lines: [{ code: 'C', artGuid: ART[1]!, qty: 9 }] }),
        state: () => getOrder(t, o.orderId),
      };
    },
  },
  {
    name: 'PUT /{t}/orders',
    script: 'switch-generation',
    async prepare(t) {
      for (let i = 0; i < 3; i++) await post(t, order(t, [['OLD', 1]]));
      const set = [order(t, [['A', 1]]), order(t, [['B', 2]])];
      const late = order(t, [['LATE', 5]]);
      return {
        request: { method: 'PUT', path: `/${t}/orders`, body: set },
        other: { method: 'PUT', path: `/${t}/orders`, body: set.slice(1) },
        expected: { status: 200, body: { orderCount: 2, removedCount: 3, archive: 'written' } },
        // An order written since the replacement: a second execution would remove it.
        interfere: () => post(t, late),
        state: async () => ({ late: await getOrder(t, late.orderId), figures: (await svc.call('GET', `/${t}/stock-origins`)).body }),
      };
    },
  },
  {
    name: 'DELETE /{t}/order/byid/{orderId}',
    script: 'delete-order',
    async prepare(t) {
      const o = order(t, [['A', 1]]);
      await post(t, o);
      return {
        request: { method: 'DELETE', path: `/${t}/order/byid/${o.orderId}` },
        other: { method: 'DELETE', path: `/${t}/order/byid/${newGuid()}` },
        expected: { status: 200, body: true },
        // Written again since: a second execution would delete it.
        interfere: () => post(t, { ...o, lastUpdated: later() }),
        state: () => getOrder(t, o.orderId),
      };
    },
  },
  {
    name: 'DELETE /{t}/order/byid/{orderId}/code/{code}',
    script: 'delete-order-lines-at-origin',
    async prepare(t) {
      const o = order(t, [
        ['FRA:MAG:1', 1],
        ['B', 2],
      ]);
      await post(t, o);
      return {
        request: { method: 'DELETE', path: `/${t}/order/byid/${o.orderId}/code/FRA%3AMAG%3A1` },
        other: { method: 'DELETE', path: `/${t}/order/byid/${o.orderId}/code/B` },
        expected: { status: 200, body: true },
        interfere: () => post(t, { ...o, lastUpdated: later() }),
        state: () => getOrder(t, o.orderId),
      };
    },
  },
  {
    name: 'POST /{t}/shipments',
    script: 'ship-order-lines',
    async prepare(t) {
      const [a, b] = [
        order(t, [['A', 1]]),
        order(t, [
          ['A', 1],
          ['B', 1],
        ]),
      ];
      await post(t, a);
      await post(t, b);
      const items = [
        { orderId: a.orderId, code: 'A' },
        { orderId: newGuid(), code: 'A' },
        { orderId: b.orderId, code: 'B' },
      ];
      return {
        request: { method: 'POST', path: `/${t}/shipments`, body: items },
        other: { method: 'POST', path: `/${t}/shipments`, body: items.slice(0, 2) },
        expected: { status: 200, body: [true, false, true] },
        interfere: async () => {
          await post(t, { ...a, lastUpdated: later() });
          await post(t, { ...b, lastUpdated: later() });
        },
        state: async () => [await getOrder(t, a.orderId), await getOrder(t, b.orderId)],
      };
    },
  },
];

function expectReplayOf(replay: TestResponse, first: TestResponse) {
  expect({ status: replay.status, body: replay.body }).toEqual({ status: first.status, body: first.body });
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect(replay.headers.get('x-request-id')).toBe(first.headers.get('x-request-id'));
}

describe.each(ROUTES)('Idempotency-Key on $name', (route) => {
  it('a retry answers what the first answered, as the first, and changes nothing', async () => {
    const t = newTenantId();
    const { request, expected, interfere, state } = await route.prepare(t);
    const key = newKey();
    const first = await send(svc, request, key);
    expect({ status: first.status, body: first.body }).toEqual(expected);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    await interfere();
    const before = await state();
    for (let i = 0; i < 2; i++) expectReplayOf(await send(svc, request, key), first);
    expect(await state()).toEqual(before);
    // Without the key the same request is carried out again.
    const again = await send(svc, request);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  it('the key with another request answers 422, on this route or another; keys are per tenant', async () => {
    const t = newTenantId();
    const { request, other, expected, state } = await route.prepare(t);
    const key = newKey();
    expect((await send(svc, request, key)).status).toBe(expected.status);
    const before = await state();
    for (const reuse of [other, { method: 'DELETE', path: `/${t}/order/byid/${newGuid()}` }]) {
      const res = await send(svc, reuse, key);
      expect(res.status, `${reuse.method} ${reuse.path}`).toBe(422);
      expect(res.body.error).toEqual({
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: expect.stringContaining(key),
        requestId: expect.any(String),
      });
    }
    expect(await state()).toEqual(before);
    // The same key on another tenant is another key.
    const u = newTenantId();
    const there = await route.prepare(u);
    const res = await send(svc, there.request, key);
    expect({ status: res.status, body: res.body }).toEqual(there.expected);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a retry while the first still runs answers 409; once it is done, its answer', async () => {
    const t = newTenantId();
    const { request, expected } = await route.prepare(t);
    const key = newKey();
    const gate = holdScript(svc.redis, route.script);
    const first = send(svc, request, key);
    await gate.reached;
    const retry = await send(svc, request, key);
    expect(retry.status, JSON.stringify(retry.body)).toBe(409);
    expect(retry.body.error.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    // Another request with the key is still another request.
    if (route.name !== 'DELETE /{t}/order/byid/{orderId}')
      expect((await send(svc, { method: 'DELETE', path: `/${t}/order/byid/${newGuid()}` }, key)).status).toBe(422);
    gate.release();
    const done = await first;
    expect({ status: done.status, body: done.body }).toEqual(expected);
    expectReplayOf(await send(svc, request, key), done);
  });

  it('a first request that failed before its change lets a retry go on at once, as a first', async () => {
    const t = newTenantId();
    const { request, expected } = await route.prepare(t);
    const key = newKey();
    const gate = holdScript(svc.redis, route.script);
    const first = send(svc, request, key);
    await gate.reached;
    gate.fail();
    expect((await first).status).toBe(503);
    const retry = await send(svc, request, key);
    expect({ status: retry.status, body: retry.body }).toEqual(expected);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expectReplayOf(await send(svc, request, key), retry);
  });
});

describe('Idempotency-Key', () => {
  it('is answered from the record by another service instance, after the first one stopped', async () => {
    const first = await startTestService({ ...svc.redisTarget });
    const cases: { request: Request; answer: TestResponse; key: string }[] = [];
    for (const route of ROUTES) {
      const { request, expected } = await route.prepare(newTenantId());
      const key = newKey();
      const answer = await send(first, request, key);
      expect({ status: answer.status, body: answer.body }, route.name).toEqual(expected);
      cases.push({ request, answer, key });
    }
    await first.close();
    const second = await startTestService({ ...svc.redisTarget });
    try {
      for (const { request, answer, key } of cases) expectReplayOf(await send(second, request, key), answer);
    } finally {
      await second.close();
    }
  });

  it('replays a refusal the first got from its change (a stale write) as it was', async () => {
    const t = newTenantId();
    const o = order(t, [['A', 1]]);
    await post(t, o);
    const stale = { ...o, lastUpdated: new Date(Date.parse(o.lastUpdated) - 1000).toISOString() };
    const key = newKey();
    const first = await send(svc, { method: 'POST', path: `/${t}/order`, body: stale }, key);
    expect(first.status).toBe(409);
    expect(first.body.error.code).toBe('STALE_WRITE');
    expectReplayOf(await send(svc, { method: 'POST', path: `/${t}/order`, body: stale }, key), first);
  });

  it('is not taken by a request refused before any change (400), nor formatting or spelling of the same request', async () => {
    const t = newTenantId();
    const o = order(t, [['FRA:MAG:1', 1]]);
    const key = newKey();
    const refused = await send(svc, { method: 'POST', path: `/${t}/order`, body: { ...o, lines: [] } }, key);
    expect(refused.status).toBe(400);
    const first = await send(svc, { method: 'POST', path: `/${t}/order`, body: o }, key);
    expect(first).toMatchObject({ status: 200, body: true });
    // The same order written with other spellings: key order, upper-case ids, another time zone.
    const respelled = {
      lines: o.lines.map((l) => ({ qty: l.qty, artGuid: l.artGuid.toUpperCase(), code: l.code })),
      type: o.type,
      lastUpdated: o.lastUpdated.replace('Z', '+00:00'),
      tenantId: t,
      orderId: o.orderId.toUpperCase(),
    };
    expectReplayOf(await send(svc, { method: 'POST', path: `/${t}/order`, body: respelled }, key), first);
    // A path with its code percent-encoded or not, its order id in either case, is the same request.
    const deleteKey = newKey();
    const del = await send(svc, { method: 'DELETE', path: `/${t}/order/byid/${o.orderId}/code/FRA%3AMAG%3A1` }, deleteKey);
    expect(del.body).toBe(true);
    expectReplayOf(
      await send(svc, { method: 'DELETE', path: `/${t}/order/byid/${o.orderId.toUpperCase()}/code/FRA:MAG:1` }, deleteKey),
      del,
    );
  });

  it('must be 1 to 255 printable ASCII characters', async () => {
    const t = newTenantId();
    for (const key of ['k'.repeat(256), 'clé', '']) {
      const res = await svc.call('POST', `/${t}/order`, order(t, [['A', 1]]), withKey(key));
      expect(res.status, JSON.stringify(key)).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('idempotency-key');
    }
    for (const key of ['k'.repeat(255), ' ~!"#$%&()*+,-./:;<=>?@[\\]^_`{|}']) {
      expect((await svc.call('POST', `/${t}/order`, order(t, [['A', 1]]), withKey(key))).status, key).toBe(200);
    }
  });

  it('is kept IDEMPOTENCY_TTL, then is a new key', async () => {
    const short = await startTestService({ ...svc.redisTarget, settings: { idempotency: { ttlMs: 60_000, runningMs: 120_000 } } });
    try {
      const t = newTenantId();
      const key = newKey();
      const o = order(t, [['A', 1]]);
      expect((await send(short, { method: 'POST', path: `/${t}/order`, body: o }, key)).body).toBe(true);
      const ttl = await short.redis.pttl(tenantKeys(t).idempotency(key));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
      expect((await send(short, { method: 'POST', path: `/${t}/order`, body: { ...o, lastUpdated: later() } }, key)).status).toBe(422);
      // The TTL runs out (made short rather than waited for: a loaded machine may be slow either way).
      await short.redis.pexpire(tenantKeys(t).idempotency(key), 1);
      await eventually(async () => expect(await short.redis.exists(tenantKeys(t).idempotency(key))).toBe(0));
      const reused = await send(short, { method: 'POST', path: `/${t}/order`, body: { ...o, lastUpdated: later() } }, key);
      expect({ status: reused.status, body: reused.body }).toEqual({ status: 200, body: false });
      expect(reused.headers.get('idempotent-replayed')).toBeNull();
    } finally {
      await short.close();
    }
  });
});

describe('a wave of shipments cut short', () => {
  /** 250 items in three chunks; each of the first chunk's orders has one origin: shipping it twice would answer false. */
  async function wave(t: number, model: TenantModel) {
    const orders: ModelOrder[] = [];
    for (let i = 0; i < 150; i++)
      orders.push(
        order(
          t,
          i % 3 === 0
            ? [
                ['A', 1],
                ['B', 2],
              ]
            : [[i % 2 ? 'A' : 'B', 1]],
        ),
      );
    await Promise.all(orders.map((o) => post(t, o)));
    for (const o of orders) model.upsert(o, Date.now());
    const items = Array.from({ length: 250 }, (_, i) => {
      const o = orders[i % orders.length]!;
      return { orderId: o.orderId, code: i % 5 === 4 ? 'NOWHERE' : o.lines[0]!.code };
    });
    return { orders, items };
  }

  async function linesRemovedEvents(t: number) {
    const entries = (await svc.redis.xrange(tenantKeys(t).events, '-', '+')) as [string, string[]][];
    return entries.filter(([, f]) => f[f.indexOf('type') + 1] === 'order.lines_removed').length;
  }

  it('resumes where it stopped: the chunks done are answered from the record, the rest carried out once', async () => {
    const t = newTenantId();
    const model = new TenantModel(t);
    const { orders, items } = await wave(t, model);
    const expected = model.ship(items, Date.now());
    const removals = items.filter(
      (item, i) => expected[i] && orders.find((o) => o.orderId === item.orderId)!.lines.some((l) => l.code === item.code),
    );
    const key = newKey();
    const request = { method: 'POST', path: `/${t}/shipments`, body: items };
    // The second chunk's call is lost: the first chunk is done and recorded, the rest not.
    const gate = holdScript(svc.redis, 'ship-order-lines', { skip: 1 });
    const first = send(svc, request, key);
    await gate.reached;
    gate.fail();
    expect((await first).status).toBe(503);
    expect(await linesRemovedEvents(t)).toBeLessThan(removals.length);
    const retry = await send(svc, request, key);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(expected);
    // Every line was removed once: one event each, and the orders and figures are the model's.
    expect(await linesRemovedEvents(t)).toBe(new Set(removals.map((r) => `${r.orderId} ${r.code}`)).size);
    for (const o of orders) await expectOrder(svc, t, o.orderId, model.get(o.orderId, Date.now()));
    await expectFigures(svc, t, model.figures(Date.now()), { codes: ['A', 'B', 'NOWHERE'], articles: ART });
    expectReplayOf(await send(svc, request, key), retry);
  });

  it('after a replica died mid-wave: 409 while its hold lasts, then another takes over and resumes', async () => {
    const holdMs = 60_000;
    const dying = await startTestService({ ...svc.redisTarget, settings: { idempotency: { ttlMs: 86_400_000, runningMs: holdMs } } });
    // The replica that takes over runs on a clock of its own: the hold runs out when the test says.
    let ahead = 0;
    const survivor = await startTestService({ ...svc.redisTarget, clock: () => Date.now() + ahead });
    const t = newTenantId();
    const model = new TenantModel(t);
    const { items } = await wave(t, model);
    const expected = model.ship(items, Date.now());
    const key = newKey();
    const request = { method: 'POST', path: `/${t}/shipments`, body: items };
    const gate = holdScript(dying.redis, 'ship-order-lines', { skip: 2 });
    void send(dying, request, key).catch(() => {});
    await gate.reached;
    // The replica dies with the third chunk unsent: it never releases the key.
    await dying.close();
    try {
      const early = await send(survivor, request, key);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('IDEMPOTENCY_KEY_IN_USE');
      ahead = holdMs + 1000;
      const resumed = await send(survivor, request, key);
      expect({ status: resumed.status, body: resumed.body }).toEqual({ status: 200, body: expected });
      expectReplayOf(await send(survivor, request, key), resumed);
    } finally {
      await survivor.close();
    }
  });
});

/**
 * POST /{t}/shipments: a wave of (orderId, code) items, each doing what DELETE
 * /order/byid/{id}/code/{code} does, on its own and in the order given, answered true/false per
 * item; a malformed item refuses the whole request before anything changes. Checked against the
 * client-side model: answers, orders, figures and the events written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from './support/event-stream.js';
import { TenantModel, type ModelOrder } from './support/figures-model.js';
import { newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { expectFigures, expectOrder } from './support/model-check.js';
import { prng, testSeed } from './support/prng.js';

const SEED = testSeed();
let now = Date.UTC(2030, 3, 1);
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ clock: () => now });
});
afterAll(() => svc.close());

const CODES = ['FRA:MAG:1', 'FRA:MAG:2', 'BEL/3', '*'];
const iso = (ms: number) => new Date(ms).toISOString();

const events = (t: number) => readEvents(svc.redis, t);

async function seed(t: number, model: TenantModel, count: number, articles: string[], r = prng(SEED)): Promise<ModelOrder[]> {
  const orders: ModelOrder[] = [];
  for (let i = 0; i < count; i++) {
    const order: ModelOrder = {
      orderId: r.guid(),
      tenantId: t,
      lastUpdated: iso(now - 1000 * i),
      type: r.pick(['Order', 'Cart', 'ExternalOrder'] as const),
      lines: Array.from({ length: r.int(1, 4) }, () => ({ code: r.pick(CODES), artGuid: r.pick(articles), qty: r.int(1, 9) })),
    };
    model.upsert(order, now);
    orders.push(order);
    expect((await svc.call('POST', `/${t}/order`, order)).status).toBe(200);
  }
  return orders;
}

async function expectModel(t: number, model: TenantModel, ids: string[], articles: string[]) {
  for (const id of ids) await expectOrder(svc, t, id, model.get(id, now));
  await expectFigures(svc, t, model.figures(now), { codes: CODES, articles });
}

describe('POST /{t}/shipments', () => {
  it('answers per item, in order, what each delete by origin answers, the items applied one after the other', async () => {
    const t = newTenantId();
    const model = new TenantModel(t);
    const articles = [newGuid(), newGuid(), newGuid()];
    const [two, one, untouched] = [
      {
        orderId: newGuid(),
        tenantId: t,
        lastUpdated: iso(now),
        type: 'Order' as const,
        lines: [
          { code: 'A', artGuid: articles[0]!, qty: 2 },
          { code: 'B', artGuid: articles[1]!, qty: 3 },
        ],
      },
      {
        orderId: newGuid(),
        tenantId: t,
        lastUpdated: iso(now),
        type: 'Cart' as const,
        lines: [{ code: 'A', artGuid: articles[2]!, qty: 1 }],
      },
      {
        orderId: newGuid(),
        tenantId: t,
        lastUpdated: iso(now),
        type: 'Order' as const,
        lines: [{ code: 'B', artGuid: articles[0]!, qty: 4 }],
      },
    ];
    for (const o of [two, one, untouched]) {
      model.upsert(o, now);
      await svc.call('POST', `/${t}/order`, o);
    }
    const missing = newGuid();
    const items = [
      { orderId: two.orderId, code: 'A' }, // true: its A line goes, B stays
      { orderId: two.orderId, code: 'A' }, // true: the order is there, nothing left at A
      { orderId: missing, code: 'A' }, // false: no such order
      { orderId: one.orderId, code: 'A' }, // true: its only line: the order is deleted
      { orderId: one.orderId, code: 'A' }, // false: deleted by the item before
      { orderId: untouched.orderId, code: 'NOWHERE' }, // true: nothing there, the order unchanged
      { orderId: two.orderId.toUpperCase(), code: 'B' }, // true: ids in any case; the order goes
    ];
    const res = await svc.call('POST', `/${t}/shipments`, items);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual(
      model.ship(
        items.map((i) => ({ ...i, orderId: i.orderId.toLowerCase() })),
        now,
      ),
    );
    expect(res.body).toEqual([true, true, false, true, false, true, true]);
    await expectModel(t, model, [two.orderId, one.orderId, untouched.orderId, missing], articles);
    // Each item that removed lines told it once.
    const removed = (await events(t)).filter((e) => e.type === 'order.lines_removed');
    expect(removed.map((e) => [e.data.orderId, e.data.code, e.data.order === null])).toEqual([
      [two.orderId, 'A', false],
      [one.orderId, 'A', true],
      [two.orderId, 'B', true],
    ]);
  });

  it('handles a wave of 1000 items across chunks against the model, an expired order answering false', async ({ onTestFailed }) => {
    onTestFailed(() => console.error(`shipments (wave): replay with TEST_SEED=${SEED}`));
    const t = newTenantId();
    const model = new TenantModel(t);
    const articles = [newGuid(), newGuid(), newGuid(), newGuid()];
    const r = prng(SEED);
    const orders = await seed(t, model, 150, articles, r);
    const expiring: ModelOrder = {
      orderId: newGuid(),
      tenantId: t,
      lastUpdated: iso(now),
      expiresAt: iso(now + 1000),
      type: 'Cart',
      lines: [{ code: 'A', artGuid: articles[0]!, qty: 1 }],
    };
    model.upsert(expiring, now);
    await svc.call('POST', `/${t}/order`, expiring);
    now += 1000;
    const ids = [...orders.map((o) => o.orderId), newGuid(), newGuid(), expiring.orderId];
    const items = Array.from({ length: 1000 }, (_, i) =>
      i === 0 ? { orderId: expiring.orderId, code: 'A' } : { orderId: r.pick(ids), code: r.pick([...CODES, 'ELSEWHERE']) },
    );
    const expected = model.ship(items, now);
    const res = await svc.call('POST', `/${t}/shipments`, items);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expected);
    expect(res.body[0]).toBe(false);
    expect(expected.filter((x) => x).length).toBeGreaterThan(100);
    expect(expected.filter((x) => !x).length).toBeGreaterThan(50);
    await expectModel(t, model, ids, articles);
  });

  it('refuses the whole wave with 400, naming the item, when one item is malformed: nothing changes', async () => {
    const t = newTenantId();
    const model = new TenantModel(t);
    const articles = [newGuid(), newGuid()];
    const orders = await seed(t, model, 20, articles);
    const good = Array.from({ length: 999 }, (_, i) => ({ orderId: orders[i % orders.length]!.orderId, code: CODES[i % CODES.length]! }));
    const eventsBefore = (await events(t)).length;
    const cases: [unknown, string][] = [
      [[...good, { orderId: 'not-a-guid', code: 'A' }], '[999].orderId'],
      [[{ orderId: orders[0]!.orderId }, ...good], '[0].code'],
      [[...good.slice(0, 10), { orderId: orders[0]!.orderId, code: 'A\u0007' }], '[10].code'],
      [[...good.slice(0, 10), { orderId: orders[0]!.orderId, code: '' }], '[10].code'],
      [[...good.slice(0, 10), { orderId: orders[0]!.orderId, code: 'x'.repeat(129) }], '[10].code'],
      [[...good.slice(0, 3), null], '[3]'],
      [[...good, good[0], good[1]], ''],
      [[], ''],
      [{ orderId: orders[0]!.orderId, code: 'A' }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await svc.call('POST', `/${t}/shipments`, body);
      expect(res.status, field).toBe(400);
      expect(res.body.error.code, field).toBe('VALIDATION_FAILED');
      if (field)
        expect(
          res.body.error.details.map((d: { path: string }) => d.path),
          field,
        ).toContain(field);
    }
    for (const raw of ['[{"orderId":', 'not json']) expect((await svc.call('POST', `/${t}/shipments`, raw)).status).toBe(400);
    expect((await events(t)).length, 'no event').toBe(eventsBefore);
    await expectModel(
      t,
      model,
      orders.map((o) => o.orderId),
      articles,
    );
    // The same wave without the bad item goes through; unknown fields are ignored.
    const res = await svc.call(
      'POST',
      `/${t}/shipments`,
      good.map((g) => ({ ...g, note: 'ignored' })),
    );
    expect(res.body).toEqual(model.ship(good, now));
    await expectModel(
      t,
      model,
      orders.map((o) => o.orderId),
      articles,
    );
  });
});

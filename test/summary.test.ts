/**
 * GET /{t}/summary, the tenant's key figures from its counters, against the client-side model
 * through creations, redefinitions, shipments, deletes, expiries and a replacement; its pending
 * changes and last sync; and GET /admin/tenants, every tenant with its summary and sync flag,
 * page by page, for the admin key only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryOf, TenantModel, type ModelOrder } from './support/figures-model.js';
import { newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { expectSummary } from './support/model-check.js';
import { prng, testSeed } from './support/prng.js';

const SEED = testSeed();
const HOUR = 3_600_000;
let now = Date.UTC(2030, 6, 1);
const iso = (ms: number) => new Date(ms).toISOString();

describe('GET /{t}/summary', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ clock: () => now });
  });
  afterAll(() => svc.close());

  it('answers zeros and no sync for a tenant with nothing', async () => {
    const res = await svc.call('GET', `/${newTenantId()}/summary`);
    expect(res.body).toEqual({
      orders: 0,
      carts: 0,
      externalOrders: 0,
      lines: 0,
      reservedQty: 0,
      origins: 0,
      articles: 0,
      expiringWithinHour: 0,
      pendingChanges: 0,
      lastSync: null,
    });
  });

  it('counts what the live orders add up to, through every kind of write and expiry, and the changes pending since the last sync', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => console.error(`summary: replay with TEST_SEED=${SEED}`));
    const t = newTenantId();
    const model = new TenantModel(t);
    const r = prng(SEED);
    const codes = ['A', 'B', 'C', 'D'];
    const articles = Array.from({ length: 5 }, () => r.guid());
    let tick = 0;
    const draft = (orderId = r.guid()): ModelOrder => {
      const o: ModelOrder = {
        orderId,
        tenantId: t,
        lastUpdated: iso(Date.UTC(2029, 0, 1) + ++tick * 1000),
        type: r.pick(['Order', 'Cart', 'ExternalOrder'] as const),
        lines: Array.from({ length: r.int(1, 4) }, () => ({ code: r.pick(codes), artGuid: r.pick(articles), qty: r.int(1, 100) })),
      };
      const roll = r.next();
      // Expiring within the hour (the hour's end included), later, or never.
      if (roll < 0.3) o.expiresAt = iso(now + r.int(1, 60) * 60_000);
      else if (roll < 0.4) o.expiresAt = iso(now + HOUR);
      else if (roll < 0.5) o.expiresAt = iso(now + HOUR + 1);
      else if (roll < 0.7) o.expiresAt = iso(now + r.int(2, 48) * HOUR);
      return o;
    };
    const pending = new Set<string>();
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const o = draft();
      ids.push(o.orderId);
      model.upsert(o, now);
      pending.add(o.orderId);
      expect((await svc.call('POST', `/${t}/order`, o)).status).toBe(200);
    }
    // One order expiring in ten minutes that the random writes below leave alone, so that the clock
    // always has one to expire, whatever the seed (some seeds touch every order that expires first).
    const soon: ModelOrder = {
      orderId: newGuid(),
      tenantId: t,
      lastUpdated: iso(Date.UTC(2029, 0, 1)),
      type: 'Cart',
      expiresAt: iso(now + 10 * 60_000),
      lines: [{ code: 'A', artGuid: articles[0]!, qty: 1 }],
    };
    model.upsert(soon, now);
    pending.add(soon.orderId);
    expect((await svc.call('POST', `/${t}/order`, soon)).status).toBe(200);
    const first = await expectSummary(svc, t, summaryOf(model.liveOrders(now), now));
    expect(first).toEqual({ pendingChanges: pending.size, lastSync: null });
    expect(summaryOf(model.liveOrders(now), now).expiringWithinHour).toBeGreaterThan(5);

    const synced = await svc.call('POST', '/admin/sync', { tenantId: t });
    expect(synced.status).toBe(200);
    pending.clear();
    const afterSync = await expectSummary(svc, t, summaryOf(model.liveOrders(now), now));
    expect(afterSync).toEqual({
      pendingChanges: 0,
      lastSync: expect.objectContaining({ tenantId: t, status: 'synced', mode: 'full', ordersWritten: 61, startedAt: iso(now) }),
    });

    // Redefinitions (types and lines change), shipments, deletes, a stale write, a delete of nothing.
    for (let i = 0; i < 40; i++) {
      const id = r.pick(ids);
      const roll = r.next();
      if (roll < 0.4) {
        const o = draft(id);
        if (model.upsert(o, now).status === 200) pending.add(id);
        await svc.call('POST', `/${t}/order`, o);
      } else if (roll < 0.7) {
        const code = r.pick(codes);
        const had = model.get(id, now)?.lines.some((l) => l.code === code);
        model.deleteLinesAt(id, code, now);
        if (had) pending.add(id);
        await svc.call('DELETE', `/${t}/order/byid/${id}/code/${code}`);
      } else {
        model.delete(id, now);
        pending.add(id);
        await svc.call('DELETE', `/${t}/order/byid/${id}`);
      }
    }
    const stale = { ...draft(ids[0]), lastUpdated: iso(Date.UTC(2028, 0, 1)) };
    if (model.get(ids[0]!, now)) {
      expect(model.upsert(stale, now)).toEqual({ status: 409 });
      expect((await svc.call('POST', `/${t}/order`, stale)).status).toBe(409);
    }
    ids.push(soon.orderId);
    const nothing = newGuid();
    expect((await svc.call('DELETE', `/${t}/order/byid/${nothing}`)).body).toBe(false);
    pending.add(nothing); // a delete is recorded even when Redis has no such order (docs/api.md, "Deletes win")
    expect((await expectSummary(svc, t, summaryOf(model.liveOrders(now), now))).pendingChanges).toBe(pending.size);

    // Half an hour later: what expired is gone from every figure; the next hour is another one.
    now += HOUR / 2;
    const live = model.liveOrders(now);
    const expired = ids.filter((id) => !live.some((o) => o.orderId === id) && !pending.has(id));
    for (const id of ids) if (!live.some((o) => o.orderId === id)) pending.add(id);
    const later = await expectSummary(svc, t, summaryOf(live, now));
    expect(expired.length, 'orders expired by the clock').toBeGreaterThan(0);
    expect(later.pendingChanges).toBe(pending.size);

    // A replacement of the whole set: the figures are the new set's.
    const set = Array.from({ length: 7 }, () => draft());
    model.replaceAll(set, now);
    expect((await svc.call('PUT', `/${t}/orders`, set)).status).toBe(200);
    await expectSummary(svc, t, summaryOf(model.liveOrders(now), now));
  });
});

describe('GET /admin/tenants', () => {
  // A Redis of its own: the listing is of every tenant, and other test files add theirs.
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ ownRedis: true, clock: () => now });
  });
  afterAll(() => svc.close());

  it('lists every tenant once, by id, page by page, with its summary and sync flag', async () => {
    const tenants = Array.from({ length: 7 }, () => newTenantId()).sort((a, b) => a - b);
    const models = new Map(tenants.map((t) => [t, new TenantModel(t)]));
    const [withOrders, alsoConfigured, configuredOnly, capacityOnly] = [tenants.slice(0, 4), tenants[4]!, tenants[5]!, tenants[6]!];
    for (const t of [...withOrders, alsoConfigured]) {
      for (let i = 0; i < 3; i++) {
        const o: ModelOrder = {
          orderId: newGuid(),
          tenantId: t,
          lastUpdated: iso(now),
          type: i === 0 ? 'Cart' : 'Order',
          lines: [{ code: `C${i}`, artGuid: newGuid(), qty: i + 1 }],
        };
        models.get(t)!.upsert(o, now);
        expect((await svc.call('POST', `/${t}/order`, o)).status).toBe(200);
      }
    }
    await svc.call('PUT', `/${alsoConfigured}/config`, { enableInternalOrderSync: false });
    await svc.call('PUT', `/${configuredOnly}/config`, { enableInternalOrderSync: false });
    await svc.call('PUT', `/${capacityOnly}/stock-origins/X/capacity`, { maxQty: 5, maxLines: null, maxOrders: null });
    await svc.call('POST', '/admin/sync', { tenantId: withOrders[0] });

    const listed: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: any } = await svc.call('GET', `/admin/tenants?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.tenants.length).toBeLessThanOrEqual(2);
      listed.push(...res.body.tenants);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor !== null && pages < 20);
    expect(listed.map((x) => x.tenantId)).toEqual(tenants);
    for (const entry of listed) {
      const t = entry.tenantId as number;
      const { tenantId, enableInternalOrderSync, pendingChanges, lastSync, ...figures } = entry;
      expect(figures, `tenant ${t}`).toEqual(summaryOf(models.get(t)!.liveOrders(now), now));
      expect(enableInternalOrderSync, `tenant ${t}`).toBe(![alsoConfigured, configuredOnly].includes(t));
      expect(lastSync === null, `tenant ${t}`).toBe(t !== withOrders[0]);
      expect(pendingChanges).toBe(t === withOrders[0] || !withOrders.concat(alsoConfigured).includes(t) ? 0 : 3);
      // Each entry is what the tenant's own summary says.
      const own = (await svc.call('GET', `/${t}/summary`)).body;
      expect({ ...figures, pendingChanges, lastSync }).toEqual(own);
    }
    // All in one page.
    const whole = await svc.call('GET', '/admin/tenants?limit=1000');
    expect(whole.body).toEqual({ tenants: listed, nextCursor: null });
    // A cursor is where the last page stopped.
    const after = await svc.call('GET', `/admin/tenants?cursor=${tenants[2]}`);
    expect(after.body.tenants.map((x: { tenantId: number }) => x.tenantId)).toEqual(tenants.slice(3));
  });

  it('refuses a wrong limit or cursor, and any key but the admin key', async () => {
    for (const query of ['limit=0', 'limit=1001', 'limit=two', 'cursor=abc', 'cursor=-1', 'cursor=12345678901']) {
      const res = await svc.call('GET', `/admin/tenants?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const t = newTenantId();
    const key = (await svc.call('POST', `/admin/tenants/${t}/api-keys`)).body.key as string;
    await svc.call(
      'POST',
      `/${t}/order`,
      { orderId: newGuid(), tenantId: t, lastUpdated: iso(now), type: 'Order', lines: [{ code: 'A', artGuid: newGuid(), qty: 1 }] },
      { key },
    );
    const res = await svc.call('GET', '/admin/tenants', undefined, { key });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.body)).not.toContain(String(t));
    expect((await svc.call('GET', '/admin/tenants', undefined, { key: null })).status).toBe(401);
  });
});

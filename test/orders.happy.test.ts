import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

describe('POST /{tenantId}/order', () => {
  it('answers true when it creates the order and false when it redefines it', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    expect(await svc.call('POST', `/${t}/order`, order)).toMatchObject({ status: 200, body: true });
    const redefined = { ...order, lastUpdated: '2025-09-22T11:00:00.000Z', lines: [{ code: 'BEL:ENT:1', artGuid: newGuid(), qty: 7 }] };
    expect(await svc.call('POST', `/${t}/order`, redefined)).toMatchObject({ status: 200, body: false });
    const stored = await svc.call('GET', `/${t}/order/${order.orderId}`);
    expect(stored.body).toEqual(redefined);
  });

  it('accepts a write with the same lastUpdated as the stored one', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    await svc.call('POST', `/${t}/order`, order);
    expect(await svc.call('POST', `/${t}/order`, order)).toMatchObject({ status: 200, body: false });
  });

  it('normalises dates with offsets and GUID case, and answers the contract example as sent', async () => {
    const t = newTenantId();
    const order = makeOrder(t, {
      orderId: '3FA85F64-5717-4562-B3FC-2C963F66AFA6',
      lastUpdated: '2025-09-22T12:01:20.624+02:00',
      expiresAt: '2099-09-23T11:01:20.624Z',
      type: 'Cart',
    });
    await svc.call('POST', `/${t}/order`, order);
    const got = await svc.call('GET', `/${t}/order/3fa85f64-5717-4562-b3fc-2c963f66afa6`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      ...order,
      orderId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      lastUpdated: '2025-09-22T10:01:20.624Z',
    });
  });

  it('treats expiresAt: null as no expiry', async () => {
    const t = newTenantId();
    const order = { ...makeOrder(t), expiresAt: null };
    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    const got = await svc.call('GET', `/${t}/order/${order.orderId}`);
    expect(got.body).not.toHaveProperty('expiresAt');
  });

  it('keeps the same origin and article on several lines', async () => {
    const t = newTenantId();
    const art = newGuid();
    const order = makeOrder(t, {
      lines: [
        { code: 'A', artGuid: art, qty: 1 },
        { code: 'A', artGuid: art, qty: 2 },
      ],
    });
    await svc.call('POST', `/${t}/order`, order);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body.lines).toEqual(order.lines);
    expect((await svc.call('GET', `/${t}/stock-origins/A`)).body).toEqual({
      code: 'A',
      reservedQty: 3,
      lineCount: 2,
      orderCount: 1,
      capacity: null,
      saturation: null,
      articles: [{ artGuid: art, qty: 3, onHand: null, available: null }],
    });
  });
});

describe('GET /{tenantId}/order/{orderId}', () => {
  it("does not show another tenant's order: it answers like a missing one", async () => {
    const t = newTenantId();
    const other = newTenantId();
    const order = makeOrder(t);
    await svc.call('POST', `/${t}/order`, order);
    const res = await svc.call('GET', `/${other}/order/${order.orderId}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('finds, ships and deletes an order by its id written in upper case', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    await svc.call('POST', `/${t}/order`, order);
    const upper = order.orderId.toUpperCase();
    expect((await svc.call('GET', `/${t}/order/${upper}`)).body).toEqual(order);
    expect((await svc.call('DELETE', `/${t}/order/byid/${upper}/code/FRA:MAG:0125`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body.lines).toEqual([order.lines[1]]);
    expect((await svc.call('DELETE', `/${t}/order/byid/${upper}`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
  });
});

describe('DELETE /{tenantId}/order/byid/{orderId}', () => {
  it('answers true when found and deleted, then false', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    await svc.call('POST', `/${t}/order`, order);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}`)).body).toBe(false);
  });
});

describe('DELETE /{tenantId}/order/byid/{orderId}/code/{code}', () => {
  it("removes the origin's lines, keeps the others, and answers true", async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    await svc.call('POST', `/${t}/order`, order);
    const res = await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/FRA:MAG:0125`);
    expect(res).toMatchObject({ status: 200, body: true });
    const got = await svc.call('GET', `/${t}/order/${order.orderId}`);
    expect(got.body.lines).toEqual([order.lines[1]]);
    expect(got.body.lastUpdated).toBe(order.lastUpdated);
  });

  it('accepts the code percent-encoded', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    await svc.call('POST', `/${t}/order`, order);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/FRA%3AMAG%3A0953`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body.lines).toEqual([order.lines[0]]);
  });

  it('handles codes with slashes, spaces and unicode when percent-encoded', async () => {
    const t = newTenantId();
    const code = 'FR/Entrepôt Nord #1';
    const order = makeOrder(t, {
      lines: [
        { code, artGuid: newGuid(), qty: 1 },
        { code: 'B', artGuid: newGuid(), qty: 1 },
      ],
    });
    await svc.call('POST', `/${t}/order`, order);
    expect((await svc.call('GET', `/${t}/stock-origins/${encodeURIComponent(code)}`)).body.reservedQty).toBe(1);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/${encodeURIComponent(code)}`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body.lines.map((l: any) => l.code)).toEqual(['B']);
  });

  it('deletes an order left without lines', async () => {
    const t = newTenantId();
    const order = makeOrder(t, { lines: [{ code: 'ONLY', artGuid: newGuid(), qty: 4 }] });
    await svc.call('POST', `/${t}/order`, order);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/ONLY`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}`)).body).toBe(false);
  });

  it('answers true for an existing order without lines at that origin, false for a missing order', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    await svc.call('POST', `/${t}/order`, order);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/NOWHERE`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body.lines).toHaveLength(2);
    expect((await svc.call('DELETE', `/${t}/order/byid/${newGuid()}/code/NOWHERE`)).body).toBe(false);
  });
});

describe('PUT /{tenantId}/orders', () => {
  it("replaces every order of the tenant and only that tenant's", async () => {
    const t = newTenantId();
    const other = newTenantId();
    const old = [makeOrder(t), makeOrder(t), makeOrder(t)];
    for (const o of old) await svc.call('POST', `/${t}/order`, o);
    const bystander = makeOrder(other);
    await svc.call('POST', `/${other}/order`, bystander);

    const kept = { ...old[0]!, lastUpdated: '2025-10-01T00:00:00.000Z' };
    const fresh = makeOrder(t, { lines: [{ code: 'NEW', artGuid: newGuid(), qty: 5 }] });
    const res = await svc.call('PUT', `/${t}/orders`, [kept, fresh]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orderCount: 2, removedCount: 2 });
    expect(['written', 'pending']).toContain(res.body.archive);

    expect((await svc.call('GET', `/${t}/order/${old[1]!.orderId}`)).status).toBe(404);
    expect((await svc.call('GET', `/${t}/order/${kept.orderId}`)).body).toEqual(kept);
    expect((await svc.call('GET', `/${t}/order/${fresh.orderId}`)).body).toEqual(fresh);
    expect((await svc.call('GET', `/${other}/order/${bystander.orderId}`)).status).toBe(200);
    const origins = (await svc.call('GET', `/${t}/stock-origins`)).body;
    expect(origins.origins.map((o: any) => [o.code, o.reservedQty])).toEqual([
      ['NEW', 5],
      ['FRA:MAG:0953', 2],
      ['FRA:MAG:0125', 1],
    ]);
  });

  it('accepts an empty array: the tenant has no orders left', async () => {
    const t = newTenantId();
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    expect((await svc.call('PUT', `/${t}/orders`, [])).body).toMatchObject({ orderCount: 0, removedCount: 1 });
    expect((await svc.call('GET', `/${t}/stock-origins`)).body).toEqual({ total: 0, origins: [] });
  });
});

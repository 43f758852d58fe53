import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const fields = (res: { body: any }) => res.body.error.details.map((d: { path: string }) => d.path);

describe('validation: 400 with a JSON body naming the field, and nothing stored', () => {
  it.each([
    ['orderId', { orderId: 'not-a-guid' }],
    ['tenantId', { tenantId: -1 }],
    ['lastUpdated', { lastUpdated: 'yesterday' }],
    ['expiresAt', { expiresAt: '2025-13-01T00:00:00Z' }],
    ['type', { type: 'Basket' }],
    ['lines', { lines: [] }],
    ['lines[1].qty', { lines: [makeOrder(0).lines[0], { code: 'X', artGuid: newGuid(), qty: 0 }] }],
    ['lines[0].qty', { lines: [{ code: 'X', artGuid: newGuid(), qty: 1.5 }] }],
    ['lines[0].qty', { lines: [{ code: 'X', artGuid: newGuid(), qty: 1e300 }] }],
    ['lines[0].code', { lines: [{ code: '', artGuid: newGuid(), qty: 1 }] }],
    ['lines[0].code', { lines: [{ code: 'A\nB', artGuid: newGuid(), qty: 1 }] }],
    ['lines[0].artGuid', { lines: [{ code: 'A', artGuid: 'nope', qty: 1 }] }],
  ])('refuses a bad %s', async (field, patch) => {
    const t = newTenantId();
    const order = { ...makeOrder(t), ...patch };
    const res = await svc.call('POST', `/${t}/order`, order);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
    expect(fields(res)).toContain(field);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).not.toBe(200);
  });

  it.each(['orderId', 'tenantId', 'lastUpdated', 'type', 'lines'])('requires %s', async (field) => {
    const t = newTenantId();
    const order: Record<string, unknown> = { ...makeOrder(t) };
    delete order[field];
    const res = await svc.call('POST', `/${t}/order`, order);
    expect(res.status).toBe(400);
    expect(fields(res)).toContain(field);
  });

  it("refuses a body whose tenantId is not the path's", async () => {
    const t = newTenantId();
    const order = makeOrder(t + 1);
    const res = await svc.call('POST', `/${t}/order`, order);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('TENANT_MISMATCH');
    expect(fields(res)).toEqual(['tenantId']);
    expect((await svc.call('GET', `/${t + 1}/order/${order.orderId}`)).status).toBe(404);
  });

  it('refuses a bad tenant id or order id in the path', async () => {
    expect(fields(await svc.call('GET', `/abc/order/${newGuid()}`))).toEqual(['tenantId']);
    const badTenant = await svc.call('GET', `/99999999999/order/${newGuid()}`);
    expect(badTenant.status).toBe(400);
    expect(fields(badTenant)).toContain('tenantId');
    const badOrder = await svc.call('GET', `/1/order/not-a-guid`);
    expect(badOrder.status).toBe(400);
    expect(fields(badOrder)).toContain('orderId');
  });

  it('answers malformed JSON with 400 and a JSON error', async () => {
    const t = newTenantId();
    const res = await svc.call('POST', `/${t}/order`, '{"orderId": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_REQUEST');
  });

  it('answers a non-JSON content type with 415', async () => {
    const t = newTenantId();
    const res = await svc.call('POST', `/${t}/order`, JSON.stringify(makeOrder(t)), { headers: { 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await svc.call('GET', '/1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('refusals of the other routes', () => {
  it('names the wrong path segment or body field', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', '/1/articles/not-a-guid', undefined, 'artGuid'],
      ['GET', `/1/stock-origins/${'x'.repeat(129)}`, undefined, 'code'],
      ['GET', '/1/stock-origins/A%00B', undefined, 'code'],
      ['GET', '/1/stock-origins?limit=100000', undefined, 'limit'],
      ['POST', '/admin/sync', { tenantId: 'one' }, 'tenantId'],
      ['POST', '/admin/sync', { full: 'yes' }, 'full'],
      ['POST', '/admin/restore', { force: 1 }, 'force'],
      ['GET', '/admin/sync?limit=0', undefined, 'limit'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await svc.call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(fields(res), `${method} ${path}`).toContain(field);
    }
  });
});

describe('PUT /{tenantId}/orders refusals', () => {
  it('refuses the whole set when one element is invalid, and changes nothing', async () => {
    const t = newTenantId();
    const existing = makeOrder(t);
    await svc.call('POST', `/${t}/order`, existing);
    const res = await svc.call('PUT', `/${t}/orders`, [
      makeOrder(t),
      { ...makeOrder(t), lines: [{ code: 'A', artGuid: newGuid(), qty: -2 }] },
    ]);
    expect(res.status).toBe(400);
    expect(fields(res)).toContain('[1].lines[0].qty');
    expect((await svc.call('GET', `/${t}/order/${existing.orderId}`)).status).toBe(200);
    expect((await svc.call('GET', `/${t}/stock-origins`)).body.total).toBe(2);
  });

  it('refuses duplicate orderIds and elements of another tenant', async () => {
    const t = newTenantId();
    const a = makeOrder(t);
    const dup = await svc.call('PUT', `/${t}/orders`, [a, makeOrder(t), { ...a }]);
    expect(dup.status).toBe(400);
    expect(fields(dup)).toEqual(['[2].orderId']);
    const foreign = await svc.call('PUT', `/${t}/orders`, [a, makeOrder(t + 1)]);
    expect(foreign.status).toBe(400);
    expect(fields(foreign)).toEqual(['[1].tenantId']);
    expect((await svc.call('GET', `/${t}/order/${a.orderId}`)).status).toBe(404);
  });

  it('refuses a body that is not an array', async () => {
    const t = newTenantId();
    const res = await svc.call('PUT', `/${t}/orders`, makeOrder(t));
    expect(res.status).toBe(400);
  });

  it.each([
    'application/json; charset=utf-8',
    'application/merge-patch+json',
    'application/vnd.v2+json',
    'application/json ; charset=utf-8',
    'application/json;',
    'text/plain',
  ])('takes or refuses the type %s as POST /order does, for a small body and one over 1 MiB', async (type) => {
    const t = newTenantId();
    const headers = { 'Content-Type': type };
    const invalid = { ...makeOrder(t), lines: [{ code: 'A', artGuid: newGuid(), qty: 0 }] };
    const answer = (res: { status: number; body: any }) => ({
      status: res.status,
      code: res.body.error.code,
      message: res.status === 415 ? res.body.error.message : '',
    });
    const post = answer(await svc.call('POST', `/${t}/order`, invalid, { headers }));
    expect([400, 415]).toContain(post.status);
    const large = [...Array.from({ length: 4000 }, () => makeOrder(t)), invalid];
    expect(JSON.stringify(large).length).toBeGreaterThan(1024 * 1024);
    expect(answer(await svc.call('PUT', `/${t}/orders`, [invalid], { headers }))).toEqual(post);
    expect(answer(await svc.call('PUT', `/${t}/orders`, large, { headers }))).toEqual(post);
  });

  it('answers 503 TENANT_BUSY with Retry-After while another operation holds the tenant, and changes nothing', async () => {
    const busy = await startTestService({ settings: { sync: { replaceLockWaitMs: 200 } } });
    try {
      const t = newTenantId();
      const existing = makeOrder(t);
      await busy.call('POST', `/${t}/order`, existing);
      const lease = await busy.services.locks.tryAcquire(t);
      expect(lease).not.toBeNull();
      const res = await busy.call('PUT', `/${t}/orders`, [makeOrder(t)]);
      await lease!.release();
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.body.error).toEqual({
        code: 'TENANT_BUSY',
        message: `tenant ${t} is being replaced or synced; retry shortly`,
        requestId: res.headers.get('x-request-id'),
        details: { retryAfterSeconds: 1 },
      });
      expect((await busy.call('GET', `/${t}/order/${existing.orderId}`)).status).toBe(200);
    } finally {
      await busy.close();
    }
  });
});

describe('out-of-order writes', () => {
  it('refuses with 409 an upsert older than the stored order, and changes nothing', async () => {
    const t = newTenantId();
    const order = makeOrder(t, { lastUpdated: '2025-09-22T10:00:00.000Z' });
    await svc.call('POST', `/${t}/order`, order);
    const stale = { ...order, lastUpdated: '2025-09-22T09:59:59.999Z', lines: [{ code: 'Z', artGuid: newGuid(), qty: 9 }] };
    const res = await svc.call('POST', `/${t}/order`, stale);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('STALE_WRITE');
    expect(res.body.error.details).toEqual({ storedLastUpdated: order.lastUpdated, receivedLastUpdated: stale.lastUpdated });
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    expect((await svc.call('GET', `/${t}/stock-origins/Z`)).body.reservedQty).toBe(0);
  });

  it('compares instants, not strings, across time zones', async () => {
    const t = newTenantId();
    const order = makeOrder(t, { lastUpdated: '2025-09-22T10:00:00.000Z' });
    await svc.call('POST', `/${t}/order`, order);
    // 11:30+02:00 is 09:30Z: older
    expect((await svc.call('POST', `/${t}/order`, { ...order, lastUpdated: '2025-09-22T11:30:00+02:00' })).status).toBe(409);
    // 09:30-01:00 is 10:30Z: newer
    expect((await svc.call('POST', `/${t}/order`, { ...order, lastUpdated: '2025-09-22T09:30:00-01:00' })).body).toBe(false);
  });
});

describe('authentication', () => {
  it.each([
    ['GET', '/1/order/3fa85f64-5717-4562-b3fc-2c963f66afa6'],
    ['POST', '/1/order'],
    ['PUT', '/1/orders'],
    ['DELETE', '/1/order/byid/3fa85f64-5717-4562-b3fc-2c963f66afa6'],
    ['DELETE', '/1/order/byid/3fa85f64-5717-4562-b3fc-2c963f66afa6/code/A'],
    ['GET', '/1/stock-origins'],
    ['GET', '/1/stock-origins/A'],
    ['GET', '/1/articles/3fa85f64-5717-4562-b3fc-2c963f66afa6'],
    ['GET', '/1/config'],
    ['PUT', '/1/config'],
    ['GET', '/1/sync'],
    ['POST', '/admin/sync'],
    ['GET', '/admin/sync'],
    ['POST', '/admin/restore'],
  ])('%s %s answers 401 without a key or with a wrong one', async (method, path) => {
    const none = await svc.call(method, path, undefined, { key: null });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHORIZED');
    const wrong = await svc.call(method, path, undefined, { key: 'not-the-admin-key-at-all' });
    expect(wrong.status).toBe(401);
  });

  it('leaves health, readiness and the API document public', async () => {
    for (const path of ['/health', '/ready', '/openapi.json']) {
      expect((await svc.call('GET', path, undefined, { key: null })).status).toBe(200);
    }
  });
});

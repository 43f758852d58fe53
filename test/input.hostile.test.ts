import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../src/domain/order.js';
import { makeOrder, newGuid, newTenantId, startTestService, type TestResponse, type TestService } from './support/harness.js';

const MiB = 1024 * 1024;
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ settings: { orderBodyLimitBytes: MiB, replaceBodyLimitBytes: 3 * MiB } });
});
afterAll(() => svc.close());

/** A refusal: a 4xx with the one JSON error body, its request id that of the response header. */
function expectRefusal(res: TestResponse, status?: number) {
  if (status !== undefined) expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.body.error).toMatchObject({
    code: expect.any(String),
    message: expect.any(String),
    requestId: res.headers.get('x-request-id'),
  });
}

const ART = 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460';
const line = (code: string, qty = 1) => ({ code, artGuid: ART, qty });

describe('body size limits', () => {
  it('refuses an order over 1 MiB with 413 and stores nothing', async () => {
    const t = newTenantId();
    const order = { ...makeOrder(t), padding: 'x'.repeat(MiB) };
    const res = await svc.call('POST', `/${t}/order`, order);
    expectRefusal(res, 413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
  });

  it('judges a body with a Content-Length by its header, as a real HTTP client sends it', async () => {
    const t = newTenantId();
    const small = JSON.stringify(makeOrder(t));
    const accepted = await svc.call('POST', `/${t}/order`, small, { headers: { 'Content-Length': String(Buffer.byteLength(small)) } });
    expect(accepted).toMatchObject({ status: 200, body: true });
    const big = JSON.stringify({ ...makeOrder(t), padding: 'x'.repeat(MiB) });
    const refused = await svc.call('POST', `/${t}/order`, big, { headers: { 'Content-Length': String(Buffer.byteLength(big)) } });
    expectRefusal(refused, 413);
  });

  it('counts the bytes of a body sent without Content-Length (chunked)', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    const json = JSON.stringify({ ...order, padding: 'x'.repeat(2 * MiB) });
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < json.length; i += 64 * 1024) controller.enqueue(new TextEncoder().encode(json.slice(i, i + 64 * 1024)));
        controller.close();
      },
    });
    const res = await svc.app.request(`/${t}/order`, {
      method: 'POST',
      body,
      headers: { Authorization: 'Bearer test-admin-key-0123456789', 'Content-Type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
  });

  it('takes a larger body on PUT /orders, up to its own limit', async () => {
    const t = newTenantId();
    const before = makeOrder(t);
    await svc.call('POST', `/${t}/order`, before);
    // ~1.2 MB of orders: over the single-order limit, under the replacement limit.
    const many: Order[] = Array.from({ length: 50 }, () =>
      makeOrder(t, { lines: Array.from({ length: 300 }, (_, i) => line(`ORIGIN-${i}`)) }),
    );
    const ok = await svc.call('PUT', `/${t}/orders`, many);
    expect(JSON.stringify(many).length).toBeGreaterThan(MiB);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ orderCount: 50, removedCount: 1 });

    const tooMany = [...many, ...many, ...many].map((o) => ({ ...o, orderId: newGuid() }));
    expect(JSON.stringify(tooMany).length).toBeGreaterThan(3 * MiB);
    const refused = await svc.call('PUT', `/${t}/orders`, tooMany);
    expectRefusal(refused, 413);
    expect((await svc.call('GET', `/${t}/stock-origins`)).body.origins[0]).toMatchObject({ code: expect.any(String), orderCount: 50 });
  });
});

describe('codes that look like patterns are data', () => {
  const hostile = [
    '*',
    'FRA:*',
    '{0}',
    '?',
    '[a-z]*',
    '\\',
    '%',
    '../x',
    'og:*',
    'r:{t:1}:0:o',
    "'; return 1 --",
    '"quoted"',
    'ü€😀',
    'x'.repeat(128),
  ];

  it('stores each as its own origin, never matching another origin, order or tenant', async () => {
    const t = newTenantId();
    const neighbour = newTenantId();
    const plain = makeOrder(t, { lines: [line('FRA:MAG:1', 3)] });
    const theirs = makeOrder(neighbour, { lines: hostile.map((code) => line(code, 7)) });
    await svc.call('POST', `/${t}/order`, plain);
    await svc.call('POST', `/${neighbour}/order`, theirs);

    for (const code of hostile) {
      const order = makeOrder(t, { lines: [line(code, 2)] });
      expect((await svc.call('POST', `/${t}/order`, order)).status, code).toBe(200);
      expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
      const origin = await svc.call('GET', `/${t}/stock-origins/${encodeURIComponent(code)}`);
      expect(origin.body, code).toEqual({
        code,
        reservedQty: 2,
        lineCount: 1,
        orderCount: 1,
        capacity: null,
        saturation: null,
        articles: [{ artGuid: ART, qty: 2, onHand: null, available: null }],
      });
    }
    // Deleting the lines at origin `*` removes those, and only those.
    const star = makeOrder(t, { lines: [line('*', 1), line('FRA:MAG:1', 1)] });
    await svc.call('POST', `/${t}/order`, star);
    expect((await svc.call('DELETE', `/${t}/order/byid/${star.orderId}/code/${encodeURIComponent('*')}`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${star.orderId}`)).body.lines).toEqual([line('FRA:MAG:1', 1)]);
    expect((await svc.call('GET', `/${t}/stock-origins/FRA:MAG:1`)).body.reservedQty).toBe(4);

    const list = await svc.call('GET', `/${t}/stock-origins`);
    expect(list.body.total).toBe(hostile.length + 1);
    // The neighbour saw none of it.
    expect((await svc.call('GET', `/${neighbour}/order/${theirs.orderId}`)).body).toEqual(theirs);
    for (const code of hostile) {
      expect((await svc.call('GET', `/${neighbour}/stock-origins/${encodeURIComponent(code)}`)).body.reservedQty).toBe(7);
    }
  });

  it('refuses control characters and over-long codes, in the path and in the body', async () => {
    const t = newTenantId();
    for (const code of ['A\nB', 'A\u0000', '\u001b[31m', 'A\rB', 'x'.repeat(129)]) {
      expectRefusal(await svc.call('POST', `/${t}/order`, makeOrder(t, { lines: [line(code)] })), 400);
      expectRefusal(await svc.call('GET', `/${t}/stock-origins/${encodeURIComponent(code)}`), 400);
      expectRefusal(await svc.call('DELETE', `/${t}/order/byid/${newGuid()}/code/${encodeURIComponent(code)}`), 400);
    }
    expect((await svc.call('GET', `/${t}/stock-origins`)).body.total).toBe(0);
  });
});

describe('malformed and absurd input: a 4xx with a JSON error, never a 5xx', () => {
  const t = newTenantId();
  const valid = () => makeOrder(t);

  it.each([
    ['malformed JSON', '{"orderId": '],
    ['a JSON string', '"order"'],
    ['null', 'null'],
    ['an empty body', ''],
    ['deeply nested arrays', `${'['.repeat(200_000)}${']'.repeat(200_000)}`],
    ['deeply nested objects', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`],
    [
      'deep nesting inside lines',
      JSON.stringify({ ...makeOrder(0), tenantId: 0 }).replace('"lines":[', `"lines":[${'['.repeat(50_000)}${']'.repeat(50_000)},`),
    ],
    ['invalid UTF-8 escapes', '{"orderId":"\\ud800\\udc00\\uDFFF"}'],
  ])('%s', async (_name, body) => {
    const res = await svc.call('POST', `/${t}/order`, body);
    expectRefusal(res, 400);
  });

  it('ignores __proto__ and constructor keys and pollutes nothing', async () => {
    const order = valid();
    const body = JSON.stringify(order).replace(
      '{',
      '{"__proto__":{"polluted":true,"tenantId":1},"constructor":{"prototype":{"polluted":true}},',
    );
    const res = await svc.call('POST', `/${t}/order`, body);
    expect(res.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    const inLine = JSON.stringify(valid()).replace('"lines":[{', '"lines":[{"__proto__":{"qty":5},');
    expect((await svc.call('POST', `/${t}/order`, inLine)).status).toBe(200);
    expect(({} as Record<string, unknown>).qty).toBeUndefined();
  });

  it.each([
    ['qty 1e309 (Infinity)', '"qty":1', '"qty":1e309'],
    ['qty -0', '"qty":1', '"qty":-0'],
    ['qty 2^53 + 1', '"qty":1', '"qty":9007199254740993'],
    ['qty as a string', '"qty":1', '"qty":"1"'],
    ['tenantId 1e20', `"tenantId":${t}`, '"tenantId":1e20'],
    ['tenantId 1.5', `"tenantId":${t}`, '"tenantId":1.5'],
    ['year 275760', '"lastUpdated":"2025-09-22T10:01:20.624Z"', '"lastUpdated":"+275760-09-13T00:00:00.000Z"'],
    ['a 500 kB orderId', /"orderId":"[^"]+"/, `"orderId":"${'a'.repeat(500_000)}"`],
    ['a 500 kB type', '"type":"Order"', `"type":"${'O'.repeat(500_000)}"`],
    ['5001 lines', /"lines":\[.*\]/, `"lines":${JSON.stringify(Array.from({ length: 5001 }, () => line('A')))}`],
  ])('refuses %s', async (_name, from, to) => {
    const order = valid();
    const body = JSON.stringify(order).replace(from, to);
    expect(body).not.toBe(JSON.stringify(order));
    expectRefusal(await svc.call('POST', `/${t}/order`, body), 400);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
    ['XML', 'application/xml'],
    ['a JSON look-alike', 'application/jsonx'],
  ])('answers 415 to a body sent as %s', async (_name, type) => {
    expectRefusal(await svc.call('POST', `/${t}/order`, JSON.stringify(valid()), { headers: { 'Content-Type': type } }), 415);
  });

  it.each([
    `/${t}/order/${'a'.repeat(10_000)}`,
    `/${t}/order/%00`,
    `/${t}/order/%E0%A4%A`,
    `/99999999999999999999/order/${newGuid()}`,
    `/-1/stock-origins`,
    `/${t}/stock-origins?limit=1e999`,
    `/${t}/stock-origins?limit=-1`,
    `/${t}/articles/*`,
    `/${t}/stock-origins/${'%25'.repeat(200)}`,
  ])('refuses the path %s', async (path) => {
    const res = await svc.call('GET', path);
    expectRefusal(res);
  });

  it('keeps a hostile request id out of the answer and the logs', async () => {
    const res = await svc.call('GET', `/${t}/stock-origins`, undefined, { headers: { 'X-Request-Id': 'evil" id <script>' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    const forged = await svc.call('GET', `/${t}/stock-origins`, undefined, { headers: { 'X-Request-Id': '{"level":60}' } });
    expect(forged.headers.get('x-request-id')).not.toContain('{');
  });
});

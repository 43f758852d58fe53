/**
 * Every documented limit (docs/operations.md, "Limits and hostile input") at its edge, through the API: the last value allowed is
 * stored and counted exactly, the first value beyond is refused with 400 naming the field, and a
 * refusal leaves nothing behind (the order reads 404, the figures are unchanged). Values far beyond
 * the limits are input.hostile.test.ts's and orders.errors.test.ts's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrder, newGuid, newTenantId, startTestService, type TestResponse, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const MAX_QTY = 1_000_000_000;
const MAX_TENANT = 2 ** 31 - 1;
const MAX_LINES = 5_000;
const MAX_CODE = 128;

function expectRefused(res: TestResponse, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
}

/** Everything the tenant's figures say, to compare before and after a refusal. */
async function snapshot(t: number, codes: string[], articles: string[]) {
  return {
    list: (await svc.call('GET', `/${t}/stock-origins?limit=10000`)).body,
    codes: await Promise.all(codes.map(async (c) => (await svc.call('GET', `/${t}/stock-origins/${encodeURIComponent(c)}`)).body)),
    articles: await Promise.all(articles.map(async (a) => (await svc.call('GET', `/${t}/articles/${a}`)).body)),
  };
}

describe('qty: 1,000,000,000 per line', () => {
  it('stores 1e9 and counts sums of it exactly; refuses 1e9 + 1 naming the line, and keeps what was stored', async () => {
    const t = newTenantId();
    const art = newGuid();
    const other = newGuid();
    // Three lines of 1e9 at one origin and article: 3e9 reserved there, beyond 32-bit integers.
    const order = makeOrder(t, {
      lines: [
        { code: 'BIG', artGuid: art, qty: MAX_QTY },
        { code: 'BIG', artGuid: art, qty: MAX_QTY },
        { code: 'BIG', artGuid: art, qty: MAX_QTY },
        { code: 'SMALL', artGuid: other, qty: MAX_QTY },
      ],
    });
    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    expect((await svc.call('GET', `/${t}/stock-origins/BIG`)).body).toEqual({
      code: 'BIG',
      reservedQty: 3 * MAX_QTY,
      lineCount: 3,
      orderCount: 1,
      capacity: null,
      saturation: null,
      articles: [{ artGuid: art, qty: 3 * MAX_QTY, onHand: null, available: null }],
    });
    expect((await svc.call('GET', `/${t}/articles/${art}`)).body).toEqual({
      artGuid: art,
      reservedQty: 3 * MAX_QTY,
      origins: [{ code: 'BIG', qty: 3 * MAX_QTY, capacity: null, saturation: null, onHand: null, available: null }],
    });
    const before = await snapshot(t, ['BIG', 'SMALL'], [art, other]);

    // One unit more, on the third line: of a new order, of a redefinition, of a replacement.
    const over = (o: typeof order) => ({ ...o, lines: o.lines.map((l, i) => (i === 2 ? { ...l, qty: MAX_QTY + 1 } : l)) });
    const fresh = over(makeOrder(t, { lines: order.lines }));
    expectRefused(await svc.call('POST', `/${t}/order`, fresh), 'lines[2].qty');
    expect((await svc.call('GET', `/${t}/order/${fresh.orderId}`)).status).toBe(404);
    expectRefused(await svc.call('POST', `/${t}/order`, { ...over(order), lastUpdated: '2030-01-01T00:00:00.000Z' }), 'lines[2].qty');
    expectRefused(await svc.call('PUT', `/${t}/orders`, [makeOrder(t), over(makeOrder(t, { lines: order.lines }))]), '[1].lines[2].qty');
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    expect(await snapshot(t, ['BIG', 'SMALL'], [art, other])).toEqual(before);
  });
});

describe('lines: 5,000 per order', () => {
  it('stores 5,000 lines of 1e9 each and counts them exactly; refuses 5,001 in a POST and in a PUT element', async () => {
    const t = newTenantId();
    const art = newGuid();
    const lines = Array.from({ length: MAX_LINES }, (_, i) => ({ code: i % 2 ? 'ODD' : 'EVEN', artGuid: art, qty: MAX_QTY }));
    const order = makeOrder(t, { lines });
    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    // 5e12 units of one article: far beyond 32 bits, well within exact doubles.
    expect((await svc.call('GET', `/${t}/articles/${art}`)).body).toEqual({
      artGuid: art,
      reservedQty: MAX_LINES * MAX_QTY,
      origins: [
        { code: 'EVEN', qty: (MAX_LINES / 2) * MAX_QTY, capacity: null, saturation: null, onHand: null, available: null },
        { code: 'ODD', qty: (MAX_LINES / 2) * MAX_QTY, capacity: null, saturation: null, onHand: null, available: null },
      ],
    });
    expect((await svc.call('GET', `/${t}/stock-origins`)).body).toEqual({
      total: 2,
      origins: [
        { code: 'EVEN', reservedQty: (MAX_LINES / 2) * MAX_QTY, lineCount: MAX_LINES / 2, orderCount: 1, capacity: null, saturation: null },
        { code: 'ODD', reservedQty: (MAX_LINES / 2) * MAX_QTY, lineCount: MAX_LINES / 2, orderCount: 1, capacity: null, saturation: null },
      ],
    });
    const before = await snapshot(t, ['EVEN', 'ODD', 'EXTRA'], [art]);

    const extra = { code: 'EXTRA', artGuid: art, qty: 1 };
    const tooLong = makeOrder(t, { lines: [...lines, extra] });
    expectRefused(await svc.call('POST', `/${t}/order`, tooLong), 'lines');
    expect((await svc.call('GET', `/${t}/order/${tooLong.orderId}`)).status).toBe(404);
    expectRefused(
      await svc.call('POST', `/${t}/order`, { ...order, lastUpdated: '2030-01-01T00:00:00.000Z', lines: [...lines, extra] }),
      'lines',
    );
    // A replacement whose first element has 5,000 lines and second 5,001: refused whole.
    const replacement = [makeOrder(t, { lines }), makeOrder(t, { lines: [...lines, extra] })];
    expectRefused(await svc.call('PUT', `/${t}/orders`, replacement), '[1].lines');
    expect((await svc.call('GET', `/${t}/order/${replacement[0]!.orderId}`)).status).toBe(404);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    expect(await snapshot(t, ['EVEN', 'ODD', 'EXTRA'], [art])).toEqual(before);

    // And the 5,000-line element of a replacement is taken.
    const accepted = await svc.call('PUT', `/${t}/orders`, replacement.slice(0, 1));
    expect(accepted.body).toMatchObject({ orderCount: 1, removedCount: 1 });
    expect((await svc.call('GET', `/${t}/order/${replacement[0]!.orderId}`)).body).toEqual(replacement[0]);
  });
});

describe('tenant ids up to 2,147,483,647', () => {
  it('serves tenant 2^31 - 1 on every order route', async () => {
    const t = MAX_TENANT;
    const code = `EDGE-${newGuid()}`;
    const art = newGuid();
    const order = makeOrder(t, {
      lines: [
        { code, artGuid: art, qty: 4 },
        { code: `${code}-2`, artGuid: art, qty: 1 },
      ],
    });
    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    expect((await svc.call('GET', `/${t}/stock-origins/${code}`)).body).toMatchObject({ reservedQty: 4, orderCount: 1 });
    expect((await svc.call('GET', `/${t}/articles/${art}`)).body.reservedQty).toBe(5);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/${code}`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body.lines).toEqual([order.lines[1]]);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/articles/${art}`)).body).toEqual({ artGuid: art, reservedQty: 0, origins: [] });
    expect((await svc.call('GET', `/${t}/config`)).status).toBe(200);
  });

  it('refuses tenant 2^31 in the path and in the body, and stores nothing', async () => {
    const order = makeOrder(MAX_TENANT + 1);
    expectRefused(await svc.call('POST', `/${MAX_TENANT + 1}/order`, order), 'tenantId');
    expectRefused(await svc.call('GET', `/${MAX_TENANT + 1}/order/${order.orderId}`), 'tenantId');
    expectRefused(await svc.call('GET', `/${MAX_TENANT + 1}/stock-origins`), 'tenantId');
    expectRefused(await svc.call('DELETE', `/${MAX_TENANT + 1}/order/byid/${order.orderId}`), 'tenantId');
    expectRefused(await svc.call('PUT', `/${MAX_TENANT + 1}/orders`, [order]), 'tenantId');
    // The body's tenant beyond the limit, the path's at it.
    expectRefused(await svc.call('POST', `/${MAX_TENANT}/order`, order), 'tenantId');
    expectRefused(await svc.call('PUT', `/${MAX_TENANT}/orders`, [makeOrder(MAX_TENANT), order]), '[1].tenantId');
    expect((await svc.call('GET', `/${MAX_TENANT}/order/${order.orderId}`)).status).toBe(404);
  });
});

describe('codes of 1 to 128 characters', () => {
  // Two bytes each in UTF-8: the limit counts characters, not bytes.
  const longest = 'é'.repeat(MAX_CODE);
  const tooLong = 'é'.repeat(MAX_CODE + 1);

  it('stores, reads and ships a 128-character code', async () => {
    const t = newTenantId();
    const art = newGuid();
    const order = makeOrder(t, {
      lines: [
        { code: longest, artGuid: art, qty: 2 },
        { code: 'X', artGuid: art, qty: 1 },
      ],
    });
    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    expect((await svc.call('GET', `/${t}/stock-origins/${encodeURIComponent(longest)}`)).body).toEqual({
      code: longest,
      reservedQty: 2,
      lineCount: 1,
      orderCount: 1,
      capacity: null,
      saturation: null,
      articles: [{ artGuid: art, qty: 2, onHand: null, available: null }],
    });
    expect((await svc.call('GET', `/${t}/articles/${art}`)).body.origins).toEqual([
      { code: longest, qty: 2, capacity: null, saturation: null, onHand: null, available: null },
      { code: 'X', qty: 1, capacity: null, saturation: null, onHand: null, available: null },
    ]);
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/${encodeURIComponent(longest)}`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body.lines).toEqual([order.lines[1]]);
    expect((await svc.call('GET', `/${t}/stock-origins`)).body).toEqual({
      total: 1,
      origins: [{ code: 'X', reservedQty: 1, lineCount: 1, orderCount: 1, capacity: null, saturation: null }],
    });
  });

  it('refuses a 129-character code in a POST, a PUT element and every path, and stores nothing', async () => {
    const t = newTenantId();
    const kept = makeOrder(t, { lines: [{ code: longest, artGuid: newGuid(), qty: 1 }] });
    await svc.call('POST', `/${t}/order`, kept);
    const before = await snapshot(t, [longest], []);
    const order = makeOrder(t, {
      lines: [
        { code: 'OK', artGuid: newGuid(), qty: 1 },
        { code: tooLong, artGuid: newGuid(), qty: 1 },
      ],
    });
    expectRefused(await svc.call('POST', `/${t}/order`, order), 'lines[1].code');
    expectRefused(await svc.call('PUT', `/${t}/orders`, [order]), '[0].lines[1].code');
    expectRefused(await svc.call('GET', `/${t}/stock-origins/${encodeURIComponent(tooLong)}`), 'code');
    expectRefused(await svc.call('DELETE', `/${t}/order/byid/${kept.orderId}/code/${encodeURIComponent(tooLong)}`), 'code');
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
    expect((await svc.call('GET', `/${t}/order/${kept.orderId}`)).body).toEqual(kept);
    expect(await snapshot(t, [longest], [])).toEqual(before);
  });
});

describe('dates between years 1970 and 9999', () => {
  it('takes the first instant of 1970 and the last of 9999, and refuses the instant before 1970', async () => {
    const t = newTenantId();
    const order = makeOrder(t, { lastUpdated: '1970-01-01T00:00:00.000Z', expiresAt: '9999-12-31T23:59:59.999Z' });
    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    const early = makeOrder(t, { lastUpdated: '1969-12-31T23:59:59.999Z' });
    expectRefused(await svc.call('POST', `/${t}/order`, early), 'lastUpdated');
    expectRefused(await svc.call('POST', `/${t}/order`, { ...makeOrder(t), expiresAt: '1969-12-31T23:59:59.999Z' }), 'expiresAt');
    expect((await svc.call('GET', `/${t}/order/${early.orderId}`)).status).toBe(404);
    expect((await svc.call('GET', `/${t}/stock-origins`)).body.total).toBe(2);
  });
});

describe('the origin list takes limit 1 to 10,000', () => {
  it('answers at the edges and refuses one beyond each', async () => {
    const t = newTenantId();
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    expect((await svc.call('GET', `/${t}/stock-origins?limit=1`)).body).toMatchObject({ total: 2, origins: [{ code: 'FRA:MAG:0953' }] });
    expect((await svc.call('GET', `/${t}/stock-origins?limit=10000`)).body.origins).toHaveLength(2);
    expectRefused(await svc.call('GET', `/${t}/stock-origins?limit=0`), 'limit');
    expectRefused(await svc.call('GET', `/${t}/stock-origins?limit=10001`), 'limit');
  });
});

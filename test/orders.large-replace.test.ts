/**
 * PUT /{tenantId}/orders with a body over the worker threshold (1 MiB): parsed and checked in the
 * order-list worker, off the event loop. It must answer exactly as a body checked on the event
 * loop does (compared here with a service whose threshold no body reaches), and other requests
 * must be served meanwhile.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Order } from '../src/domain/order.js';
import { OrderListParser } from '../src/intake/order-list-parser.js';
import {
  ADMIN_KEY,
  makeOrder,
  newGuid,
  newTenantId,
  sleep,
  startTestService,
  toTestResponse,
  type TestResponse,
  type TestService,
} from './support/harness.js';

const MiB = 1024 * 1024;
let svc: TestService;
/** The same service, but every body is parsed on the event loop, as before the worker. */
let inline: TestService;

beforeAll(async () => {
  [svc, inline] = await Promise.all([
    startTestService(),
    startTestService({ settings: { replaceWorkerThresholdBytes: Number.MAX_SAFE_INTEGER } }),
  ]);
});
afterAll(async () => {
  await Promise.all([svc?.close(), inline?.close()]);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** `count` orders of tenant `t`, over 1 MiB from about 3,200. */
const ordersOf = (t: number, count: number): Order[] => Array.from({ length: count }, () => makeOrder(t));

/**
 * A large set that stores quickly: 60 orders of 250 lines, ~1.1 MiB (the archive, written before
 * the PUT answers, takes its time per order on FerretDB).
 */
const largeSetOf = (t: number): Order[] =>
  Array.from({ length: 60 }, (_, i) =>
    makeOrder(t, { lines: Array.from({ length: 250 }, (_, j) => ({ code: `O-${(i + j) % 7}`, artGuid: newGuid(), qty: 1 + (j % 5) })) }),
  );

/** Counts the bodies handed to `service`'s worker (the real parser still does the work). */
function watchWorker(service: TestService) {
  const parser = service.services.orderListParser;
  let handedOver = () => {};
  const handed = new Promise<void>((resolve) => (handedOver = resolve));
  vi.restoreAllMocks();
  const spy = vi.spyOn(parser, 'parse').mockImplementation((body, tenantId) => {
    const parsed = OrderListParser.prototype.parse.call(parser, body, tenantId);
    handedOver();
    return parsed;
  });
  return { spy, handed };
}

/** The response without what differs from one request to the next. */
const answer = (res: TestResponse) => {
  const body = structuredClone(res.body);
  if (body?.error) delete body.error.requestId;
  return { status: res.status, body };
};

/** The same refusal from both services, for the same body sent to each one's tenant. */
async function expectSameRefusal(body: (t: number) => unknown, expected: { status: number; code: string; paths?: string[] }) {
  const t = newTenantId();
  const existing = makeOrder(t);
  await svc.call('POST', `/${t}/order`, existing);
  const watched = watchWorker(svc);
  const sent = body(t);
  const payload = typeof sent === 'string' ? sent : JSON.stringify(sent);
  expect(payload.length).toBeGreaterThan(MiB);
  const offloaded = await svc.call('PUT', `/${t}/orders`, payload);
  expect(watched.spy).toHaveBeenCalledTimes(1);
  const onLoop = await inline.call('PUT', `/${t}/orders`, payload);

  expect(answer(offloaded)).toEqual(answer(onLoop));
  expect(offloaded.status).toBe(expected.status);
  expect(offloaded.body.error.code).toBe(expected.code);
  expect(offloaded.body.error.requestId).toBe(offloaded.headers.get('x-request-id'));
  if (expected.paths) expect(offloaded.body.error.details.map((d: { path: string }) => d.path)).toEqual(expected.paths);
  // Nothing changed: the tenant still has exactly its one order, with its figures.
  expect((await svc.call('GET', `/${t}/order/${existing.orderId}`)).status).toBe(200);
  expect((await svc.call('GET', `/${t}/stock-origins`)).body.origins.map((o: { orderCount: number }) => o.orderCount)).toEqual([1, 1]);
}

describe('a large PUT /orders is refused exactly as a small one', () => {
  it('names an invalid field deep inside the body, and stores nothing', async () => {
    await expectSameRefusal(
      (t) => {
        const orders: unknown[] = ordersOf(t, 4000);
        orders[3100] = { ...makeOrder(t), lines: [{ code: 'A', artGuid: newGuid(), qty: 0 }] };
        return orders;
      },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['[3100].lines[0].qty'] },
    );
  });

  it('names every invalid field, within the same bounds, even with a tenant mismatch before them', async () => {
    await expectSameRefusal(
      (t) => {
        const orders: unknown[] = ordersOf(t, 4000);
        orders[5] = makeOrder(t + 1);
        for (let i = 1000; i < 4000; i += 40) orders[i] = { ...makeOrder(t), orderId: 'not-a-guid', type: 'Basket' };
        return orders;
      },
      { status: 400, code: 'VALIDATION_FAILED' },
    );
  });

  it('refuses an element of another tenant with its [i].tenantId', async () => {
    await expectSameRefusal(
      (t) => {
        const orders = ordersOf(t, 4000);
        orders[3999] = makeOrder(t + 1);
        return orders;
      },
      { status: 400, code: 'TENANT_MISMATCH', paths: ['[3999].tenantId'] },
    );
  });

  it('refuses a duplicate orderId, also one that differs only in case', async () => {
    await expectSameRefusal(
      (t) => {
        const orders = ordersOf(t, 4000);
        orders[3500] = { ...orders[3500]!, orderId: orders[17]!.orderId.toUpperCase() };
        return orders;
      },
      { status: 400, code: 'VALIDATION_FAILED', paths: ['[3500].orderId'] },
    );
  });

  it('refuses a body that breaks off, as one that does not parse', async () => {
    const t = newTenantId();
    const payload = new TextEncoder().encode(JSON.stringify(ordersOf(t, 4000)));
    const breakingOff = (service: TestService) => {
      let sent = false;
      return service.app.request(`/${t}/orders`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json', 'Content-Length': String(payload.length) },
        body: new ReadableStream({
          pull(controller) {
            if (sent) return controller.error(new Error('connection reset'));
            sent = true;
            controller.enqueue(payload.subarray(0, MiB));
          },
        }),
        duplex: 'half',
      } as RequestInit);
    };
    const watched = watchWorker(svc);
    const offloaded = await toTestResponse(await breakingOff(svc));
    expect(watched.spy).toHaveBeenCalledTimes(1);
    expect(answer(offloaded)).toEqual(answer(await toTestResponse(await breakingOff(inline))));
    expect(offloaded.body.error.code).toBe('MALFORMED_REQUEST');
    expect((await svc.call('GET', `/${t}/stock-origins`)).body.total).toBe(0);
  });

  it('refuses JSON that does not parse, and a body that is not an array', async () => {
    await expectSameRefusal((t) => JSON.stringify(ordersOf(t, 4000)).slice(0, -2), { status: 400, code: 'MALFORMED_REQUEST' });
    await expectSameRefusal((t) => ({ orders: ordersOf(t, 4000) }), { status: 400, code: 'VALIDATION_FAILED', paths: [''] });
  });
});

describe('a large PUT /orders stores what a small one would', () => {
  /** Orders as clients may write them: upper-case GUIDs, offsets, `expiresAt: null`. */
  const looseOrdersOf = (t: number) =>
    largeSetOf(t).map((order, i) => ({
      ...order,
      orderId: i % 2 ? order.orderId.toUpperCase() : order.orderId,
      lastUpdated: '2025-09-22T12:01:20.624+02:00',
      expiresAt: i % 3 ? null : '2099-01-01T00:00:00Z',
      lines: order.lines.map((line) => ({ ...line, artGuid: line.artGuid.toUpperCase() })),
      unknownField: 'ignored',
    }));

  // The archive is written before the PUT answers: FerretDB takes seconds for it on a busy machine.
  it('stores every order, normalised, with its figures', { timeout: 60_000 }, async () => {
    const t = newTenantId();
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    const orders = looseOrdersOf(t);
    expect(JSON.stringify(orders).length).toBeGreaterThan(MiB);
    const watched = watchWorker(svc);
    const res = await svc.call('PUT', `/${t}/orders`, orders);
    expect(watched.spy).toHaveBeenCalledTimes(1);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ orderCount: 60, removedCount: 1, archive: 'written' });

    for (const i of [0, 1, 2, 30, 59]) {
      const sent = orders[i]!;
      const stored = await svc.call('GET', `/${t}/order/${sent.orderId}`);
      expect(stored.body).toEqual({
        orderId: sent.orderId.toLowerCase(),
        tenantId: t,
        lastUpdated: '2025-09-22T10:01:20.624Z',
        ...(sent.expiresAt ? { expiresAt: '2099-01-01T00:00:00.000Z' } : {}),
        type: 'Order',
        lines: sent.lines.map((line) => ({ ...line, artGuid: line.artGuid.toLowerCase() })),
      });
    }
    const origins = (await svc.call('GET', `/${t}/stock-origins?limit=100`)).body;
    expect(origins.total).toBe(7);
    const reserved = orders.reduce((sum, o) => sum + o.lines.reduce((qty, line) => qty + line.qty, 0), 0);
    expect(origins.origins.reduce((sum: number, o: { reservedQty: number }) => sum + o.reservedQty, 0)).toBe(reserved);
  });

  it('takes a chunked body (no Content-Length) too', { timeout: 60_000 }, async () => {
    const t = newTenantId();
    const payload = new TextEncoder().encode(JSON.stringify(looseOrdersOf(t)));
    expect(payload.length).toBeGreaterThan(MiB);
    const chunks = Array.from({ length: Math.ceil(payload.length / 65536) }, (_, i) => payload.subarray(i * 65536, (i + 1) * 65536));
    const watched = watchWorker(svc);
    const res = await svc.app.request(`/${t}/orders`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
      body: new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk) controller.enqueue(chunk);
          else controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ orderCount: 60 });
    expect(watched.spy).toHaveBeenCalledTimes(1);
  });

  it('leaves a body under the threshold to the route, on the event loop', async () => {
    const t = newTenantId();
    const watched = watchWorker(svc);
    const res = await svc.call('PUT', `/${t}/orders`, ordersOf(t, 10));
    expect(res.body).toMatchObject({ orderCount: 10 });
    expect(watched.spy).not.toHaveBeenCalled();
  });
});

describe('while a large body is parsed', () => {
  // ~40 MiB, refused only for its last element: the worker needs seconds for it, and the answer
  // involves no Redis at all, so the PUT's whole time is parsing and checking.
  let t: number;
  let payload: string;
  beforeAll(() => {
    t = newTenantId();
    const orders: unknown[] = ordersOf(t, 100_000);
    orders[99_999] = { ...makeOrder(t), lines: [{ code: 'A', artGuid: newGuid(), qty: -1 }] };
    payload = JSON.stringify(orders);
  });

  it("answers another tenant's requests before the PUT is answered", { timeout: 60_000 }, async () => {
    const other = newTenantId();
    const order = makeOrder(other);
    await svc.call('POST', `/${other}/order`, order);
    const watched = watchWorker(svc);

    let putAnswered = false;
    const put = svc.call('PUT', `/${t}/orders`, payload).finally(() => (putAnswered = true));
    await watched.handed;
    // Were the body parsed on the event loop, the PUT would be answered before this GET is.
    const read = await svc.call('GET', `/${other}/order/${order.orderId}`);
    expect(read.status).toBe(200);
    expect(putAnswered).toBe(false);

    const refused = await put;
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: '[99999].lines[0].qty', message: expect.any(String) }]);
  });

  it('answers a clean 500 when the worker stops mid-body, and the next PUT works', { timeout: 90_000 }, async () => {
    const watched = watchWorker(svc);
    const put = svc.call('PUT', `/${t}/orders`, payload);
    await watched.handed;
    await sleep(100);
    await svc.services.orderListParser.close();
    const failed = await put;
    expect(failed.status).toBe(500);
    expect(failed.body.error).toEqual({ code: 'INTERNAL', message: 'internal error', requestId: failed.headers.get('x-request-id') });

    const next = await svc.call('PUT', `/${t}/orders`, largeSetOf(t));
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ orderCount: 60 });
    expect(watched.spy).toHaveBeenCalledTimes(2);
  });
});

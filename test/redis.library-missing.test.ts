import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrder, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ ownRedis: true });
});
afterAll(() => svc.close());

/** What a Redis restarted without its data, or an operator's FUNCTION FLUSH, leaves: no library loaded. */
async function flushScripts(): Promise<void> {
  const nodes = svc.redis instanceof Cluster ? svc.redis.nodes('master') : [svc.redis];
  await Promise.all(nodes.map((node) => node.call('FUNCTION', 'FLUSH')));
}

describe('a Redis that has lost the Lua library', () => {
  it('serves every write and read at once, loading the library again', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    await flushScripts();

    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(false);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    const origin = order.lines[0]!.code;
    expect((await svc.call('GET', `/${t}/stock-origins/${origin}`)).status).toBe(200);
    await flushScripts();
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/${origin}`)).body).toBe(true);
    await flushScripts();
    expect((await svc.call('DELETE', `/${t}/order/byid/${order.orderId}`)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
  });

  it('runs each of concurrent calls once when they all find the library missing', async () => {
    const t = newTenantId();
    await flushScripts();
    const orders = Array.from({ length: 20 }, () => makeOrder(t));
    const created = await Promise.all(orders.map((order) => svc.call('POST', `/${t}/order`, order)));
    expect(created.map((r) => r.body)).toEqual(orders.map(() => true));
    const origin = orders[0]!.lines[0]!.code;
    const figures = await svc.call('GET', `/${t}/stock-origins/${origin}`);
    const expectedQty = orders
      .flatMap((o) => o.lines)
      .filter((l) => l.code === origin)
      .reduce((sum, l) => sum + l.qty, 0);
    expect(figures.body.reservedQty).toBe(expectedQty);
  });
});

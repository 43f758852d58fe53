/**
 * At most once, on one Redis and on a Redis Cluster: a script call that reached Redis and whose
 * reply was lost (its connection closed on the way back) is never sent again by the client. The
 * request answers 503; the write stands once or not at all, never twice. (ioredis' Cluster resends
 * a command its connection lost after `retryDelayOnFailover`: a creation then answered `false`, its
 * first run having created the order, and a staging chunk of PUT /orders counted twice.)
 * Runs in both projects: the connection is cut by the client (support/cut-after-send.ts), on the
 * suite's own Redis or Cluster; redis.reply-lost.test.ts loses replies on the wire, with a proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutAfterSend } from './support/cut-after-send.js';
import { figuresOf, type ModelOrder } from './support/figures-model.js';
import { eventually, makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';
import { expectFigures, expectOrder } from './support/model-check.js';

let svc: TestService;

beforeAll(async () => {
  // The replacement's tenant lock, whose release the lost connection may take with it, soon free.
  svc = await startTestService({ lockTtlMs: 2000 });
});
afterAll(async () => {
  await svc?.close();
});

const CODES = ['L1', 'L2', 'L3'];
const ARTICLES = [newGuid(), newGuid()];

async function redisBack() {
  await eventually(async () => expect((await svc.call('GET', '/ready')).status).toBe(200), 10_000, 20);
}

describe('a write whose reply was lost', () => {
  it('is not sent again: a creation answers 503 and stands once', async () => {
    const t = newTenantId();
    const order = makeOrder(t, {
      lines: [
        { code: 'L1', artGuid: ARTICLES[0]!, qty: 2 },
        { code: 'L2', artGuid: ARTICLES[1]!, qty: 3 },
      ],
    });
    await svc.call('GET', `/${t}/summary`);
    const cut = cutAfterSend(svc.redis, 'upsert-order');
    const res = await svc.call('POST', `/${t}/order`, order);
    expect(await cut).toBe(true);
    // Resent, the creation would run a second time and answer 200 `false` (the order exists).
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body).toMatchObject({ error: { code: 'STORE_UNAVAILABLE' } });
    await redisBack();
    // The call reached Redis and ran: the order is there, counted once.
    await expectOrder(svc, t, order.orderId, order as ModelOrder);
    await expectFigures(svc, t, figuresOf([order as ModelOrder]), { codes: CODES, articles: ARTICLES });
  });

  it('answers a retry with the Idempotency-Key what the write whose reply was lost did: a creation, a shipment', async () => {
    const t = newTenantId();
    const order = makeOrder(t, {
      lines: [
        { code: 'L1', artGuid: ARTICLES[0]!, qty: 2 },
        { code: 'L2', artGuid: ARTICLES[1]!, qty: 3 },
      ],
    }) as ModelOrder;
    await svc.call('GET', `/${t}/summary`);
    const lostThenRetried = async (script: string, method: string, path: string, body: unknown, key: string) => {
      const cut = cutAfterSend(svc.redis, script);
      const first = await svc.call(method, path, body, { headers: { 'Idempotency-Key': key } });
      expect(await cut).toBe(true);
      expect(first.status, `${script}: ${JSON.stringify(first.body)}`).toBe(503);
      return eventually(async () => {
        const retry = await svc.call(method, path, body, { headers: { 'Idempotency-Key': key } });
        expect(retry.status, JSON.stringify(retry.body)).toBe(200);
        expect(retry.headers.get('idempotent-replayed')).toBe('true');
        return retry.body;
      });
    };
    expect(await lostThenRetried('upsert-order', 'POST', `/${t}/order`, order, `create-${order.orderId}`)).toBe(true);
    await expectFigures(svc, t, figuresOf([order]), { codes: CODES, articles: ARTICLES });
    const items = [
      { orderId: order.orderId, code: 'L1' },
      { orderId: newGuid(), code: 'L1' },
    ];
    expect(await lostThenRetried('ship-order-lines', 'POST', `/${t}/shipments`, items, `wave-${order.orderId}`)).toEqual([true, false]);
    const shipped = { ...order, lines: [order.lines[1]!] };
    await expectOrder(svc, t, order.orderId, shipped);
    await expectFigures(svc, t, figuresOf([shipped]), { codes: CODES, articles: ARTICLES });
  });

  it('leaves a replacement whose staging chunk lost its reply not done, never counted twice', async () => {
    const t = newTenantId();
    const before = makeOrder(t, { lines: [{ code: 'L3', artGuid: ARTICLES[0]!, qty: 1 }] }) as ModelOrder;
    expect((await svc.call('POST', `/${t}/order`, before)).status).toBe(200);
    const after: ModelOrder[] = Array.from({ length: 40 }, (_, i) => ({
      orderId: newGuid(),
      tenantId: t,
      lastUpdated: '2025-01-01T00:00:00.000Z',
      type: 'Order',
      lines: [{ code: CODES[i % 3]!, artGuid: ARTICLES[i % 2]!, qty: 1 + (i % 4) }],
    }));
    const cut = cutAfterSend(svc.redis, 'stage-orders');
    const res = await svc.call('PUT', `/${t}/orders`, after);
    expect(await cut).toBe(true);
    // Resent, the chunk's figures would be staged twice and the PUT answer 200.
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    await redisBack();
    await expectFigures(svc, t, figuresOf([before]), { codes: CODES, articles: ARTICLES });
    // Done whole once asked again.
    await eventually(
      async () => {
        const again = await svc.call('PUT', `/${t}/orders`, after);
        expect(again.status, JSON.stringify(again.body)).toBe(200);
      },
      15_000,
      200,
    );
    await expectFigures(svc, t, figuresOf(after), { codes: CODES, articles: ARTICLES });
  });
});

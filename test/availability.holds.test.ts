/**
 * Holds that end by themselves: the tenant's default holds per order type (an order written
 * without expiresAt expires that long after its write), and POST /{t}/order/{id}/hold, which moves
 * an order's expiry without rewriting its lines, told as order.updated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from './support/event-stream.js';
import { makeOrder, newTenantId, startTestService, type TestService } from './support/harness.js';
import { codePath } from './support/model-check.js';

let now = Date.UTC(2030, 5, 1, 12);
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ clock: () => now });
});
afterAll(() => svc.close());

const iso = (ms: number) => new Date(ms).toISOString();
const reservedAt = async (t: number, code: string) => (await svc.call('GET', `/${t}/stock-origins/${codePath(code)}`)).body.reservedQty;

describe('default holds', () => {
  it('give an order of a configured type written without expiresAt an expiry that long after its write, and it expires', async () => {
    const t = newTenantId();
    const config = await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true, defaultHoldSeconds: { Cart: 600 } });
    expect(config.body.defaultHoldSeconds).toEqual({ Cart: 600 });
    const cart = makeOrder(t, { type: 'Cart' });
    const order = makeOrder(t, { type: 'Order' });
    const dated = makeOrder(t, { type: 'Cart', expiresAt: iso(now + 60_000) });
    for (const o of [cart, order, dated]) expect((await svc.call('POST', `/${t}/order`, o)).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${cart.orderId}`)).body.expiresAt).toBe(iso(now + 600_000));
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body.expiresAt).toBeUndefined();
    expect((await svc.call('GET', `/${t}/order/${dated.orderId}`)).body.expiresAt).toBe(iso(now + 60_000));

    const code = cart.lines[0]!.code;
    expect(await reservedAt(t, code)).toBe(3);
    now += 600_001;
    expect((await svc.call('GET', `/${t}/order/${cart.orderId}`)).status).toBe(404);
    expect(await reservedAt(t, code)).toBe(1);
  });

  it('refuses a malformed configuration with 400', async () => {
    const t = newTenantId();
    for (const defaultHoldSeconds of [{ Cart: 0 }, { Cart: 1.5 }, { Basket: 60 }, { Order: -1 }]) {
      const res = await svc.call('PUT', `/${t}/config`, { enableInternalOrderSync: true, defaultHoldSeconds });
      expect(res.status, JSON.stringify(defaultHoldSeconds)).toBe(400);
    }
  });
});

describe('POST /{t}/order/{orderId}/hold', () => {
  it('moves the expiry, or sets one, without touching the lines; told as order.updated; the order then expires at the new time', async () => {
    const t = newTenantId();
    const order = makeOrder(t, { expiresAt: iso(now + 60_000) });
    expect((await svc.call('POST', `/${t}/order`, order)).body).toBe(true);
    const before = await readEvents(svc.redis, t);

    expect((await svc.call('POST', `/${t}/order/${order.orderId}/hold`, { expiresAt: iso(now + 3_600_000) })).body).toBe(true);
    const held = (await svc.call('GET', `/${t}/order/${order.orderId}`)).body;
    expect(held).toEqual({ ...order, expiresAt: iso(now + 3_600_000) });
    const events = await readEvents(svc.redis, t, before.at(-1)!.id);
    expect(events.map((e) => e.type)).toEqual(['order.updated']);
    const { tenantId: _, ...stored } = held;
    expect(events[0]!.data.order).toEqual(stored);

    // An order without an expiry gets one.
    const open = makeOrder(t);
    await svc.call('POST', `/${t}/order`, open);
    expect((await svc.call('POST', `/${t}/order/${open.orderId}/hold`, { expiresAt: '2030-06-01T14:00:00+01:00' })).body).toBe(true);
    expect((await svc.call('GET', `/${t}/order/${open.orderId}`)).body).toEqual({ ...open, expiresAt: '2030-06-01T13:00:00.000Z' });

    now += 120_000;
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(200);
    now += 3_600_000;
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
  });

  it('answers false for an order that is absent or past its expiry, and 400 for a time not in the future', async () => {
    const t = newTenantId();
    const order = makeOrder(t, { expiresAt: iso(now + 1000) });
    await svc.call('POST', `/${t}/order`, order);
    expect((await svc.call('POST', `/${t}/order/${makeOrder(t).orderId}/hold`, { expiresAt: iso(now + 60_000) })).body).toBe(false);
    const past = await svc.call('POST', `/${t}/order/${order.orderId}/hold`, { expiresAt: iso(now) });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([{ path: 'expiresAt', message: 'must be in the future' }]);
    now += 2000;
    expect((await svc.call('POST', `/${t}/order/${order.orderId}/hold`, { expiresAt: iso(now + 60_000) })).body).toBe(false);
    expect((await svc.call('POST', `/${t}/order/${order.orderId}/hold`, { expiresAt: 'tomorrow' })).status).toBe(400);
  });
});

/**
 * The check every test's answers go through (support/conformance.ts): it must catch an answer that
 * drifts from openapi/openapi.json, or the suite's silence would prove nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertConforms, NonConformingResponse, nonConformingExamples } from './support/conformance.js';
import { ADMIN_KEY, makeOrder, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const json = (status: number, body: unknown, contentType = 'application/json') =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });

const drift = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(NonConformingResponse);

describe('the conformance check of every answer', () => {
  it('fails a test whose route answers a body that breaks its schema', async () => {
    const tenantId = newTenantId();
    const order = makeOrder(tenantId);
    expect((await svc.call('POST', `/${tenantId}/order`, order)).body).toBe(true);
    expect((await svc.call('GET', `/${tenantId}/order/${order.orderId}`)).body).toEqual(order);

    // The route changed by hand: the stored order served with a quantity as a string.
    const { orders: store } = svc.services;
    const original = store.getOrderJson;
    store.getOrderJson = async () => JSON.stringify({ ...order, lines: [{ ...order.lines[0], qty: '1' }] });
    try {
      const error = await svc.call('GET', `/${tenantId}/order/${order.orderId}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NonConformingResponse);
      expect((error as NonConformingResponse).problems).toEqual([expect.stringContaining('/lines/0/qty must be integer')]);
      // A test calling app.request itself is checked the same way.
      await drift(
        Promise.resolve(svc.app.request(`/${tenantId}/order/${order.orderId}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } })),
      );
    } finally {
      store.getOrderJson = original;
    }
  });

  it('refuses a status the operation does not declare, an undeclared content type and a body that is not JSON', async () => {
    const order = `/7/order/${makeOrder(7).orderId}`;
    await drift(assertConforms('GET', order, json(418, { error: { code: 'INTERNAL', message: 'teapot', requestId: 'r' } })));
    await drift(assertConforms('GET', order, json(200, '<html></html>', 'text/html')));
    await drift(assertConforms('GET', order, json(200, '{"orderId":', 'application/json')));
  });

  it('holds error bodies to the one error schema and its codes', async () => {
    const order = `/7/order/${makeOrder(7).orderId}`;
    await drift(assertConforms('GET', order, json(404, { error: { code: 'NO_SUCH_THING', message: 'm', requestId: 'r' } })));
    await drift(assertConforms('GET', order, json(404, { message: 'not found' })));
    await expect(
      assertConforms('GET', order, json(404, { error: { code: 'NOT_FOUND', message: 'm', requestId: 'r' } })),
    ).resolves.toBeUndefined();
  });

  it('leaves alone what the document does not describe: the docs page, the console, unknown routes', async () => {
    await expect(assertConforms('GET', '/docs', json(200, '<html></html>', 'text/html'))).resolves.toBeUndefined();
    await expect(assertConforms('GET', '/7/no-such-route', json(404, { anything: 1 }))).resolves.toBeUndefined();
  });

  it("finds no example of the document that breaks its own schema (what users' tools show and mock servers answer)", () => {
    expect(nonConformingExamples()).toEqual([]);
  });
});

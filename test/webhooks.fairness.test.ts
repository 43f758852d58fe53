/**
 * One tenant's slow receivers do not delay the others' webhooks: the dispatcher shares its pool of
 * attempts between tenants (docs/limits.md "Webhooks"). A tenant whose two receivers never answer
 * fills what it may of the pool; another tenant's event is delivered while those attempts still
 * hang, not when they time out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeOrder, newTenantId, type TestService } from './support/harness.js';
import { type Receiver, startReceiver } from './support/receiver.js';
import { startWebhookService, type WebhookService } from './support/webhook-service.js';

const CONCURRENCY = 4;
let webhooks: WebhookService;
let svc: TestService;

beforeAll(async () => {
  // The dispatcher is started by the test, once the slow tenant's events are queued.
  webhooks = await startWebhookService({
    webhooks: { concurrency: CONCURRENCY, timeoutMs: 60_000, retryScheduleMs: [0, 60_000] },
    dispatcher: 'stopped',
  });
  svc = webhooks.svc;
}, 120_000);
// The hanging receivers go first (the helper closes them before the dispatcher): the attempts they hold then end.
afterAll(() => webhooks?.close());

async function endpoint(t: number, r: Receiver) {
  await webhooks.createEndpoint(t, webhooks.track(r).url);
}

describe('webhook attempts shared between tenants', () => {
  it("another tenant's event is delivered while a tenant's slow receivers hold their attempts", async () => {
    const [slow, other] = [newTenantId(), newTenantId()];
    const hanging = [await startReceiver(() => ({ hang: true })), await startReceiver(() => ({ hang: true }))];
    for (const r of hanging) await endpoint(slow, r);
    const fast = await startReceiver(() => ({ status: 204 }));
    await endpoint(other, fast);
    for (let i = 0; i < 10; i++) expect((await svc.call('POST', `/${slow}/order`, makeOrder(slow))).body).toBe(true);
    svc.services.webhooks.dispatcher.start();
    // The slow tenant holds attempts that hang (they time out only after a minute)...
    await eventually(() => expect(hanging[0]!.requests.length + hanging[1]!.requests.length).toBeGreaterThanOrEqual(2));
    const order = makeOrder(other);
    expect((await svc.call('POST', `/${other}/order`, order)).body).toBe(true);
    // ...and the other tenant's event arrives meanwhile.
    await eventually(() =>
      expect(fast.requests.map((r) => JSON.parse(r.body).data.order?.orderId ?? JSON.parse(r.body).data.orderId)).toContain(order.orderId),
    );
    const held = hanging[0]!.requests.length + hanging[1]!.requests.length;
    expect(held).toBeLessThan(CONCURRENCY);
    expect(hanging.every((r) => r.requests.every((q) => !q.abortedByClient))).toBe(true);
  }, 60_000);
});

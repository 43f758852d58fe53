/**
 * Webhook deliveries end to end: a real receiver (node:http) started by the test, the service's
 * dispatcher running in-process on a Redis of its own (the dispatcher serves every tenant of its
 * Redis), events made by writing orders through the API. Signatures are checked with the test's
 * own HMAC code (support/receiver.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreWebhookEndpoints } from '../src/domain/webhook-endpoints.js';
import { streamIds } from './support/events.js';
import type { Order } from '../src/domain/order.js';
import { eventually, makeOrder, newTenantId, sleep, startTestService, type TestService } from './support/harness.js';
import { startReceiver, verifyWebhook } from './support/receiver.js';
import { startWebhookService, type WebhookService } from './support/webhook-service.js';

const SCHEDULE = [0, 300, 600];
let webhooks: WebhookService;
let svc: TestService;

beforeAll(async () => {
  webhooks = await startWebhookService({ webhooks: { timeoutMs: 400, retryScheduleMs: SCHEDULE } });
  svc = webhooks.svc;
}, 120_000);
afterAll(() => webhooks?.close());

const receiver = (answer?: Parameters<typeof startReceiver>[0]) => webhooks.receiver(answer);
const createEndpoint = (tenantId: number, url: string, events?: string[]) => webhooks.createEndpoint(tenantId, url, events);

/** Writes an order through the API (its event: order.created, or order.updated); answers it and the event's id. */
async function postOrder(on: TestService, t: number, overrides: Partial<Order> = {}): Promise<{ order: Order; eventId: string }> {
  const order = makeOrder(t, overrides);
  const res = await on.call('POST', `/${t}/order`, order);
  expect(res.status).toBe(200);
  return { order, eventId: (await streamIds(on.redis, t)).at(-1)! };
}

async function deleteOrder(on: TestService, t: number, orderId: string): Promise<string> {
  expect((await on.call('DELETE', `/${t}/order/byid/${orderId}`)).body).toBe(true);
  return (await streamIds(on.redis, t)).at(-1)!;
}

const deliveries = async (t: number, id: string, query = '') => (await svc.call('GET', `/${t}/webhooks/${id}/deliveries${query}`)).body;

describe('delivery', () => {
  it('gets an event to a receiver that fails the first attempts, later, signed (Standard Webhooks)', async () => {
    const t = newTenantId();
    const r = await receiver((req) => ({ status: req.n <= 2 ? 500 : 204 }));
    const endpoint = await createEndpoint(t, r.url);
    const { order, eventId } = await postOrder(svc, t);
    await deleteOrder(svc, t, order.orderId);

    await eventually(() => expect(r.requests).toHaveLength(3), 10_000);
    const feedEvent = (await svc.call('GET', `/${t}/events`)).body.events[0];
    for (const req of r.requests) {
      expect(req.method).toBe('POST');
      expect(req.headers['content-type']).toBe('application/json');
      expect(verifyWebhook(endpoint.secret, req.headers, req.body)).toBe(true);
      expect(verifyWebhook(endpoint.secret, req.headers, req.body.replace('"qty":2', '"qty":3'))).toBe(false);
      expect(JSON.parse(req.body)).toEqual(feedEvent);
    }
    // One webhook-id for every attempt (the receiver's idempotency key); a new timestamp each time.
    expect(new Set(r.requests.map((q) => q.headers['webhook-id']))).toEqual(new Set([`evt_${t}_${eventId}`]));
    // The schedule: the first attempt at once, the next ones ~300 and ~600 ms (±20 %) after the
    // attempt before failed, on the service's clock.
    const attempts = webhooks.attemptsTo(r.url);
    expect(attempts.map((a) => a.result.statusCode)).toEqual([500, 500, 204]);
    expect(attempts[1]!.startedAt - attempts[0]!.endedAt).toBeGreaterThanOrEqual(300 * 0.8);
    expect(attempts[2]!.startedAt - attempts[1]!.endedAt).toBeGreaterThanOrEqual(600 * 0.8);

    await eventually(async () => expect((await deliveries(t, endpoint.id)).deliveries[0]).toMatchObject({ status: 'delivered' }));
    const page = await deliveries(t, endpoint.id);
    expect(page.deliveries).toHaveLength(1); // order.deleted is not among the endpoint's events
    expect(page.deliveries[0]).toMatchObject({
      id: eventId,
      endpointId: endpoint.id,
      eventType: 'order.created',
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 204,
      lastError: null,
      nextAttemptAt: null,
      failedAt: null,
    });
    expect(Date.parse(page.deliveries[0].deliveredAt)).toBeGreaterThan(0);
    expect((await deliveries(t, endpoint.id, '?status=failed')).deliveries).toEqual([]);
    expect((await deliveries(t, endpoint.id, '?status=delivered')).deliveries).toHaveLength(1);
    // A delivered delivery no longer holds a copy of its event.
    expect((await svc.call('GET', `/${t}/webhooks/${endpoint.id}/deliveries/${eventId}`)).body.event).toBeNull();
  });

  it('times out a slow receiver and tries again', async () => {
    const t = newTenantId();
    const r = await receiver((req) => (req.n === 1 ? { status: 200, delayMs: 1500 } : { status: 200 }));
    const endpoint = await createEndpoint(t, r.url);
    const { eventId } = await postOrder(svc, t);
    await eventually(async () =>
      expect((await deliveries(t, endpoint.id)).deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 }),
    );
    expect(r.requests).toHaveLength(2);
    // The first attempt was given up after the timeout (400 ms), long before the receiver's answer
    // (1.5 s): the service closed the connection, and tried again ~300 ms (±20 %) later.
    expect(r.requests[0]!.abortedByClient).toBe(true);
    const [first, second] = webhooks.attemptsTo(r.url);
    expect(first!.result).toMatchObject({ statusCode: null, error: 'no answer within 400 ms (timed out)' });
    expect(first!.result.durationMs).toBeGreaterThanOrEqual(399);
    expect(first!.endedAt - first!.startedAt).toBeLessThan(1500);
    expect(second!.startedAt - first!.endedAt).toBeGreaterThanOrEqual(300 * 0.8);
    expect(second!.result.statusCode).toBe(200);
    expect(r.requests.map((q) => q.headers['webhook-id'])).toEqual([`evt_${t}_${eventId}`, `evt_${t}_${eventId}`]);
  });

  it('fails a delivery once the schedule is spent, shows why, and sends it again on a manual retry', async () => {
    const t = newTenantId();
    let up = false;
    const r = await receiver(() => (up ? { status: 200 } : { status: 503, body: 'maintenance until noon' }));
    const endpoint = await createEndpoint(t, r.url);
    const { order, eventId } = await postOrder(svc, t);
    await eventually(async () => expect((await deliveries(t, endpoint.id, '?status=failed')).deliveries).toHaveLength(1), 10_000);
    expect(r.requests).toHaveLength(SCHEDULE.length);
    const failed = (await svc.call('GET', `/${t}/webhooks/${endpoint.id}/deliveries/${eventId}`)).body;
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
      lastResponse: 'maintenance until noon',
      nextAttemptAt: null,
    });
    expect(Date.parse(failed.failedAt)).toBeGreaterThan(0);
    // The failed delivery keeps the event it sends.
    expect(failed.event).toEqual({
      id: eventId,
      type: 'order.created',
      at: expect.any(String),
      tenantId: t,
      data: { order: (await svc.call('GET', `/${t}/order/${order.orderId}`)).body },
    });
    await sleep(500);
    expect(r.requests).toHaveLength(3); // nothing more until asked

    up = true;
    const retried = await svc.call('POST', `/${t}/webhooks/${endpoint.id}/deliveries/${eventId}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 3 });
    await eventually(async () =>
      expect((await deliveries(t, endpoint.id)).deliveries[0]).toMatchObject({ status: 'delivered', attempts: 4 }),
    );
    expect(r.requests).toHaveLength(4);
    expect(verifyWebhook(endpoint.secret, r.requests[3]!.headers, r.requests[3]!.body)).toBe(true);

    const again = await svc.call('POST', `/${t}/webhooks/${endpoint.id}/deliveries/${eventId}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/is delivered: only a failed delivery can be retried/);
    expect((await svc.call('POST', `/${t}/webhooks/${endpoint.id}/deliveries/1-0/retry`)).status).toBe(404);
  });

  it('never follows a redirect: a 3xx is a failed attempt', async () => {
    const t = newTenantId();
    const target = await receiver();
    const r = await receiver(() => ({ status: 307, headers: { location: target.url } }));
    const endpoint = await createEndpoint(t, r.url);
    await postOrder(svc, t);
    await eventually(async () => expect((await deliveries(t, endpoint.id, '?status=failed')).deliveries).toHaveLength(1), 10_000);
    expect((await deliveries(t, endpoint.id)).deliveries[0]).toMatchObject({
      lastStatusCode: 307,
      lastError: 'HTTP 307: redirects are not followed',
    });
    expect(r.requests).toHaveLength(3);
    expect(target.requests).toHaveLength(0);
  });

  it('holds deliveries while paused and sends them on resume; a deleted endpoint gets nothing more', async () => {
    const t = newTenantId();
    const r = await receiver();
    const endpoint = await createEndpoint(t, r.url, ['order.created', 'order.deleted']);
    const paused = await svc.call('PATCH', `/${t}/webhooks/${endpoint.id}`, { status: 'paused' });
    expect(paused.body.status).toBe('paused');
    const { order, eventId: created } = await postOrder(svc, t);
    const ids = [created, await deleteOrder(svc, t, order.orderId)];
    await sleep(1200);
    expect(r.requests).toHaveLength(0);
    expect((await deliveries(t, endpoint.id, '?status=pending')).deliveries.map((d: any) => d.id)).toEqual([...ids].reverse());
    // The backlog shows in the metrics.
    const metrics = (await svc.call('GET', '/metrics')).body as string;
    const age = new RegExp(`reservoir_webhook_oldest_pending_seconds\\{tenant="${t}",endpoint="${endpoint.id}"\\} ([\\d.]+)`).exec(metrics);
    expect(Number(age?.[1])).toBeGreaterThan(1);
    expect(metrics).toContain(`reservoir_webhook_pending_deliveries{tenant="${t}",endpoint="${endpoint.id}"} 2`);

    expect((await svc.call('PATCH', `/${t}/webhooks/${endpoint.id}`, { status: 'active' })).body.status).toBe('active');
    await eventually(() => expect(r.requests).toHaveLength(2));
    expect(r.requests.map((q) => JSON.parse(q.body).id).sort()).toEqual([...ids].sort());

    expect((await svc.call('DELETE', `/${t}/webhooks/${endpoint.id}`)).status).toBe(204);
    await postOrder(svc, t);
    await sleep(1200);
    expect(r.requests).toHaveLength(2);
    expect((await svc.call('GET', `/${t}/webhooks/${endpoint.id}/deliveries`)).status).toBe(404);
    const counted = (await svc.call('GET', '/metrics')).body as string;
    expect(Number(/reservoir_webhook_deliveries_total\{outcome="delivered"\} (\d+)/.exec(counted)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('sends an endpoint only the events appended after its creation, and each of its types', async () => {
    const t = newTenantId();
    await postOrder(svc, t);
    const r = await receiver();
    const endpoint = await createEndpoint(t, r.url, ['order.lines_removed', 'orders.replaced', 'stock_origin.saturation']);
    const since = (await streamIds(svc.redis, t)).at(-1)!;
    await svc.call('PUT', `/${t}/stock-origins/FRA:MAG:0125/capacity`, { maxQty: 1, maxLines: null, maxOrders: null });
    const { order } = await postOrder(svc, t); // order.created, and the origin full: saturation up (0.8, 1.0)
    await svc.call('DELETE', `/${t}/order/byid/${order.orderId}/code/FRA:MAG:0125`); // lines_removed, saturation down
    await svc.call('PUT', `/${t}/orders`, []); // orders.replaced
    const feed = (await svc.call('GET', `/${t}/events?after=${since}`)).body.events as any[];
    const wanted = feed.filter((e) => ['order.lines_removed', 'orders.replaced', 'stock_origin.saturation'].includes(e.type));
    expect(new Set(wanted.map((e) => e.type))).toEqual(new Set(['order.lines_removed', 'orders.replaced', 'stock_origin.saturation']));
    expect(feed.some((e) => e.type === 'order.created')).toBe(true);
    await eventually(() => expect(r.requests).toHaveLength(wanted.length));
    await sleep(300);
    expect(r.requests).toHaveLength(wanted.length);
    const bodies = r.requests.map((q) => JSON.parse(q.body)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(bodies).toEqual([...wanted].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    expect(r.requests.every((q) => verifyWebhook(endpoint.secret, q.headers, q.body))).toBe(true);
  });

  it("does not let a receiver that hangs hold up another endpoint's deliveries", async () => {
    // A dispatcher whose attempts wait ten minutes for an answer takes over for this test: longer
    // than the test, however slow the machine, so none of the hanging attempts ends meanwhile.
    await svc.services.webhooks.dispatcher.stop();
    const patient = await startTestService({
      ...svc.redisTarget,
      settings: { webhooks: { allowPrivateNetworks: true, timeoutMs: 600_000 } },
    });
    patient.services.webhooks.dispatcher.start();
    const stuck = await startReceiver(() => ({ hang: true }));
    try {
      const t = newTenantId();
      const fine = await receiver();
      await patient.call('POST', `/${t}/webhooks`, { url: stuck.url, events: ['order.created'] });
      await patient.call('POST', `/${t}/webhooks`, { url: fine.url, events: ['order.deleted'] });
      const orders = Array.from({ length: 100 }, () => makeOrder(t));
      await Promise.all(orders.map((o) => patient.call('POST', `/${t}/order`, o)));
      // The hanging endpoint gets at most three quarters of the replica's attempts (64): 48 wait on it.
      await eventually(() => expect(stuck.requests.length).toBeGreaterThanOrEqual(48), 20_000, 5);
      const eventId = await deleteOrder(patient, t, orders[0]!.orderId);
      // The other endpoint's delivery goes out while all 48 still wait for their answer.
      await eventually(() => expect(fine.requests).toHaveLength(1), 20_000, 5);
      expect(JSON.parse(fine.requests[0]!.body).id).toBe(eventId);
      expect(stuck.requests).toHaveLength(48);
      expect(stuck.requests.filter((r) => r.abortedByClient)).toEqual([]);
    } finally {
      await stuck.close();
      await patient.services.webhooks.dispatcher.stop();
      await patient.close();
      svc.services.webhooks.dispatcher.start();
    }
  });

  it('pages through the delivery log newest first, each delivery once, and forgets old finished ones', async () => {
    const t = newTenantId();
    const r = await receiver();
    const endpoint = await createEndpoint(t, r.url);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await postOrder(svc, t)).eventId);
    await eventually(async () => expect((await deliveries(t, endpoint.id, '?status=delivered')).deliveries).toHaveLength(7));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await deliveries(t, endpoint.id, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.deliveries.map((d: any) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    expect(await svc.services.webhooks.store.trimLog(t, endpoint.id, 0, 2)).toBe(5);
    expect((await deliveries(t, endpoint.id)).deliveries.map((d: any) => d.id)).toEqual([ids[6], ids[5]]);
    expect(await svc.services.webhooks.store.trimLog(t, endpoint.id, Date.now() + 1000, 100)).toBe(2);
    expect((await deliveries(t, endpoint.id)).deliveries).toEqual([]);
  });
});

describe('disabling, and a Redis that lost the endpoints', () => {
  it('disables an endpoint failing for WEBHOOK_DISABLE_AFTER, with the reason; PATCH active re-enables it', async () => {
    // The in-process dispatcher hands over to one that disables after 1 s of failures.
    await svc.services.webhooks.dispatcher.stop();
    const strict = await startTestService({
      ...svc.redisTarget,
      settings: {
        webhooks: {
          allowPrivateNetworks: true,
          timeoutMs: 400,
          retryScheduleMs: [0, 300, 300, 300, 300, 300, 300, 300],
          disableAfterMs: 1000,
        },
      },
    });
    strict.services.webhooks.dispatcher.start();
    try {
      const t = newTenantId();
      let up = false;
      const r = await receiver(() => ({ status: up ? 200 : 500 }));
      const created = await strict.call('POST', `/${t}/webhooks`, { url: r.url, events: ['order.created'] });
      const endpoint = created.body;
      const { eventId: first } = await postOrder(strict, t);
      await eventually(
        async () => expect((await strict.call('GET', `/${t}/webhooks/${endpoint.id}`)).body.status).toBe('disabled'),
        10_000,
      );
      const disabled = (await strict.call('GET', `/${t}/webhooks/${endpoint.id}`)).body;
      expect(disabled.disabledReason).toMatch(/every delivery attempt failed for 1s or more \(last: HTTP 500\)/);
      expect(Date.parse(disabled.failingSince)).toBeLessThanOrEqual(Date.parse(disabled.disabledAt) - 1000);
      const log = (await strict.call('GET', `/${t}/webhooks/${endpoint.id}/deliveries/${first}`)).body;
      expect(log).toMatchObject({ status: 'failed' });
      expect(log.lastError).toMatch(/endpoint disabled/);
      // Durable: MongoDB holds the disabled state too.
      await eventually(async () =>
        expect(
          await strict.mongo.run((db) => db.collection('webhook_endpoints').findOne({ _id: `${t}:${endpoint.id}` as never })),
        ).toMatchObject({
          disabledReason: disabled.disabledReason,
        }),
      );
      // While disabled, new events make no deliveries, and a retry is refused.
      const count = r.requests.length;
      await postOrder(strict, t);
      await sleep(800);
      expect(r.requests).toHaveLength(count);
      expect((await strict.call('GET', `/${t}/webhooks/${endpoint.id}/deliveries`)).body.deliveries).toHaveLength(1);
      expect((await strict.call('POST', `/${t}/webhooks/${endpoint.id}/deliveries/${first}/retry`)).status).toBe(409);

      up = true;
      const enabled = await strict.call('PATCH', `/${t}/webhooks/${endpoint.id}`, { status: 'active' });
      expect(enabled.body).toMatchObject({ status: 'active', failingSince: null, disabledAt: null, disabledReason: null });
      expect((await strict.call('POST', `/${t}/webhooks/${endpoint.id}/deliveries/${first}/retry`)).status).toBe(202);
      const { eventId: third } = await postOrder(strict, t);
      await eventually(async () => {
        const delivered = (await strict.call('GET', `/${t}/webhooks/${endpoint.id}/deliveries?status=delivered`)).body.deliveries;
        expect(delivered.map((d: any) => d.id).sort()).toEqual([first, third].sort());
      });
    } finally {
      await strict.services.webhooks.dispatcher.stop();
      await strict.close();
      svc.services.webhooks.dispatcher.start();
    }
  });

  it('leaves alone what changed after its MongoDB listing: an endpoint created, paused or deleted meanwhile', async () => {
    const t = newTenantId();
    const r = await receiver();
    const paused = await createEndpoint(t, r.url);
    const deleted = await createEndpoint(t, r.url);
    const webhooks = svc.services.webhooks;
    // The job lists MongoDB, then the API changes things before the job reads Redis.
    const listing = await webhooks.archive.listAllEndpoints();
    const created = await createEndpoint(t, r.url);
    expect((await svc.call('PATCH', `/${t}/webhooks/${paused.id}`, { status: 'paused' })).status).toBe(200);
    expect((await svc.call('DELETE', `/${t}/webhooks/${deleted.id}`)).status).toBe(204);
    const archive = Object.assign(Object.create(webhooks.archive) as typeof webhooks.archive, { listAllEndpoints: async () => listing });

    // (Its report counts every tenant of this shared service; what matters is this tenant's copy.)
    await restoreWebhookEndpoints({ ...webhooks, archive });
    const held = await webhooks.store.readDefinitions(t);
    expect([...held.keys()].sort()).toEqual([paused.id, created.id].sort());
    expect(JSON.parse(held.get(paused.id)!).status).toBe('paused');
    // The new endpoint is sent the next event; the paused one and the deleted one are not.
    const { eventId } = await postOrder(svc, t);
    await eventually(() => expect(r.requests).toHaveLength(1));
    expect(JSON.parse(r.requests[0]!.body).id).toBe(eventId);
    expect(verifyWebhook(created.secret, r.requests[0]!.headers, r.requests[0]!.body)).toBe(true);
  });

  it('puts endpoints back into a Redis that lost them, from MongoDB, with their secret', async () => {
    const t = newTenantId();
    const r = await receiver();
    const endpoint = await createEndpoint(t, r.url);
    await svc.redis.flushall();
    // MongoDB still lists it; Redis has forgotten it until the restore job runs.
    expect((await svc.call('GET', `/${t}/webhooks`)).body.webhooks.map((w: any) => w.id)).toEqual([endpoint.id]);
    expect(await svc.services.webhooks.store.readDefinitions(t)).toEqual(new Map());
    const report = await restoreWebhookEndpoints(svc.services.webhooks);
    expect(report.restored).toBeGreaterThanOrEqual(1);
    const { eventId: id } = await postOrder(svc, t);
    await eventually(() => expect(r.requests).toHaveLength(1));
    expect(JSON.parse(r.requests[0]!.body).id).toBe(id);
    expect(verifyWebhook(endpoint.secret, r.requests[0]!.headers, r.requests[0]!.body)).toBe(true);
    // A second run finds nothing to do.
    expect(await restoreWebhookEndpoints(svc.services.webhooks)).toMatchObject({ restored: 0, updated: 0, removed: 0 });
  });
});

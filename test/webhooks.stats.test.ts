/**
 * An endpoint's delivery figures (GET .../stats), the test event (POST .../test) and the retry of
 * every failed delivery (POST .../deliveries/retry), through the API, with a real receiver and the
 * dispatcher running in-process on a Redis of the test's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeOrder, newTenantId, type TestService } from './support/harness.js';
import { type startReceiver, verifyWebhook } from './support/receiver.js';
import { startWebhookService, type WebhookService } from './support/webhook-service.js';

const SCHEDULE = [0, 100, 200];
let webhooks: WebhookService;
let svc: TestService;

beforeAll(async () => {
  webhooks = await startWebhookService({ webhooks: { timeoutMs: 2000, retryScheduleMs: SCHEDULE } });
  svc = webhooks.svc;
}, 120_000);
afterAll(() => webhooks?.close());

const receiver = (answer?: Parameters<typeof startReceiver>[0]) => webhooks.receiver(answer);
const createEndpoint = (tenantId: number, url: string) => webhooks.createEndpoint(tenantId, url);

const stats = async (t: number, id: string) => {
  const res = await svc.call('GET', `/${t}/webhooks/${id}/stats`);
  expect(res.status).toBe(200);
  return res.body;
};

describe('GET /{tenantId}/webhooks/{id}/stats', () => {
  it('counts attempts and deliveries, succeeded and failed, with the success rate, durations, last success and last failure', async () => {
    const t = newTenantId();
    // The first two orders' events are delivered; the third's fails on every attempt (3: the schedule).
    let failing = false;
    const r = await receiver(() => (failing ? { status: 503, body: 'down for maintenance' } : { status: 200 }));
    const endpoint = await createEndpoint(t, r.url);

    const empty = await stats(t, endpoint.id);
    expect(empty).toMatchObject({
      endpointId: endpoint.id,
      lastHour: { attempts: 0, successRate: null, p50DurationMs: null, p95DurationMs: null },
      last24Hours: { attempts: 0, deliveriesSucceeded: 0, deliveriesFailed: 0 },
      pending: 0,
      oldestPendingAt: null,
      lastSuccessAt: null,
      lastFailureAt: null,
      lastFailure: null,
    });

    await svc.call('POST', `/${t}/order`, makeOrder(t));
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    await eventually(async () => expect((await stats(t, endpoint.id)).lastHour.deliveriesSucceeded).toBe(2));
    failing = true;
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    const figures = await eventually(async () => {
      const s = await stats(t, endpoint.id);
      expect(s.lastHour.deliveriesFailed).toBe(1);
      return s;
    });
    for (const window of [figures.lastHour, figures.last24Hours]) {
      expect(window).toEqual({
        attempts: 5,
        attemptsSucceeded: 2,
        attemptsFailed: 3,
        deliveriesSucceeded: 2,
        deliveriesFailed: 1,
        successRate: 0.4,
        p50DurationMs: expect.any(Number),
        p95DurationMs: expect.any(Number),
      });
      expect(window.p50DurationMs).toBeLessThanOrEqual(window.p95DurationMs);
    }
    expect(figures.pending).toBe(0);
    expect(figures.oldestPendingAt).toBeNull();
    expect(Date.parse(figures.lastFailureAt)).toBeGreaterThanOrEqual(Date.parse(figures.lastSuccessAt));
    expect(figures.lastFailure).toEqual({ statusCode: 503, error: 'HTTP 503' });
  });

  it('shows the pending deliveries and when the oldest one happened', async () => {
    const t = newTenantId();
    const r = await receiver(() => ({ status: 200 }));
    const endpoint = await createEndpoint(t, r.url);
    expect((await svc.call('PATCH', `/${t}/webhooks/${endpoint.id}`, { status: 'paused' })).status).toBe(200);
    const before = Date.now();
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    const s = await eventually(async () => {
      const s = await stats(t, endpoint.id);
      expect(s.pending).toBe(2);
      return s;
    });
    expect(Date.parse(s.oldestPendingAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(s.lastHour.attempts).toBe(0);
  });
});

describe('POST /{tenantId}/webhooks/{id}/test', () => {
  it('sends a signed webhook.test event at once and answers what the receiver answered', async () => {
    const t = newTenantId();
    const r = await receiver(() => ({ status: 204 }));
    const endpoint = await createEndpoint(t, r.url);
    const res = await svc.call('POST', `/${t}/webhooks/${endpoint.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      delivered: true,
      statusCode: 204,
      durationMs: expect.any(Number),
      error: null,
      response: null,
      webhookId: expect.stringMatching(/^test_/),
    });
    const [request] = r.requests;
    expect(r.requests).toHaveLength(1);
    expect(verifyWebhook(endpoint.secret, request!.headers, request!.body)).toBe(true);
    expect(request!.headers['webhook-id']).toBe(res.body.webhookId);
    const event = JSON.parse(request!.body);
    expect(event).toMatchObject({ type: 'webhook.test', tenantId: t, data: { endpointId: endpoint.id } });
    // not a delivery: neither in the log nor in the figures
    expect((await svc.call('GET', `/${t}/webhooks/${endpoint.id}/deliveries`)).body.deliveries).toEqual([]);
    expect((await stats(t, endpoint.id)).lastHour.attempts).toBe(0);
  });

  it("answers the receiver's failure: its status and the start of its answer, or the connection error", async () => {
    const t = newTenantId();
    const r = await receiver(() => ({ status: 500, body: 'boom' }));
    const endpoint = await createEndpoint(t, r.url);
    const res = await svc.call('POST', `/${t}/webhooks/${endpoint.id}/test`);
    expect(res.body).toMatchObject({ delivered: false, statusCode: 500, error: 'HTTP 500', response: 'boom' });

    // closed: a kept-alive connection is reset, a new one refused
    await r.close();
    const refused = await svc.call('POST', `/${t}/webhooks/${endpoint.id}/test`);
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({
      delivered: false,
      statusCode: null,
      error: expect.stringMatching(/^connection (refused|reset by the receiver)$/),
    });
  });
});

describe('POST /{tenantId}/webhooks/{id}/deliveries/retry', () => {
  it('sends every failed delivery again, and they are delivered once the receiver works', async () => {
    const t = newTenantId();
    let failing = true;
    const r = await receiver(() => (failing ? { status: 500 } : { status: 200 }));
    const endpoint = await createEndpoint(t, r.url);
    for (let i = 0; i < 3; i++) await svc.call('POST', `/${t}/order`, makeOrder(t));
    await eventually(async () => expect((await stats(t, endpoint.id)).last24Hours.deliveriesFailed).toBe(3));

    failing = false;
    const res = await svc.call('POST', `/${t}/webhooks/${endpoint.id}/deliveries/retry`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ retried: 3 });
    await eventually(async () => {
      const delivered = await svc.call('GET', `/${t}/webhooks/${endpoint.id}/deliveries?status=delivered`);
      expect(delivered.body.deliveries).toHaveLength(3);
    });
    expect((await svc.call('GET', `/${t}/webhooks/${endpoint.id}/deliveries?status=failed`)).body.deliveries).toEqual([]);
    // nothing failed is left: nothing to retry
    expect((await svc.call('POST', `/${t}/webhooks/${endpoint.id}/deliveries/retry`)).body).toEqual({ retried: 0 });
  });

  it('refuses a paused endpoint with 409, leaving its failed deliveries as they are', async () => {
    const t = newTenantId();
    const r = await receiver(() => ({ status: 500 }));
    const endpoint = await createEndpoint(t, r.url);
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    await eventually(async () => expect((await stats(t, endpoint.id)).last24Hours.deliveriesFailed).toBe(1));
    await svc.call('PATCH', `/${t}/webhooks/${endpoint.id}`, { status: 'paused' });
    const res = await svc.call('POST', `/${t}/webhooks/${endpoint.id}/deliveries/retry`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(res.body.error.message).toMatch(/paused/);
    expect((await svc.call('GET', `/${t}/webhooks/${endpoint.id}/deliveries?status=failed`)).body.deliveries).toHaveLength(1);
  });
});

describe('tenant isolation', () => {
  it("another tenant's endpoint is not found by any of the three routes, and nothing is sent", async () => {
    const owner = newTenantId();
    const stranger = newTenantId();
    const r = await receiver(() => ({ status: 200 }));
    const endpoint = await createEndpoint(owner, r.url);
    const strangerKey = (await svc.call('POST', `/admin/tenants/${stranger}/api-keys`)).body.key as string;
    for (const [method, path] of [
      ['GET', `/${stranger}/webhooks/${endpoint.id}/stats`],
      ['POST', `/${stranger}/webhooks/${endpoint.id}/test`],
      ['POST', `/${stranger}/webhooks/${endpoint.id}/deliveries/retry`],
    ] as const) {
      const res = await svc.call(method, path, undefined, { key: strangerKey });
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      // the owner's path with the stranger's key: refused before anything is looked up
      const owned = await svc.call(method, path.replace(`/${stranger}/`, `/${owner}/`), undefined, { key: strangerKey });
      expect(owned.status, path).toBe(403);
    }
    expect(r.requests).toHaveLength(0);
  });

  it('an endpoint id that is not one is refused with 400, naming the field', async () => {
    const res = await svc.call('GET', `/${newTenantId()}/webhooks/nope/stats`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('id');
  });
});

describe("deliveries queued for paused endpoints: the tenant's pausedDeliveries quota", () => {
  it('queues at most the quota for the paused endpoints together, counts the rest as dropped, never refuses the write', async () => {
    const t = newTenantId();
    const r = await receiver(() => ({ status: 200 }));
    const [a, b, live] = [await createEndpoint(t, r.url), await createEndpoint(t, r.url), await createEndpoint(t, r.url)];
    const set = await svc.call('PUT', `/admin/tenants/${t}/quotas`, { pausedDeliveries: 3 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.quotas.pausedDeliveries).toBe(3);
    for (const paused of [a, b]) expect((await svc.call('PATCH', `/${t}/webhooks/${paused.id}`, { status: 'paused' })).status).toBe(200);

    // Four events for three endpoints: the writes are all answered, whatever the queues hold.
    for (let i = 0; i < 4; i++) expect((await svc.call('POST', `/${t}/order`, makeOrder(t))).body).toBe(true);
    // The active endpoint is sent every one; the paused ones hold three together, the five others dropped.
    await eventually(async () => expect((await stats(t, live.id)).lastHour.deliveriesSucceeded).toBe(4));
    const held = await eventually(async () => {
      const both = [await stats(t, a.id), await stats(t, b.id)];
      expect(both[0].pending + both[1].pending).toBe(3);
      expect(both[0].dropped + both[1].dropped).toBe(5);
      return both;
    });
    for (const s of held) {
      if (s.dropped > 0) expect(Date.parse(s.lastDroppedAt)).toBeGreaterThan(Date.now() - 60_000);
      else expect(s.lastDroppedAt).toBeNull();
    }
    expect((await stats(t, live.id)).dropped).toBe(0);
    // The events dropped for the paused endpoints stay in the feed.
    expect(
      (await svc.call('GET', `/${t}/events?limit=100`)).body.events.filter((e: { type: string }) => e.type === 'order.created'),
    ).toHaveLength(4);

    // Resumed, the queued deliveries are sent; nothing is dropped any more.
    for (const paused of [a, b]) expect((await svc.call('PATCH', `/${t}/webhooks/${paused.id}`, { status: 'active' })).status).toBe(200);
    await eventually(async () => {
      const both = [await stats(t, a.id), await stats(t, b.id)];
      expect(both[0].lastHour.deliveriesSucceeded + both[1].lastHour.deliveriesSucceeded).toBe(3);
      expect(both[0].pending + both[1].pending).toBe(0);
    });
    await svc.call('POST', `/${t}/order`, makeOrder(t));
    await eventually(async () => {
      const both = [await stats(t, a.id), await stats(t, b.id)];
      expect(both[0].lastHour.deliveriesSucceeded + both[1].lastHour.deliveriesSucceeded).toBe(5);
      expect(both[0].dropped + both[1].dropped).toBe(5);
    });
  });
});

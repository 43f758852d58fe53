/**
 * The suite every route runs for authentication and tenant isolation, built from the OpenAPI
 * document: a route added later is covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/app.js';
import { ADMIN_KEY, makeOrder, newGuid, newTenantId, startTestService, type TestService } from './support/harness.js';

let svc: TestService;
const tenant = newTenantId();
const other = newTenantId();
let ownKey: string;
let otherKey: string;
const METRICS_KEY = 'metrics-scraper-key-0123456789';

beforeAll(async () => {
  svc = await startTestService({ settings: { metricsApiKey: METRICS_KEY } });
  ownKey = (await svc.call('POST', `/admin/tenants/${tenant}/api-keys`)).body.key;
  otherKey = (await svc.call('POST', `/admin/tenants/${other}/api-keys`)).body.key;
});
afterAll(() => svc.close());

const PUBLIC = new Set(['/health', '/ready']);

/** Every documented route, its path filled in for `tenantId`. */
function routes(tenantId: number) {
  const doc = openApiDocument(svc.app);
  return Object.entries(doc.paths ?? {}).flatMap(([template, operations]) =>
    Object.keys(operations as object).map((method) => ({
      method: method.toUpperCase(),
      template,
      path: template
        .replace('{tenantId}', String(tenantId))
        .replace('{code}', 'FRA%3AMAG%3A0125')
        .replace(/\{(orderId|artGuid|keyId)\}/g, () => newGuid())
        .replace('{id}', 'ep_AAAAAAAAAAAAAAAAAAAAAA')
        .replace('{deliveryId}', '1-0'),
    })),
  );
}

/** A body the route would accept from its owner, so that only the key decides. */
function bodyFor(method: string, template: string, tenantId: number): unknown {
  if (method === 'GET' || method === 'DELETE') return undefined;
  if (template === '/{tenantId}/order') return makeOrder(tenantId);
  if (template === '/{tenantId}/orders') return [];
  if (template === '/{tenantId}/config') return { enableInternalOrderSync: true };
  if (template === '/{tenantId}/shipments') return [{ orderId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', code: 'A' }];
  if (template === '/{tenantId}/reservations/query') return { artGuids: ['c420a0b0-fd50-446a-b2e0-18ab3bf4c460'] };
  if (template === '/{tenantId}/stock-origins/{code}/capacity') return { maxQty: 10, maxLines: null, maxOrders: null };
  if (template === '/{tenantId}/order/{orderId}/hold') return { expiresAt: '2099-01-01T00:00:00Z' };
  if (template === '/{tenantId}/reservations/simulate')
    return { plans: [{ lines: [{ code: 'FRA:MAG:0125', artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460', qty: 1 }] }] };
  if (template === '/{tenantId}/stock')
    return { asOf: '2030-01-01T00:00:00Z', levels: [{ code: 'FRA:MAG:0125', artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460', onHand: 1 }] };
  if (template === '/{tenantId}/webhooks') return { url: 'https://8.8.8.8/hooks', events: ['order.created'] };
  if (template === '/{tenantId}/webhooks/{id}') return { status: 'paused' };
  if (template.endsWith('/retry')) return undefined;
  return template.startsWith('/admin/tenants') ? undefined : { tenantId };
}

/** Calls a route; a stream that opens (Server-Sent Events) is closed once its status is known. */
async function callRoute(method: string, template: string, path: string, body: unknown, key?: string) {
  if (template.endsWith('/events/stream')) {
    const res = await svc.app.request(path, { headers: { Authorization: `Bearer ${key ?? ADMIN_KEY}` } });
    const text = res.headers.get('content-type')?.startsWith('text/event-stream') ? '' : await res.text();
    await res.body?.cancel().catch(() => {});
    return { status: res.status, body: text };
  }
  return svc.call(method, path, body, key === undefined ? {} : { key });
}

describe('every route', () => {
  it('is documented', () => {
    expect(routes(tenant).length).toBeGreaterThan(15);
  });

  it('answers 401 with a JSON error without a key, except the public ones', async () => {
    for (const { method, template, path } of routes(tenant)) {
      const res = await svc.call(method, path, bodyFor(method, template, tenant), { key: null });
      if (PUBLIC.has(template)) {
        expect(res.status, `${method} ${template}`).not.toBe(401);
        continue;
      }
      expect(res.status, `${method} ${template}`).toBe(401);
      expect(res.body.error).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String), requestId: res.headers.get('x-request-id') });
    }
  });

  it("answers 403 to another tenant's key on tenant routes, and to any tenant key on admin routes and /metrics", async () => {
    for (const { method, template, path } of routes(tenant)) {
      if (PUBLIC.has(template)) continue;
      const res = await svc.call(method, path, bodyFor(method, template, tenant), { key: otherKey });
      expect(res.status, `${method} ${template}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      if (!template.startsWith('/{tenantId}')) {
        expect((await svc.call(method, path, bodyFor(method, template, tenant), { key: ownKey })).status, `${method} ${template}`).toBe(
          403,
        );
      }
    }
  });

  it("lets the tenant's own key through on its tenant routes", async () => {
    for (const { method, template, path } of routes(tenant)) {
      if (!template.startsWith('/{tenantId}')) continue;
      const res = await callRoute(method, template, path, bodyFor(method, template, tenant), ownKey);
      expect([200, 201, 204, 404], `${method} ${template}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
    }
  });

  it('lets the admin key through everywhere', async () => {
    for (const { method, template, path } of routes(tenant)) {
      const res = await callRoute(method, template, path, bodyFor(method, template, tenant));
      expect([200, 201, 204, 404], `${method} ${template}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
    }
  });

  it('lets the metrics key read /metrics and nothing else', async () => {
    for (const { method, template, path } of routes(tenant)) {
      if (PUBLIC.has(template)) continue;
      const res = await svc.call(method, path, bodyFor(method, template, tenant), { key: METRICS_KEY });
      expect(res.status, `${method} ${template}`).toBe(template === '/metrics' ? 200 : 403);
    }
  });

  it('keeps paths of no route group to the admin key, and the public paths open whatever the method', async () => {
    for (const path of ['/nope', `/${tenant}x/order`, '/admin/nope']) {
      expect((await svc.call('GET', path, undefined, { key: null })).status, path).toBe(401);
      expect((await svc.call('GET', path, undefined, { key: ownKey })).status, path).toBe(403);
      expect((await svc.call('GET', path, undefined, { key: METRICS_KEY })).body.error.message, path).toBe(
        'the metrics key reaches GET /metrics only',
      );
      expect((await svc.call('GET', path)).status, path).toBe(404);
    }
    expect((await svc.call('GET', `/${tenant}/nope`, undefined, { key: ownKey })).status).toBe(404);
    expect((await svc.call('GET', `/${other}/nope`, undefined, { key: ownKey })).status).toBe(403);
    expect((await svc.call('DELETE', '/health', undefined, { key: null })).status).toBe(404);
    expect((await svc.call('GET', '/console/nope', undefined, { key: null })).status).not.toBe(401);
  });

  it('does not let a tenant key pass off another tenant by path tricks', async () => {
    const order = makeOrder(other);
    await svc.call('POST', `/${other}/order`, order);
    for (const path of [
      `/${tenant}/../${other}/order/${order.orderId}`,
      `/${tenant}/%2e%2e/${other}/order/${order.orderId}`,
      `/0${other}/order/${order.orderId}`,
      `//${other}/order/${order.orderId}`,
      `/${other}%2Forder/${order.orderId}`,
      `/%3${String(other)[0]}${String(other).slice(1)}/order/${order.orderId}`,
    ]) {
      const res = await svc.app.request(path, { headers: { Authorization: `Bearer ${ownKey}` } });
      expect([400, 403, 404], path).toContain(res.status);
      expect(JSON.stringify(await res.json()), path).not.toContain(order.lines[0]!.artGuid);
    }
  });
});

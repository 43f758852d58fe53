import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/app.js';
import { startTestService, type TestService } from './support/harness.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const committed = () => JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8'));

describe('the OpenAPI document', () => {
  it('is served at /openapi.json, generated from the schemas that validate requests', async () => {
    const res = await svc.call('GET', '/openapi.json', undefined, { key: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(openApiDocument(svc.app));
  });

  it('is committed under openapi/ in step with the code (run `npm run openapi` after changing a route)', () => {
    expect(committed()).toEqual(openApiDocument(svc.app));
  });

  it('documents every route of the contract with its answers', () => {
    const paths = committed().paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/{tenantId}/order',
        '/{tenantId}/orders',
        '/{tenantId}/order/byid/{orderId}',
        '/{tenantId}/order/byid/{orderId}/code/{code}',
        '/{tenantId}/order/{orderId}',
        '/{tenantId}/stock-origins',
        '/{tenantId}/stock-origins/{code}',
        '/{tenantId}/articles/{artGuid}',
        '/{tenantId}/config',
        '/{tenantId}/sync',
        '/admin/sync',
        '/admin/restore',
        '/{tenantId}/events',
        '/{tenantId}/events/stream',
        '/{tenantId}/webhooks',
        '/{tenantId}/webhooks/{id}',
        '/{tenantId}/webhooks/{id}/deliveries',
        '/{tenantId}/webhooks/{id}/deliveries/{deliveryId}',
        '/{tenantId}/webhooks/{id}/deliveries/{deliveryId}/retry',
      ]),
    );
    expect(Object.keys(paths['/{tenantId}/events'].get.responses)).toEqual(expect.arrayContaining(['200', '400', '410']));
    expect(Object.keys(paths['/{tenantId}/events/stream'].get.responses['200'].content)).toEqual(['text/event-stream']);
    expect(Object.keys(paths['/{tenantId}/webhooks/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(Object.keys(paths['/{tenantId}/order'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '409', '503']));
    expect(Object.keys(paths['/{tenantId}/order/{orderId}'].get.responses)).toEqual(expect.arrayContaining(['200', '404']));
  });

  it('serves an API reference page at /docs', async () => {
    const res = await svc.app.request('/docs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/openapi.json');
  });
});

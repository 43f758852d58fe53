import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from '@hono/zod-openapi';
import { openApiDocument } from '../src/app.js';
import { OrderPageSchema } from '../src/routes/order-search/order-search.routes.js';
import { CapacitySchema } from '../src/schemas/capacity.js';
import {
  ArticleSchema,
  ReservationsAnswerSchema,
  StockOriginListSchema,
  TenantSummarySchema,
} from '../src/routes/reservations/reservations.routes.js';
import { ShipmentSchema } from '../src/routes/shipments/shipments.routes.js';
import { TenantOverviewSchema } from '../src/routes/tenants/tenants.routes.js';
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

  it('gives each route of search, batch query, capacities, shipments, summary and tenants examples their schemas accept', () => {
    const doc = committed();
    const resolve = (schema: any) => (schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema);
    const routes: [string, string][] = [
      ['get', '/{tenantId}/orders'],
      ['get', '/{tenantId}/stock-origins/{code}/orders'],
      ['get', '/{tenantId}/summary'],
      ['get', '/admin/tenants'],
      ['post', '/{tenantId}/reservations/query'],
      ['get', '/{tenantId}/stock-origins/{code}/capacity'],
      ['put', '/{tenantId}/stock-origins/{code}/capacity'],
      ['post', '/{tenantId}/shipments'],
    ];
    for (const [method, path] of routes) {
      const op = doc.paths[path][method];
      for (const schema of [op.requestBody?.content['application/json'].schema, op.responses['200'].content['application/json'].schema]) {
        if (!schema) continue;
        const resolved = resolve(schema);
        const example =
          resolved.example ??
          (resolved.properties && Object.values(resolved.properties).every((p: any) => p.example !== undefined) ? 'per field' : undefined);
        expect(example, `${method} ${path} ${JSON.stringify(schema)}`).toBeDefined();
      }
    }
    // Each example is a value the schema that validates (or answers) it accepts.
    const schemas: [string, { safeParse(v: unknown): { success: boolean; error?: unknown } }][] = [
      ['OrderPage', OrderPageSchema],
      ['TenantSummary', TenantSummarySchema],
      ['TenantOverview', TenantOverviewSchema],
      ['ReservationsAnswer', ReservationsAnswerSchema],
      ['ArticleReservation', ArticleSchema],
      ['StockOriginList', StockOriginListSchema],
      ['StockOriginCapacity', CapacitySchema],
      ['ShipmentList', z.array(ShipmentSchema).min(1)],
    ];
    for (const [name, schema] of schemas) {
      const example = doc.components.schemas[name].example;
      expect(example, name).toBeDefined();
      const parsed = schema.safeParse(example);
      expect(parsed.success, `${name}: ${JSON.stringify(parsed.error)}`).toBe(true);
    }
  });

  it('serves an API reference page at /docs', async () => {
    const res = await svc.app.request('/docs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/openapi.json');
  });
});

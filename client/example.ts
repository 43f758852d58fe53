import { randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

const reservoir = createClient<paths>({
  baseUrl: process.env.RESERVOIR_URL ?? 'http://localhost:8080',
  headers: { Authorization: `Bearer ${process.env.RESERVOIR_API_KEY ?? 'dev-admin-key-change-me'}` },
});
const tenantId = Number(process.env.TENANT_ID ?? 0);

const order: components['schemas']['Order'] = {
  orderId: randomUUID(),
  tenantId,
  lastUpdated: new Date().toISOString(),
  type: 'Cart',
  lines: [
    { code: 'FRA:MAG:0125', artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460', qty: 2 },
    { code: 'FRA:MAG:0953', artGuid: '4128d10e-1594-42a7-8c79-bde5181a20f5', qty: 1 },
  ],
};
const path = { tenantId, orderId: order.orderId };

// POST /{tenantId}/order: true when created, false when redefined
const created = await reservoir.POST('/{tenantId}/order', { params: { path: { tenantId } }, body: order });
if (created.error) throw new Error(`${created.response.status} ${created.error.error.code}: ${created.error.error.message}`);
console.log('created:', created.data);

// GET /{tenantId}/order/{orderId}: the order as stored (404 once deleted or expired)
const read = await reservoir.GET('/{tenantId}/order/{orderId}', { params: { path } });
console.log('lines:', read.data?.lines.length);

// GET /{tenantId}/stock-origins/{code}: what orders in progress reserve there
const origin = await reservoir.GET('/{tenantId}/stock-origins/{code}', { params: { path: { tenantId, code: 'FRA:MAG:0125' } } });
console.log('reserved at FRA:MAG:0125:', origin.data?.reservedQty);

// DELETE /{tenantId}/order/byid/{orderId}/code/{code}: the lines shipped from one stock origin
const shipped = await reservoir.DELETE('/{tenantId}/order/byid/{orderId}/code/{code}', {
  params: { path: { ...path, code: 'FRA:MAG:0125' } },
});
console.log('shipped:', shipped.data);

// Refusals are typed too: an older write than the stored order is 409 STALE_WRITE
const stale = await reservoir.POST('/{tenantId}/order', {
  params: { path: { tenantId } },
  body: { ...order, lastUpdated: '2025-01-01T00:00:00.000Z' },
});
console.log('older write:', stale.response.status, stale.error?.error.code);

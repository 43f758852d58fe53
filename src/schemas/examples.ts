/**
 * The examples of the OpenAPI document, one consistent story: tenant 0, the API guide's order (one
 * unit at FRA:MAG:0125, two at FRA:MAG:0953), FRA:MAG:0125 with a capacity of 10 units. Each is a
 * value its schema accepts (test/openapi.test.ts checks them).
 */
export const EXAMPLE_ORDER = {
  orderId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  tenantId: 0,
  lastUpdated: '2025-09-22T10:01:20.624Z',
  expiresAt: '2025-09-23T11:01:20.624Z',
  type: 'Order' as const,
  lines: [
    { code: 'FRA:MAG:0125', artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460', qty: 1 },
    { code: 'FRA:MAG:0953', artGuid: '4128d10e-1594-42a7-8c79-bde5181a20f5', qty: 2 },
  ],
};

export const EXAMPLE_CAPACITY = { maxQty: 10, maxLines: null, maxOrders: null };

/** A nextCursor as GET /{tenantId}/orders?code=FRA:MAG:0125&limit=1 hands it out (opaque to clients). */
export const EXAMPLE_CURSOR =
  'eyJ3IjoiYyIsIm0iOiJjRlJBOk1BRzowMTI1XHUwMDAwM2ZhODVmNjQtNTcxNy00NTYyLWIzZmMtMmM5NjNmNjZhZmE2' +
  'IiwiZiI6IltcIkZSQTpNQUc6MDEyNVwiLFwiXCIsXCJcIixcIlwiLFwiXCJdIn0';

export const EXAMPLE_SUMMARY = {
  orders: 1,
  carts: 0,
  externalOrders: 0,
  lines: 2,
  reservedQty: 3,
  origins: 2,
  articles: 2,
  expiringWithinHour: 0,
  pendingChanges: 1,
  lastSync: {
    tenantId: 0,
    status: 'synced',
    mode: 'incremental',
    startedAt: '2025-09-22T10:10:00.012Z',
    durationMs: 14,
    ordersWritten: 1,
    ordersDeleted: 0,
  },
};

export const EXAMPLE_ARTICLE = {
  artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460',
  reservedQty: 1,
  origins: [
    { code: 'FRA:MAG:0125', qty: 1, capacity: EXAMPLE_CAPACITY, saturation: 0.1, onHand: 12, available: 11 },
    { code: 'FRA:MAG:0953', qty: 0, capacity: null, saturation: null, onHand: 40, available: 40 },
  ],
};

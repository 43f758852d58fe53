/**
 * What MongoDB holds for a tenant, read with the raw driver and mapped by the documented archive
 * format (docs/operations.md, "The sync batch": collection `orders`, one document per order with the Order's
 * fields, dates as BSON dates), without the service's own decoding.
 */
import type { ModelOrder } from './figures-model.js';
import type { TestService } from './harness.js';

export async function archivedOrdersRaw(svc: Pick<TestService, 'mongo'>, tenantId: number): Promise<ModelOrder[]> {
  const docs = await svc.mongo.run((db) => db.collection('orders').find({ tenantId }).toArray());
  return docs
    .map((doc) => {
      const order: ModelOrder = {
        orderId: doc.orderId,
        tenantId: doc.tenantId,
        lastUpdated: (doc.lastUpdated as Date).toISOString(),
        type: doc.type,
        lines: (doc.lines as ModelOrder['lines']).map(({ code, artGuid, qty }) => ({ code, artGuid, qty })),
      };
      if (doc.expiresAt) order.expiresAt = (doc.expiresAt as Date).toISOString();
      return order;
    })
    .sort(byOrderId);
}

export const byOrderId = (a: { orderId: string }, b: { orderId: string }) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);

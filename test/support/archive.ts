import type { Order } from '../../src/domain/order.js';
import { fromOrderDocument, ORDERS_COLLECTION, type OrderDocument } from '../../src/repositories/order-archive.js';
import type { TestService } from './harness.js';

/** What MongoDB holds for the tenant, as Orders sorted by id, read with the raw driver. */
export async function archivedOrders(svc: TestService, tenantId: number): Promise<Order[]> {
  const docs = await svc.mongo.run((db) => db.collection<OrderDocument>(ORDERS_COLLECTION).find({ tenantId }).toArray());
  return docs.map(fromOrderDocument).sort(byId);
}

export async function archivedDocuments(svc: TestService, tenantId: number): Promise<OrderDocument[]> {
  return svc.mongo.run((db) => db.collection<OrderDocument>(ORDERS_COLLECTION).find({ tenantId }).toArray());
}

/** What Redis serves for the tenant, as Orders sorted by id. */
export async function liveOrders(svc: TestService, tenantId: number): Promise<Order[]> {
  const all: Order[] = [];
  for await (const batch of svc.services.orders.scanOrders(tenantId, 500, svc.services.clock())) all.push(...batch);
  return all.sort(byId);
}

const byId = (a: Order, b: Order) => (a.orderId < b.orderId ? -1 : 1);

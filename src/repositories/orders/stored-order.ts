import type { Order } from '../../domain/order.js';

/**
 * The stored form of an order (the value in G:o): its JSON without tenantId (the key implies
 * it), fields in the contract's order, dates normalised (YYYY-MM-DDTHH:mm:ss.sssZ) so that scripts
 * compare them as strings. Scripts never re-encode it: remove-lines-at-origin.lua cuts lines out
 * of it as text, relying on this exact form (JSON.stringify, fields in this order).
 */
export function encodeStoredOrder(order: Order): string {
  return JSON.stringify({
    orderId: order.orderId,
    lastUpdated: order.lastUpdated,
    expiresAt: order.expiresAt,
    type: order.type,
    lines: order.lines.map((l) => ({ code: l.code, artGuid: l.artGuid, qty: l.qty })),
  });
}

/** The Order's JSON as served, from its stored form, without parsing it. */
export function storedOrderToJson(tenantId: number, stored: string): string {
  return `{"tenantId":${tenantId},${stored.slice(1)}`;
}

export function decodeStoredOrder(tenantId: number, stored: string): Order {
  const { orderId, lastUpdated, expiresAt, type, lines } = JSON.parse(stored) as Omit<Order, 'tenantId'>;
  const order: Order = { orderId, tenantId, lastUpdated, type, lines };
  if (expiresAt !== undefined) order.expiresAt = expiresAt;
  return order;
}

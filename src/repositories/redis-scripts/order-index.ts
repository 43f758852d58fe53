import type { Order } from '../../domain/order.js';

/**
 * An order's index entries, as includes/index-members.lua and upsert-order.lua build them: its type,
 * last update, expiry, and each stock origin and article it has lines of, each followed by '\0'
 * and its orderId. The one-time index build (migrations/build-order-indexes.ts) passes them.
 */
export function indexEntries(order: Order): string[] {
  const id = order.orderId;
  const entries = [`t${order.type}\0${id}`, `u${order.lastUpdated}\0${id}`];
  if (order.expiresAt !== undefined) entries.push(`x${order.expiresAt}\0${id}`);
  const codes = new Set<string>();
  const articles = new Set<string>();
  for (const { code, artGuid } of order.lines) {
    if (!codes.has(code)) {
      codes.add(code);
      entries.push(`c${code}\0${id}`);
    }
    if (!articles.has(artGuid)) {
      articles.add(artGuid);
      entries.push(`a${artGuid}\0${id}`);
    }
  }
  return entries;
}

import type { Order } from '../../domain/order.js';

/** A GUID's 16 bytes, as index entries hold it (includes/guid-bytes.lua). */
export function guidBytes(guid: string): Buffer {
  return Buffer.from(guid.replace(/-/g, ''), 'hex');
}

/**
 * An order's index entries in G:i as builds before the articles' own indexes wrote them (the
 * layout: includes/zadd-members.lua): its type's initial, last update, expiry, each stock origin
 * and article it has lines of, each followed by '\0' and its orderId's 16 bytes. The one-time
 * index build (migrations/build-order-indexes.ts) writes them; migrations/article-indexes.ts,
 * which runs after it, moves the articles' to their own keys.
 */
export function indexEntries(order: Order): Buffer[] {
  const key = Buffer.concat([Buffer.from([0]), guidBytes(order.orderId)]);
  const entry = (head: string) => Buffer.concat([Buffer.from(head), key]);
  const entries = [entry(`t${order.type.slice(0, 1)}`), entry(`u${order.lastUpdated}`)];
  if (order.expiresAt !== undefined) entries.push(entry(`x${order.expiresAt}`));
  const codes = new Set<string>();
  const articles = new Set<string>();
  for (const { code, artGuid } of order.lines) {
    if (!codes.has(code)) {
      codes.add(code);
      entries.push(entry(`c${code}`));
    }
    if (!articles.has(artGuid)) {
      articles.add(artGuid);
      entries.push(entry(`a${artGuid}`));
    }
  }
  return entries;
}

import { FIRST_PIECE_CODE } from '../../domain/events.js';
import type { Order } from '../../domain/order.js';
import { decodeStoredOrder, encodeStoredOrder } from '../orders/stored-order.js';
import { defineScript, type RedisLike } from '../redis-scripts/lua-script.js';
import { convertGenerations } from './tenant-generations.js';

/** Orders read per HSCAN and converted per script call: a few milliseconds of Redis each. */
const CHUNK = 500;

/** The value of G:sf once a generation's orders are all in the current stored form (its first piece's character). */
const STORED_FORM = String(FIRST_PIECE_CODE);

/**
 * Builds before issue 20's compact stored orders kept each order in G:o as plain JSON, those of
 * 2026-12-07 in a first compact form (domain/events.ts EARLIER_ORDER_JSON_PIECES); this one keeps
 * it in its current compact form (orders/stored-order.ts), the same JSON once expanded. Converts every tenant's
 * generations (visible and awaiting deletion), each order only if unchanged since it was read
 * (redis-scripts/migrations/compact-stored-orders.lua); answers how many tenants it converted.
 * A value that is not an order (only a hand edit writes one) is left for reconcile to report.
 */
export async function compactStoredOrders(redis: RedisLike, tenantIds: number[]): Promise<number> {
  const call = defineScript(redis, 'migrations/compact-stored-orders');
  return convertGenerations(redis, tenantIds, async (g, tenantId) => {
    // A generation converted once holds only what this build writes: a start does not read it again.
    if ((await redis.get(g.storedForm)) === STORED_FORM) return false;
    let found = false;
    let cursor = '0';
    do {
      const [next, flat] = await redis.hscan(g.orders, cursor, 'COUNT', CHUNK);
      cursor = next;
      const args: string[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const json = flat[i + 1]!;
        if (json.charCodeAt(0) === FIRST_PIECE_CODE) continue;
        const order = readable(tenantId, json);
        if (order) args.push(flat[i]!, json, encodeStoredOrder(order));
      }
      if (args.length > 0) {
        found = true;
        await call([g.orders], args);
      }
    } while (cursor !== '0');
    await redis.set(g.storedForm, STORED_FORM);
    return found;
  });
}

/** The order a stored JSON holds, or undefined when it holds none. */
function readable(tenantId: number, json: string): Order | undefined {
  let order: Order;
  try {
    order = decodeStoredOrder(tenantId, json);
  } catch {
    return undefined;
  }
  const text = (x: unknown) => typeof x === 'string';
  const lineOk = (l: unknown) =>
    typeof l === 'object' &&
    l !== null &&
    text((l as Order['lines'][number]).code) &&
    text((l as Order['lines'][number]).artGuid) &&
    typeof (l as Order['lines'][number]).qty === 'number';
  const ok =
    text(order.orderId) &&
    text(order.lastUpdated) &&
    text(order.type) &&
    (order.expiresAt === undefined || text(order.expiresAt)) &&
    Array.isArray(order.lines) &&
    order.lines.every(lineOk);
  return ok ? order : undefined;
}

import type { Order } from '../../domain/order.js';
import { tenantKeys } from '../keys.js';
import { decodeStoredOrder } from '../orders/stored-order.js';
import { indexEntries } from '../redis-scripts/order-index.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';

const CHUNK = 1000;

/**
 * Builds the order indexes and the count of articles (keys.ts: G:i, G:n) of a visible generation written by
 * a build that had none, and retires its expiry queue (G:x, a sorted set by time: expiries are
 * index entries now). Runs at start, before serving, so no write interleaves; a run cut short is
 * simply run again (entries are added, the count rewritten). Answers whether it built.
 */
async function buildTenant(redis: RedisLike, tenantId: number): Promise<boolean> {
  const tenant = tenantKeys(tenantId);
  const g = tenant.generation((await redis.get(tenant.gen)) ?? '0');
  const oldExpiries = `${g.prefix}x`;
  const hasOldQueue = (await redis.exists(oldExpiries)) === 1;
  const needsIndex =
    (await redis.hlen(g.orders)) > 0 &&
    (await redis.exists(g.counters)) === 0 &&
    (await redis.exists(g.index)) === 0 &&
    (await redis.exists(g.legacyIndex)) === 0;
  if (!hasOldQueue && !needsIndex) return false;
  const articles = new Set<string>();
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(g.orders, cursor, 'COUNT', CHUNK);
    cursor = next;
    const members: (Buffer | number)[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const order: Order = decodeStoredOrder(tenantId, flat[i + 1]!);
      for (const entry of indexEntries(order)) members.push(0, entry);
      for (const line of order.lines) articles.add(line.artGuid);
    }
    if (members.length > 0) await redis.zadd(g.index, ...members);
  } while (cursor !== '0');
  await redis.del(g.counters);
  if (articles.size > 0) await redis.hset(g.counters, 'articles', String(articles.size));
  await redis.del(oldExpiries);
  return true;
}

/** Builds the indexes of every tenant that lacks them; answers how many tenants it built. */
export async function buildOrderIndexes(redis: RedisLike, tenantIds: number[]): Promise<number> {
  let built = 0;
  for (const tenantId of tenantIds) if (await buildTenant(redis, tenantId)) built += 1;
  return built;
}

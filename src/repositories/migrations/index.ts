import type { TenantRegistry } from '../../domain/ports.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';
import { redisFailures } from '../redis-client.js';
import { buildOrderIndexes } from './build-order-indexes.js';
import { compactOrderIndexes } from './compact-order-index.js';
import { compactStoredOrders } from './compact-stored-orders.js';
import { moveArticleIndexes } from './article-indexes.js';
import { retireCounters } from './retire-counters.js';
import { upgradeOriginQty } from './upgrade-origin-qty.js';

/**
 * One-time upgrades of Redis data written by earlier builds, run at start before serving, so that
 * no write meets a key of the wrong shape. Each is idempotent: data already upgraded is left alone.
 * Answers how many tenants each one changed.
 */
export function migrateRedisLayout(
  redis: RedisLike,
  registry: TenantRegistry,
): Promise<{
  originQtyToHash: number;
  compactOrders: number;
  orderIndexes: number;
  compactIndexes: number;
  articleIndexes: number;
  retiredCounters: number;
}> {
  // A migration runs at start, before serving, for as long as it takes.
  return redisFailures(async () => {
    const tenants = await registry.listTenants();
    return {
      originQtyToHash: await upgradeOriginQty(redis, tenants),
      compactOrders: await compactStoredOrders(redis, tenants),
      orderIndexes: await buildOrderIndexes(redis, tenants),
      compactIndexes: await compactOrderIndexes(redis, tenants),
      articleIndexes: await moveArticleIndexes(redis, tenants),
      retiredCounters: await retireCounters(redis, tenants),
    };
  });
}

import type { RedisLike } from '../redis-scripts/lua-script.js';
import { convertGenerations } from './tenant-generations.js';

/**
 * The counters builds before 2026-12-08 kept in G:n besides `articles`: orders of each type,
 * lines, units. They are now read from the index and the origins' figures
 * (redis-scripts/tenant-summary.lua), so no write keeps them and whatever they hold is stale.
 */
export const RETIRED_COUNTERS = ['Order', 'Cart', 'ExternalOrder', 'lines', 'units'] as const;

/** Drops the retired counters of every tenant's generations; answers how many tenants had some. */
export function retireCounters(redis: RedisLike, tenantIds: number[]): Promise<number> {
  return convertGenerations(redis, tenantIds, async (g) => (await redis.hdel(g.counters, ...RETIRED_COUNTERS)) > 0);
}

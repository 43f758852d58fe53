import { defineScript, type RedisLike } from '../redis-scripts/lua-script.js';
import { convertGenerations } from './tenant-generations.js';

/** Entries moved per script call: a few milliseconds of Redis each. */
const CHUNK = 1000;

/**
 * Builds before issue 20 kept each generation's order index in G:ix with GUIDs as text; this
 * layout keeps it in G:i with the orderId as 16 bytes (redis-scripts/migrations/compact-order-index.lua).
 * Converts every tenant's generations (visible and awaiting deletion); answers how many tenants it
 * converted.
 */
export async function compactOrderIndexes(redis: RedisLike, tenantIds: number[]): Promise<number> {
  const call = defineScript(redis, 'migrations/compact-order-index');
  return convertGenerations(redis, tenantIds, async (g) => {
    if ((await redis.exists(g.legacyIndex)) === 0) return false;
    while (Number(await call([g.legacyIndex, g.index], [CHUNK])) > 0);
    return true;
  });
}

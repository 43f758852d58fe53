import { tenantKeys } from '../keys.js';
import { defineScript, type RedisLike } from '../redis-scripts/lua-script.js';
import { tenantGenerations } from './tenant-generations.js';

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
  let converted = 0;
  for (const tenantId of tenantIds) {
    let found = false;
    for (const generation of await tenantGenerations(redis, tenantId)) {
      const g = tenantKeys(tenantId).generation(generation);
      if ((await redis.exists(g.legacyIndex)) === 0) continue;
      found = true;
      while (Number(await call([g.legacyIndex, g.index], [CHUNK])) > 0);
    }
    if (found) converted += 1;
  }
  return converted;
}

import { tenantKeys } from '../keys.js';
import { defineScript, type RedisLike } from '../redis-scripts/lua-script.js';
import { tenantGenerations } from './tenant-generations.js';

/**
 * The first build kept each generation's units per origin (G:oq) as a sorted set; this layout
 * keeps it as a hash, like every other figure (redis-scripts/migrations/upgrade-origin-qty.lua).
 * Converts every tenant's generations; answers how many tenants it converted.
 */
export async function upgradeOriginQty(redis: RedisLike, tenantIds: number[]): Promise<number> {
  const call = defineScript(redis, 'migrations/upgrade-origin-qty');
  let converted = 0;
  for (const tenantId of tenantIds) {
    const generations = await tenantGenerations(redis, tenantId);
    const count = (await call(
      generations.map((g) => tenantKeys(tenantId).generation(g).originQty),
      [],
    )) as number;
    if (count > 0) converted += 1;
  }
  return converted;
}

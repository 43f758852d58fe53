import { tenantKeys } from '../keys.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';

/** The keys of one generation of a tenant's orders. */
export type GenerationKeys = ReturnType<ReturnType<typeof tenantKeys>['generation']>;

/** The generations of a tenant a migration converts: the visible one and those awaiting deletion. */
export async function tenantGenerations(redis: RedisLike, tenantId: number): Promise<string[]> {
  const tenant = tenantKeys(tenantId);
  return [...new Set([(await redis.get(tenant.gen)) ?? '0', ...(await redis.lrange(tenant.gc, 0, -1))])];
}

/**
 * Runs `convert` on every generation of each tenant (tenantGenerations); `convert` answers whether
 * it changed anything. Answers how many tenants were changed.
 */
export async function convertGenerations(
  redis: RedisLike,
  tenantIds: number[],
  convert: (g: GenerationKeys, tenantId: number) => Promise<boolean>,
): Promise<number> {
  let converted = 0;
  for (const tenantId of tenantIds) {
    let changed = false;
    for (const generation of await tenantGenerations(redis, tenantId)) {
      if (await convert(tenantKeys(tenantId).generation(generation), tenantId)) changed = true;
    }
    if (changed) converted += 1;
  }
  return converted;
}

import { tenantKeys } from '../keys.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';

/** The generations of a tenant a migration converts: the visible one and those awaiting deletion. */
export async function tenantGenerations(redis: RedisLike, tenantId: number): Promise<string[]> {
  const tenant = tenantKeys(tenantId);
  return [...new Set([(await redis.get(tenant.gen)) ?? '0', ...(await redis.lrange(tenant.gc, 0, -1))])];
}

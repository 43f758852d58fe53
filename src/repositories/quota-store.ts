import type { Cluster, Redis } from 'ioredis';
import { QUOTA_NAMES, type QuotaName, type QuotaStore, type TenantQuotas } from '../domain/quotas.js';
import { tenantKeys } from './keys.js';
import { withRedis } from './redis-client.js';
import { replicatedWrite } from './replication.js';

/** The quotas set per tenant: one hash per tenant (quota name -> limit), under its hash tag. */
export class RedisQuotaStore implements QuotaStore {
  constructor(private readonly redis: Redis | Cluster) {}

  read(tenantId: number): Promise<Partial<TenantQuotas>> {
    return withRedis(async () => {
      const stored = await this.redis.hgetall(tenantKeys(tenantId).quotas);
      const quotas: Partial<TenantQuotas> = {};
      for (const name of QUOTA_NAMES) if (stored[name] !== undefined) quotas[name] = Number(stored[name]);
      return quotas;
    });
  }

  write(tenantId: number, quotas: { [K in QuotaName]?: number | null }): Promise<void> {
    return withRedis(async () => {
      const key = tenantKeys(tenantId).quotas;
      const set = Object.entries(quotas).filter(([, v]) => typeof v === 'number') as [string, number][];
      const unset = Object.entries(quotas)
        .filter(([, v]) => v === null)
        .map(([k]) => k);
      // One MULTI: a reader sees the quotas before or after, never half of them.
      const tx = this.redis.multi();
      if (set.length > 0) tx.hset(key, Object.fromEntries(set));
      if (unset.length > 0) tx.hdel(key, ...unset);
      await replicatedWrite(this.redis, key, () => tx.exec());
    });
  }
}

import type { Cluster, Redis } from 'ioredis';
import type { TenantConfigStore } from '../domain/ports.js';
import { withConfigDefaults, type TenantConfig } from '../domain/tenant-config.js';
import { tenantKeys } from './keys.js';
import { withRedis } from './redis-client.js';
import { replicatedWrite } from './replication.js';

/**
 * The tenant's configuration as the hot path reads it (Redis). MongoDB keeps the durable copy.
 * The saturation thresholds and the reservation policy are also written where the write scripts
 * read them (T thr, T pol: absent for the default `always`), in the same MULTI.
 */
export class RedisTenantConfigStore implements TenantConfigStore {
  constructor(private readonly redis: Redis | Cluster) {}

  getConfig(tenantId: number): Promise<TenantConfig | null> {
    return withRedis(async () => {
      const raw = await this.redis.get(tenantKeys(tenantId).config);
      return raw ? withConfigDefaults(JSON.parse(raw) as Partial<TenantConfig>) : null;
    });
  }

  putConfig(tenantId: number, config: TenantConfig): Promise<void> {
    return withRedis(async () => {
      const keys = tenantKeys(tenantId);
      const write = this.redis.multi().set(keys.config, JSON.stringify(config)).set(keys.thresholds, config.saturationThresholds.join(','));
      if (config.reservationPolicy === 'always') write.del(keys.policy);
      else write.set(keys.policy, config.reservationPolicy);
      await replicatedWrite(this.redis, keys.config, async () => {
        const results = await write.exec();
        const failed = results?.find(([error]) => error);
        if (failed) throw failed[0];
      });
    });
  }
}

import type { Cluster, Redis } from 'ioredis';
import type { TenantConfigStore } from '../domain/ports.js';
import type { TenantConfig } from '../domain/tenant-config.js';
import { tenantKeys } from './keys.js';
import { withRedis } from './redis-client.js';

/** The tenant's configuration as the hot path reads it (Redis). MongoDB keeps the durable copy. */
export class RedisTenantConfigStore implements TenantConfigStore {
  constructor(private readonly redis: Redis | Cluster) {}

  getConfig(tenantId: number): Promise<TenantConfig | null> {
    return withRedis(async () => {
      const raw = await this.redis.get(tenantKeys(tenantId).config);
      return raw ? (JSON.parse(raw) as TenantConfig) : null;
    });
  }

  putConfig(tenantId: number, config: TenantConfig): Promise<void> {
    return withRedis(async () => void (await this.redis.set(tenantKeys(tenantId).config, JSON.stringify(config))));
  }
}

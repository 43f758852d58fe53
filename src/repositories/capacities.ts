import type { StockOriginCapacity } from '../domain/capacity.js';
import { type QuotaReader, QuotaExceeded } from '../domain/quotas.js';
import type { CapacityStore } from '../domain/ports.js';
import { tenantKeys } from './keys.js';
import { decodeCapacity, encodeCapacity } from './redis-scripts/capacity-text.js';
import type { RedisLike } from './redis-scripts/lua-script.js';
import { setCapacityScript } from './redis-scripts/set-capacity.js';
import type { ChangeTokens } from './orders/change-tokens.js';
import type { TenantGenerations } from './orders/generations.js';
import { writeContext, type OrderStoreSettings } from './orders/order-store.js';
import { withRedis } from './redis-client.js';
import { replicatedWrite } from './replication.js';

/**
 * The capacities in Redis (T cap), which every write script reads for its saturation events.
 * MongoDB holds the durable copy (order-archive.ts); the domain writes there first.
 */
export class RedisCapacityStore implements CapacityStore {
  private readonly set;

  constructor(
    private readonly redis: RedisLike,
    private readonly generations: TenantGenerations,
    private readonly tokens: ChangeTokens,
    private readonly settings: OrderStoreSettings,
    private readonly quotas?: QuotaReader,
  ) {
    this.set = setCapacityScript(redis);
  }

  setCapacity(tenantId: number, code: string, capacity: StockOriginCapacity | null, now: number): Promise<void> {
    return withRedis(async () => {
      const context = writeContext(this.tokens, this.settings, tenantId, now);
      const most = capacity ? ((await this.quotas?.of(tenantId))?.capacities ?? 0) : 0;
      const done = await this.generations.atVisible(tenantId, (keys) => this.set(keys, context, code, capacity, most));
      if (done !== true) throw new QuotaExceeded('capacities', done.quota, `stock origin ${code} would be one more with a capacity`);
    });
  }

  getCapacity(tenantId: number, code: string): Promise<StockOriginCapacity | null> {
    return withRedis(async () => decodeCapacity(await this.redis.hget(tenantKeys(tenantId).capacities, code)));
  }

  restoreCapacities(tenantId: number, capacities: { code: string; capacity: StockOriginCapacity }[]): Promise<void> {
    if (capacities.length === 0) return Promise.resolve();
    return withRedis(async () => {
      const fields: string[] = [];
      for (const { code, capacity } of capacities) fields.push(code, encodeCapacity(capacity));
      const key = tenantKeys(tenantId).capacities;
      await replicatedWrite(this.redis, key, () => this.redis.hset(key, ...fields));
    });
  }

  hasCapacities(tenantId: number): Promise<boolean> {
    return withRedis(async () => (await this.redis.exists(tenantKeys(tenantId).capacities)) === 1);
  }
}

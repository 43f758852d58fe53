import type { TenantRegistry } from '../../domain/ports.js';
import { TENANT_REGISTRY_KEYS } from '../keys.js';
import type { RedisLike } from '../redis-scripts/lua-script.js';
import { withRedis } from '../redis-client.js';

/** How often a writer lists its tenant again, so a Redis emptied without a reconnection is refilled quickly. */
const REFRESH_MS = 2000;

/**
 * The tenants that have orders in Redis: what the expiry sweeper, the sync and the self-check
 * walk. A global key (`r:tenants` and its copies, keys.ts), so no tenant script can write it (it
 * is on another Cluster slot): writers list their tenant at most every few seconds.
 */
export class RedisTenantRegistry implements TenantRegistry {
  /** Tenants this process listed, and when. */
  private readonly listed = new Map<number, number>();

  constructor(private readonly redis: RedisLike) {
    // A Redis that restarted empty no longer lists our tenants: list them again.
    redis.on('ready', () => this.listed.clear());
    // On a Cluster, 'ready' is the whole cluster's: a shard that restarted shows up as a new node.
    redis.on('+node', () => this.listed.clear());
  }

  /** Lists the tenant (every copy; one written is enough to go on). `always` skips the cache (restore). */
  async register(tenantId: number, always = false): Promise<void> {
    const now = Date.now();
    if (!always && now - (this.listed.get(tenantId) ?? -Infinity) < REFRESH_MS) return;
    const added = await Promise.allSettled(TENANT_REGISTRY_KEYS.map((key) => this.redis.sadd(key, String(tenantId))));
    const failed = added.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length === added.length) throw failed[0]!.reason;
    if (failed.length === 0) this.listed.set(tenantId, now);
  }

  /** The union of the registry's copies: a copy lost with its Cluster master hides no tenant. */
  listTenants(): Promise<number[]> {
    return withRedis(async () => {
      const copies = await Promise.allSettled(TENANT_REGISTRY_KEYS.map((key) => this.redis.smembers(key)));
      const read = copies.filter((r): r is PromiseFulfilledResult<string[]> => r.status === 'fulfilled');
      if (read.length === 0) throw (copies[0] as PromiseRejectedResult).reason;
      return [...new Set(read.flatMap((r) => r.value))].map(Number).sort((a, b) => a - b);
    });
  }
}

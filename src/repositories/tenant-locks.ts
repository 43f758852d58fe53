import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { TenantLease, TenantLocks } from '../domain/ports.js';
import { tenantKeys } from './keys.js';
import { extendLeaseScript, releaseLeaseScript } from './redis-scripts/lease.js';
import { withRedis } from './redis-client.js';

/**
 * One lease per tenant (`SET key token NX PX ttl`), renewed while its holder works. A holder
 * that dies stops renewing and its lease expires after `ttlMs`, letting another replica finish.
 */
export class RedisTenantLocks implements TenantLocks {
  private readonly release;
  private readonly extend;

  constructor(
    private readonly redis: Redis | Cluster,
    private readonly ttlMs: number,
  ) {
    this.release = releaseLeaseScript(redis);
    this.extend = extendLeaseScript(redis);
  }

  tryAcquire(tenantId: number): Promise<TenantLease | null> {
    return withRedis(async () => {
      const key = tenantKeys(tenantId).syncLock;
      const token = randomUUID();
      const ok = await this.redis.set(key, token, 'PX', this.ttlMs, 'NX');
      return ok === 'OK' ? this.lease(key, token) : null;
    });
  }

  async acquire(tenantId: number, waitMs: number): Promise<TenantLease | null> {
    const deadline = Date.now() + waitMs;
    for (let delay = 25; ; delay = Math.min(delay * 2, 500)) {
      const lease = await this.tryAcquire(tenantId);
      if (lease || Date.now() + delay > deadline) return lease;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private lease(key: string, token: string): TenantLease {
    const { redis, release, extend } = this;
    let lost = false;
    const renew = setInterval(
      () => {
        withRedis(() => extend(key, token, this.ttlMs)).then(
          (extended) => {
            if (!extended) lost = true;
          },
          () => {},
        );
      },
      Math.floor(this.ttlMs / 3),
    );
    renew.unref();
    return {
      token,
      async isHeld() {
        if (lost) return false;
        return withRedis(async () => (await redis.get(key)) === token);
      },
      async release() {
        clearInterval(renew);
        await withRedis(() => release(key, token)).catch(() => {});
      },
    };
  }
}

import type { Cluster, Redis } from 'ioredis';
import type { SyncRunReport, TenantSyncReport, TenantSyncState } from '../domain/ports.js';
import { SYNC_RUNS_KEY, tenantKeys } from './keys.js';
import { withRedis } from './redis-client.js';
import { replicatedWrite } from './replication.js';

const RUNS_KEPT = 50;

/**
 * Markers kept in Redis beside the tenant's orders: if Redis loses the orders it loses the
 * markers too, which is exactly what tells the service to restore and then fully re-sync.
 */
export class RedisTenantSyncState implements TenantSyncState {
  constructor(private readonly redis: Redis | Cluster) {}

  isRestored(tenantId: number) {
    return withRedis(async () => (await this.redis.exists(tenantKeys(tenantId).base)) === 1);
  }

  /** Waited for: a marker lost with its master, and not the orders, would have the tenant restored from MongoDB again. */
  markRestored(tenantId: number) {
    const key = tenantKeys(tenantId).base;
    return withRedis(async () => void (await replicatedWrite(this.redis, key, () => this.redis.set(key, new Date().toISOString()))));
  }

  isMirrored(tenantId: number) {
    return withRedis(async () => (await this.redis.exists(tenantKeys(tenantId).synced)) === 1);
  }

  markMirrored(tenantId: number) {
    return withRedis(async () => void (await this.redis.set(tenantKeys(tenantId).synced, new Date().toISOString())));
  }

  forgetMirrored(tenantId: number) {
    return withRedis(async () => void (await this.redis.del(tenantKeys(tenantId).synced)));
  }

  saveLastSync(report: TenantSyncReport) {
    return withRedis(async () => void (await this.redis.set(tenantKeys(report.tenantId).lastSync, JSON.stringify(report))));
  }

  getLastSync(tenantId: number) {
    return withRedis(async () => {
      const raw = await this.redis.get(tenantKeys(tenantId).lastSync);
      return raw ? (JSON.parse(raw) as TenantSyncReport) : null;
    });
  }

  saveRun(run: SyncRunReport) {
    return withRedis(async () => {
      await this.redis.lpush(SYNC_RUNS_KEY, JSON.stringify(run));
      await this.redis.ltrim(SYNC_RUNS_KEY, 0, RUNS_KEPT - 1);
    });
  }

  listRuns(limit: number) {
    return withRedis(async () => (await this.redis.lrange(SYNC_RUNS_KEY, 0, limit - 1)).map((raw) => JSON.parse(raw) as SyncRunReport));
  }
}

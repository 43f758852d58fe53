import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { SyncRunner } from './domain/sync-runner.js';
import type { SyncDeps, SyncSettings } from './domain/sync.js';
import type { MongoConnection } from './repositories/mongo.js';
import { MongoOrderArchive, MongoTenantConfigArchive } from './repositories/order-archive.js';
import { RedisOrderStore } from './repositories/order-store.js';
import { RedisTenantConfigStore } from './repositories/tenant-config-store.js';
import { RedisTenantLocks } from './repositories/tenant-locks.js';
import { RedisTenantSyncState } from './repositories/tenant-sync-state.js';

export interface ServiceSettings {
  adminApiKey: string;
  orderBodyLimitBytes: number;
  replaceBodyLimitBytes: number;
  sync: SyncSettings;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  batchSize: 1000,
  retry: { attempts: 4, baseMs: 200, capMs: 2000 },
  replaceLockWaitMs: 30_000,
};

/** Everything routes and jobs use, built once from the clients. Tests build it with their own. */
export interface Services extends SyncDeps {
  store: RedisOrderStore;
  redis: Redis | Cluster;
  mongo: MongoConnection;
  logger: Logger;
  syncRunner: SyncRunner;
  settings: SyncSettings;
  serviceSettings: ServiceSettings;
}

export function buildServices(options: {
  redis: Redis | Cluster;
  mongo: MongoConnection;
  logger: Logger;
  settings: ServiceSettings;
  clock?: () => number;
  lockTtlMs?: number;
}): Services {
  const { redis, mongo, logger, settings } = options;
  const syncDeps: SyncDeps = {
    store: new RedisOrderStore(redis),
    archive: new MongoOrderArchive(mongo),
    configStore: new RedisTenantConfigStore(redis),
    configArchive: new MongoTenantConfigArchive(mongo),
    locks: new RedisTenantLocks(redis, options.lockTtlMs),
    syncState: new RedisTenantSyncState(redis),
    clock: options.clock ?? Date.now,
    log: logger,
    settings: settings.sync,
  };
  return {
    ...syncDeps,
    store: syncDeps.store as RedisOrderStore,
    redis,
    mongo,
    logger,
    syncRunner: new SyncRunner(syncDeps),
    serviceSettings: settings,
  };
}

import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ApiKeys, type ApiKeySettings } from './domain/api-keys.js';
import { type EventSettings, parseEventId } from './domain/events.js';
import { RateLimiter, type RateLimitSettings } from './domain/rate-limiter.js';
import type { WebhookDeps, WebhookSettings } from './domain/webhook-endpoints.js';
import { Reconciler, type ReconcileSettings } from './domain/reconcile.js';
import type { SyncContext, SyncSettings } from './domain/sync-context.js';
import { SyncRunner } from './jobs/sync-runner.js';
import { WebhookDispatcher } from './jobs/webhook-dispatcher.js';
import { Metrics } from './metrics.js';
import { MongoApiKeyArchive } from './repositories/api-key-archive.js';
import { RedisApiKeyIndex } from './repositories/api-key-index.js';
import { RedisConsoleSessionStore } from './repositories/console-session-store.js';
import { RedisEventFeed } from './repositories/event-feed.js';
import { RedisEventHub } from './repositories/event-hub.js';
import type { MongoConnection } from './repositories/mongo.js';
import { MongoOrderArchive, MongoTenantConfigArchive } from './repositories/order-archive.js';
import { createRedisOrderRepositories, type RedisOrderSettings } from './repositories/orders/index.js';
import { TenantConfigCache } from './domain/tenant-config-service.js';
import { MongoStockArchive } from './repositories/stock-archive.js';
import { MongoCapacityArchive } from './repositories/capacity-archive.js';
import type { IdempotencySettings } from './domain/idempotency.js';
import { onRedisFailure } from './repositories/redis-client.js';
import { RedisReservationAuditor } from './repositories/reservation-auditor.js';
import { RedisTenantConfigStore } from './repositories/tenant-config-store.js';
import { RedisTenantLocks } from './repositories/tenant-locks.js';
import { RedisTenantSyncState } from './repositories/tenant-sync-state.js';
import { MongoWebhookArchive } from './repositories/webhook-archive.js';
import { RedisWebhookStore } from './repositories/webhook-store.js';
import { HttpWebhookTransport } from './repositories/webhook-transport.js';
import { TenantQuotaService, type TenantQuotas } from './domain/quotas.js';
import { RedisQuotaStore } from './repositories/quota-store.js';
import { StreamSlots } from './domain/stream-slots.js';
import { OrderListParser } from './intake/order-list-parser.js';
import type { AppServices, EdgeSettings, Readiness } from './app-services.js';

/**
 * What the service is configured with: the `service` slice of the configuration (config.ts, where
 * every default is), handed on as it is. Tests start from defaultServiceSettings().
 */
export interface ServiceSettings extends EdgeSettings {
  /** PUT /{tenantId}/orders bodies over this are parsed and checked in a worker thread. */
  replaceWorkerThresholdBytes: number;
  sync: SyncSettings;
  /** How long a replica's lease on a tenant's sync lasts unless renewed (a dead replica's lapses). */
  syncLockTtlMs: number;
  /** Per tenant key, per replica; the admin key is not limited. */
  rateLimit: RateLimitSettings;
  apiKeys: ApiKeySettings;
  reconcile: ReconcileSettings;
  /** About how many events each tenant's stream keeps (EVENTS_MAX_PER_TENANT). */
  eventsMaxPerTenant: number;
  /** How long an Idempotency-Key is kept (IDEMPOTENCY_TTL_MS), and how long a request holds it. */
  idempotency: IdempotencySettings;
  /** The change feed (retention, Server-Sent Events). */
  events: EventSettings;
  /** Webhook deliveries (timeout, retry schedule, ...). */
  webhooks: WebhookSettings;
  /** Each tenant's quotas unless set for it (QUOTA_*). */
  quotas: TenantQuotas;
}

/** What the Redis side of the orders is built with, from the service settings. */
export const orderSettingsOf = (settings: ServiceSettings): RedisOrderSettings => ({
  eventsMax: settings.eventsMaxPerTenant,
  idempotency: settings.idempotency,
});

/** A bucket of `perMinute` failed sign-ins, refilled over the minute (one every 6 s at 10). */

const signInLimit = (perMinute: number): RateLimitSettings => ({ perSecond: perMinute / 60, burst: Math.max(1, perMinute) });

/**
 * Everything routes and jobs use, built once from the clients. Tests build it with their own.
 * Handlers see it as AppServices (app-services.ts): no client among it.
 */
export interface Services extends AppServices {
  redis: Redis | Cluster;
  mongo: MongoConnection;
  syncRunner: SyncRunner;
  /** All of the service's settings (the edge's among them: `edgeSettings` is the same object). */
  serviceSettings: ServiceSettings;
  apiKeys: ApiKeys;
  reconciler: Reconciler;
  orderListParser: OrderListParser;
  /** The change feed: read and trimmed here, followed through the replica's one hub. */
  events: { feed: RedisEventFeed; hub: RedisEventHub; settings: EventSettings };
  /** Webhook endpoints and deliveries; the dispatcher is started by server.ts (or a test). */
  webhooks: WebhookDeps & { dispatcher: WebhookDispatcher; transport: HttpWebhookTransport };
}

const PROBE_TIMEOUT_MS = 1000;

/** `up` if the ping answers within PROBE_TIMEOUT_MS, else `down`. */
function probe(ping: () => Promise<unknown>): () => Promise<Readiness> {
  return () =>
    Promise.race([
      ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS).unref()),
    ]).then(
      () => 'up' as const,
      () => 'down' as const,
    );
}

export function buildServices(options: {
  redis: Redis | Cluster;
  mongo: MongoConnection;
  logger: Logger;
  settings: ServiceSettings;
  clock?: () => number;
}): Services {
  const { redis, mongo, logger, settings } = options;
  const quotas = new TenantQuotaService(new RedisQuotaStore(redis), settings.quotas);
  const repositories = createRedisOrderRepositories(redis, orderSettingsOf(settings), quotas);
  const syncDeps: SyncContext = {
    orders: repositories.orders,
    replacer: repositories.replacer,
    changes: repositories.changes,
    tenants: repositories.tenants,
    archive: new MongoOrderArchive(mongo),
    capacities: repositories.capacities,
    capacityArchive: new MongoCapacityArchive(mongo),
    stock: repositories.stock,
    stockArchive: new MongoStockArchive(mongo),
    configStore: new RedisTenantConfigStore(redis),
    configArchive: new MongoTenantConfigArchive(mongo),
    locks: new RedisTenantLocks(redis, settings.syncLockTtlMs),
    syncState: new RedisTenantSyncState(redis),
    clock: options.clock ?? Date.now,
    log: logger,
    syncSettings: settings.sync,
  };
  const auditor = new RedisReservationAuditor(redis);
  const apiKeys = new ApiKeys(
    { archive: new MongoApiKeyArchive(mongo), index: new RedisApiKeyIndex(redis), clock: Date.now, log: logger },
    settings.apiKeys,
  );
  const syncRunner = new SyncRunner(syncDeps);
  const reconciler = new Reconciler({
    tenants: repositories.tenants,
    auditor,
    clock: Date.now,
    log: logger,
    settings: settings.reconcile,
    levels: { stock: repositories.stock, stockArchive: syncDeps.stockArchive },
  });

  const metrics = new Metrics();
  metrics.readTenantTotalsFrom(async () => auditor.tenantTotals(await repositories.tenants.listTenants()));
  syncRunner.onReport((report) => metrics.observeSyncRun(report));
  reconciler.onReport((report) => metrics.observeReconcile(report));
  mongo.onFailure((_error, unavailable) => metrics.mongoErrors.inc({ kind: unavailable ? 'unavailable' : 'other' }));
  redis.on('error', () => metrics.redisErrors.inc({ kind: 'connection' }));
  const stopCounting = onRedisFailure(() => metrics.redisErrors.inc({ kind: 'command' }));
  redis.once('end', stopCounting);

  const eventSettings = settings.events;
  const events = {
    feed: new RedisEventFeed(redis),
    hub: new RedisEventHub(redis, { pollIntervalMs: eventSettings.pollIntervalMs }, logger),
    settings: eventSettings,
  };

  const webhookSettings = settings.webhooks;
  const transport = new HttpWebhookTransport({
    allowPrivateNetworks: webhookSettings.allowPrivateNetworks,
    maxSockets: webhookSettings.concurrency,
  });
  const webhookDeps: WebhookDeps = {
    store: new RedisWebhookStore(redis),
    archive: new MongoWebhookArchive(mongo),
    transport,
    clock: syncDeps.clock,
    log: logger,
    settings: webhookSettings,
    quotas,
  };
  const dispatcher = new WebhookDispatcher({ ...webhookDeps, watcher: events.hub });
  dispatcher.onAttempt((report) => metrics.observeWebhookAttempt(report));
  metrics.readWebhookBacklogFrom(async () => {
    const backlog = [];
    for (const tenantId of await webhookDeps.store.listTenants()) {
      const health = await webhookDeps.store.readHealth(tenantId);
      for (const stats of await webhookDeps.store.pendingStats(tenantId)) {
        backlog.push({
          disabled: Boolean(health.get(stats.endpointId)?.disabledAt),
          tenantId,
          endpointId: stats.endpointId,
          pending: stats.pending,
          oldestEventMs: stats.oldestEventId ? parseEventId(stats.oldestEventId).ms : null,
        });
      }
    }
    return backlog;
  });

  metrics.readOperationsFrom(async () => {
    const now = syncDeps.clock();
    return Promise.all(
      (await repositories.tenants.listTenants()).map(async (tenantId) => {
        const [pendingChanges, lastSync, origins, config] = await Promise.all([
          repositories.changes.countPendingChanges(tenantId),
          syncDeps.syncState.getLastSync(tenantId),
          repositories.reservations.listStockOrigins(tenantId, now, 10_000),
          syncDeps.configStore.getConfig(tenantId),
        ]);
        // A tenant whose sync is turned off has no last sync to age (its last one only gets older).
        const syncOn = config?.enableInternalOrderSync ?? true;
        return {
          tenantId,
          pendingChanges,
          lastSync:
            syncOn && lastSync
              ? { finishedMs: Date.parse(lastSync.startedAt) + lastSync.durationMs, failed: lastSync.status === 'failed' }
              : null,
          origins: origins.origins.flatMap((o) => (o.saturation === null ? [] : [{ code: o.code, saturation: o.saturation }])),
        };
      }),
    );
  });
  const health = { redis: probe(() => redis.ping()), mongodb: probe(() => mongo.ping()) };
  metrics.probeDependenciesWith(async () => {
    const [r, m] = await Promise.all([health.redis(), health.mongodb()]);
    return { redis: r === 'up', mongodb: m === 'up' };
  });

  return {
    ...syncDeps,
    log: logger,
    tenantConfigs: new TenantConfigCache(syncDeps.configStore),
    events,
    webhooks: { ...webhookDeps, dispatcher, transport },
    quotas,
    reservations: repositories.reservations,
    redis,
    mongo,
    health,
    syncRunner,
    serviceSettings: settings,
    edgeSettings: settings,
    apiKeys,
    rateLimiter: new RateLimiter(settings.rateLimit),
    streamSlots: new StreamSlots(settings.streamLimits),
    authFailureLimiter: new RateLimiter(signInLimit(settings.authFailuresPerMinute), syncDeps.clock),
    signInLimiter: new RateLimiter(signInLimit(settings.consoleSignInAttemptsPerMinute), syncDeps.clock),
    reconciler,
    metrics,
    orderListParser: new OrderListParser({ thresholdBytes: settings.replaceWorkerThresholdBytes, log: logger }),
    consoleSessions: new RedisConsoleSessionStore(redis),
  };
}

import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ApiKeys, DEFAULT_API_KEY_SETTINGS } from './domain/api-keys.js';
import { DEFAULT_EVENT_SETTINGS, type EventSettings } from './domain/events.js';
import { RateLimiter, type RateLimitSettings } from './routes/rate-limiter.js';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookDeps, type WebhookSettings } from './domain/webhook-endpoints.js';
import { parseEventId } from './domain/events.js';
import { DEFAULT_RECONCILE_SETTINGS, Reconciler, type ReconcileSettings } from './domain/reconcile.js';
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
import { createRedisOrderRepositories, DEFAULT_EVENTS_MAX_PER_TENANT } from './repositories/orders/index.js';
import { MongoStockArchive } from './repositories/stock-archive.js';
import { MongoCapacityArchive } from './repositories/capacity-archive.js';
import { DEFAULT_CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE } from './domain/console-sessions.js';
import { DEFAULT_IDEMPOTENCY_SETTINGS, type IdempotencySettings } from './domain/idempotency.js';
import type { RedisReservationReader } from './repositories/orders/reservation-reader.js';
import { onRedisFailure } from './repositories/redis-client.js';
import { RedisReservationAuditor } from './repositories/reservation-auditor.js';
import { RedisTenantConfigStore } from './repositories/tenant-config-store.js';
import { RedisTenantLocks } from './repositories/tenant-locks.js';
import { RedisTenantSyncState } from './repositories/tenant-sync-state.js';
import { MongoWebhookArchive } from './repositories/webhook-archive.js';
import { RedisWebhookStore } from './repositories/webhook-store.js';
import { HttpWebhookTransport } from './repositories/webhook-transport.js';
import { DEFAULT_TENANT_QUOTAS, TenantQuotaService, type TenantQuotas } from './domain/quotas.js';
import { RedisQuotaStore } from './repositories/quota-store.js';
import { DEFAULT_STREAM_LIMITS, StreamSlots } from './routes/stream-slots.js';
import { OrderListParser } from './intake/order-list-parser.js';
import type { AppServices, EdgeSettings, Readiness } from './routes/env.js';

export interface ServiceSettings extends EdgeSettings {
  /** PUT /{tenantId}/orders bodies over this are parsed and checked in a worker thread (default 1 MiB). */
  replaceWorkerThresholdBytes?: number;
  sync: SyncSettings;
  /** Per tenant key, per replica; the admin key is not limited. Default: 1000/s, bursts of 2000. */
  rateLimit?: RateLimitSettings;
  /** How long a replica trusts its memory of an API key (revocations reach it at once anyway). */
  apiKeyCacheTtlMs?: number;
  reconcile?: ReconcileSettings;
  /** About how many events each tenant's stream keeps (EVENTS_MAX_PER_TENANT). */
  eventsMaxPerTenant?: number;
  /** How long an Idempotency-Key is kept (IDEMPOTENCY_TTL), and how long a request holds it. */
  idempotency?: IdempotencySettings;
  /** The change feed (retention, Server-Sent Events); defaults: DEFAULT_EVENT_SETTINGS. */
  events?: Partial<EventSettings>;
  /** Webhook deliveries (timeout, retry schedule, ...); defaults: DEFAULT_WEBHOOK_SETTINGS. */
  webhooks?: Partial<WebhookSettings>;
  /** Each tenant's quotas unless set for it (QUOTA_*); defaults: DEFAULT_TENANT_QUOTAS. */
  quotas?: Partial<TenantQuotas>;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { perSecond: 1000, burst: 2000 };

/** Failed bearer authentications allowed per minute per client address (and replica), then 429. */
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 60;

/** A bucket of `perMinute` failed sign-ins, refilled over the minute (one every 6 s at 10). */

const signInLimit = (perMinute: number): RateLimitSettings => ({ perSecond: perMinute / 60, burst: Math.max(1, perMinute) });

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  batchSize: 1000,
  retry: { attempts: 4, baseMs: 200, capMs: 2000 },
  replaceLockWaitMs: 30_000,
};

/**
 * Everything routes and jobs use, built once from the clients. Tests build it with their own.
 * Handlers see it as AppServices (routes/env.ts): no client among it.
 */
export interface Services extends AppServices {
  redis: Redis | Cluster;
  mongo: MongoConnection;
  syncRunner: SyncRunner;
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
  lockTtlMs?: number;
}): Services {
  const { redis, mongo, logger, settings } = options;
  const quotas = new TenantQuotaService(new RedisQuotaStore(redis), { ...DEFAULT_TENANT_QUOTAS, ...settings.quotas });
  const repositories = createRedisOrderRepositories(redis, {
    quotas,
    eventsMax: settings.eventsMaxPerTenant ?? DEFAULT_EVENTS_MAX_PER_TENANT,
    idempotency: settings.idempotency ?? DEFAULT_IDEMPOTENCY_SETTINGS,
  });
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
    locks: new RedisTenantLocks(redis, options.lockTtlMs),
    syncState: new RedisTenantSyncState(redis),
    clock: options.clock ?? Date.now,
    log: logger,
    settings: settings.sync,
  };
  const auditor = new RedisReservationAuditor(redis);
  const apiKeys = new ApiKeys(
    { archive: new MongoApiKeyArchive(mongo), index: new RedisApiKeyIndex(redis), clock: Date.now, log: logger },
    { ...DEFAULT_API_KEY_SETTINGS, cacheTtlMs: settings.apiKeyCacheTtlMs ?? DEFAULT_API_KEY_SETTINGS.cacheTtlMs },
  );
  const syncRunner = new SyncRunner(syncDeps);
  const reconciler = new Reconciler({
    tenants: repositories.tenants,
    auditor,
    clock: Date.now,
    log: logger,
    settings: settings.reconcile ?? DEFAULT_RECONCILE_SETTINGS,
  });

  const metrics = new Metrics();
  metrics.readTenantTotalsFrom(async () => auditor.tenantTotals(await repositories.tenants.listTenants()));
  syncRunner.onReport((report) => metrics.observeSyncRun(report));
  reconciler.onReport((report) => metrics.observeReconcile(report));
  mongo.onFailure((_error, unavailable) => metrics.mongoErrors.inc({ kind: unavailable ? 'unavailable' : 'other' }));
  redis.on('error', () => metrics.redisErrors.inc({ kind: 'connection' }));
  const stopCounting = onRedisFailure(() => metrics.redisErrors.inc({ kind: 'command' }));
  redis.once('end', stopCounting);

  const eventSettings = { ...DEFAULT_EVENT_SETTINGS, ...settings.events };
  const events = {
    feed: new RedisEventFeed(redis),
    hub: new RedisEventHub(redis, { pollIntervalMs: eventSettings.pollIntervalMs }, logger),
    settings: eventSettings,
  };

  const webhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, ...settings.webhooks };
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
      for (const stats of await webhookDeps.store.pendingStats(tenantId)) {
        backlog.push({
          tenantId,
          endpointId: stats.endpointId,
          pending: stats.pending,
          oldestEventMs: stats.oldestEventId ? parseEventId(stats.oldestEventId).ms : null,
        });
      }
    }
    return backlog;
  });

  return {
    ...syncDeps,
    events,
    webhooks: { ...webhookDeps, dispatcher, transport },
    store: repositories.orders,
    quotas,
    reservations: repositories.reservations,
    redis,
    mongo,
    logger,
    health: { redis: probe(() => redis.ping()), mongodb: probe(() => mongo.ping()) },
    syncRunner,
    serviceSettings: settings,
    apiKeys,
    rateLimiter: new RateLimiter(settings.rateLimit ?? DEFAULT_RATE_LIMIT),
    streamSlots: new StreamSlots({ ...DEFAULT_STREAM_LIMITS, ...settings.streamLimits }),
    authFailureLimiter: new RateLimiter(signInLimit(settings.authFailuresPerMinute ?? DEFAULT_AUTH_FAILURES_PER_MINUTE)),
    signInLimiter: new RateLimiter(signInLimit(settings.consoleSignInAttemptsPerMinute ?? DEFAULT_CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE)),
    reconciler,
    metrics,
    orderListParser: new OrderListParser({ thresholdBytes: settings.replaceWorkerThresholdBytes, log: logger }),
    consoleSessions: new RedisConsoleSessionStore(redis),
  };
}

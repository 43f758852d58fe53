import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { loadConfig, redactUrl } from './config.js';
import { DEFAULT_IDEMPOTENCY_SETTINGS } from './domain/idempotency.js';
import { DEFAULT_RECONCILE_SETTINGS } from './domain/reconcile.js';
import { restoreAllTenants } from './domain/restore.js';
import { restoreWebhookEndpoints } from './domain/webhook-endpoints.js';
import { defineJobs } from './jobs/jobs.js';
import { createLogger } from './logger.js';
import { startJobs } from './jobs/scheduler.js';
import { migrateRedisLayout } from './repositories/migrations/index.js';
import { loadLibrary } from './repositories/redis-scripts/lua-script.js';
import { MongoConnection } from './repositories/mongo.js';
import { connectRedis, createRedis } from './repositories/redis-client.js';
import { buildServices, DEFAULT_SYNC_SETTINGS } from './services.js';

const config = loadConfig();
// JSON lines gathered into few writes (LOG_BUFFER_BYTES); LOG_FORMAT=pretty for a terminal (src/logger.ts).
const logger = await createLogger(config);

// REDIS_CLUSTER_NODES, when set, wins over REDIS_URL: a Redis Cluster client (see redis-client.ts).
const redis = createRedis({
  url: config.REDIS_URL,
  clusterNodes: config.REDIS_CLUSTER_NODES,
  commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
});
// What the logs say of where Redis is: never its password.
const redisTarget = config.REDIS_CLUSTER_NODES
  ? { redisCluster: config.REDIS_CLUSTER_NODES }
  : { redis: config.REDIS_URL && redactUrl(config.REDIS_URL) };
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const mongo = new MongoConnection({ url: config.MONGO_URL, timeoutMs: config.MONGO_TIMEOUT_MS });

const services = buildServices({
  redis,
  mongo,
  logger,
  lockTtlMs: config.SYNC_LOCK_TTL_MS,
  settings: {
    adminApiKey: config.ADMIN_API_KEY,
    orderBodyLimitBytes: config.ORDER_BODY_LIMIT_BYTES,
    replaceBodyLimitBytes: config.REPLACE_BODY_LIMIT_BYTES,
    bodyDrain: { maxBytes: config.BODY_DRAIN_MAX_BYTES, maxMs: config.BODY_DRAIN_MAX_MS },
    replaceWorkerThresholdBytes: config.REPLACE_WORKER_THRESHOLD_BYTES,
    sync: { ...DEFAULT_SYNC_SETTINGS, batchSize: config.SYNC_BATCH_SIZE, replaceLockWaitMs: config.REPLACE_LOCK_WAIT_MS },
    metricsApiKey: config.METRICS_API_KEY,
    rateLimit: { perSecond: config.RATE_LIMIT_PER_SECOND, burst: config.RATE_LIMIT_BURST },
    apiKeyCacheTtlMs: config.API_KEY_CACHE_TTL_MS,
    reconcile: { ...DEFAULT_RECONCILE_SETTINGS, maxOrders: config.RECONCILE_MAX_ORDERS },
    eventsMaxPerTenant: config.EVENTS_MAX_PER_TENANT,
    idempotency: { ...DEFAULT_IDEMPOTENCY_SETTINGS, ttlMs: config.IDEMPOTENCY_TTL_MS },
    consoleSessionTtlMs: config.CONSOLE_SESSION_TTL_MS,
    consoleSessionIdleMs: config.CONSOLE_SESSION_IDLE_MS,
    consoleSignInAttemptsPerMinute: config.CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE,
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
    authFailuresPerMinute: config.AUTH_FAILURES_PER_MINUTE,
    streamLimits: {
      perKey: config.EVENTS_SSE_MAX_PER_KEY,
      perTenant: config.EVENTS_SSE_MAX_PER_TENANT,
      perReplica: config.EVENTS_SSE_MAX_PER_REPLICA,
    },
    quotas: {
      orders: config.QUOTA_ORDERS,
      linesPerOrder: config.QUOTA_LINES_PER_ORDER,
      webhookEndpoints: config.QUOTA_WEBHOOK_ENDPOINTS,
      capacities: config.QUOTA_CAPACITIES,
      idempotencyRecords: config.QUOTA_IDEMPOTENCY_RECORDS,
    },
    events: {
      retentionMs: config.EVENTS_RETENTION,
      maxBytesPerTenant: config.EVENTS_MAX_BYTES_PER_TENANT,
      sseHeartbeatMs: config.EVENTS_SSE_HEARTBEAT_MS,
      pollIntervalMs: config.EVENTS_POLL_INTERVAL_MS,
    },
    webhooks: {
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: config.WEBHOOK_RETRY_SCHEDULE,
      disableAfterMs: config.WEBHOOK_DISABLE_AFTER,
      allowPrivateNetworks: config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      concurrency: config.WEBHOOK_CONCURRENCY,
      logRetentionMs: config.WEBHOOK_LOG_RETENTION,
      logMaxPerEndpoint: config.WEBHOOK_LOG_MAX_PER_ENDPOINT,
    },
  },
});

async function start() {
  await connectRedis(redis, 30_000).catch(() => {
    logger.fatal(redisTarget, 'Redis did not answer within 30 s; exiting');
    process.exit(1);
  });
  // This release's Lua library on every master (a master that lacks it later gets it at its first call).
  await loadLibrary(redis).catch((err) => {
    logger.fatal({ err: err.message }, 'could not load the Lua library into Redis; exiting');
    process.exit(1);
  });
  const migrated = await migrateRedisLayout(redis, services.tenants).catch((err) => {
    logger.fatal({ err: err.message }, 'could not bring the Redis data to this build; exiting');
    process.exit(1);
  });
  if (migrated.originQtyToHash > 0) logger.info({ tenants: migrated.originQtyToHash }, 'reservation figures of an earlier build converted');
  if (migrated.orderIndexes > 0)
    logger.info({ tenants: migrated.orderIndexes }, 'order indexes and counters built for data of an earlier build');
  // MongoDB is needed for sync and restore only: the order routes start without it.
  await mongo.ping().catch((err) => logger.error({ err: err.message }, 'MongoDB unavailable at start; sync and restore will retry'));
  if (config.RESTORE_ON_START) {
    const reports = await restoreAllTenants(services).catch((err) => {
      logger.error({ err: err.message }, 'restore on start failed; the restore job retries');
      return [];
    });
    const restored = reports.filter((r) => r.status === 'restored').length;
    if (restored > 0) logger.info({ tenants: restored }, 'tenants restored from MongoDB on start');
    await services.reconciler.afterRestore(reports).catch((err) => logger.error({ err }, 'reconcile after restore failed'));
  }
  await restoreWebhookEndpoints(services.webhooks).catch((err) =>
    logger.error({ err: err.message }, 'webhook endpoints not restored on start; the restore job retries'),
  );
  const app = createApp(services);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) =>
    logger.info({ port: info.port }, 'Reservoir listening'),
  );
  const jobs = startJobs(
    services,
    defineJobs({
      syncCron: config.SYNC_CRON,
      expirySweepIntervalMs: config.EXPIRY_SWEEP_INTERVAL_MS,
      restoreCheckIntervalMs: config.RESTORE_CHECK_INTERVAL_MS,
      reconcileCron: config.RECONCILE_CRON,
    }),
  );
  if (config.SYNC_ON_START) void services.syncRunner.run({ trigger: 'startup' });
  if (config.WEBHOOK_DISPATCHER) services.webhooks.dispatcher.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing those in flight and the running sync');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // No new connection is accepted; open ones finish their request, and are closed as soon as they
    // are idle (else a keep-alive client would hold the exit up for its whole timeout). No job
    // starts any more; a sync batch in progress finishes, which releases its tenant leases.
    const closeIdle = setInterval(() => {
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }, 50);
    // Open event streams end (clients reconnect elsewhere with Last-Event-ID); webhook attempts in
    // flight are recorded, the rest wait in Redis for any replica.
    const eventsClosed = services.events.hub.close();
    await Promise.all([
      new Promise<void>((resolve) => server.close(() => resolve())),
      jobs.stop(),
      services.webhooks.dispatcher.stop(),
      eventsClosed,
    ]);
    services.webhooks.transport.close();
    clearInterval(closeIdle);
    await services.syncRunner.idle();
    await services.orderListParser.close();
    await services.apiKeys.flushLastUse().catch((err) => logger.warn({ err }, 'API key last uses not recorded'));
    await Promise.allSettled([redis.quit(), mongo.close()]);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void start();

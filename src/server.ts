import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { loadConfig, redactUrl } from './config.js';
import { restoreAllTenants } from './domain/restore.js';
import { restoreWebhookEndpoints } from './domain/webhook-endpoints.js';
import { defineJobs } from './jobs/jobs.js';
import { createLogger } from './logger.js';
import { cronPeriodSeconds, startJobs } from './jobs/scheduler.js';
import { migrateRedisLayout } from './repositories/migrations/index.js';
import { loadLibrary } from './repositories/redis-scripts/lua-script.js';
import { MongoConnection } from './repositories/mongo.js';
import { connectRedis, createRedis } from './repositories/redis-client.js';
import { buildServices } from './services.js';

const config = loadConfig();
// JSON lines gathered into few writes (LOG_BUFFER_BYTES); LOG_FORMAT=pretty for a terminal (src/logger.ts).
const logger = await createLogger(config.log);

// REDIS_CLUSTER_NODES, when set, wins over REDIS_URL: a Redis Cluster client (see redis-client.ts).
const redis = createRedis(config.redis);
// What the logs say of where Redis is: never its password.
const redisTarget = config.redis.clusterNodes
  ? { redisCluster: config.redis.clusterNodes }
  : { redis: config.redis.url && redactUrl(config.redis.url) };
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const mongo = new MongoConnection(config.mongo);

const services = buildServices({ redis, mongo, logger, settings: config.service });

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
  if (migrated.compactOrders > 0)
    logger.info({ tenants: migrated.compactOrders }, 'orders of an earlier build converted to their compact form');
  if (migrated.orderIndexes > 0) logger.info({ tenants: migrated.orderIndexes }, 'order indexes built for data of an earlier build');
  if (migrated.compactIndexes > 0)
    logger.info({ tenants: migrated.compactIndexes }, 'order indexes of an earlier build converted to compact entries');
  if (migrated.articleIndexes > 0)
    logger.info({ tenants: migrated.articleIndexes }, "articles' index entries of an earlier build moved to their own keys");
  if (migrated.retiredCounters > 0)
    logger.info({ tenants: migrated.retiredCounters }, 'counters of an earlier build dropped (read from the indexes and figures now)');
  // MongoDB is needed for sync and restore only: the order routes start without it.
  await mongo.ping().catch((err) => logger.error({ err: err.message }, 'MongoDB unavailable at start; sync and restore will retry'));
  if (config.startup.restoreOnStart) {
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
  const server = serve({ fetch: app.fetch, port: config.http.port, hostname: config.http.host }, (info) =>
    logger.info({ port: info.port }, 'Reservoir listening'),
  );
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  services.metrics.syncPeriod.set(cronPeriodSeconds(config.jobs.syncCron));
  const jobs = startJobs(services, defineJobs(config.jobs));
  if (config.startup.syncOnStart) void services.syncRunner.run({ trigger: 'startup' });
  if (config.startup.webhookDispatcher) services.webhooks.dispatcher.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing those in flight and the running sync');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.http.shutdownTimeoutMs);
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

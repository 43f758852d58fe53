import { z } from 'zod';
import { DEFAULT_API_KEY_SETTINGS } from './domain/api-keys.js';
import { parseDuration } from './domain/durations.js';
import { IDEMPOTENCY_RUNNING_MS } from './domain/idempotency.js';
import { RECONCILE_MAX_REPORTED } from './domain/reconcile.js';
import { SYNC_RETRY } from './domain/sync-context.js';
import { DEFAULT_RETRY_SCHEDULE_MS, parseRetrySchedule } from './domain/webhooks.js';
import type { JobSettings } from './jobs/jobs.js';
import type { LoggerSettings } from './logger.js';
import type { ServiceSettings } from './services.js';

const MiB = 1024 * 1024;

/**
 * Every duration: a number of milliseconds (`1500`) or a number with its unit (`500ms`, `30s`,
 * `5m`, `24h`, `5d`), read as milliseconds, between `minMs` and `maxMs`.
 */
const duration = (minMs: number, maxMs = Number.MAX_SAFE_INTEGER) =>
  z.string().transform((text, ctx) => {
    const ms = /^\s*\d{1,15}\s*$/.test(text) ? Number(text) : parseDuration(text);
    if (ms === null || ms < minMs || ms > maxMs) {
      const range = maxMs === Number.MAX_SAFE_INTEGER ? `at least ${minMs} ms` : `between ${minMs} and ${maxMs} ms`;
      ctx.addIssue({ code: 'custom', message: `must be a duration ${range}, such as 1500 (ms), 500ms, 30s, 5m, 24h or 5d` });
      return z.NEVER;
    }
    return ms;
  });

const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A URL as it may be logged: its password (and a user name that is a token) replaced by `***`. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (!url.password && !url.username) return text;
    if (url.password) url.password = '***';
    else url.username = '***';
    return url.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** The environment the service reads: one variable each, with its one default. */
const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().default('0.0.0.0'),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    REDIS_CLUSTER_NODES: z
      .string()
      .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'comma-separated host:port list')
      .optional(),
    REDIS_COMMAND_TIMEOUT_MS: duration(50, 60_000).default(1000),
    // Replicas that must acknowledge every write (WAIT) before it is answered; 0: none (docs/durability.md).
    REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).max(16).default(0),
    // How long a write waits for them; fewer in time: 503 NOT_REPLICATED.
    REDIS_WAIT_TIMEOUT_MS: duration(1, 10_000).default(50),
    MONGO_URL: z
      .url({ protocol: /^mongodb(\+srv)?$/ })
      .refine((url) => /^\/[^/?]+$/.test(new URL(url).pathname), 'must name the database in its path, e.g. mongodb://host:27017/reservoir'),
    MONGO_TIMEOUT_MS: duration(100, 60_000).default(2000),
    ADMIN_API_KEY: z.string().min(16, 'must be at least 16 characters'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // json: one JSON object per line (production); pretty: readable lines for a terminal (npm run dev).
    LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
    // JSON lines gathered into writes of this many bytes (0: a write per line); flushed within 250 ms, at exit and on a crash.
    LOG_BUFFER_BYTES: z.coerce.number().int().min(0).max(16_000).default(4096),
    // How long an Idempotency-Key is remembered (ms).
    IDEMPOTENCY_TTL_MS: duration(1000).default(24 * 3_600_000),
    // How long an ops-console sign-in lasts (ms).
    CONSOLE_SESSION_TTL_MS: duration(60_000).default(8 * 3_600_000),
    // An ops-console session unused this long ends.
    CONSOLE_SESSION_IDLE_MS: duration(10_000).default(30 * 60_000),
    // Failed ops-console sign-ins allowed per minute per client address and replica, then 429; 0 turns it off.
    CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(0).max(10_000).default(10),
    // Each tenant's quotas unless set for it (PUT /admin/tenants/{tenantId}/quotas); docs/limits.md.
    QUOTA_ORDERS: z.coerce.number().int().min(1).default(1_000_000),
    QUOTA_LINES_PER_ORDER: z.coerce.number().int().min(1).max(5000).default(5000),
    QUOTA_WEBHOOK_ENDPOINTS: z.coerce.number().int().min(1).max(10_000).default(50),
    QUOTA_CAPACITIES: z.coerce.number().int().min(1).default(100_000),
    QUOTA_IDEMPOTENCY_RECORDS: z.coerce.number().int().min(1).default(1_000_000),
    QUOTA_STOCK_LEVELS: z.coerce.number().int().min(1).default(1_000_000),
    QUOTA_PAUSED_DELIVERIES: z.coerce.number().int().min(1).default(100_000),
    // Server-Sent Events streams (API and console) open at once per key, per tenant and per replica; then 429.
    EVENTS_SSE_MAX_PER_KEY: z.coerce.number().int().min(1).default(5),
    EVENTS_SSE_MAX_PER_TENANT: z.coerce.number().int().min(1).default(20),
    EVENTS_SSE_MAX_PER_REPLICA: z.coerce.number().int().min(1).default(1000),
    // Failed API bearer authentications allowed per minute per client address and replica, then 429; 0 turns it off.
    AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(60),
    // Proxies in front of the service that append to X-Forwarded-For (nginx: 1): the client address
    // the sign-in limit counts by is read there, that many entries from the end; 0: the TCP peer.
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    SYNC_CRON: z.string().default('*/10 * * * *'),
    SYNC_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
    SYNC_ON_START: boolean.default(false),
    // How long a replica that died mid-sync keeps the tenant's sync lease before another takes over.
    SYNC_LOCK_TTL_MS: duration(500, 600_000).default(30_000),
    RESTORE_ON_START: boolean.default(true),
    RESTORE_CHECK_INTERVAL_MS: duration(1000).default(15_000),
    EXPIRY_SWEEP_INTERVAL_MS: duration(100, 5000).default(1000),
    ORDER_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(MiB),
    REPLACE_BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(256 * MiB),
    // A body refused before it was read (413, 415, 401...) is read and discarded after the answer, up
    // to this many bytes and for this long, so that clients that write the whole body before they
    // read see the answer; then the connection is closed.
    BODY_DRAIN_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(16 * MiB),
    BODY_DRAIN_MAX_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    // PUT /{tenantId}/orders bodies over this are parsed and checked in a worker thread, off the event loop.
    REPLACE_WORKER_THRESHOLD_BYTES: z.coerce.number().int().min(0).default(MiB),
    REPLACE_LOCK_WAIT_MS: duration(0).default(30_000),
    SHUTDOWN_TIMEOUT_MS: duration(0).default(15_000),
    // How long an idle keep-alive connection stays open (Node's default); behind a load balancer,
    // longer than the balancer's own idle timeout. A shutdown closes idle connections at once.
    HTTP_KEEP_ALIVE_TIMEOUT: duration(1000).default(5000),
    // Also accepted on GET /metrics, so a Prometheus scraper needs no admin key.
    METRICS_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
    // Per tenant API key and per replica (token bucket); 0 turns it off. The admin key is not limited.
    RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(1000),
    RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(2000),
    // How long a replica trusts its memory of an API key; revocations reach every replica at once anyway.
    API_KEY_CACHE_TTL_MS: duration(0, 3_600_000).default(30_000),
    // The self-check of the reservation figures (POST /admin/reconcile): when it runs, and the
    // largest tenant it checks: one tenant's check keeps Redis busy about 15 ms per 1000 orders.
    RECONCILE_CRON: z.string().default('30 3 * * *'),
    RECONCILE_MAX_ORDERS: z.coerce.number().int().min(1).default(10_000),
    // The change feed: each tenant keeps about this many events, none older than EVENTS_RETENTION
    // (but always its newest one, so that a consumer that is up to date never has to resynchronise).
    EVENTS_MAX_PER_TENANT: z.coerce.number().int().min(1).default(100_000),
    EVENTS_RETENTION: duration(1000).default(24 * 3_600_000),
    // And at most about this many bytes of events per tenant (an event carries a whole order); 0: no limit.
    EVENTS_MAX_BYTES_PER_TENANT: z.coerce
      .number()
      .int()
      .min(0)
      .default(64 * 1024 * 1024),
    // A comment line on every open Server-Sent Events stream this often, so proxies keep it open.
    EVENTS_SSE_HEARTBEAT_MS: duration(100).default(15_000),
    // How long a replica's one blocking read of new events waits (single Redis), or how often it
    // looks for them (Redis Cluster, where one read cannot span tenants).
    EVENTS_POLL_INTERVAL_MS: duration(10, 60_000).default(200),
    // Webhooks: a delivery attempt answered 2xx within the timeout is delivered; otherwise it is
    // tried again on the schedule (one delay per attempt, the first from the event), then failed.
    WEBHOOK_TIMEOUT_MS: duration(100, 120_000).default(5000),
    WEBHOOK_RETRY_SCHEDULE: z
      .string()
      .transform((text, ctx) => {
        const schedule = parseRetrySchedule(text);
        if (typeof schedule === 'string') {
          ctx.addIssue({ code: 'custom', message: schedule });
          return z.NEVER;
        }
        return schedule;
      })
      .default(DEFAULT_RETRY_SCHEDULE_MS),
    WEBHOOK_DISABLE_AFTER: duration(1000).default(5 * 86_400_000),
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean.default(false),
    // Delivery attempts in flight at once, per replica.
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(64),
    // Finished deliveries (delivered or failed) are listed for this long after their event, and at
    // most this many of each kind per endpoint.
    WEBHOOK_LOG_RETENTION: duration(1000).default(7 * 86_400_000),
    WEBHOOK_LOG_MAX_PER_ENDPOINT: z.coerce.number().int().min(1).default(10_000),
    // Whether this replica delivers webhooks (every replica does by default; any one may stop).
    WEBHOOK_DISPATCHER: boolean.default(true),
  })
  .refine((c) => c.REDIS_URL || c.REDIS_CLUSTER_NODES, {
    message: 'set REDIS_URL (single Redis) or REDIS_CLUSTER_NODES (Redis Cluster)',
    path: ['REDIS_URL'],
  });

/**
 * The configuration as the service uses it, in slices that are handed on as they are: `redis` to
 * createRedis, `mongo` to MongoConnection, `log` to createLogger, `jobs` to defineJobs, `service`
 * to buildServices. A new variable is one line in envSchema and one here.
 */
export const configSchema = envSchema.transform((env) => ({
  http: {
    port: env.PORT,
    host: env.HOST,
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  },
  redis: {
    url: env.REDIS_URL,
    clusterNodes: env.REDIS_CLUSTER_NODES,
    commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
    waitReplicas: env.REDIS_WAIT_REPLICAS,
    waitTimeoutMs: env.REDIS_WAIT_TIMEOUT_MS,
  },
  mongo: { url: env.MONGO_URL, timeoutMs: env.MONGO_TIMEOUT_MS },
  log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT, bufferBytes: env.LOG_BUFFER_BYTES } satisfies LoggerSettings,
  jobs: {
    syncCron: env.SYNC_CRON,
    expirySweepIntervalMs: env.EXPIRY_SWEEP_INTERVAL_MS,
    restoreCheckIntervalMs: env.RESTORE_CHECK_INTERVAL_MS,
    reconcileCron: env.RECONCILE_CRON,
  } satisfies JobSettings,
  startup: { restoreOnStart: env.RESTORE_ON_START, syncOnStart: env.SYNC_ON_START, webhookDispatcher: env.WEBHOOK_DISPATCHER },
  service: {
    adminApiKey: env.ADMIN_API_KEY,
    metricsApiKey: env.METRICS_API_KEY,
    orderBodyLimitBytes: env.ORDER_BODY_LIMIT_BYTES,
    replaceBodyLimitBytes: env.REPLACE_BODY_LIMIT_BYTES,
    replaceWorkerThresholdBytes: env.REPLACE_WORKER_THRESHOLD_BYTES,
    bodyDrain: { maxBytes: env.BODY_DRAIN_MAX_BYTES, maxMs: env.BODY_DRAIN_MAX_MS },
    consoleSessionTtlMs: env.CONSOLE_SESSION_TTL_MS,
    consoleSessionIdleMs: env.CONSOLE_SESSION_IDLE_MS,
    consoleSignInAttemptsPerMinute: env.CONSOLE_SIGN_IN_ATTEMPTS_PER_MINUTE,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
    streamLimits: {
      perKey: env.EVENTS_SSE_MAX_PER_KEY,
      perTenant: env.EVENTS_SSE_MAX_PER_TENANT,
      perReplica: env.EVENTS_SSE_MAX_PER_REPLICA,
    },
    quotas: {
      orders: env.QUOTA_ORDERS,
      linesPerOrder: env.QUOTA_LINES_PER_ORDER,
      webhookEndpoints: env.QUOTA_WEBHOOK_ENDPOINTS,
      capacities: env.QUOTA_CAPACITIES,
      idempotencyRecords: env.QUOTA_IDEMPOTENCY_RECORDS,
      stockLevels: env.QUOTA_STOCK_LEVELS,
      pausedDeliveries: env.QUOTA_PAUSED_DELIVERIES,
    },
    sync: { batchSize: env.SYNC_BATCH_SIZE, retry: SYNC_RETRY, replaceLockWaitMs: env.REPLACE_LOCK_WAIT_MS },
    syncLockTtlMs: env.SYNC_LOCK_TTL_MS,
    rateLimit: { perSecond: env.RATE_LIMIT_PER_SECOND, burst: env.RATE_LIMIT_BURST },
    apiKeys: { ...DEFAULT_API_KEY_SETTINGS, cacheTtlMs: env.API_KEY_CACHE_TTL_MS },
    reconcile: { maxOrders: env.RECONCILE_MAX_ORDERS, maxReported: RECONCILE_MAX_REPORTED },
    eventsMaxPerTenant: env.EVENTS_MAX_PER_TENANT,
    idempotency: { ttlMs: env.IDEMPOTENCY_TTL_MS, runningMs: IDEMPOTENCY_RUNNING_MS },
    events: {
      retentionMs: env.EVENTS_RETENTION,
      maxBytesPerTenant: env.EVENTS_MAX_BYTES_PER_TENANT,
      sseHeartbeatMs: env.EVENTS_SSE_HEARTBEAT_MS,
      pollIntervalMs: env.EVENTS_POLL_INTERVAL_MS,
    },
    webhooks: {
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: env.WEBHOOK_RETRY_SCHEDULE,
      disableAfterMs: env.WEBHOOK_DISABLE_AFTER,
      allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      concurrency: env.WEBHOOK_CONCURRENCY,
      logRetentionMs: env.WEBHOOK_LOG_RETENTION,
      logMaxPerEndpoint: env.WEBHOOK_LOG_MAX_PER_ENDPOINT,
    },
  } satisfies ServiceSettings,
}));

export type Config = z.output<typeof configSchema>;

export function parseConfig(env: NodeJS.ProcessEnv): { config: Config } | { errors: string[] } {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return { config: parsed.data };
  const errors = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  // zod skips the object-level rule once a field is wrong; name the missing Redis all the same.
  if (!env.REDIS_URL && !env.REDIS_CLUSTER_NODES && !errors.some((e) => e.startsWith('REDIS_URL'))) {
    errors.push('REDIS_URL: set REDIS_URL (single Redis) or REDIS_CLUSTER_NODES (Redis Cluster)');
  }
  return { errors };
}

/** Reads the configuration or exits with a message naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = parseConfig(env);
  if ('config' in result) return result.config;
  process.stderr.write(`Invalid configuration:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}

/**
 * The configuration every variable left unset gives (with `adminApiKey`): what tests, benchmarks
 * and scripts start from. The defaults exist once, in envSchema.
 */
export function defaultConfig(adminApiKey = 'benchmark-admin-key-0000'): Config {
  const result = parseConfig({
    REDIS_URL: 'redis://127.0.0.1:6379',
    MONGO_URL: 'mongodb://127.0.0.1:27017/reservoir',
    ADMIN_API_KEY: adminApiKey,
  });
  if ('errors' in result) throw new Error(result.errors.join('; '));
  return result.config;
}

/** The service settings of defaultConfig(). */
export const defaultServiceSettings = (adminApiKey?: string): ServiceSettings => defaultConfig(adminApiKey).service;

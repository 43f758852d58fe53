import { randomInt, randomUUID } from 'node:crypto';
import { Cluster, type Redis } from 'ioredis';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Order } from '../../src/domain/order.js';
import { MongoConnection } from '../../src/repositories/mongo.js';
import { connectRedis, createRedis } from '../../src/repositories/redis-client.js';
import { checkedRequest } from './conformance.js';
import { checkScriptArity } from './script-arity.js';
import {
  startMongoServer,
  startRedisCluster,
  startRedisServer,
  type MongoServerHandle,
  type RedisClusterHandle,
  type RedisServerHandle,
} from './servers.js';
import { defaultServiceSettings } from '../../src/config.js';
import { buildServices, type ServiceSettings, type Services } from '../../src/services.js';

export const ADMIN_KEY = 'test-admin-key-0123456789';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestService {
  app: ReturnType<typeof createApp>;
  services: Services;
  /** A Cluster client when the suite runs in the `cluster` project (vitest.config.ts). */
  redis: Redis | Cluster;
  mongo: MongoConnection;
  /** The servers this service owns (`ownRedis`/`ownMongo`): the test may stop and restart them. */
  redisServer?: RedisServerHandle;
  /** The Redis Cluster this service owns (`ownRedis` in the `cluster` project; `redisServer` is then unset). */
  redisCluster?: RedisClusterHandle;
  /** How to reach this service's Redis: pass it to startTestService for a second replica on the same data. */
  redisTarget: { redisUrl?: string; redisClusterNodes?: string };
  mongoServer?: MongoServerHandle;
  /** Calls the app in-process with the admin key (or `key`), JSON in and out. */
  call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    init?: { key?: string | null; headers?: Record<string, string> },
  ): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

/** Some of the service settings; of a group (sync, webhooks, ...), some of its fields. */
export type SettingsOverrides = {
  [K in keyof ServiceSettings]?: ServiceSettings[K] extends unknown[]
    ? ServiceSettings[K]
    : ServiceSettings[K] extends object
      ? Partial<ServiceSettings[K]>
      : ServiceSettings[K];
};

/** The settings tests run with: the defaults, the tests' admin key and limits, then `overrides`. */
export function testSettings(overrides: SettingsOverrides = {}): ServiceSettings {
  const base: ServiceSettings = {
    ...defaultServiceSettings(ADMIN_KEY),
    replaceBodyLimitBytes: 64 * 1024 * 1024,
  };
  base.sync = { ...base.sync, retry: { attempts: 2, baseMs: 50, capMs: 100 }, replaceLockWaitMs: 5000 };
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? { ...current, ...value }
        : value;
  }
  return merged as unknown as ServiceSettings;
}

export interface TestServiceOptions {
  /** A single Redis of the test's own; without it the suite's Redis (or Redis Cluster) is used. */
  redisUrl?: string;
  /** A Redis Cluster of the test's own (seeds); wins over redisUrl. */
  redisClusterNodes?: string;
  mongoUrl?: string;
  clock?: () => number;
  /** Over the defaults (those of an unset environment): a field, or some fields of a group. */
  settings?: SettingsOverrides;
  lockTtlMs?: number;
  redisCommandTimeoutMs?: number;
  /** REDIS_WAIT_REPLICAS / REDIS_WAIT_TIMEOUT_MS of the service (default 0: no waiting). */
  redisWaitReplicas?: number;
  redisWaitTimeoutMs?: number;
  /**
   * Start a Redis of the test's own (for tests that flush or stop Redis): a redis-server, or in the
   * `cluster` project a three-master Redis Cluster (`redisCluster`; a test that must stop one
   * redis-server process belongs in vitest.config.ts SINGLE_ONLY).
   */
  ownRedis?: boolean;
  /** Start a MongoDB-wire server of the test's own (for tests that stop MongoDB). */
  ownMongo?: boolean;
}

/** A response with its body parsed as JSON where it is JSON (else the text, for the test to see). */
export async function toTestResponse<T = any>(res: Response): Promise<TestResponse<T>> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the test sees the text
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** The real app on the real servers the global setup (or the test) provides. */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const suiteCluster = inject('redisClusterNodes');
  const redisCluster = options.ownRedis && suiteCluster ? await startRedisCluster() : undefined;
  const redisServer = options.ownRedis && !suiteCluster ? await startRedisServer() : undefined;
  const mongoServer = options.ownMongo ? await startMongoServer() : undefined;
  if (redisServer) options = { ...options, redisUrl: redisServer.url };
  if (redisCluster) options = { ...options, redisClusterNodes: redisCluster.nodes };
  if (mongoServer) options = { ...options, mongoUrl: mongoServer.url };
  const redisTarget =
    options.redisClusterNodes !== undefined
      ? { redisClusterNodes: options.redisClusterNodes }
      : options.redisUrl !== undefined
        ? { redisUrl: options.redisUrl }
        : suiteCluster
          ? { redisClusterNodes: suiteCluster }
          : { redisUrl: inject('redisUrl') };
  const redis = createRedis({
    url: redisTarget.redisUrl,
    clusterNodes: redisTarget.redisClusterNodes,
    // Generous: a 5,000-line upsert on a loaded two-core machine may keep Redis busy for seconds.
    // The outage tests that time refusals pass their own.
    commandTimeoutMs: options.redisCommandTimeoutMs ?? 10_000,
    waitReplicas: options.redisWaitReplicas,
    waitTimeoutMs: options.redisWaitTimeoutMs,
  });
  redis.on('error', () => {});
  checkScriptArity(redis);
  if (redis instanceof Cluster) {
    // A keyless command goes to one random node of a Cluster: a test's FLUSHALL must reach every master.
    redis.flushall = (async () => {
      await Promise.all(redis.nodes('master').map((node) => node.flushall()));
      return 'OK';
    }) as Cluster['flushall'];
  }
  await connectRedis(redis, 10_000);
  // Each service gets its own database: FerretDB slows down as a collection grows, and tests of
  // one file then never see another file's documents.
  const ownDatabase = options.mongoUrl === undefined;
  const mongoUrl = options.mongoUrl ?? withDatabase(inject('mongoUrl'), `reservoir_test_${randomUUID().slice(0, 8)}`);
  const mongo = new MongoConnection({ url: mongoUrl, timeoutMs: 2000 });
  const services = buildServices({
    redis,
    mongo,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock: options.clock,
    settings: testSettings({ ...(options.lockTtlMs === undefined ? {} : { syncLockTtlMs: options.lockTtlMs }), ...options.settings }),
  });
  const app = createApp(services);
  // Every answer a test receives must be what openapi/openapi.json says (support/conformance.ts).
  app.request = checkedRequest(app.request);
  return {
    app,
    services,
    redis,
    mongo,
    redisServer,
    redisCluster,
    redisTarget,
    mongoServer,
    async call(method, path, body, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const key = init.key === undefined ? ADMIN_KEY : init.key;
      if (key !== null) headers.Authorization = `Bearer ${key}`;
      let payload: string | undefined;
      if (body !== undefined) {
        payload = typeof body === 'string' ? body : JSON.stringify(body);
        headers['Content-Type'] ??= 'application/json';
      }
      return toTestResponse(await app.request(path, { method, headers, body: payload }));
    },
    async close() {
      await services.webhooks.dispatcher.stop();
      services.webhooks.transport.close();
      await services.events.hub.close();
      await services.syncRunner.idle();
      await services.orderListParser.close();
      redis.disconnect();
      if (ownDatabase) await mongo.run((db) => db.dropDatabase()).catch(() => {});
      await mongo.close();
      await redisServer?.destroy();
      await redisCluster?.destroy();
      await mongoServer?.destroy();
    },
  };
}

export function withDatabase(mongoUrl: string, database: string): string {
  const url = new URL(mongoUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A tenant id no other test uses, so test files run in parallel without a global wipe. */
export function newTenantId(): number {
  return randomInt(1_000_000, 2_000_000_000);
}

export function newGuid(): string {
  return randomUUID();
}

export function makeOrder(tenantId: number, overrides: Partial<Order> = {}): Order {
  return {
    orderId: randomUUID(),
    tenantId,
    lastUpdated: '2025-09-22T10:01:20.624Z',
    type: 'Order',
    lines: [
      { code: 'FRA:MAG:0125', artGuid: 'c420a0b0-fd50-446a-b2e0-18ab3bf4c460', qty: 1 },
      { code: 'FRA:MAG:0953', artGuid: '4128d10e-1594-42a7-8c79-bde5181a20f5', qty: 2 },
    ],
    ...overrides,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` stops throwing, or rethrows its last error after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(everyMs);
    }
  }
}

/**
 * The views of a stock origin or an article the API answers for figures computed by hand, when no
 * origin has a capacity (capacity and saturation null).
 */
/** An origin's view without capacity; its articles (in the origin view) without a stock level either. */
export function withoutCapacity<T extends object>(origin: T): T & { capacity: null; saturation: null } {
  const articles = (origin as { articles?: object[] }).articles;
  return {
    ...origin,
    capacity: null,
    saturation: null,
    ...(articles ? { articles: articles.map((a) => ({ ...a, onHand: null, available: null })) } : {}),
  };
}

/** An article's view where no origin has a capacity nor a stock level. */
export function articleWithoutCapacities<T extends { origins: object[] }>(article: T): T {
  return { ...article, origins: article.origins.map((o) => ({ ...withoutCapacity(o), onHand: null, available: null })) };
}

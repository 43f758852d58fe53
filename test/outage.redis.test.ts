/**
 * Redis goes away under the running service: requests fail fast with 503 (no request waits longer
 * than the command timeout, nothing queues), /ready says so, the service recovers by itself, and
 * with AOF no acknowledged write is lost, even when Redis is killed mid-traffic. These tests stop
 * and kill a redis-server of their own, or in the `cluster` project every master of a Redis
 * Cluster of their own (AOF on each).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Order } from '../src/domain/order.js';
import { computeReservations } from '../src/domain/reservation.js';
import {
  eventually,
  makeOrder,
  newGuid,
  newTenantId,
  sleep,
  startTestService,
  withoutCapacity,
  type TestResponse,
  type TestService,
} from './support/harness.js';
import { startRedisCluster, startRedisServer, type RedisServerHandle } from './support/servers.js';

const COMMAND_TIMEOUT_MS = 500;
/**
 * How long a refused request may take. Redis stays down (or hung) until every check is done, so a
 * request that waited for it (an offline queue, no command timeout) would take as long as the
 * outage: any finite bound catches that. This one is the timeout plus room for a loaded machine.
 */
const FAST_MS = COMMAND_TIMEOUT_MS + 4_000;
/** The Redis under the service: one redis-server, or every master of a Cluster, as one. */
interface Servers {
  target: { redisUrl?: string; redisClusterNodes?: string };
  stop(): Promise<void>;
  start(): Promise<void>;
  kill(): Promise<void>;
  pause(): void;
  resume(): void;
  /** CONFIG SET on every node (a restarted node forgets what was not in its config file). */
  configSet(name: string, value: string): Promise<void>;
  destroy(): Promise<void>;
}

function serversOf(nodes: RedisServerHandle[], target: Servers['target'], destroy: () => Promise<void>): Servers {
  return {
    target,
    stop: async () => void (await Promise.all(nodes.map((n) => n.stop()))),
    start: async () => void (await Promise.all(nodes.map((n) => n.start()))),
    kill: async () => void (await Promise.all(nodes.map((n) => n.kill()))),
    pause: () => {
      for (const n of nodes) n.pause();
    },
    resume: () => {
      for (const n of nodes) n.resume();
    },
    configSet: async (name, value) => {
      await Promise.all(
        nodes.map(async (n) => {
          const connection = new Redis(n.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
          try {
            await connection.connect();
            await connection.config('SET', name, value);
          } finally {
            connection.disconnect();
          }
        }),
      );
    },
    destroy,
  };
}

async function startServers(): Promise<Servers> {
  if (inject('redisClusterNodes')) {
    const cluster = await startRedisCluster({ masters: 3, appendonly: true });
    return serversOf(cluster.masters, { redisClusterNodes: cluster.nodes }, () => cluster.destroy());
  }
  const server = await startRedisServer({ appendonly: true });
  return serversOf([server], { redisUrl: server.url }, () => server.destroy());
}

let redis: Servers;
let svc: TestService;

describe('Redis outages', () => {
  beforeAll(async () => {
    redis = await startServers();
    svc = await startTestService({ ...redis.target, redisCommandTimeoutMs: COMMAND_TIMEOUT_MS });
  });
  afterAll(async () => {
    await svc?.close();
    await redis?.destroy();
  });

  /** The call, and how long it took. */
  async function timed(call: Promise<TestResponse>): Promise<TestResponse & { ms: number }> {
    const started = performance.now();
    const res = await call;
    return { ...res, ms: performance.now() - started };
  }

  function expectUnavailable(res: TestResponse & { ms: number }, what: string) {
    expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'STORE_UNAVAILABLE', requestId: res.headers.get('x-request-id') });
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.ms, what).toBeLessThan(FAST_MS);
  }

  async function expectEveryRouteUnavailable(t: number, order: Order, keys: { cached: string; cold: string }) {
    const calls: [string, Promise<TestResponse>][] = [
      ['POST order', svc.call('POST', `/${t}/order`, makeOrder(t))],
      ['GET order', svc.call('GET', `/${t}/order/${order.orderId}`)],
      ['DELETE order', svc.call('DELETE', `/${t}/order/byid/${order.orderId}`)],
      ['PUT orders', svc.call('PUT', `/${t}/orders`, [makeOrder(t)])],
      ['GET origins', svc.call('GET', `/${t}/stock-origins`)],
      ['GET article', svc.call('GET', `/${t}/articles/${order.lines[0]!.artGuid}`)],
      ['GET config', svc.call('GET', `/${t}/config`)],
      ['reconcile', svc.call('POST', '/admin/reconcile', { tenantId: t })],
      // A tenant key this replica knows, and one it must look up: 503, never 401.
      ['cached key', svc.call('GET', `/${t}/stock-origins`, undefined, { key: keys.cached })],
      ['cold key', svc.call('GET', `/${t}/stock-origins`, undefined, { key: keys.cold })],
    ];
    for (const [what, call] of calls) expectUnavailable(await timed(call), what);
  }

  it('answers 503 fast while Redis is stopped, says so in /ready, and recovers by itself', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    expect((await svc.call('POST', `/${t}/order`, order)).status).toBe(200);
    const cached = (await svc.call('POST', `/admin/tenants/${t}/api-keys`)).body.key;
    const cold = (await svc.call('POST', `/admin/tenants/${t}/api-keys`)).body.key;
    expect((await svc.call('GET', `/${t}/stock-origins`, undefined, { key: cached })).status).toBe(200);

    await redis.stop();
    await expectEveryRouteUnavailable(t, order, { cached, cold });

    // Many at once: nothing queues up behind a dead connection.
    const burst = await timed(
      Promise.all(Array.from({ length: 200 }, () => svc.call('GET', `/${t}/order/${order.orderId}`))).then((all) => all[0]!),
    );
    expect(burst.ms).toBeLessThan(FAST_MS + 2_000);

    const ready = await timed(svc.call('GET', '/ready', undefined, { key: null }));
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, redis: 'down' });
    const metrics = await svc.call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(Number(/^reservoir_redis_errors_total\{kind="command"\} (\d+)/m.exec(metrics.body)?.[1])).toBeGreaterThan(0);
    expect(metrics.body).toMatch(/reservoir_http_requests_total\{method="GET",route="\/:tenantId\/order\/:orderId",status="503"\} \d+/);

    await redis.start();
    await eventually(async () => expect((await svc.call('GET', '/ready', undefined, { key: null })).status).toBe(200), 15_000);
    expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    expect((await svc.call('GET', `/${t}/stock-origins`, undefined, { key: cold })).status).toBe(200);
    expect((await svc.call('POST', `/${t}/order`, makeOrder(t), { key: cached })).status).toBe(200);
  });

  it('times out within the command timeout when Redis hangs, then recovers', async () => {
    const t = newTenantId();
    const order = makeOrder(t);
    await svc.call('POST', `/${t}/order`, order);
    redis.pause();
    try {
      const results = await Promise.all([
        timed(svc.call('GET', `/${t}/order/${order.orderId}`)),
        timed(svc.call('POST', `/${t}/order`, makeOrder(t))),
        timed(svc.call('GET', `/${t}/stock-origins`)),
      ]);
      for (const res of results) expectUnavailable(res, 'hung Redis');
      const ready = await timed(svc.call('GET', '/ready', undefined, { key: null }));
      expect(ready.status).toBe(503);
      expect(ready.ms).toBeLessThan(FAST_MS);
    } finally {
      redis.resume();
    }
    await eventually(async () => expect((await svc.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(200), 15_000);
  });

  it('loses no acknowledged write when Redis is killed mid-traffic (AOF, appendfsync always)', async () => {
    // With `everysec`, Redis answers before writing its AOF whenever the disk lags behind its
    // fsync (up to 2 s): a crash then loses what it answered meanwhile. `always` never does.
    await redis.configSet('appendfsync', 'always');
    const t = newTenantId();
    const acknowledged = new Map<string, Order>();
    const attempted = new Map<string, Order>();
    const arts = [newGuid(), newGuid(), newGuid()];
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const order = makeOrder(t, {
          lines: [{ code: `O${attempted.size % 4}`, artGuid: arts[attempted.size % 3]!, qty: 1 + (attempted.size % 5) }],
        });
        attempted.set(order.orderId, order);
        const res = await svc.call('POST', `/${t}/order`, order);
        if (res.status === 200) acknowledged.set(order.orderId, order);
        else {
          expect(res.status).toBe(503);
          await sleep(20);
        }
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    await eventually(() => expect(acknowledged.size).toBeGreaterThan(60), 15_000, 10);
    await redis.kill();
    const ackedBeforeKill = acknowledged.size;
    await sleep(300);
    await redis.start();
    await eventually(async () => expect((await svc.call('GET', '/ready', undefined, { key: null })).status).toBe(200), 15_000);
    // The setting was not in the config file: the restarted server needs it again (once the
    // test's own connection is back, which may be after the service's).
    await eventually(() => redis.configSet('appendfsync', 'always'), 15_000);
    await sleep(200);
    stop = true;
    await Promise.all(writers);
    expect(ackedBeforeKill).toBeGreaterThan(60);

    // Every acknowledged order is there; an unacknowledged one may be (its reply was lost).
    const stored: Order[] = [];
    for (const order of attempted.values()) {
      const res = await svc.call('GET', `/${t}/order/${order.orderId}`);
      if (acknowledged.has(order.orderId)) expect(res.status, order.orderId).toBe(200);
      if (res.status === 200) {
        expect(res.body).toEqual(order);
        stored.push(order);
      }
    }
    // And the reservation figures are exactly what the stored orders add up to.
    const expected = computeReservations(stored);
    for (const [code, origin] of expected.origins)
      expect((await svc.call('GET', `/${t}/stock-origins/${code}`)).body).toEqual(withoutCapacity(origin));
    expect((await svc.call('POST', '/admin/reconcile', { tenantId: t, dryRun: true })).body.tenants[0]).toMatchObject({
      status: 'consistent',
      ordersChecked: stored.length,
    });
  });
});

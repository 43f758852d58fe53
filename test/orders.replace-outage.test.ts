/**
 * Redis killed (SIGKILL) part-way through a large PUT /{tenantId}/orders: the PUT fails with 503,
 * and once Redis is back from its AOF the tenant shows the old set or the new one, complete, with
 * exact figures; never a mix. The test kills a redis-server of its own, or in the `cluster`
 * project every master of a Redis Cluster of its own (AOF on each).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { figuresOf, type ModelOrder } from './support/figures-model.js';
import { eventually, newGuid, newTenantId, startTestService, type TestResponse, type TestService } from './support/harness.js';
import { expectFigures } from './support/model-check.js';
import { getFreePort, startRedisCluster, startRedisServer, type RedisServerHandle } from './support/servers.js';

/** The tenant lease of a PUT that died with Redis runs out after this. */
const LOCK_TTL_MS = 2000;
/** The Redis under the service: one redis-server, or every master of a Cluster, killed and started as one. */
let redis: { kill(): Promise<void>; start(): Promise<void>; destroy(): Promise<void> };
let svc: TestService;
/** Watch Redis from outside the service: one connection per server. */
let probes: Redis[];

beforeAll(async () => {
  let nodes: RedisServerHandle[];
  let target: { redisUrl?: string; redisClusterNodes?: string };
  let destroy: () => Promise<void>;
  if (inject('redisClusterNodes')) {
    const cluster = await startRedisCluster({ masters: 3, appendonly: true });
    [nodes, target, destroy] = [cluster.masters, { redisClusterNodes: cluster.nodes }, () => cluster.destroy()];
  } else {
    const server = await startRedisServer({ appendonly: true });
    [nodes, target, destroy] = [[server], { redisUrl: server.url }, () => server.destroy()];
  }
  redis = {
    kill: async () => void (await Promise.all(nodes.map((n) => n.kill()))),
    start: async () => void (await Promise.all(nodes.map((n) => n.start()))),
    destroy,
  };
  // MongoDB unreachable: the PUT's archive part fails fast ("pending"); FerretDB would take minutes
  // over thousands of orders, and the archive is not what this test is about.
  const closedPort = await getFreePort();
  svc = await startTestService({
    ...target,
    mongoUrl: `mongodb://127.0.0.1:${closedPort}/unreachable`,
    redisCommandTimeoutMs: 500,
    lockTtlMs: LOCK_TTL_MS,
  });
  probes = nodes.map((n) => {
    const probe = new Redis(n.url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 100 });
    probe.on('error', () => {});
    return probe;
  });
  await Promise.all(probes.map((p) => p.connect()));
});
afterAll(async () => {
  for (const probe of probes ?? []) probe.disconnect();
  await svc?.close();
  await redis?.destroy();
});

/** CONFIG SET on every server (a restarted one forgets what was not in its config file). */
async function configSet(name: string, value: string): Promise<void> {
  await Promise.all(probes.map((p) => p.config('SET', name, value)));
}

const CODES = ['K1', 'K2', 'K3', 'K4'];
const ARTICLES = [newGuid(), newGuid(), newGuid(), newGuid(), newGuid()];

function setOf(t: number, count: number, seed: number, ids: string[] = []): ModelOrder[] {
  return Array.from({ length: count }, (_, i) => ({
    orderId: ids[i] ?? newGuid(),
    tenantId: t,
    lastUpdated: new Date(Date.UTC(2025, 0, 1) + seed * 1000).toISOString(),
    type: 'Order' as const,
    lines: [0, 1, 2].map((j) => ({ code: CODES[(i + j + seed) % 4]!, artGuid: ARTICLES[(i * 3 + j) % 5]!, qty: 1 + ((i + j * seed) % 9) })),
  }));
}

/** Redis' memory, over every server (the tenant's lives on one of them). */
async function usedMemory(): Promise<number> {
  const used = await Promise.all(probes.map(async (p) => Number(/used_memory:(\d+)/.exec(await p.info('memory'))![1])));
  return used.reduce((a, b) => a + b, 0);
}

/**
 * The call, asked again while it answers 503 where Redis is up (before the kill, after the
 * restart): with the 500 ms command timeout, a loaded two-core machine answers some calls 503.
 * A write asked again is a redefinition of what may have been written: it answers 200 either way.
 */
async function settled(method: string, path: string, body?: unknown): Promise<TestResponse> {
  return eventually(
    async () => {
      const res = await svc.call(method, path, body);
      expect(res.status, JSON.stringify(res.body)).not.toBe(503);
      return res;
    },
    20_000,
    50,
  );
}

/**
 * The tenant shows exactly one of the two sets, complete: every figure is that set's (a missing or
 * extra order moves its origins' order counts), and so is every order of the old set and one in
 * five of the new one.
 */
async function expectOneSet(t: number, before: ModelOrder[], after: ModelOrder[]): Promise<'old' | 'new'> {
  const afterIds = new Set(after.map((o) => o.orderId));
  const marker = before.find((o) => !afterIds.has(o.orderId))!;
  const which = (await settled('GET', `/${t}/order/${marker.orderId}`)).status === 200 ? 'old' : 'new';
  const shown = which === 'old' ? before : after;
  const byId = new Map(shown.map((o) => [o.orderId, o]));
  const all = [...new Set([...before, ...after.filter((_, i) => i % 5 === 0)].map((o) => o.orderId))];
  const wrong: string[] = [];
  for (let i = 0; i < all.length; i += 200) {
    await Promise.all(
      all.slice(i, i + 200).map(async (id) => {
        const res = await settled('GET', `/${t}/order/${id}`);
        const expected = byId.get(id);
        const ok = expected
          ? res.status === 200 && JSON.stringify(res.body) === JSON.stringify({ tenantId: t, ...stored(expected) })
          : res.status === 404;
        if (!ok) wrong.push(`${id}: ${res.status}, the ${which} set has it ${expected ? 'as sent' : 'not'}`);
      }),
    );
  }
  expect(wrong.slice(0, 10), `${wrong.length} orders differ from the ${which} set`).toEqual([]);
  await expectFigures({ call: settled }, t, figuresOf(shown), { codes: CODES, articles: ARTICLES }, `the ${which} set:`);
  return which;
}

/** The order as served, fields in the order the service writes them (for a cheap comparison). */
const stored = ({ tenantId: _, ...order }: ModelOrder) => order;

async function waitReady() {
  await eventually(async () => expect((await svc.call('GET', '/ready', undefined, { key: null })).status).toBe(200), 20_000, 100);
  // A restarted server does not keep settings made with CONFIG SET. The test's own connection
  // reconnects on its own schedule (every 100 ms), maybe after the service's.
  await eventually(() => configSet('appendfsync', 'always'), 20_000, 100);
}

/** A tenant with its old set stored (acknowledged, on disk) and the large new set to PUT. */
async function tenantWithSets() {
  const t = newTenantId();
  const before = setOf(t, 300, 1);
  for (let i = 0; i < before.length; i += 50) {
    await Promise.all(before.slice(i, i + 50).map(async (order) => expect((await settled('POST', `/${t}/order`, order)).status).toBe(200)));
  }
  // 100 of the old ids kept (redefined), 200 dropped, 4,900 new.
  const after = setOf(
    t,
    5000,
    2,
    before.slice(0, 100).map((o) => o.orderId),
  );
  return { t, before, after };
}

/** Resolves once Redis has taken in part of the new set (the staged orders raise its memory). */
async function partWayThrough(baseline: number) {
  await eventually(async () => expect(await usedMemory()).toBeGreaterThan(baseline + 600_000), 60_000, 1);
}

function expectUnavailable(res: TestResponse) {
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(res.body.error.code).toBe('STORE_UNAVAILABLE');
}

describe('Redis killed during a large replacement', () => {
  beforeAll(async () => {
    // Every acknowledged write on disk before it is answered: a kill loses nothing acknowledged.
    await configSet('appendfsync', 'always');
  });

  it('part-way through staging, down until the PUT answers: 503, and the old set whole after restart', { timeout: 60_000 }, async () => {
    const { t, before, after } = await tenantWithSets();
    const baseline = await usedMemory();
    const put = svc.call('PUT', `/${t}/orders`, after);
    await partWayThrough(baseline);
    await redis.kill();
    expectUnavailable(await put);
    await redis.start();
    await waitReady();
    expect(await expectOneSet(t, before, after)).toBe('old');
  });

  it('part-way through staging, restarted at once: whatever the PUT answers, one set, whole', { timeout: 60_000 }, async () => {
    const { t, before, after } = await tenantWithSets();
    const baseline = await usedMemory();
    const put = svc.call('PUT', `/${t}/orders`, after);
    await partWayThrough(baseline);
    await redis.kill();
    await redis.start();
    const res = await put;
    await waitReady();
    const shown = await expectOneSet(t, before, after);
    // The client retrying the PUT it saw fail is the only one that may now see the old set.
    if (res.status === 200) {
      expect(res.body).toMatchObject({ orderCount: 5000, removedCount: 200 });
      expect(shown).toBe('new');
    } else {
      expectUnavailable(res);
    }
  });

  it('right after the switch: Redis comes back with the new set, whole, whatever the PUT answers', { timeout: 60_000 }, async () => {
    const { t, before, after } = await tenantWithSets();
    const newcomer = after[after.length - 1]!.orderId;
    const put = svc.call('PUT', `/${t}/orders`, after);
    // The switch is visible to readers: kill then (the PUT goes on to the archive and its lease).
    await eventually(async () => expect((await svc.call('GET', `/${t}/order/${newcomer}`)).status).toBe(200), 60_000, 1);
    await redis.kill();
    // The set is switched: the PUT says so ("pending": its archive part could not be done), or
    // fails on what it does after the switch (503).
    const res = await put;
    if (res.status === 200) expect(res.body).toEqual({ orderCount: 5000, removedCount: 200, archive: 'pending' });
    else expectUnavailable(res);
    await redis.start();
    await waitReady();
    expect(await expectOneSet(t, before, after)).toBe('new');
  });
});

/**
 * Redis killed (SIGKILL) part-way through a large PUT /{tenantId}/orders: the PUT fails with 503,
 * and once Redis is back from its AOF the tenant shows the old set or the new one, complete, with
 * exact figures; never a mix. The test kills a redis-server of its own (vitest.config.ts
 * SINGLE_ONLY: on the test Cluster, which has no persistence, nothing would come back).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresOf, type ModelOrder } from './support/figures-model.js';
import { eventually, newGuid, newTenantId, startTestService, type TestResponse, type TestService } from './support/harness.js';
import { expectFigures } from './support/model-check.js';
import { getFreePort, startRedisServer, type RedisServerHandle } from './support/servers.js';

/** The tenant lease of a PUT that died with Redis runs out after this. */
const LOCK_TTL_MS = 2000;
let redis: RedisServerHandle;
let svc: TestService;
/** Watches Redis from outside the service. */
let probe: Redis;

beforeAll(async () => {
  redis = await startRedisServer({ appendonly: true });
  // MongoDB unreachable: the PUT's archive part fails fast ("pending"); FerretDB would take minutes
  // over thousands of orders, and the archive is not what this test is about.
  const closedPort = await getFreePort();
  svc = await startTestService({ redisUrl: redis.url, mongoUrl: `mongodb://127.0.0.1:${closedPort}/unreachable`, redisCommandTimeoutMs: 500, lockTtlMs: LOCK_TTL_MS });
  probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 100 });
  probe.on('error', () => {});
  await probe.connect();
});
afterAll(async () => {
  probe?.disconnect();
  await svc?.close();
  await redis?.destroy();
});

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

async function usedMemory(): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await probe.info('memory'))![1]);
}

/** Every order of both sets read back: exactly one of the two sets, complete, with its figures. */
async function expectOneSet(t: number, before: ModelOrder[], after: ModelOrder[]): Promise<'old' | 'new'> {
  const afterIds = new Set(after.map((o) => o.orderId));
  const marker = before.find((o) => !afterIds.has(o.orderId))!;
  const which = (await svc.call('GET', `/${t}/order/${marker.orderId}`)).status === 200 ? 'old' : 'new';
  const shown = which === 'old' ? before : after;
  const byId = new Map(shown.map((o) => [o.orderId, o]));
  const all = [...new Set([...before, ...after].map((o) => o.orderId))];
  const wrong: string[] = [];
  for (let i = 0; i < all.length; i += 200) {
    await Promise.all(
      all.slice(i, i + 200).map(async (id) => {
        const res = await svc.call('GET', `/${t}/order/${id}`);
        const expected = byId.get(id);
        const ok = expected ? res.status === 200 && JSON.stringify(res.body) === JSON.stringify({ tenantId: t, ...stored(expected) }) : res.status === 404;
        if (!ok) wrong.push(`${id}: ${res.status}, the ${which} set has it ${expected ? 'as sent' : 'not'}`);
      }),
    );
  }
  expect(wrong.slice(0, 10), `${wrong.length} orders differ from the ${which} set`).toEqual([]);
  await expectFigures(svc, t, figuresOf(shown), { codes: CODES, articles: ARTICLES }, `the ${which} set:`);
  return which;
}

/** The order as served, fields in the order the service writes them (for a cheap comparison). */
const stored = ({ tenantId: _, ...order }: ModelOrder) => order;

async function waitReady() {
  await eventually(async () => expect((await svc.call('GET', '/ready', undefined, { key: null })).status).toBe(200), 20_000, 100);
  // A restarted server does not keep settings made with CONFIG SET.
  await probe.config('SET', 'appendfsync', 'always');
}

describe('Redis killed part-way through a large replacement', () => {
  beforeAll(async () => {
    // Every acknowledged write on disk before it is answered: a kill loses nothing acknowledged.
    await probe.config('SET', 'appendfsync', 'always');
  });

  it('fails the PUT, and Redis comes back with the old set, whole', { timeout: 120_000 }, async () => {
    const t = newTenantId();
    const before = setOf(t, 300, 1);
    for (const order of before) expect((await svc.call('POST', `/${t}/order`, order)).status).toBe(200);
    const after = setOf(t, 10_000, 2, before.slice(0, 100).map((o) => o.orderId));
    const baseline = await usedMemory();

    // Kill once Redis has taken in part of the new set (the staged orders raise its memory).
    let put: Promise<TestResponse> | undefined;
    let killedAt = 0;
    put = svc.call('PUT', `/${t}/orders`, after);
    await eventually(async () => expect(await usedMemory()).toBeGreaterThan(baseline + 1_000_000), 60_000, 2);
    killedAt = (await usedMemory()) - baseline;
    await redis.kill();
    const res = await put;
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.error.code).toBe('STORE_UNAVAILABLE');

    await redis.start();
    await waitReady();
    expect(killedAt).toBeGreaterThan(0);
    expect(await expectOneSet(t, before, after)).toBe('old');

    // And the same PUT, tried again, takes.
    // (once the lease the killed PUT could not release has run out)
    const again = await svc.call('PUT', `/${t}/orders`, after);
    expect(again.body).toMatchObject({ orderCount: 10_000, removedCount: 200 });
    expect(await expectOneSet(t, before, after)).toBe('new');
  });
});

/**
 * Many clients write one tenant at once, through several service instances (in this process, then
 * as separate server processes), and every answer, every order and every reservation figure is
 * what a client-side model says it must be: the model knows from the acknowledged answers what
 * each order is, because each order id has one operation in flight at a time (ids are written
 * concurrently with each other). A wrong winner (a stale write accepted, a delete lost, an answer
 * that does not match what was stored) shows as a difference from the model, not only wrong sums.
 * The order indexes and counters the same scripts keep are checked too: the summary and every
 * filtered listing match the model, and the self-check finds no drift.
 *
 * The operations are drawn from a seeded generator: the seed is printed when the test fails, and
 * TEST_SEED=<seed> replays the same operations (the interleaving differs, the outcome may not).
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TenantModel, type ExpectedAnswer, type ModelOrder } from './support/figures-model.js';
import { newTenantId, startTestService, withDatabase, type TestResponse, type TestService } from './support/harness.js';
import { codePath, expectFigures, expectIndexes, expectNoDrift, expectOrder, type ApiCaller } from './support/model-check.js';
import { prng, testSeed, type Prng } from './support/prng.js';
import { startReplicas, type ReplicaSet } from './support/replicas.js';
import { startRedisCluster, startRedisServer, type RedisClusterHandle, type RedisServerHandle } from './support/servers.js';

const SEED = testSeed();

const ORDER_IDS = 40;
const PHASES = 3;
const OPS_PER_ID_AND_PHASE = 6;
/** Codes that need percent-encoding in a path, or look like patterns, are data like the others. */
const CODES = ['FRA:MAG:0001', 'FRA:MAG:0002', 'BEL/ENT:0003', 'ESP TDA 0004', '*'];
const TYPES = ['Order', 'Cart', 'ExternalOrder'] as const;
const BASE_TIME = Date.UTC(2025, 0, 1);

interface Tally {
  created: number;
  redefined: number;
  stale: number;
  deleted: number;
  deleteMissed: number;
  shipped: number;
  reads: number;
  replaced: number;
}

/** What one operation was answered, against what the model expected; null when they agree. */
function compare(what: string, res: TestResponse, expected: ExpectedAnswer): string | null {
  if (expected.status === 409) {
    if (res.status === 409 && res.body?.error?.code === 'STALE_WRITE') return null;
  } else if (res.status === 200 && res.body === expected.body) {
    return null;
  }
  return `${what}: answered ${res.status} ${JSON.stringify(res.body)}, the model expected ${JSON.stringify(expected)}`;
}

/** The same object with its keys in order, to compare two orders' JSON whatever the key order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * Runs the scenario on a new tenant through `apis` (each operation through one drawn at random),
 * and checks every answer, order and figure against the model. Answers how often each outcome came.
 */
async function writeAndCheck(apis: ApiCaller[], seed: number): Promise<Tally> {
  const rand = prng(seed);
  const t = newTenantId();
  const ids = Array.from({ length: ORDER_IDS }, () => rand.guid());
  const articles = Array.from({ length: 6 }, () => rand.guid());
  const model = new TenantModel(t);
  // Each id's own clock for lastUpdated: mostly forward, sometimes equal, sometimes backward.
  const clockOf = new Map(ids.map((id) => [id, BASE_TIME + rand.int(0, 100) * 1000]));
  const mismatches: string[] = [];
  const tally: Tally = { created: 0, redefined: 0, stale: 0, deleted: 0, deleteMissed: 0, shipped: 0, reads: 0, replaced: 0 };

  const randomLines = (r: Prng) =>
    Array.from({ length: r.int(1, 4) }, () => ({ code: r.pick(CODES), artGuid: r.pick(articles), qty: r.int(1, 50) }));
  const newOrder = (r: Prng, orderId: string, lastUpdated: number): ModelOrder => ({
    orderId,
    tenantId: t,
    lastUpdated: new Date(lastUpdated).toISOString(),
    ...(r.chance(0.2) ? { expiresAt: '2099-01-01T00:00:00.000Z' } : {}),
    type: r.pick(TYPES),
    lines: randomLines(r),
  });

  /** One operation on `id`, its answer checked against the model (writes to one id never overlap). */
  const operate = async (r: Prng, id: string): Promise<string | null> => {
    const api = r.pick(apis);
    const now = Date.now();
    const roll = r.next();
    if (roll < 0.5) {
      const clock = clockOf.get(id)!;
      const step = r.next();
      const lastUpdated = step < 0.7 ? clock + r.int(1, 3) * 1000 : step < 0.8 ? clock : clock - r.int(1, 5) * 1000;
      if (lastUpdated > clock) clockOf.set(id, lastUpdated);
      const order = newOrder(r, id, lastUpdated);
      const expected = model.upsert(order, now);
      const res = await api.call('POST', `/${t}/order`, order);
      if (expected.status === 409) tally.stale++;
      else if (expected.body) tally.created++;
      else tally.redefined++;
      return compare(`POST ${id} lastUpdated ${order.lastUpdated}`, res, expected);
    }
    if (roll < 0.7) {
      // Mostly an origin the order has (a shipment), sometimes one it has not.
      const current = model.get(id, now);
      const code = current && r.chance(0.75) ? r.pick(current.lines).code : r.pick(CODES);
      const expected = model.deleteLinesAt(id, code, now);
      tally.shipped++;
      return compare(`DELETE ${id} at ${code}`, await api.call('DELETE', `/${t}/order/byid/${id}/code/${codePath(code)}`), expected);
    }
    if (roll < 0.85) {
      const expected = model.delete(id, now);
      if (expected.status === 200 && expected.body) tally.deleted++;
      else tally.deleteMissed++;
      return compare(`DELETE ${id}`, await api.call('DELETE', `/${t}/order/byid/${id}`), expected);
    }
    tally.reads++;
    const expected = model.get(id, now);
    const res = await api.call('GET', `/${t}/order/${id}`);
    const same =
      expected === undefined
        ? res.status === 404
        : res.status === 200 && JSON.stringify(sortKeys(res.body)) === JSON.stringify(sortKeys(expected));
    return same ? null : `GET ${id}: answered ${res.status} ${JSON.stringify(res.body)}, the model has ${JSON.stringify(expected)}`;
  };

  for (let phase = 0; phase < PHASES; phase++) {
    if (phase > 0) {
      // A whole-set replacement while no write is in flight: some ids kept, some new, some
      // dropped; lastUpdated earlier than what is stored on some (a replacement is the whole truth).
      const set = ids.filter(() => rand.chance(0.5)).map((id) => newOrder(rand, id, clockOf.get(id)! + rand.int(-5, 5) * 1000));
      const expected = model.replaceAll(set, Date.now());
      const res = await rand.pick(apis).call('PUT', `/${t}/orders`, set);
      tally.replaced++;
      if (res.status !== 200 || res.body.orderCount !== expected.orderCount || res.body.removedCount !== expected.removedCount) {
        mismatches.push(
          `PUT of ${set.length} orders: answered ${res.status} ${JSON.stringify(res.body)}, the model expected ${JSON.stringify(expected)}`,
        );
      }
    }
    // Every id at once, each id's operations one after the other; each id draws from a generator
    // of its own, so the operations do not depend on the interleaving.
    await Promise.all(
      ids.map(async (id, lane) => {
        const r = prng((seed ^ Math.imul(lane + 1, 0x9e3779b1) ^ Math.imul(phase + 1, 0x85ebca6b)) >>> 0);
        for (let op = 0; op < OPS_PER_ID_AND_PHASE; op++) {
          const mismatch = await operate(r, id);
          if (mismatch) mismatches.push(mismatch);
        }
      }),
    );
  }

  expect(mismatches, 'answers that differ from the model').toEqual([]);
  const now = Date.now();
  for (const [i, id] of ids.entries()) await expectOrder(apis[i % apis.length]!, t, id, model.get(id, now));
  const figures = model.figures(now);
  for (const [i, api] of apis.entries()) await expectFigures(api, t, figures, { codes: CODES, articles }, `through instance ${i}:`);
  // The indexes and counters kept by the same scripts: the summary, each filtered listing, the self-check.
  await expectIndexes(apis[0]!, t, model.liveOrders(now), now, { codes: CODES, articles });
  await expectNoDrift(apis[apis.length - 1]!, t);
  return tally;
}

/** The scenario reached every outcome it is meant to check. */
function expectExercised(tally: Tally) {
  expect(tally.created).toBeGreaterThan(20);
  expect(tally.redefined).toBeGreaterThan(20);
  expect(tally.stale).toBeGreaterThan(5);
  expect(tally.deleted).toBeGreaterThan(5);
  expect(tally.deleteMissed).toBeGreaterThan(5);
  expect(tally.shipped).toBeGreaterThan(20);
  expect(tally.replaced).toBe(PHASES - 1);
}

describe('concurrent writes through several in-process instances', () => {
  let instances: TestService[];
  beforeAll(async () => {
    instances = await Promise.all([startTestService(), startTestService(), startTestService()]);
  });
  afterAll(() => Promise.all(instances.map((s) => s.close())));

  it('answer, store and count exactly what the client-side model says', async ({ onTestFailed }) => {
    onTestFailed(() => console.error(`reservations.concurrency (in-process): replay with TEST_SEED=${SEED}`));
    expectExercised(await writeAndCheck(instances, SEED));
  });
});

describe('concurrent writes through several service processes', () => {
  let redisServer: RedisServerHandle | undefined;
  let redisCluster: RedisClusterHandle | undefined;
  let set: ReplicaSet;
  let mongoUrl: string;
  beforeAll(async () => {
    // A Redis of their own: the replicas' expiry sweeper and restore check work on every tenant
    // of their Redis, and must not touch those of tests that drive a clock of their own.
    if (inject('redisClusterNodes')) redisCluster = await startRedisCluster();
    else redisServer = await startRedisServer({ appendonly: false });
    mongoUrl = withDatabase(inject('mongoUrl'), `reservoir_concurrency_${randomUUID().slice(0, 8)}`);
    set = await startReplicas(3, {
      redis: redisCluster ? { redisClusterNodes: redisCluster.nodes } : { redisUrl: redisServer!.url },
      mongoUrl,
    });
  }, 200_000);
  afterAll(async () => {
    await set?.close();
    const client = new MongoClient(mongoUrl);
    await client
      .db()
      .dropDatabase()
      .catch(() => {});
    await client.close();
    await redisServer?.destroy();
    await redisCluster?.destroy();
  });

  it('answer, store and count exactly what the client-side model says', { timeout: 60_000 }, async ({ onTestFailed }) => {
    onTestFailed(() => console.error(`reservations.concurrency (processes): replay with TEST_SEED=${SEED}`));
    expectExercised(await writeAndCheck(set.replicas, SEED));
  });
});

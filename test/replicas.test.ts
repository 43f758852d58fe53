/**
 * Several stateless replicas (real `src/server.ts` processes) on one Redis — or, in the `cluster`
 * project, one Redis Cluster — and one MongoDB: what one replica writes, the others serve; each
 * tenant is synced by one replica at a time; each expiry happens once; a replica killed mid-sync
 * loses nothing. The last test kills a replica: keep it last.
 *
 * The replicas get a Redis of their own: their sweeper and sync batch work on every tenant of
 * their Redis, and must not touch the tenants of tests that drive a clock of their own.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { computeReservations } from '../src/domain/reservation.js';
import type { Order } from '../src/domain/order.js';
import { tenantKeys } from '../src/repositories/keys.js';
import { archivedOrders, liveOrders } from './support/archive.js';
import { eventually, makeOrder, newGuid, newTenantId, sleep, startTestService, withDatabase, type TestService } from './support/harness.js';
import { startReplicas, type Replica, type ReplicaSet } from './support/replicas.js';
import { startRedisCluster, startRedisServer, type RedisClusterHandle, type RedisServerHandle } from './support/servers.js';

/** Lease of a replica's sync: long enough that a loaded machine asks another replica before a dead one's lapses. */
const LOCK_TTL_MS = 8000;

// Three processes, hundreds of orders, a MongoDB on SQLite: on a loaded two-core machine a test
// here can take a minute or more; each waits for conditions, not for fixed times.
vi.setConfig({ testTimeout: 180_000 });

let redisServer: RedisServerHandle | undefined;
let redisCluster: RedisClusterHandle | undefined;
let set: ReplicaSet;
let replicas: Replica[];
/** In-process view of the same Redis and MongoDB database, to look at what the replicas did. */
let observer: TestService;

beforeAll(async () => {
  const onCluster = Boolean(inject('redisClusterNodes'));
  if (onCluster) redisCluster = await startRedisCluster();
  else redisServer = await startRedisServer({ appendonly: false });
  const redis = redisCluster ? { redisClusterNodes: redisCluster.nodes } : { redisUrl: redisServer!.url };
  const mongoUrl = withDatabase(inject('mongoUrl'), `reservoir_replicas_${randomUUID().slice(0, 8)}`);
  set = await startReplicas(3, {
    redis,
    mongoUrl,
    env: { SYNC_LOCK_TTL_MS: String(LOCK_TTL_MS), EXPIRY_SWEEP_INTERVAL_MS: '200', SYNC_BATCH_SIZE: '50' },
  });
  replicas = set.replicas;
  observer = await startTestService({ ...redis, mongoUrl });
}, 400_000);

afterAll(async () => {
  await set?.close();
  await observer?.mongo.run((db) => db.dropDatabase()).catch(() => {});
  await observer?.close();
  await redisServer?.destroy();
  await redisCluster?.destroy();
});

/** Calls through replica i. */
const via = (i: number) => ({ call: (...args: Parameters<Replica['call']>) => replicas[i]!.call(...args) });
const [r0, r1, r2] = [via(0), via(1), via(2)];

/** Sync reports (startedAt, durationMs) of which no two ran at the same time. */
function expectNoOverlap(reports: { startedAt: string; durationMs: number }[]) {
  const spans = reports.map((r) => [Date.parse(r.startedAt), Date.parse(r.startedAt) + r.durationMs] as const).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++)
    expect(spans[i]![0], 'two syncs of one tenant ran at the same time').toBeGreaterThanOrEqual(spans[i - 1]![1]);
}

/** Posts the orders through the replicas in turn, a few at a time. */
async function postAll(orders: Order[]): Promise<void> {
  for (let i = 0; i < orders.length; i += 20) {
    await Promise.all(
      orders.slice(i, i + 20).map(async (o, j) => {
        const res = await replicas[(i + j) % replicas.length]!.call('POST', `/${o.tenantId}/order`, o);
        expect(res.status).toBeLessThan(300);
      }),
    );
  }
}

function spread(tenantId: number, count: number, overrides: Partial<Order> = {}): Order[] {
  const arts = [newGuid(), newGuid(), newGuid()];
  return Array.from({ length: count }, (_, i) =>
    makeOrder(tenantId, {
      lines: [
        { code: `C${i % 4}`, artGuid: arts[i % 3]!, qty: 1 + (i % 5) },
        { code: `C${(i + 1) % 4}`, artGuid: arts[(i + 1) % 3]!, qty: 2 },
      ],
      ...overrides,
    }),
  );
}

describe('several replicas on one Redis and one MongoDB', () => {
  it('serves through any replica what was written through another', async () => {
    const t = newTenantId();
    const art = newGuid();
    const order = makeOrder(t, {
      lines: [
        { code: 'W1', artGuid: art, qty: 3 },
        { code: 'W2', artGuid: art, qty: 1 },
      ],
    });
    expect((await r0.call('POST', `/${t}/order`, order)).status).toBeLessThan(300);
    for (const r of [r1, r2]) expect((await r.call('GET', `/${t}/order/${order.orderId}`)).body).toEqual(order);
    expect((await r2.call('GET', `/${t}/stock-origins/W1`)).body).toMatchObject({ reservedQty: 3, orderCount: 1 });

    await r1.call('DELETE', `/${t}/order/byid/${order.orderId}/code/W1`);
    expect((await r0.call('GET', `/${t}/order/${order.orderId}`)).body.lines).toEqual([order.lines[1]]);
    expect((await r2.call('GET', `/${t}/articles/${art}`)).body).toEqual({
      artGuid: art,
      reservedQty: 1,
      origins: [{ code: 'W2', qty: 1, capacity: null, saturation: null }],
    });

    const replacement = [makeOrder(t), makeOrder(t)];
    expect((await r2.call('PUT', `/${t}/orders`, replacement)).status).toBe(200);
    expect((await r0.call('GET', `/${t}/order/${order.orderId}`)).status).toBe(404);
    for (const o of replacement) expect((await r1.call('GET', `/${t}/order/${o.orderId}`)).body).toEqual(o);

    await r0.call('PUT', `/${t}/config`, { enableInternalOrderSync: false });
    expect((await r1.call('GET', `/${t}/config`)).body).toEqual({
      enableInternalOrderSync: false,
      saturationThresholds: [0.8, 1],
      reservationPolicy: 'always',
      defaultHoldSeconds: {},
    });
  });

  it('syncs a tenant through one replica at a time when all of them are asked at once', async () => {
    const t = newTenantId();
    await postAll(spread(t, 250));
    const askAll = () =>
      Promise.all(replicas.map(async (r) => (await r.call('POST', '/admin/sync', { tenantId: t, full: true })).body.tenants[0]));

    // While the tenant's lease is held (here by the observer, as by a replica mid-sync), every
    // replica asked leaves the tenant alone, however fast or slow this machine is.
    const lease = await observer.services.locks.tryAcquire(t);
    expect(lease).not.toBeNull();
    try {
      for (const report of await askAll())
        expect(report).toMatchObject({ status: 'skipped', reason: 'another replica is syncing this tenant' });
    } finally {
      await lease!.release();
    }
    expect(await archivedOrders(observer, t)).toEqual([]);

    // All at once: whoever takes the lease syncs; a replica that finds it taken skips. Two runs
    // that synced (the later one asked after the first had finished) never overlap in time.
    const reports = await askAll();
    const synced = reports.filter((r) => r.status === 'synced');
    expect(synced.length).toBeGreaterThanOrEqual(1);
    for (const s of synced) expect(s).toMatchObject({ ordersWritten: 250, ordersDeleted: 0 });
    for (const r of reports.filter((r) => r.status !== 'synced'))
      expect(r).toMatchObject({ status: 'skipped', reason: 'another replica is syncing this tenant' });
    expectNoOverlap(synced);
    expect(await archivedOrders(observer, t)).toEqual(await liveOrders(observer, t));
  });

  it('runs whole batches on every replica at once: no tenant left out, none failed, MongoDB mirrors Redis', async () => {
    const tenants = [newTenantId(), newTenantId(), newTenantId(), newTenantId()];
    for (const t of tenants) await postAll(spread(t, 25));
    // Every replica runs a whole batch (every tenant of the Redis) at the same time, as when the
    // sync cron fires on all of them; twice, with changes in between.
    for (let round = 0; round < 2; round++) {
      if (round === 1) await postAll(tenants.map((t) => makeOrder(t)));
      const runs = await Promise.all(replicas.map(async (r) => (await r.call('POST', '/admin/sync', {})).body));
      for (const t of tenants) {
        const reports = runs.map((run) => run.tenants.find((r: any) => r.tenantId === t));
        // Each replica either synced the tenant or found it leased by another one, which synced it.
        expect(reports.filter((r) => r.status === 'synced').length).toBeGreaterThanOrEqual(1);
        for (const r of reports.filter((r) => r.status !== 'synced')) {
          expect(r).toMatchObject({ status: 'skipped', reason: 'another replica is syncing this tenant' });
        }
      }
    }
    for (const t of tenants) expect(await archivedOrders(observer, t)).toEqual(await liveOrders(observer, t));
  });

  it('expires each cart once, whichever replica sweeps it', async () => {
    const t = newTenantId();
    const kept = spread(t, 5);
    // Long enough for the posts and the first sync to finish before it on a loaded machine (the
    // replicas run on the real clock); the sweep is then waited for.
    const expiresAt = Date.now() + 15_000;
    const carts = spread(t, 30, { type: 'Cart', expiresAt: new Date(expiresAt).toISOString() });
    await postAll([...kept, ...carts]);
    expect((await r0.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0]).toMatchObject({ status: 'synced', ordersWritten: 35 });
    expect(Date.now(), 'the carts expired before the first sync had written them').toBeLessThan(expiresAt);
    const keys = tenantKeys(t);
    const expiredBefore = (await Promise.all(replicas.map((r) => r.metric('reservoir_orders_expired_total')))).reduce((a, b) => a + b, 0);

    // Three sweepers, each every 200 ms, race for the same carts.
    const g = keys.generation((await observer.redis.get(keys.gen)) ?? '0');
    await eventually(
      async () => {
        expect(await observer.redis.zlexcount(g.index, '[x', '(y')).toBe(0);
        expect(await observer.redis.hlen(g.orders)).toBe(5);
      },
      60_000,
      250,
    );

    // Each removal is a change the next sync writes (the synced orders had none pending)...
    expect(await observer.redis.hlen(keys.dirty)).toBe(30);
    // ...was counted once, by whichever replica did it (a sweeper counts once its pass over every
    // tenant is done: waited for)...
    await eventually(
      async () => {
        const expiredAfter = (await Promise.all(replicas.map((r) => r.metric('reservoir_orders_expired_total')))).reduce(
          (a, b) => a + b,
          0,
        );
        expect(expiredAfter - expiredBefore).toBe(30);
      },
      20_000,
      100,
    );
    // ...and took away exactly that cart's reservations: what is left is what the kept orders reserve.
    const expected = computeReservations(kept);
    for (const r of replicas) {
      const list = (await r.call('GET', `/${t}/stock-origins`)).body;
      expect(list.total).toBe(expected.origins.size);
      for (const origin of list.origins) expect(origin.reservedQty).toBe(expected.origins.get(origin.code)!.reservedQty);
    }
    // The next sync deletes them from MongoDB, once.
    expect((await r1.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0]).toMatchObject({
      status: 'synced',
      ordersWritten: 0,
      ordersDeleted: 30,
    });
    expect(await archivedOrders(observer, t)).toEqual(await liveOrders(observer, t));
    expect(await archivedOrders(observer, t)).toHaveLength(5);
  });

  it('loses nothing when a replica is killed mid-sync: its lease expires and another replica finishes', async () => {
    const t = newTenantId();
    const orders = spread(t, 400);
    await postAll(orders);
    const victim = replicas[2]!;
    const keys = tenantKeys(t);

    // The victim starts the tenant's first (full) sync; kill it once some, not all, is written.
    const doomed = victim.call('POST', '/admin/sync', { tenantId: t }).catch((e: unknown) => e);
    let writtenAtKill = 0;
    await eventually(
      async () => {
        writtenAtKill = await observer.mongo.run((db) => db.collection('orders').countDocuments({ tenantId: t }));
        expect(writtenAtKill).toBeGreaterThan(0);
      },
      60_000,
      20,
    );
    await victim.kill();
    expect(await doomed).toBeInstanceOf(Error);
    expect(writtenAtKill).toBeLessThan(orders.length);
    expect(await observer.redis.exists(keys.syncLock)).toBe(1);

    // While the dead replica's lease lasts (LOCK_TTL_MS: room for a loaded machine to ask), nobody
    // else syncs the tenant...
    expect((await r0.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0]).toMatchObject({
      status: 'skipped',
      reason: 'another replica is syncing this tenant',
    });

    // Storefronts go on writing through the survivors meanwhile.
    const later = makeOrder(t, { lines: [{ code: 'LATE', artGuid: newGuid(), qty: 7 }] });
    await r0.call('POST', `/${t}/order`, later);
    await r1.call('DELETE', `/${t}/order/byid/${orders[0]!.orderId}`);
    // ...then it expires (nobody renews it) and a survivor finishes the job.
    await sleep(LOCK_TTL_MS);
    const report = await eventually(
      async () => {
        const r = (await r1.call('POST', '/admin/sync', { tenantId: t })).body.tenants[0];
        expect(r.status).toBe('synced');
        return r;
      },
      60_000,
      250,
    );
    expect(report.mode).toBe('full');
    const live = await liveOrders(observer, t);
    expect(live).toHaveLength(orders.length);
    expect(await archivedOrders(observer, t)).toEqual(live);
    expect((await r0.call('GET', `/${t}/sync`)).body).toMatchObject({ pendingChanges: 0, mirrored: true });
  });
});
